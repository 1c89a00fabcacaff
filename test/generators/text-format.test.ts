import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createColors } from 'picocolors';
import {
    buildChecklists, displayWidth, generateChecklist, generateTestMatrix, matrixRows, MIN_TEXT_WIDTH, type GeneratorInput
} from '../../language-server/generators/index.js';
import { wrap } from '../../language-server/generators/formats/text-layout.js';
import { inputFromFiles, LAB_FIXTURE, loadInput, matchesGolden, REPO, specWithText } from './generator-support.js';

const LAB_NETWORK = path.join(REPO, 'examples/lab-network');

/** Colour codes (SGR), as picocolors writes them. */
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[\d+m/g;
// eslint-disable-next-line no-control-regex
const HAS_SGR = /\u001b\[\d+m/;

/** Lines wider than `width` terminal columns, with their number, for the failure message. */
function tooWide(text: string, width: number): string[] {
    return text.split('\n').map((line, index) => [index + 1, line] as const)
        .filter(([, line]) => displayWidth(line.replace(SGR, '')) > width)
        .map(([number, line]) => `${number}: ${line}`);
}

/** Markdown or HTML left in what should be plain text: backslash escapes, entities, tags, code spans, task boxes. */
function markup(text: string): string[] {
    return [/\\[_*`|[\]~#<>-]/, /&(?:lt|gt|amp|quot|#\d+);/, /<br>|<\/?[a-z]+>/, /`/, /^\s*- \[[ x]\]/m, /\*\*/, /^#+ /m]
        .filter(pattern => pattern.test(text)).map(String);
}

describe('generators: text format', () => {
    let lab: GeneratorInput;
    before(async () => {
        lab = await loadInput(LAB_NETWORK);
    });

    for (const width of [100, 72, MIN_TEXT_WIDTH]) {
        it(`lab-network at ${width} columns: every line fits, no Markdown escape or HTML entity is left`, async () => {
            for (const text of [await generateTestMatrix(lab, 'text', { width }), await generateChecklist(lab, undefined, 'text', { width })]) {
                assert.deepEqual(tooWide(text, width), []);
                assert.deepEqual(markup(text), []);
                assert.ok(!text.includes('ORU\\_R01') && !text.includes('&lt;'));
                assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
            }
        });
    }

    it('lab-network: the matrix names every test case and its fields; the checklists every gate, decision and item', async () => {
        const matrix = await generateTestMatrix(lab, 'text');
        const lines = new Set(matrix.split('\n'));
        const rows = [...matrixRows(lab)];
        assert.ok(rows.length > 100);
        for (const row of rows) {
            assert.ok(lines.has(row.id), `${row.id} is a line of its own`);
        }
        assert.equal(matrix.split('\n').filter(line => line.startsWith('  Expected result  ')).length, rows.length);
        assert.ok(matrix.includes('TM-LabResults-Riverside-ORU_R01-out-of-order\n  Riverside · ORU^R01 · out-of-order\n'));
        assert.match(matrix, new RegExp(`\n${rows.length} test cases for \\d+ interfaces; \\d+ unhandled; evidence: .*\\.\n$`));

        const checklist = await generateChecklist(lab, undefined, 'text');
        for (const gate of buildChecklists(lab)) {
            assert.ok(checklist.includes(`Go-live checklist: ${gate.gate}`), gate.gate);
            for (const item of gate.groups.flatMap(group => group.items)) {
                assert.ok(checklist.includes(`] ${item.id}\n`), item.id);
            }
        }
        assert.ok(checklist.includes('Decision: NO-GO\n'));
        assert.ok(checklist.includes('(host-query-latency p95 < 2s; failed-messages < 0.1%;'), 'comparisons read as written');
        assert.ok(checklist.includes('- 1 failed: TM-LabResults-Riverside-ORU_R01-out-of-order.\n'));
    });

    it('colour changes no character of the layout, and is only there when asked for', async () => {
        const plain = await generateChecklist(lab, 'RiversidePilot', 'text', { width: 80 });
        const coloured = await generateChecklist(lab, 'RiversidePilot', 'text', { width: 80, style: createColors(true) });
        assert.ok(!HAS_SGR.test(plain));
        assert.notEqual(coloured, plain);
        assert.equal(coloured.replace(SGR, ''), plain);
        assert.ok(coloured.includes('Decision: \u001b[31mNO-GO\u001b[39m'));
        const matrix = await generateTestMatrix(lab, 'text', { width: 80 });
        assert.equal((await generateTestMatrix(lab, 'text', { width: 80, style: createColors(true) })).replace(SGR, ''), matrix);
    });

    it('is deterministic for a width: two runs give the same bytes, another width another layout', async () => {
        const again = await loadInput(LAB_NETWORK);
        assert.equal(await generateTestMatrix(again, 'text', { width: 90 }), await generateTestMatrix(lab, 'text', { width: 90 }));
        assert.notEqual(await generateTestMatrix(lab, 'text', { width: 60 }), await generateTestMatrix(lab, 'text', { width: 90 }));
        // The default (a file, a pipe, the editor) is 100 columns; below the minimum, the minimum.
        assert.equal(await generateTestMatrix(lab, 'text'), await generateTestMatrix(lab, 'text', { width: 100 }));
        assert.equal(await generateTestMatrix(lab, 'text', { width: 12 }), await generateTestMatrix(lab, 'text', { width: MIN_TEXT_WIDTH }));
    });

    it('under 51 columns a row\'s labels stand above their values', async () => {
        const narrow = await generateTestMatrix(lab, 'text', { width: 50 });
        assert.match(narrow, /\n {2}Expected result\n {4}\S/);
        assert.match(await generateTestMatrix(lab, 'text', { width: 51 }), /\n {2}Expected result {2}\S/);
    });

    it('hostile spec text: controls and bidi characters visible, line breaks and markup printed as text, lines fit', async () => {
        const text = '<b>bold</b> a_b *c* | d\nnew line \u001b[2J\u202Eevil 中文字符中文字符 @here';
        const input = await inputFromFiles({ 'spec.ispec': specWithText(text) }, { structuralOnly: true });
        for (const output of [await generateTestMatrix(input, 'text', { width: 40 }), await generateChecklist(input, 'Go', 'text', { width: 40 })]) {
            // eslint-disable-next-line no-control-regex
            assert.ok(!/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/.test(output), 'no control character but line feeds');
            assert.ok(output.includes('\\u001B[2J') && output.includes('\\u202E'), 'shown as visible escapes');
            assert.deepEqual(tooWide(output, 40), []);
            assert.ok(output.replace(/\s+/g, ' ').includes('<b>bold</b> a_b *c* | d new line'), 'markup and line breaks read as written');
        }
    });

    it('wraps between words, cuts a word wider than the line after a separator, and counts wide characters as two', () => {
        assert.deepEqual(wrap('the quick brown fox', 10), ['the quick', 'brown fox']);
        assert.deepEqual(wrap('TM-LabResults-Riverside-ORU_R01-normal', 20), ['TM-LabResults-', 'Riverside-ORU_R01-', 'normal']);
        assert.deepEqual(wrap('x'.repeat(25), 10), ['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
        assert.deepEqual(wrap('中文字符 中文', 8), ['中文字符', '中文']);
        assert.equal(displayWidth('e\u0301\u200B'), 1);
        assert.deepEqual(wrap('', 10), ['']);
    });

    for (const [file, generate] of [
        ['matrix.txt', (input: GeneratorInput) => generateTestMatrix(input, 'text')],
        ['checklist.txt', (input: GeneratorInput) => generateChecklist(input, undefined, 'text')]
    ] as const) {
        it(`golden: test/golden/lab/${file}`, async () => {
            const result = matchesGolden(path.join(REPO, 'test/golden/lab', file), await generate(await loadInput(LAB_FIXTURE)));
            assert.ok(result.ok, result.ok ? '' : result.message);
        });
    }
});
