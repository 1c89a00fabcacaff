import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { CancellationToken, type Connection } from 'vscode-languageserver';
import type { LangiumDocument } from 'langium';
import type { BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import type { InterspecServices } from '../../language-server/lsp/interspec-lsp-module.js';
import { registerGenerateRequests } from '../../language-server/lsp/generate-requests.js';
import { TestMatrixRequest, ChecklistRequest, type GenerateResult } from '../../language-server/protocol/index.js';
import { sampleCodesRule } from '../../language-server/rules/sample-codes.js';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * One run over a root's samples per workspace state serves the editor (lsp/sample-results.ts): the sample files'
 * diagnostics, the code lenses (samples lens, test cases, gates) and the matrix and checklist previews, in process
 * with the editor's services. Runs are counted by the visitors the sample rules begin (one per rule per run); an
 * edit of a sample file or of the spec still gives fresh results.
 */

const SPEC = `team LabIT
system Lis { kind LIS owner LabIT }
system Ehr { kind EHR owner LabIT }
site North { timezone "Europe/Amsterdam" }
interface Feed {
    from Lis to Ehr
    standard HL7v2 2.5.1
    owner LabIT
    sites North
    samples "captures/*.hl7"
    message ORU^R01 {
        OBX-3 -> Observation.code           codes { GLU -> GLU, K -> K } receives GLU, K
        OBX-8 -> Observation.interpretation codes { N -> N, H -> H } receives N, H
    }
}
gate NorthGoLive { site North criterion DataMeaning { question data-meaning covers Feed } }
`;

const message = (flag: string) => [
    'MSH|^~\\&|LIS|LAB|EHR|HOSP|20260210093512+0100||ORU^R01|M1|P|2.5.1',
    'PID|1||123^^^MRN^MR||Doe^Jane',
    'OBR|1|||BMP^Basic metabolic panel^L',
    `OBX|1|NM|GLU^Glucose^L||5.4|mmol/L^mmol/L^UCUM|3.9-6.1|${flag}|||F`
].join('\r') + '\r';

const ROW = 'TM-Feed-North-ORU_R01-code-OBX-8-N';

describe('lsp: one sample run per workspace state serves diagnostics, code lenses and previews', function () {
    this.timeout(120000);
    let root: string;
    let built: BuiltWorkspace<InterspecServices>;
    let runs = 0;
    const original = sampleCodesRule.samples!;
    const requests = new Map<string, (params: unknown, token: CancellationToken) => Promise<GenerateResult>>();

    before(async () => {
        root = writeWorkspace({ 'feed.ispec': SPEC, 'captures/a.hl7': message('N') });
        sampleCodesRule.samples = { begin: options => { runs++; return original.begin(options); } };
        built = await buildEditorWorkspace([root]);
        const connection = { onRequest: (type: { method: string }, handler: never) => requests.set(type.method, handler) } as unknown as Connection;
        registerGenerateRequests(connection, built.shared, built.services);
    });
    after(() => {
        sampleCodesRule.samples = original;
        rmSync(root, { recursive: true, force: true });
    });

    const spec = () => built.shared.workspace.LangiumDocuments.getDocument(URI.file(path.join(root, 'feed.ispec'))) as LangiumDocument;
    const lenses = async () => (await built.services.lsp.CodeLensProvider!.provideCodeLens(spec(), { textDocument: { uri: spec().uri.toString() } }) ?? [])
        .map(lens => lens.command?.title);
    const observed = async (id = ROW) => {
        const matrix = await requests.get(TestMatrixRequest.method)!({ uri: spec().uri.toString(), format: 'json' }, CancellationToken.None);
        return JSON.parse(matrix.content).rows.find((row: { id: string }) => row.id === id)?.observed?.status;
    };
    const checklist = async () => (await requests.get(ChecklistRequest.method)!({ uri: spec().uri.toString(), format: 'json', gate: 'NorthGoLive' }, CancellationToken.None)).content;
    const diagnostics = async () => (await built.services.editor.SampleResults.findingsOf(path.join(root, 'captures/a.hl7'), true))?.map(finding => finding.code);

    it('runs the samples once for a code lens, a matrix and a checklist preview and the diagnostics of one state', async () => {
        assert.deepEqual(await diagnostics(), []);
        assert.deepEqual(await lenses(), ['7 test cases', '1 sample · 0 problems', 'NO-GO: 5 open items']);
        assert.equal(await observed(), 'passed');
        assert.match(await checklist(), /"observedPassed": 2/);
        assert.equal(await observed(), 'passed');
        await lenses();
        assert.equal(runs, 1);
    });

    it('runs them again, once, after a sample file changed on disk, and shows what the new file says', async () => {
        writeFileSync(path.join(root, 'captures/a.hl7'), message('XX'));
        built.services.editor.SampleResults.invalidate(); // what a watched sample file's change does (lsp/sample-documents.ts)
        assert.equal(await observed(), 'failed');
        assert.deepEqual(await diagnostics(), ['sample-codes']);
        assert.deepEqual(await lenses(), ['7 test cases', '1 sample · 1 problem', 'NO-GO: 5 open items']);
        assert.match(await checklist(), /"observedFailed": 2/);
        assert.equal(runs, 2);
    });

    it('runs them again, once, after the spec changed, against the new mappings', async () => {
        const file = path.join(root, 'feed.ispec');
        writeFileSync(file, SPEC.replace('codes { N -> N, H -> H } receives N, H', 'codes { N -> N, H -> H, XX -> H } receives N, H, XX'));
        await built.shared.workspace.DocumentBuilder.update([URI.file(file)], []);
        assert.deepEqual(await diagnostics(), []);
        assert.equal(await observed(), undefined); // N was not sent
        assert.equal(await observed('TM-Feed-North-ORU_R01-code-OBX-8-XX'), 'passed');
        assert.match(await checklist(), /"observedPassed": 2/);
        assert.deepEqual(await lenses(), ['8 test cases', '1 sample · 0 problems', 'NO-GO: 5 open items']);
        assert.equal(runs, 3);
    });
});
