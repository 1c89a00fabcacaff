import { strict as assert } from 'node:assert';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type SymbolInformation } from 'vscode-languageserver-protocol';
import { type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';
import { FILES, LAB, ORG } from './fixture.js';

/** name[children] as a compact string, to compare outlines. */
function outline(symbols: DocumentSymbol[] | undefined): string {
    return (symbols ?? []).map(s => s.children ? `${s.name}[${outline(s.children)}]` : s.name).join(', ');
}

describe('lsp: outline, workspace symbols and folding', function () {
    this.timeout(30000);
    let client: LspClient;

    useServer(() => writeWorkspace(FILES), started => { client = started; });

    it('gives an outline of interfaces with messages, handlers and monitor, gates with criteria, sites with devices', async () => {
        const uri = await client.open('lab.ispec');
        const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        assert.equal(outline(symbols),
            'imports[org.ispec, systems.ispec], North[Analyser1], LabResults[ORU^R01[PID-3 -> Patient.identifier, OBX-5 -> Observation.valueQuantity.value], '
            + 'on downtime, monitor[turnaround]], NorthGoLive[ExceptionsTested]');
        const labResults = symbols.find(s => s.name === 'LabResults')!;
        assert.equal(labResults.kind, SymbolKind.Interface);
        assert.equal(labResults.detail, 'Lab results to EHR');
        const lines = LAB.split('\n');
        assert.equal(lines[labResults.selectionRange.start.line].slice(labResults.selectionRange.start.character, labResults.selectionRange.end.character), 'LabResults');
        assert.equal(lines[labResults.range.end.line], '}');
        assert.equal(symbols.find(s => s.name === 'NorthGoLive')!.kind, SymbolKind.Event);
    });

    it('finds elements of every file of the workspace by name', async () => {
        const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Lab' });
        const byName = found.map(s => `${s.name} ${s.location.uri.split('/').pop()} ${s.kind}`).sort();
        assert.deepEqual(byName, [
            `LabIT org.ispec ${SymbolKind.Namespace}`,
            `LabResults lab.ispec ${SymbolKind.Interface}`,
            `LabTech org.ispec ${SymbolKind.Object}`
        ]);
    });

    it('folds blocks, doc comments and the import group', async () => {
        const lab = await client.open('lab.ispec');
        const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: lab } });
        const lines = LAB.split('\n');
        const starts = ranges.map(r => `${r.kind ?? 'block'}:${lines[r.startLine].trim()}`);
        assert.ok(starts.includes('block:interface LabResults "Lab results to EHR" {'), starts.join('\n'));
        assert.ok(starts.includes('block:message ORU^R01 {'), starts.join('\n'));
        assert.ok(starts.includes('block:gate NorthGoLive "North go-live" {'), starts.join('\n'));
        const imports = ranges.find(r => r.kind === FoldingRangeKind.Imports);
        assert.deepEqual(imports && [imports.startLine, imports.endLine], [0, 1]);

        const org = await client.open('org.ispec');
        const orgRanges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: org } });
        const comment = orgRanges.find(r => r.kind === FoldingRangeKind.Comment);
        assert.ok(comment, JSON.stringify(orgRanges));
        assert.equal(ORG.split('\n')[comment.startLine], '/**');
    });
});
