import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { csvField, escapeHtml, escapeMarkdown, escapeTerminal, escapeXml, markdownCode } from '../../language-server/util/escape.js';
import { generateChecklist, generateTestMatrix } from '../../language-server/generators/index.js';
import { runCli } from '../cli/run-cli.js';
import { inputFromFiles, specWithText } from '../generators/generator-support.js';
import { writeWorkspace } from '../support/workspace.js';

/** ESC (clear screen), BEL, NUL, a C1 CSI, and a right-to-left override: none may reach an output raw. */
const HOSTILE = '\u001b[2J\u0007\u0000\u009b31m\u202egnp.exe';
// Anything a terminal, a Markdown renderer or a spreadsheet would act on (tab, LF and CR aside).
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const spec = (version: string) => `team T
system A { kind X owner T }
system B { kind X owner T }
interface F { from A to B standard HL7v2 "${version}" owner T }
`;

describe('hardening: one escaping function per format', function () {
    this.timeout(120_000); // several CLI runs on a shared machine
    it('stylish: `standard HL7v2 "\\e[2J…"` and a file name with ESC cannot drive the terminal', () => {
        const root = writeWorkspace({});
        writeFileSync(path.join(root, '\u001b[31mx\u202e.ispec'), spec(HOSTILE));
        const result = runCli(['check', root]);
        assert.equal(result.status, 1);
        assert.ok(!RAW.test(result.stdout), JSON.stringify(result.stdout));
        assert.match(result.stdout, /\\u001B\[2J\\u0007\\u0000\\u009B31m\\u202Egnp\.exe/);
        assert.match(result.stdout, /\\u001B\[31mx\\u202E\.ispec/);
    });

    it('check --format markdown: @mention neutralised, a lone CR cannot split a row, no controls', () => {
        const root = writeWorkspace({ 'a.ispec': spec('@here\rx | y\u001b[2J') });
        const markdown = runCli(['check', '--format', 'markdown', root]).stdout;
        assert.ok(!RAW.test(markdown), JSON.stringify(markdown));
        assert.ok(!markdown.includes('@here'), markdown);
        const row = markdown.split('\n').find(line => line.includes('standard-version'))!;
        assert.ok(row.includes('@&#8203;here<br>x \\| y\\u001B'), row);
        assert.ok(!markdown.includes('\r'), 'no carriage return at all');
    });

    it('generated Markdown, HTML and CSV carry no control or bidi character from the spec', async () => {
        const input = await inputFromFiles({ 'spec.ispec': specWithText(HOSTILE, { authority: ' =cmd|', downtime: ' @SUM(1)' }) }, { structuralOnly: true });
        const outputs = [
            await generateTestMatrix(input, 'markdown'), await generateTestMatrix(input, 'html'), await generateTestMatrix(input, 'csv'),
            await generateChecklist(input, 'Go', 'markdown'), await generateChecklist(input, 'Go', 'html')
        ];
        for (const output of outputs) {
            assert.ok(!RAW.test(output), JSON.stringify(output.match(RAW)));
            assert.ok(output.includes('\\u001B'), 'shown, not dropped');
        }
    });

    it('each function, directly', () => {
        assert.equal(escapeTerminal('a\u001b[2Jb\r\nc\u202e'), 'a\\u001B[2Jb\\u000D\\u000Ac\\u202E');
        assert.equal(escapeMarkdown('@team a\rb'), '@&#8203;team a<br>b');
        assert.equal(markdownCode('a\u001bb|c'), '`a\\u001Bb\\|c`');
        assert.equal(escapeHtml('<i>\u0085</i>'), '&lt;i&gt;\\u0085&lt;/i&gt;');
        assert.equal(escapeXml('a\u0000b\u202ec<'), 'ab\\u202Ec&lt;');
        // Formula injection, also after leading spaces or tabs.
        for (const cell of ['=1+1', ' =1+1', '\t=1', '  +1', ' -1', ' @SUM(A1)', '\r=1']) {
            assert.ok(csvField(cell).replace(/^"/, '').startsWith('\''), cell);
        }
        assert.equal(csvField('a\u001bb'), 'a\\u001Bb');
        assert.equal(csvField('plain, text'), '"plain, text"');
    });

    it('the shortcut for text that needs no escaping never skips text that does (random strings of special characters)', () => {
        // The functions return clean text unchanged without running their replacements; these are those
        // replacements, run always, as the oracle.
        const visible = (char: string) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
        // eslint-disable-next-line no-control-regex
        const controls = (text: string) => text.replace(new RegExp(RAW.source, 'g'), visible);
        // eslint-disable-next-line no-control-regex
        const terminal = (text: string) => text.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g, visible);
        const markdown = (text: string) => controls(text
            .replace(/(?<![A-Za-z0-9_])[0-9A-Fa-f]{7,}(?![A-Za-z0-9_])/g, run => run.replace(/.{6}(?=.)/g, '$&\u200B')).replace(/@/g, '@\u200B')
            .replace(/[&<>]/g, char => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char]!)
            .replace(/[\\`*_[\]|~]/g, char => `\\${char}`).replace(/\r\n|[\r\n\u2028\u2029]/g, '<br>'))
            .replace(/^[ \t]+/, lead => lead.replace(/ /g, '&#32;').replace(/\t/g, '&#9;')).replace(/\u200B/g, '&#8203;');
        const html = (text: string) => controls(text).replace(/[&<>"']/g, char => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[char]!);
        const code = (text: string) => '`' + terminal(text.replace(/`/g, '\'').replace(/\|/g, '\\|').replace(/\r\n|[\r\n]/g, ' ')) + '`';
        const alphabet = ['a', ' ', '\t', '\n', '\r', '\u000b', '\u001b', '\u007f', '\u0085', '\u200e', '\u202e', '\u2028', '\u2029', '&', '<', '>', '"', '\'',
            '@', '\\', '`', '*', '_', '[', ']', '|', '~', 'é', '\u{1F600}'];
        fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map(chars => chars.join('')), text => {
            assert.equal(escapeMarkdown(text), markdown(text));
            assert.equal(escapeHtml(text), html(text));
            assert.equal(markdownCode(text), code(text));
        }), { numRuns: 5000, seed: 2026 });
    });
});
