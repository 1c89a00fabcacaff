import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LangiumDocument } from 'langium';
import type { CompletionItem } from 'vscode-languageserver';
import { readFileSync } from 'node:fs';
import type { BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import type { InterspecServices } from '../../language-server/lsp/interspec-lsp-module.js';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { seededRandom } from '../support/synthetic-workspace.js';
import { writeWorkspace } from '../support/workspace.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

/**
 * Broken and unusual texts, where reading the element at the cursor could differ from reading the whole text: an
 * import after an element, a syntax error in an earlier element, an unclosed block, a string that spans lines and
 * holds comment markers, a lexer error (a backslash before a line end), CRLF line ends.
 */
function brokenFiles(): Record<string, string> {
    const interfaces = readFileSync(path.join(EXAMPLES, 'flawed', 'interfaces.ispec'), 'utf8');
    return {
        'import-after.ispec': 'team A "A"\nimport "x.ispec"\nteam B {\n  \n}\nrole R { team A }\n',
        'earlier-error.ispec': 'team A { lead }\nsystem S {\n    kind LIS owner A\n}\nrole R { team A duties \n}\nteam C "C"\n',
        'unclosed.ispec': 'team A {\n    lead "L"\nsystem S { kind LIS }\nrole R { team A }\n',
        'string-lines.ispec': 'team A "see\n/* legacy"\nteam B {\n    lead "L"\n}\nsystem S { kind LIS owner B }\n',
        'lexer-error.ispec': 'team A "x\\\nteam B "B"\nsystem S { kind LIS owner B }\nrole R { team B }\n',
        'crlf.ispec': interfaces.replace(/\n/g, '\r\n')
    };
}

/**
 * Completion reads the text of the top-level element at the cursor instead of the whole text before it when
 * everything before that element parsed cleanly (`regionAt` in the completion provider): what it proposes must be
 * what it proposed reading the whole text, everywhere, in valid and broken files.
 */
describe('lsp: completion from the element at the cursor', function () {
    this.timeout(600000);
    let workspace: BuiltWorkspace<InterspecServices>;
    before(async () => { workspace = await buildEditorWorkspace([path.join(EXAMPLES, 'flawed'), path.join(EXAMPLES, 'lab-network'), writeWorkspace(brokenFiles())]); });

    function describeItems(items: CompletionItem[] | undefined): string {
        return (items ?? []).map(item => `${item.label}|${item.kind}|${JSON.stringify(item.textEdit ?? item.insertText ?? null)}`).sort().join('\n');
    }

    async function complete(document: LangiumDocument, line: number, character: number): Promise<string> {
        const result = await workspace.services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: { line, character } });
        return describeItems(result?.items);
    }

    it('proposes the same items as a completion that reads the whole text, at line starts and ends, word ends and random places', async () => {
        const regions = workspace.services.regions;
        const windowed = regions.regionAround.bind(regions);
        const random = seededRandom(17);
        let compared = 0;
        let nonEmpty = 0;
        for (const document of workspace.documents) {
            const lines = document.textDocument.getText().split('\n');
            const positions: Array<[number, number]> = [];
            lines.forEach((text, line) => {
                positions.push([line, 0], [line, text.replace(/\r$/, '').length]);
                const word = text.search(/\S\s/);
                if (word >= 0) positions.push([line, word + 1], [line, word + 2]); // the end of the first word, and after it
                positions.push([line, Math.floor(random() * (text.length + 1))]);
            });
            for (const [line, character] of positions) {
                const actual = await complete(document, line, character);
                regions.regionAround = (text: string) => ({ start: 0, end: text.length });
                try {
                    const expected = await complete(document, line, character);
                    assert.equal(actual, expected, `${path.basename(document.uri.fsPath)}:${line + 1}:${character + 1}`);
                } finally {
                    regions.regionAround = windowed;
                }
                compared++;
                if (actual !== '') nonEmpty++;
            }
        }
        assert.ok(compared > 1000 && nonEmpty > compared / 4, `${compared} positions, ${nonEmpty} with proposals`);
        assert.equal(workspace.documents.filter(document => /broken|import-after|earlier-error|unclosed|string-lines|lexer-error|crlf/.test(document.uri.path)).length, 6, 'the broken files were compared');
    });
});
