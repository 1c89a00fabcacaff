import { strict as assert } from 'node:assert';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { type LspClient, positionOf, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * Issue 29 (hostile strings it does not list): spec text in a hover is escaped like every other Markdown output.
 * Before, a vendor string or an interface title went into the hover's Markdown as written: an image
 * (`![](https://…)`, fetched when the hover shows), markup, a bidi override and a line break that ended the list.
 */
const HOSTILE = '![px](https://evil.example/p.png) <b>b</b> \u202Eevil [click](https://evil.example) `tick`\r\n# heading';
const SPEC = `team LabIT
system LIS { kind LIS vendor "${HOSTILE.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}" owner LabIT }
system EHR { kind EHR owner LabIT }
interface Feed "${HOSTILE.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}" { from LIS to EHR owner LabIT }
system Other { kind LIS owner LabIT }
interface Uses { from LIS to Other owner LabIT }
`;

describe('lsp: hover escapes spec text (issue 29)', function () {
    this.timeout(120_000);
    let client: LspClient;
    let uri: string;

    useServer(() => writeWorkspace({ 'spec.ispec': SPEC, 'interspec.yaml': '' }), async started => {
        client = started;
        uri = await client.open('spec.ispec');
        await client.waitForDiagnostics(uri, () => true, 60_000);
    });

    async function hoverAt(needle: string, offset: number): Promise<string> {
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(SPEC, needle, offset) });
        assert.ok(hover, `no hover at ${needle}`);
        return (hover.contents as MarkupContent).value;
    }

    for (const [label, needle] of [['a system\'s vendor', 'from LIS to Other'], ['an interface\'s title', 'interface Feed']] as const) {
        it(`${label}: no image, link, markup or bidi control gets through, and the text stays one line`, async () => {
            const text = await hoverAt(needle, needle.startsWith('from') ? 6 : 11);
            assert.ok(text.includes('evil.example/p.png'), `the text is shown:\n${text}`);
            assert.doesNotMatch(text, /!\[px\]\(|\[click\]\(/, `an image or link:\n${text}`);
            assert.doesNotMatch(text, /<b>/, text);
            assert.doesNotMatch(text, /[\u202A-\u202E\u2066-\u2069]/, 'a raw bidi control');
            assert.ok(text.includes('\\u202E'), 'shown as a visible escape');
            assert.doesNotMatch(text, /\n# heading/, 'a line break ended the line');
        });
    }
});
