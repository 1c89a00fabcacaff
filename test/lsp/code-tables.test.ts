import { strict as assert } from 'node:assert';
import type {
    CompletionItem, CompletionList, Location, LocationLink, SemanticTokens, SymbolInformation, TextEdit, WorkspaceEdit
} from 'vscode-languageserver-protocol';
import { readFileSync } from 'node:fs';
import { applyEdits, type LspClient, positionOf, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const CATALOGUE = `team LabIT
system LIS { kind LIS owner LabIT }
system EHR { kind EHR owner LabIT }
change-authority LabIT

codetable LabCatalogue "Laboratory test catalogue" {
    owner LabIT
    source LIS
    version "2026-03"
    file "catalogue/lab-tests.csv"
}
`;

const ORDERS = `import "catalogue.ispec"

interface LabOrders {
    from EHR to LIS
    standard HL7v2 2.5.1
    owner LabIT
    message OML^O21 {
        OBR-4 -> OBR-4 codes table LabCatalogue
    }
}
`;

function where(location: Location | LocationLink): string {
    const uri = 'targetUri' in location ? location.targetUri : location.uri;
    const range = 'targetUri' in location ? location.targetSelectionRange : location.range;
    return `${uri.split('/').pop()}:${range.start.line}:${range.start.character}`;
}

describe('lsp: code tables are named elements like the others', function () {
    this.timeout(30000);
    let client: LspClient;
    let orders: string;

    useServer(() => writeWorkspace({ 'catalogue.ispec': CATALOGUE, 'orders.ispec': ORDERS }), async started => {
        client = started;
        orders = await client.open('orders.ispec');
        await client.waitForDiagnostics(orders);
    });

    it('resolves `codes table` to the declaration in the imported file, with no finding', async () => {
        const diagnostics = await client.waitForDiagnostics(orders);
        assert.deepEqual(diagnostics.map(d => d.message), []);
        const result = await client.request<Array<Location | LocationLink>>('textDocument/definition',
            { textDocument: { uri: orders }, position: positionOf(ORDERS, 'table LabCatalogue', 8) });
        const declaration = positionOf(CATALOGUE, 'codetable LabCatalogue', 10);
        assert.deepEqual(result.map(where), [`catalogue.ispec:${declaration.line}:${declaration.character}`]);
    });

    it('summarises the table on hover where it is referenced', async () => {
        const hover = await client.request<{ contents: { value: string } }>('textDocument/hover',
            { textDocument: { uri: orders }, position: positionOf(ORDERS, 'table LabCatalogue', 8) });
        for (const fact of ['owner: LabIT', 'source: LIS', 'version: 2026-03', 'file: catalogue/lab-tests.csv']) {
            assert.ok(hover.contents.value.includes(fact), `${fact} in ${hover.contents.value}`);
        }
    });

    it('finds its references and renames it everywhere', async () => {
        const catalogue = await client.open('catalogue.ispec');
        const references = await client.request<Location[]>('textDocument/references',
            { textDocument: { uri: catalogue }, position: positionOf(CATALOGUE, 'codetable LabCatalogue', 12), context: { includeDeclaration: false } });
        const use = positionOf(ORDERS, 'table LabCatalogue', 6);
        assert.deepEqual(references.map(where), [`orders.ispec:${use.line}:${use.character}`]);
        const edit = await client.request<WorkspaceEdit>('textDocument/rename',
            { textDocument: { uri: orders }, position: positionOf(ORDERS, 'table LabCatalogue', 8), newName: 'TestCatalogue' });
        const changes = edit.changes ?? {};
        assert.deepEqual(Object.keys(changes).map(uri => uri.split('/').pop()).sort(), ['catalogue.ispec', 'orders.ispec']);
        const renamed = applyEdits(ORDERS, changes[orders]);
        assert.match(renamed, /OBR-4 -> OBR-4 codes table TestCatalogue/);
    });

    it('is a workspace symbol and is coloured as an enum where declared and referenced', async () => {
        const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'LabCat' });
        assert.deepEqual(symbols.map(s => `${s.name} ${s.location.uri.split('/').pop()}`), ['LabCatalogue catalogue.ispec']);
        const legend = (client.initializeResult!.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend;
        const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: orders } });
        const use = positionOf(ORDERS, 'table LabCatalogue', 6);
        let line = 0, character = 0, type: string | undefined;
        for (let i = 0; i < result.data.length; i += 5) {
            const [deltaLine, deltaStart, , tokenType] = result.data.slice(i, i + 5);
            line += deltaLine;
            character = deltaLine === 0 ? character + deltaStart : deltaStart;
            if (line === use.line && character === use.character) type = legend.tokenTypes[tokenType];
        }
        assert.equal(type, 'enum');
    });

    it('completes the keyword at the top level and table names after `codes table`', async () => {
        const draft = ORDERS.replace('codes table LabCatalogue', 'codes table ');
        await client.change(orders, draft);
        const position = positionOf(draft, 'codes table ', 12);
        const result = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: orders }, position });
        const labels = (Array.isArray(result) ? result : result.items).map(item => item.label);
        assert.ok(labels.includes('LabCatalogue'), labels.join(' '));
        assert.ok(!labels.includes('LIS'), 'systems are not code tables');
        const top = `${ORDERS}\n`;
        await client.change(orders, top);
        const end = { line: top.split('\n').length - 1, character: 0 };
        const keywords = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: orders }, position: end });
        assert.ok((Array.isArray(keywords) ? keywords : keywords.items).some(item => item.label === 'codetable'));
        await client.change(orders, ORDERS);
    });

    it('colours the new keywords in the TextMate grammar too', () => {
        const grammar = JSON.parse(readFileSync('syntaxes/interspec.tmLanguage.json', 'utf8')) as { patterns: Array<{ name?: string, match?: string }> };
        const keywords = grammar.patterns.filter(pattern => pattern.name?.startsWith('keyword') && pattern.match).map(pattern => new RegExp(pattern.match!));
        for (const word of ['codetable', 'table', 'source', 'file']) {
            assert.ok(keywords.some(pattern => pattern.test(word)), word);
        }
    });

    it('formats a code table block like the other blocks', async () => {
        const messy = 'codetable   Tests "T" {owner LabIT   source LIS\nversion "2026-03" codes A,B ,  C}\n';
        const uri = await client.open('messy.ispec', `import "catalogue.ispec"\n${messy}`);
        await client.waitForDiagnostics(uri);
        const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        assert.equal(applyEdits(`import "catalogue.ispec"\n${messy}`, edits),
            'import "catalogue.ispec"\ncodetable Tests "T" {\n    owner LabIT\n    source LIS\n    version "2026-03"\n    codes A, B, C\n}\n');
    });
});
