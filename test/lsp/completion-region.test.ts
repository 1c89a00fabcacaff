import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LangiumDocument } from 'langium';
import type { CompletionItem } from 'vscode-languageserver';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/build-workspace.js';
import { seededRandom } from '../support/synthetic-workspace.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

/**
 * Completion reads the text of the top-level element at the cursor instead of the whole text before it
 * (`RegionParser.regionAround`): what it proposes must be what it proposed reading the whole text, everywhere.
 */
describe('lsp: completion from the element at the cursor', function () {
    this.timeout(600000);
    let workspace: BuiltWorkspace;
    before(async () => { workspace = await buildWorkspace([path.join(EXAMPLES, 'flawed'), path.join(EXAMPLES, 'lab-network')]); });

    function describeItems(items: CompletionItem[] | undefined): string {
        return (items ?? []).map(item => `${item.label}|${item.kind}|${JSON.stringify(item.textEdit ?? item.insertText ?? null)}`).sort().join('\n');
    }

    async function complete(document: LangiumDocument, line: number, character: number): Promise<string> {
        const result = await workspace.services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: { line, character } });
        return describeItems(result?.items);
    }

    it('proposes the same items as a completion that reads the whole text, at line starts, word ends and random places', async () => {
        const regions = workspace.services.regions;
        const windowed = regions.regionAround.bind(regions);
        const random = seededRandom(17);
        let compared = 0;
        let nonEmpty = 0;
        for (const document of workspace.documents) {
            const lines = document.textDocument.getText().split('\n');
            const positions: Array<[number, number]> = [];
            lines.forEach((text, line) => {
                positions.push([line, 0], [line, text.length]);
                const word = text.search(/\S\s/);
                if (word >= 0) positions.push([line, word + 2]);
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
    });
});
