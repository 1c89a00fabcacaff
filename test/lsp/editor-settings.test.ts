import { strict as assert } from 'node:assert';
import { LspClient } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

// The extension's `interspec.rules` setting reaches the server as initialization options and as
// workspace/didChangeConfiguration; both change the severity of a rule's findings on top of interspec.yaml.
const SPEC = 'team T\nsystem A { owner T }\nsystem B { owner T }\ninterface I { from A to B }\n';

describe('lsp: rule severities from the editor settings', function () {
    this.timeout(30000);
    let client: LspClient | undefined;

    afterEach(async () => {
        await client?.stop();
        client = undefined;
    });

    const ownerFinding = (client: LspClient) => (client.diagnostics.get(client.uri('a.ispec')) ?? []).find(d => d.code === 'interface-owner');

    it('applies initialization options at start', async () => {
        client = await LspClient.start(writeWorkspace({ 'a.ispec': SPEC }), { initializationOptions: { rules: { 'interface-owner': 'info', 'no-such-rule': 'off' } } });
        await client.waitForDiagnostics(client.uri('a.ispec'), d => d.some(x => x.code === 'interface-owner'));
        assert.equal(ownerFinding(client)?.severity, 3);
    });

    it('re-validates with the new severities when the setting changes, and back', async () => {
        client = await LspClient.start(writeWorkspace({ 'a.ispec': SPEC }));
        const uri = client.uri('a.ispec');
        await client.waitForDiagnostics(uri, d => d.some(x => x.code === 'interface-owner' && x.severity === 1));
        await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { interspec: { rules: { 'interface-owner': 'off' } } } });
        await client.waitForDiagnostics(uri, d => !d.some(x => x.code === 'interface-owner'));
        await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { interspec: { rules: {} } } });
        await client.waitForDiagnostics(uri, d => d.some(x => x.code === 'interface-owner' && x.severity === 1));
    });
});
