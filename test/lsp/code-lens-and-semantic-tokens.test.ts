import { strict as assert } from 'node:assert';
import type { CodeLens, SemanticTokens } from 'vscode-languageserver-protocol';
import { type LspClient, positionOf, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';
import { FILES, LAB } from './fixture.js';

describe('lsp: code lenses', function () {
    this.timeout(30000);
    let client: LspClient;
    let lab: string;

    useServer(() => writeWorkspace(FILES), async started => {
        client = started;
        lab = await client.open('lab.ispec');
        await client.waitForDiagnostics(lab);
    });

    it('counts an interface\'s test cases and unhandled scenarios as the test matrix does', async () => {
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: lab } });
        const matrix = JSON.parse((await client.request<{ content: string }>('interspec/testMatrix', { uri: lab, format: 'json' })).content) as
            { rows: Array<{ interface: string, handled: boolean }> };
        const rows = matrix.rows.filter(row => row.interface === 'LabResults');
        const unhandled = rows.filter(row => !row.handled).length;
        assert.ok(unhandled > 0, 'the fixture handles only downtime, so required scenarios are missing');
        const lens = lenses.find(l => l.range.start.line === positionOf(LAB, 'interface LabResults').line);
        assert.ok(lens, 'a lens on the interface');
        assert.equal(lens.command?.title, `${rows.length} test cases · ${unhandled} unhandled`);
        assert.equal(lens.command?.command, 'interspec.openTestMatrixPreview');
    });

    it('shows a gate\'s decision and its open items, as the checklist decides it', async () => {
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: lab } });
        const checklist = JSON.parse((await client.request<{ content: string }>('interspec/checklist', { uri: lab, format: 'json', gate: 'NorthGoLive' })).content);
        const decision = JSON.stringify(checklist).match(/"decision":\s*"(GO|NO-GO)"/)?.[1];
        assert.equal(decision, 'NO-GO');
        const lens = lenses.find(l => l.range.start.line === positionOf(LAB, 'gate NorthGoLive').line);
        assert.ok(lens, 'a lens on the gate');
        assert.match(lens.command?.title ?? '', /^NO-GO: [1-9]\d* open items?$/);
        assert.equal(lens.command?.command, 'interspec.openChecklistPreview');
    });

    it('updates when the spec changes: handling the missing scenarios lowers the unhandled count', async () => {
        const before = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: lab } });
        const unhandledBefore = Number(before.find(l => l.command?.command === 'interspec.openTestMatrixPreview')?.command?.title.match(/(\d+) unhandled/)?.[1]);
        const handled = ['recovery', 'duplicate-identity', 'correction', 'cancellation', 'out-of-order', 'urgent']
            .map(s => `    on ${s} "handled" escalate LabIT within 1h`).join('\n');
        const text = LAB.replace('    on downtime "queue and replay" escalate LabIT within 15m', `    on downtime "queue and replay" escalate LabIT within 15m\n${handled}`);
        await client.change(lab, text);
        await client.waitForDiagnostics(lab, () => true);
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: lab } });
        const matrix = JSON.parse((await client.request<{ content: string }>('interspec/testMatrix', { uri: lab, format: 'json' })).content) as
            { rows: Array<{ interface: string, handled: boolean }> };
        const unhandled = matrix.rows.filter(row => row.interface === 'LabResults' && !row.handled).length;
        assert.equal(unhandledBefore - unhandled, 6, 'six required scenarios are now handled');
        const lens = lenses.find(l => l.range.start.line === positionOf(text, 'interface LabResults').line);
        const rows = matrix.rows.filter(row => row.interface === 'LabResults').length;
        assert.equal(lens?.command?.title, unhandled > 0 ? `${rows} test cases · ${unhandled} unhandled` : `${rows} test cases`);
    });
});

describe('lsp: semantic tokens', function () {
    this.timeout(30000);
    let client: LspClient;
    let lab: string;

    useServer(() => writeWorkspace(FILES), async started => {
        client = started;
        lab = await client.open('lab.ispec');
        await client.waitForDiagnostics(lab);
    });

    /** Decodes the relative encoding of LSP semantic tokens into absolute positions with type names. */
    async function tokens(): Promise<Array<{ line: number, character: number, length: number, type: string, modifiers: string[] }>> {
        const legend = (client.initializeResult!.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[], tokenModifiers: string[] } }).legend;
        const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: lab } });
        const decoded = [];
        let line = 0;
        let character = 0;
        for (let i = 0; i < result.data.length; i += 5) {
            const [deltaLine, deltaStart, length, type, modifierBits] = result.data.slice(i, i + 5);
            line += deltaLine;
            character = deltaLine === 0 ? character + deltaStart : deltaStart;
            decoded.push({ line, character, length, type: legend.tokenTypes[type], modifiers: legend.tokenModifiers.filter((_, bit) => modifierBits & (1 << bit)) });
        }
        return decoded;
    }

    function at(all: Awaited<ReturnType<typeof tokens>>, needle: string, offset = 0) {
        const position = positionOf(LAB, needle, offset);
        return all.find(t => t.line === position.line && t.character === position.character);
    }

    it('colours names by what they are, where declared and where referenced across files', async () => {
        const all = await tokens();
        assert.deepEqual(at(all, 'interface LabResults', 10)?.type, 'interface');
        assert.ok(at(all, 'interface LabResults', 10)?.modifiers.includes('declaration'));
        assert.equal(at(all, 'owner LabIT', 6)?.type, 'type', 'a team referenced from another file');
        assert.equal(at(all, 'from LIS', 5)?.type, 'class', 'a system');
        assert.equal(at(all, 'sites North', 6)?.type, 'namespace', 'a site');
        assert.equal(at(all, 'covers LabResults', 7)?.type, 'interface');
    });

    it('colours field paths, scenarios and measures', async () => {
        const all = await tokens();
        assert.equal(at(all, 'PID-3')?.type, 'property');
        assert.equal(at(all, 'Patient.identifier')?.type, 'property');
        assert.equal(at(all, 'on downtime', 3)?.type, 'enumMember');
        assert.equal(at(all, '15m')?.type, 'number');
    });
});
