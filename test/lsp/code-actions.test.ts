import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const ORG = 'team LabIT "Laboratory IT"\n';
const LAB = 'system LIS { kind LIS owner LabIT }\n';

describe('lsp: quick fixes', function () {
    this.timeout(30000);
    let client: LspClient;

    useServer(() => writeWorkspace({ 'org.ispec': ORG, 'lab.ispec': LAB }), started => { client = started; });

    async function actionsFor(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
        return client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] }
        });
    }

    it('offers the missing import for a name declared in a file that is not imported, and the edit clears the error', async () => {
        const lab = await client.open('lab.ispec', LAB);
        const [unresolved] = await client.waitForDiagnostics(lab, d => d.some(x => /does not import/.test(x.message)));
        const actions = await actionsFor(lab, unresolved);
        const addImport = actions.find(a => a.title === 'Add import "org.ispec"');
        assert.ok(addImport, `actions offered: ${actions.map(a => a.title).join(', ')}`);
        assert.equal(addImport.kind, 'quickfix');
        const fixed = applyEdits(LAB, addImport.edit!.changes![lab]);
        assert.match(fixed, /^import "org\.ispec"\n/);
        await client.change(lab, fixed);
        const after = await client.waitForDiagnostics(lab, d => !d.some(x => /does not import/.test(x.message)));
        assert.ok(!after.some(d => d.severity === 1), JSON.stringify(after));
    });

    it('offers to suppress a rule finding with a reason the architect still has to write', async () => {
        const text = `import "org.ispec"\n${LAB}interface Feed { from LIS to LIS }\n`;
        const lab = client.uri('lab.ispec');
        await client.change(lab, text);
        const diagnostics = await client.waitForDiagnostics(lab, d => d.some(x => x.code === 'interface-owner'));
        const finding = diagnostics.find(d => d.code === 'interface-owner')!;
        const actions = await actionsFor(lab, finding);
        const suppress = actions.find(a => a.title === 'Suppress interface-owner on this interface');
        assert.ok(suppress, `actions offered: ${actions.map(a => a.title).join(', ')}`);
        const edited = applyEdits(text, suppress.edit!.changes![lab]);
        assert.match(edited, /interface Feed \{[\s\S]*suppress interface-owner because "/);
    });
});
