import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MATRIX_HTML_COLUMNS } from '../../language-server/generators/index.js';
import { exampleRoots, generatedByCli as generate } from './generator-support.js';

/** Debian's chromium (or CHROMIUM), run headless the way a reviewer's "Print to PDF" lays the page out. */
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

/**
 * Prints a page on a paper size and orientation, as choosing them in the print dialog does (the pages force no
 * size), and returns the PDF's text (poppler's pdftotext).
 */
function printedText(html: string, paper: string): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'interspec-print-'));
    const page = path.join(folder, 'page.html');
    const pdf = path.join(folder, 'page.pdf');
    writeFileSync(page, html.replace('</style>', `@page { size: ${paper}; }\n</style>`));
    const print = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${page}`], { encoding: 'utf8', timeout: 170_000 });
    if (print.error) {
        throw new Error(`this test needs Chromium (apt-get install chromium) and pdftotext (poppler-utils): ${print.error.message}`);
    }
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    if (text.error) {
        throw new Error(`this test needs pdftotext (apt-get install poppler-utils): ${text.error.message}`);
    }
    return text.stdout;
}

describe('reviewer pages on paper (Chromium print to PDF)', function () {
    this.timeout(400_000);

    for (const root of exampleRoots()) {
        const name = path.basename(root);
        it(`${name}: the printed matrix keeps every column header and every full test-case id on A4 landscape`, () => {
            const text = printedText(generate(root, 'matrix', 'html'), 'A4 landscape');
            const lines = new Set(text.split('\n').map(line => line.trim()));
            for (const column of MATRIX_HTML_COLUMNS) {
                assert.ok(lines.has(column), `column header ${column}`);
            }
            const ids = (JSON.parse(generate(root, 'matrix', 'json')) as { rows: Array<{ id: string }> }).rows.map(row => row.id);
            const missing = ids.filter(id => !lines.has(id));
            assert.deepEqual(missing, [], `${missing.length} of ${ids.length} ids are not printed whole`);
        });

        it(`${name}: the printed checklist has every gate in rollout order, every item and linked test case expanded, and a sign-off per gate`, () => {
            const text = printedText(generate(root, 'checklist', 'html'), 'A4 landscape');
            const flat = text.replace(/\s+/g, '');
            const checklists = (JSON.parse(generate(root, 'checklist', 'json')) as { checklists: Array<{ gate: string, after: string[], groups: Array<{ items: Array<{ id: string, tests: string[] }> }> }> }).checklists;
            let previous = -1;
            for (const checklist of checklists) {
                const signOff = text.indexOf(`Sign-off: ${checklist.gate}`);
                assert.ok(signOff > previous, `${checklist.gate}: sign-off block, after the gate before it`);
                previous = signOff;
                for (const item of checklist.groups.flatMap(group => group.items)) {
                    assert.ok(flat.includes(item.id), `item ${item.id}`);
                    for (const test of item.tests) {
                        assert.ok(flat.includes(test), `${item.id}: test case ${test} is printed`);
                    }
                }
            }
        });
    }

    it('lab-network: Letter portrait keeps every column too', () => {
        const root = exampleRoots().find(folder => folder.endsWith('lab-network'))!;
        const text = printedText(generate(root, 'matrix', 'html'), 'letter portrait');
        const lines = new Set(text.split('\n').map(line => line.trim()));
        assert.deepEqual(MATRIX_HTML_COLUMNS.filter(column => !lines.has(column)), []);
        assert.ok(lines.has('TM-LabResults-Riverside-ORU_R01-code-OBX-6-10_9_L_f311b7'));
    });
});
