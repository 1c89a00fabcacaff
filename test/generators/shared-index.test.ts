import * as assert from 'node:assert/strict';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { buildChecklists, generateTestMatrix, loadGeneratorInput } from '../../language-server/generators/index.js';
import { contextOf } from '../../language-server/generators/input.js';
import { writeWorkspace } from '../support/workspace.js';
import { LAB_FIXTURE } from './generator-support.js';

describe('generators: one workspace index with the rules', () => {
    it('the generators read the index the rules built for the same documents, not a copy', async () => {
        const workspace = await buildWorkspace([LAB_FIXTURE]);
        const input = await loadGeneratorInput(workspace.services, LAB_FIXTURE);
        const rules = workspace.services.engine.WorkspaceIndexes.indexOf(workspace.shared.interspec.Workspace.rootOf(input.documents[0].uri));
        assert.equal(contextOf(input).index, rules);
        assert.deepEqual(contextOf(input).index.sorted.interfaces.map(node => node.name), rules.interfaces.map(node => node.name).sort());
    });

    it('an input with other documents than the index gets its own index, and the same output as a fresh build', async () => {
        const workspace = await buildWorkspace([LAB_FIXTURE]);
        const input = await loadGeneratorInput(workspace.services, LAB_FIXTURE);
        const fewer = { ...input, documents: input.documents.slice(1) };
        assert.notEqual(contextOf(fewer).index, input.index);
        assert.equal(contextOf(fewer).index.documents.length, input.documents.length - 1);
        const unshared = { ...input, index: undefined };
        for (const format of ['markdown', 'csv', 'json', 'html'] as const) {
            assert.equal(await generateTestMatrix(input, format, { revision: 'r' }), await generateTestMatrix(unshared, format, { revision: 'r' }), format);
        }
    });

    it('checklists are built once per input and handed out as copies', async () => {
        const workspace = await buildWorkspace([LAB_FIXTURE]);
        const input = await loadGeneratorInput(workspace.services, LAB_FIXTURE);
        const first = buildChecklists(input);
        first.pop();
        const second = buildChecklists(input);
        assert.equal(second.length, first.length + 1);
        assert.equal(second[0], buildChecklists(input)[0]);
    });

    it('evidence that conflicts blocks the gate although the checklists were read before the conflict was found', async () => {
        // loadGeneratorInput reads the checklist ids (for unknown evidence ids) before it adds the conflict finding.
        const folder = writeWorkspace({
            'spec.ispec': `team LabIT
system LIS { kind LIS }
system EHR { kind EHR }
site North { timezone "UTC" }
interface Feed { from LIS to EHR standard HL7v2 2.5.1 owner LabIT sites North message ORU^R01 { OBX-5 -> Observation.valueString } }
gate NorthGoLive { site North approver LabIT criterion Sim { question exceptions evidence "log" } }
`,
            'evidence/a.yaml': 'evidence:\n  - id: NorthGoLive.Sim\n    status: passed\n    by: QA\n    date: 2026-01-02\n  - id: NorthGoLive.Sim\n    status: failed\n    by: QA\n    date: 2026-01-02\n  - id: NoSuchId\n    status: passed\n    by: QA\n    date: 2026-01-02\n'
        });
        const input = await loadGeneratorInput((await buildWorkspace([folder])).services, folder);
        assert.ok(input.evidence!.findings.some(finding => finding.code === 'evidence-conflict'), JSON.stringify(input.evidence!.findings));
        const [checklist] = buildChecklists(input);
        assert.ok(checklist.blockingFindings.some(finding => finding.code === 'evidence-conflict'), JSON.stringify(checklist.blockingFindings));
    });
});
