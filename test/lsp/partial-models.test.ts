import { strict as assert } from 'node:assert';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/** A site, its gate and an interface whose monitor metric is half-written (as while typing it), over stdio. */
const HALF_METRIC = 'site S {}\ngate G { site S }\ninterface I3 {\n    sites S\n    monitor {\n        metric m ))junk\n    }\n}\n';

describe('lsp: half-typed models (code lenses, checklist request, diagnostics)', function () {
    this.timeout(60000);
    let client: LspClient;

    useServer(() => writeWorkspace({ 'a.ispec': HALF_METRIC }), started => { client = started; });

    it('answers code lenses and interspec/checklist on a half-written metric: NO-GO, the spec is broken', async () => {
        const uri = await client.open('a.ispec');
        const diagnostics = await client.waitForDiagnostics(uri, d => d.length > 0);
        assert.ok(diagnostics.every((d: Diagnostic) => d.code !== 'internal-error'), JSON.stringify(diagnostics));
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
        const gate = lenses.find(lens => lens.range.start.line === 1);
        assert.match(gate?.command?.title ?? '', /^NO-GO: the spec is broken \(\d+ problems?\)$/, JSON.stringify(lenses));
        const checklist = JSON.parse((await client.request<{ content: string }>('interspec/checklist', { uri, format: 'json', gate: 'G' })).content);
        assert.equal(checklist.checklists[0].decision, 'NO-GO');
        assert.match(checklist.checklists[0].reasons[0], /^The spec itself is broken/);
    });

    it('answers code lenses on an interface whose standard has no value yet, and one with a bare `on`', async () => {
        for (const [name, text] of [['b.ispec', 'team T\ninterface I {\n    owner T\n    standard\n}\n'], ['c.ispec', 'team T2\ninterface I2 {\n    owner T2\n    on\n']]) {
            const uri = await client.open(name, text);
            const diagnostics = await client.waitForDiagnostics(uri, d => d.length > 0);
            assert.ok(diagnostics.every((d: Diagnostic) => d.code !== 'internal-error' && !/error occurred/.test(d.message)), JSON.stringify(diagnostics));
            const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
            assert.ok(Array.isArray(lenses) && lenses.length === 1, `${name}: ${JSON.stringify(lenses)}`);
            assert.match(lenses[0].command?.title ?? '', /test case/);
        }
    });
});
