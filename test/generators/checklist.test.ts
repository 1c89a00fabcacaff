import * as assert from 'node:assert/strict';
import { buildChecklists, evaluateGate, generateChecklist, matrixRows } from '../../language-server/generators/index.js';
import { inputFromFiles } from './generator-support.js';

const SPEC = `
team LabIT
role Nurse { duties review }
system LIS { kind LIS vendor "V" owner LabIT support contact "x@v.example" response 4h rollback "Previous release" }
system EHR { kind EHR owner LabIT }
site North { timezone "UTC" baseline { hosts LIS network 10 Mbps } }
site South { timezone "UTC" }
data Results { owner LabIT classification PHI retention 10y access Nurse audit "reads logged" }
interface Feed {
    from LIS to EHR owner LabIT criticality low sites North carries Results affects Nurse
    message ORU^R01 { OBX-5 -> Observation.value units "mg/dL" }
    on downtime "Queue" escalate LabIT within 1h
    monitor { owner LabIT metric failed-messages < 1% }
}
interface Elsewhere { from EHR to LIS owner LabIT sites South }
gate Go {
    site North approver LabIT hypercare 7d support LabIT
    criterion Sim { question exceptions evidence "log" approver LabIT covers Feed }
    criterion Meaning { question data-meaning evidence "screens" approver LabIT }
    criterion Train { question readiness trains Nurse evidence "register" approver LabIT }
    criterion Load { question load-test load "2x peak" evidence "report" approver LabIT }
}
`;

const STRUCTURAL = { structuralOnly: true };

/** Evidence that completes every item of gate Go, item by item. */
function completeEvidence(ids: string[]): string {
    return 'evidence:\n' + ids.map(id => `  - id: ${id}\n    status: done\n    by: QA\n    date: 2026-11-01\n`).join('');
}

describe('go-live checklist', () => {
    it('groups items by the go-live questions, links test cases, and lists what is open', async () => {
        const input = await inputFromFiles({ 'spec.ispec': SPEC }, STRUCTURAL);
        const [checklist] = buildChecklists(input, 'Go');
        assert.deepEqual(checklist.groups.map(group => group.id), ['exceptions', 'data-meaning', 'compliance', 'readiness', 'load-test', 'ownership', 'monitoring', 'vendor']);
        const items = new Map(checklist.groups.flatMap(group => group.items.map(item => [item.id, { ...item, group: group.id }])));
        assert.deepEqual([...items.keys()].sort(), [
            'Go.Load', 'Go.Meaning', 'Go.Sim', 'Go.Train', 'Go.compliance.Results', 'Go.monitoring.Feed', 'Go.ownership.Feed',
            'Go.readiness.hypercare', 'Go.vendor.LIS'
        ]);
        assert.deepEqual(items.get('Go.Sim')!.tests, ['TM-Feed-North-ORU_R01-downtime']);
        assert.ok(items.get('Go.Meaning')!.tests.includes('TM-Feed-North-ORU_R01-units-OBX-5'));
        assert.equal(checklist.decision, 'NO-GO');
        assert.equal(checklist.reasons.length, 9, checklist.reasons.join('\n'));
        assert.deepEqual(checklist.sites, ['North']);
        assert.equal(checklist.hypercare, '7d, support LabIT');
    });

    it('says GO once every item is complete, and NO-GO again for an error finding in its scope only', async () => {
        const first = await inputFromFiles({ 'spec.ispec': SPEC }, STRUCTURAL);
        const ids = buildChecklists(first, 'Go')[0].groups.flatMap(group => group.items.map(item => item.id));
        const done = await inputFromFiles({ 'spec.ispec': SPEC, 'evidence/go.yaml': completeEvidence(ids) }, STRUCTURAL);
        const evaluation = evaluateGate(done, 'Go');
        assert.deepEqual(evaluation, { gate: 'Go', decision: 'GO', reasons: ['All 9 items are complete and no error finding is in the gate\'s scope.'] });
        assert.match(await generateChecklist(done, 'Go', 'markdown'), /\*\*Decision: GO\*\*/);
        assert.ok(!(await generateChecklist(done, 'Go', 'markdown')).includes('- [ ]'), 'every box is ticked');

        // An unresolved reference anywhere breaks the spec: NO-GO, inside the gate's scope or outside it (a gate decided
        // on a spec that does not link would decide on guesses).
        for (const [where, spec] of [
            ['outside', SPEC.replace('interface Elsewhere { from EHR', 'interface Elsewhere { from Nowhere')],
            ['inside', SPEC.replace('from LIS to EHR owner LabIT criticality low', 'from LIS to Nowhere owner LabIT criticality low')]
        ]) {
            const broken = await inputFromFiles({ 'spec.ispec': spec, 'evidence/go.yaml': completeEvidence(ids) }, STRUCTURAL);
            const blocked = buildChecklists(broken, 'Go')[0];
            assert.equal(blocked.decision, 'NO-GO', where);
            assert.equal(blocked.blockingFindings.length, 1, where);
            assert.equal(blocked.blockingFindings[0].code, 'unresolved-reference');
            assert.equal(blocked.blockingFindings[0].file, 'spec.ispec');
            assert.match(blocked.reasons[0], /^The spec itself is broken: 1 problem /, where);
            assert.match(blocked.reasons[1], /^spec\.ispec:\d+:\d+: .*Nowhere.* \(unresolved-reference\)$/, where);
        }
    });

    it('derives an item\'s status from its test cases when it has no entry of its own', async () => {
        const base = await inputFromFiles({ 'spec.ispec': SPEC }, STRUCTURAL);
        const meaningTests = [...matrixRows(base)].filter(row => row.criteria.includes('Go.Meaning')).map(row => row.id);
        const passed = await inputFromFiles({ 'spec.ispec': SPEC, 'evidence/t.yaml': completeEvidence(meaningTests).replace(/done/g, 'passed') }, STRUCTURAL);
        const item = (input: typeof passed) => buildChecklists(input, 'Go')[0].groups.flatMap(g => g.items).find(i => i.id === 'Go.Meaning')!;
        assert.equal(item(passed).status, 'passed');
        const failed = await inputFromFiles({
            'spec.ispec': SPEC,
            'evidence/t.yaml': completeEvidence(meaningTests).replace(/done/g, 'passed').replace('passed', 'failed')
        }, STRUCTURAL);
        assert.equal(item(failed).status, 'failed');
    });
});
