import { createHash } from 'node:crypto';
import * as assert from 'node:assert/strict';
import { generateChecklist, generateTestMatrix, matrixRows } from '../../language-server/generators/index.js';
import { inputFromFiles, specWithText } from './generator-support.js';

/** A spec string with everything that breaks naive output: HTML, a table pipe, a newline, quotes, commas. */
const HOSTILE = '<script>alert("x")</script> | a, b "quoted"\nsecond line @here [link](javascript:1) =1+1';
const IN_SPEC = HOSTILE.replace(/"/g, '\\"');

const SPEC = specWithText(IN_SPEC);

/** RFC 4180 records (enough of a parser to check the writer): quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
    const records: string[][] = [];
    let field = '';
    let record: string[] = [];
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (quoted) {
            if (char === '"' && text[i + 1] === '"') { field += '"'; i++; }
            else if (char === '"') quoted = false;
            else field += char;
        } else if (char === '"') quoted = true;
        else if (char === ',') { record.push(field); field = ''; }
        else if (char === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
        else field += char;
    }
    assert.equal(field, '', 'the file ends with CRLF');
    return records;
}

/** Table cells of a Markdown row, split on pipes that are not backslash-escaped. */
function markdownCells(line: string): string[] {
    return line.slice(1, -1).split(/(?<!\\)\|/);
}

describe('escaping hostile spec strings', () => {
    let input: Awaited<ReturnType<typeof inputFromFiles>>;
    before(async () => {
        input = await inputFromFiles({ 'spec.ispec': SPEC }, { structuralOnly: true });
        assert.deepEqual(input.findings.filter(f => f.severity === 'error'), []);
    });

    it('HTML: no markup from the spec gets through, in the matrix or the checklist', async () => {
        for (const html of [await generateTestMatrix(input, 'html'), await generateChecklist(input, 'Go', 'html')]) {
            assert.equal(html.match(/<script/g)?.length, 1, 'no script element but the page\'s own filter');
            assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
            assert.ok(!/\ssrc=/i.test(html) && !/href="(?!#)/i.test(html), 'no remote resources, links only within the page');
            const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
            const hash = createHash('sha256').update(script, 'utf8').digest('base64');
            assert.ok(html.includes(`script-src &#39;sha256-${hash}&#39;`), 'the policy allows exactly that script, by its hash');
            assert.ok(html.includes('Content-Security-Policy'));
        }
    });

    it('Markdown: each table row stays one row with the same cells, and nothing renders as HTML or a mention', async () => {
        for (const markdown of [await generateTestMatrix(input, 'markdown'), await generateChecklist(input, 'Go', 'markdown')]) {
            assert.ok(!markdown.includes('<script'), 'no raw HTML');
            assert.ok(!markdown.includes('@here'), 'no mention');
            assert.ok(!markdown.includes('[link]('), 'no link');
        }
        const table = (await generateTestMatrix(input, 'markdown')).split('\n').filter(line => line.startsWith('|'));
        const width = markdownCells(table[0]).length;
        for (const line of table) {
            assert.equal(markdownCells(line).length, width, line);
        }
        const downtime = table.find(line => line.includes('TM-Feed-North-ORU_R01-downtime'))!;
        assert.ok(downtime.includes('\\| a, b "quoted"<br>second line'), downtime);
    });

    it('CSV: a spreadsheet reads back the exact strings, and a leading = cannot run as a formula', async () => {
        const csv = await generateTestMatrix(input, 'csv');
        assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 byte-order mark');
        const records = parseCsv(csv.slice(1));
        const header = records[0];
        const rows = records.slice(1).map(record => Object.fromEntries(header.map((key, i) => [key, record[i]])));
        assert.equal(rows.length, [...matrixRows(input)].length);
        for (const record of records) {
            assert.equal(record.length, header.length);
        }
        const downtime = rows.find(row => row.id === 'TM-Feed-North-ORU_R01-downtime')!;
        assert.equal(downtime.expected, `${HOSTILE}; escalate to LabIT within 1h.`);
        assert.equal(downtime.evidence_required, HOSTILE);
        const formula = await inputFromFiles({ 'spec.ispec': SPEC.replace(`on downtime "${IN_SPEC}"`, 'on downtime "=HYPERLINK(1)"') });
        const formulaRow = parseCsv((await generateTestMatrix(formula, 'csv')).slice(1)).find(record => record[0] === 'TM-Feed-North-ORU_R01-downtime')!;
        assert.equal(formulaRow[header.indexOf('expected')], '\'=HYPERLINK(1); escalate to LabIT within 1h.');
    });

    it('JSON: strings round-trip exactly', async () => {
        const matrix = JSON.parse(await generateTestMatrix(input, 'json')) as { rows: Array<{ id: string, expected: string }> };
        assert.equal(matrix.rows.find(row => row.id === 'TM-Feed-North-ORU_R01-downtime')!.expected, `${HOSTILE}; escalate to LabIT within 1h.`);
        const checklist = JSON.parse(await generateChecklist(input, 'Go', 'json')) as { checklists: Array<{ title: string }> };
        assert.equal(checklist.checklists[0].title, HOSTILE);
    });
});
