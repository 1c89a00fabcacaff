import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * An open capture with unsaved edits (docs/samples.md, "In the editor"), over stdio with the built server: its
 * diagnostics and the interface's samples lens are of the editor's text, not of the file on disk, and closing it
 * without saving brings the disk's text back. HL7 v2 and FHIR JSON alike.
 */

const SPEC = `team LabIT
system Lis { kind LIS owner LabIT }
system Ehr { kind EHR owner LabIT }
interface Feed {
    from Lis to Ehr
    standard HL7v2 2.5.1
    owner LabIT
    samples "captures/*.hl7"
    message ORU^R01 {
        OBX-3 -> Observation.code           codes { GLU -> GLU } receives GLU
        OBX-8 -> Observation.interpretation codes { N -> N, H -> H } receives N, H
    }
}
interface Results {
    from Lis to Ehr
    standard FHIR 4.0.1
    owner LabIT
    samples "captures/*.json"
    message Observation {
        Observation.status -> Observation.status codes { final -> final } receives final
    }
}
`;

const message = (flag: string) => [
    'MSH|^~\\&|LIS|LAB|EHR|HOSP|20260210093512+0100||ORU^R01|M1|P|2.5.1',
    'PID|1||123^^^MRN^MR||Doe^Jane',
    'OBR|1|||BMP^Basic metabolic panel^L',
    `OBX|1|NM|GLU^Glucose^L||5.4|mmol/L|3.9-6.1|${flag}|||F`
].join('\r') + '\r';

const observation = (status: string) => `{"resourceType": "Observation", "id": "o1", "status": "${status}"}\n`;

describe('lsp: an open capture with unsaved edits is checked in the editor\'s text', function () {
    this.timeout(120000);
    let client: LspClient;
    let root: string;

    useServer(() => (root = writeWorkspace({ 'feed.ispec': SPEC, 'captures/a.hl7': message('N'), 'captures/o.json': observation('final') })), async started => {
        client = started;
        await client.waitForDiagnostics(await client.open('feed.ispec'), () => true, 60000);
    });

    async function samplesLens(): Promise<string | undefined> {
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri('feed.ispec') } });
        return lenses.find(lens => lens.range.start.line === SPEC.split('\n').indexOf('interface Feed {') && /samples? ·/.test(lens.command?.title ?? ''))?.command?.title;
    }

    it('shows the findings of an HL7 v2 capture\'s unsaved text, and none once the text is the disk\'s again', async () => {
        const uri = await client.open('captures/a.hl7', message('N'));
        await client.waitForDiagnostics(uri, list => list.length === 0, 60000);
        const refreshes = client.codeLensRefreshes;
        await client.change(uri, message('XX'));
        const diagnostics = await client.waitForDiagnostics(uri, list => list.length === 1, 30000);
        assert.equal(diagnostics[0].code, 'sample-codes');
        assert.match(diagnostics[0].message, /Code "XX" in OBX-8/);
        // The lens counts changed without a spec edit: the server tells the editor to ask for them again.
        assert.ok(client.codeLensRefreshes > refreshes, 'a code lens refresh was requested');
        assert.equal(readFileSync(path.join(root, 'captures/a.hl7'), 'utf8'), message('N'), 'nothing was saved');
        assert.equal(await samplesLens(), '1 sample · 1 problem');
        await client.change(uri, message('N'));
        await client.waitForDiagnostics(uri, list => list.length === 0, 30000);
        assert.equal(await samplesLens(), '1 sample · 0 problems');
    });

    it('checks the disk\'s text again once the edited capture is closed without saving', async () => {
        const uri = client.uri('captures/a.hl7');
        await client.change(uri, message('XX'));
        await client.waitForDiagnostics(uri, list => list.length === 1, 30000);
        await client.close(uri);
        assert.equal(await samplesLens(), '1 sample · 0 problems');
        await client.open('captures/a.hl7', message('N'));
        await client.waitForDiagnostics(uri, list => list.length === 0, 30000);
    });

    it('shows the findings of a FHIR sample\'s unsaved text', async () => {
        const uri = await client.open('captures/o.json', observation('final'));
        await client.waitForDiagnostics(uri, list => list.length === 0, 60000);
        await client.change(uri, observation('registered'));
        const diagnostics = await client.waitForDiagnostics(uri, list => list.length === 1, 30000);
        assert.equal(diagnostics[0].code, 'sample-codes');
        assert.deepEqual(diagnostics[0].range.start, { line: 0, character: observation('registered').indexOf('"registered"') });
    });
});
