import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-protocol';
import { type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const SNIPPET = 2; // InsertTextFormat.Snippet

describe('lsp: statement snippets in completion', function () {
    this.timeout(30000);
    let client: LspClient;
    let version = 0;

    useServer(() => writeWorkspace({ 'org.ispec': 'team LabIT\n' }), started => { client = started; });

    async function complete(textWithCursor: string): Promise<CompletionItem[]> {
        const offset = textWithCursor.indexOf('|');
        const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
        const before = text.slice(0, offset).split('\n');
        const position: Position = { line: before.length - 1, character: before[before.length - 1].length };
        const uri = await client.open(`draft-${version++}.ispec`, text);
        await client.waitForDiagnostics(uri);
        const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
        return Array.isArray(result) ? result : result?.items ?? [];
    }

    it('offers one entry per top-level construct: the snippet, in place of the bare keyword', async () => {
        const items = await complete('team A\n|\n');
        for (const keyword of ['team', 'role', 'system', 'site', 'data', 'interface', 'gate', 'change', 'change-authority', 'rollout', 'codetable', 'segment']) {
            const entries = items.filter(item => item.label === keyword);
            assert.equal(entries.length, 1, `${keyword}: ${JSON.stringify(entries)}`);
            assert.equal(entries[0].insertTextFormat, SNIPPET, `${keyword} inserts the whole statement`);
            assert.match(entries[0].insertText ?? '', new RegExp(`^${keyword} `));
        }
        const iface = items.find(item => item.label === 'interface')!;
        assert.match(iface.insertText!, /\$\{1:Name\}/);
        const imports = await complete('|\nteam A\n');
        assert.equal(imports.filter(item => item.label === 'import').length, 1);
        assert.equal(imports.find(item => item.label === 'import')?.insertTextFormat, SNIPPET);
    });

    it('offers no statement snippet where the statement is invalid, e.g. after `criticality `', async () => {
        const items = await complete('interface I {\n    criticality |\n}\n');
        assert.ok(!items.some(item => item.insertTextFormat === SNIPPET), JSON.stringify(items.map(item => item.label)));
        assert.ok(!items.some(item => ['team', 'interface', 'gate', 'system'].includes(item.label)));
    });

    it('keeps nested keywords that share a statement keyword\'s spelling plain (`site` inside a gate)', async () => {
        const items = await complete('gate G {\n    |\n}\n');
        const site = items.filter(item => item.label === 'site');
        assert.equal(site.length, 1);
        assert.notEqual(site[0].insertTextFormat, SNIPPET);
    });
});
