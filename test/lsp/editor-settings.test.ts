import { strict as assert } from 'node:assert';
import { type LspClient, withServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

// The extension's `interspec.rules` setting reaches the server as initialization options and as
// workspace/didChangeConfiguration; both change the severity of a rule's findings on top of interspec.yaml.
const SPEC = 'team T\nsystem A { owner T }\nsystem B { owner T }\ninterface I { from A to B }\n';

describe('lsp: rule severities from the editor settings', function () {
    this.timeout(30000);
    const ownerFinding = (client: LspClient) => (client.diagnostics.get(client.uri('a.ispec')) ?? []).find(d => d.code === 'interface-owner');

    it('applies initialization options at start', async () => {
        await withServer(() => writeWorkspace({ 'a.ispec': SPEC }), async client => {
            await client.waitForDiagnostics(client.uri('a.ispec'), d => d.some(x => x.code === 'interface-owner'));
            assert.equal(ownerFinding(client)?.severity, 3);
        }, { initializationOptions: { rules: { 'interface-owner': 'info', 'no-such-rule': 'off' } } });
    });

    it('re-validates with the new severities when the setting changes, and back', async () => {
        await withServer(() => writeWorkspace({ 'a.ispec': SPEC }), async client => {
            const uri = client.uri('a.ispec');
            await client.waitForDiagnostics(uri, d => d.some(x => x.code === 'interface-owner' && x.severity === 1));
            await client.notify('workspace/didChangeConfiguration', { settings: { interspec: { rules: { 'interface-owner': 'off' } } } });
            await client.waitForDiagnostics(uri, d => !d.some(x => x.code === 'interface-owner'));
            await client.notify('workspace/didChangeConfiguration', { settings: { interspec: { rules: {} } } });
            await client.waitForDiagnostics(uri, d => d.some(x => x.code === 'interface-owner' && x.severity === 1));
        });
    });
});
