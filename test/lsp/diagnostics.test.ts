import { strict as assert } from 'node:assert';
import { type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const ORG = 'team LabIT "Laboratory IT"\n';
const LAB = 'import "org.ispec"\nsystem LIS { kind LIS owner LabIT }\n';

describe('lsp: diagnostics as you type', function () {
    this.timeout(30000);
    let client: LspClient;

    useServer(() => writeWorkspace({ 'org.ispec': ORG, 'lab.ispec': LAB, 'broken.ispec': 'system {\n' }), started => { client = started; }, { perTest: true });

    it('checks every file of the workspace on start, opened or not', async () => {
        const broken = await client.waitForDiagnostics(client.uri('broken.ispec'), d => d.length > 0);
        assert.ok(broken.every(d => d.severity === 1), JSON.stringify(broken));
        assert.deepEqual(await client.waitForDiagnostics(client.uri('lab.ispec')), []);
    });

    it('reports a syntax error while typing and clears it when fixed', async () => {
        const lab = await client.open('lab.ispec');
        await client.change(lab, LAB.replace('owner LabIT }', 'owner LabIT'));
        const errors = await client.waitForDiagnostics(lab, d => d.length > 0);
        assert.equal(errors[0].severity, 1);
        await client.change(lab, LAB);
        await client.waitForDiagnostics(lab, d => d.length === 0);
    });

    it('re-checks another file when a file it imports changes', async () => {
        const org = await client.open('org.ispec');
        const lab = await client.open('lab.ispec');
        await client.waitForDiagnostics(lab, d => d.length === 0);

        await client.change(org, 'team LabITs\n');
        const errors = await client.waitForDiagnostics(lab, d => d.length > 0);
        assert.equal(errors.length, 1);
        assert.match(errors[0].message, /Unknown team or role 'LabIT'\. Did you mean 'LabITs'\?/);
        assert.deepEqual(errors[0].range.start, { line: 1, character: 28 });

        await client.change(org, ORG);
        await client.waitForDiagnostics(lab, d => d.length === 0);
    });

    it('re-checks a file that is not open when an open file changes', async () => {
        const org = await client.open('org.ispec');
        await client.waitForDiagnostics(client.uri('lab.ispec'), d => d.length === 0);
        await client.change(org, '');
        const errors = await client.waitForDiagnostics(client.uri('lab.ispec'), d => d.length > 0);
        assert.match(errors[0].message, /LabIT/);
    });

    it('reports an import being typed as a syntax error, never as an internal error', async () => {
        const lab = await client.open('lab.ispec');
        await client.change(lab, 'import "org.ispec"\nimport "\n' + LAB.split('\n').slice(1).join('\n'));
        const errors = await client.waitForDiagnostics(lab, d => d.length > 0);
        assert.ok(errors.every(d => !/error occurred|Cannot read|undefined/i.test(d.message)), JSON.stringify(errors));
        await client.change(lab, LAB);
        await client.waitForDiagnostics(lab, d => d.length === 0);
    });
});
