import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

describe('hypercare', () => {
    docExamples('hypercare');

    describe('zero and absurd durations', () => {
        const { codes, spec } = sitesWithParties;

        it('hypercare: 0d is no stabilisation period', async () => {
            const gate = (period: string) => spec(`gate G {\n    site North\n    hypercare ${period} support Ops escalate Desk\n}\n`);
            assert.deepEqual(await codes('hypercare', gate('0d')), ['a.ispec:4 hypercare']);
            assert.deepEqual(await codes('hypercare', gate('14d')), []);
        });
    });

    describe('parties that can answer', () => {
        const { codes, spec } = sitesWithParties;

        it('hypercare: support and escalation are different parties', async () => {
            const gate = (escalate: string) => spec(`gate G {\n    site North\n    hypercare 8w support Ops escalate ${escalate}\n}\n`);
            assert.deepEqual(await codes('hypercare', gate('Ops')), ['a.ispec:4 hypercare']);
            assert.deepEqual(await codes('hypercare', gate('Desk')), []);
        });
    });

    describe('milestones that take no site live', () => {
        const { codes, spec } = sitesWithParties;

        it('hypercare: a decommission milestone is not asked for a stabilisation period; one it declares is still checked', async () => {
            const gate = (lines: string) => spec(`gate RetireOld {\n    sites North, South\n    ${lines}\n}\n`);
            assert.deepEqual(await codes('hypercare', gate('milestone decommission')), []);
            assert.deepEqual(await codes('hypercare', gate('milestone decommission\n    hypercare 0d support Ops escalate Desk')), ['a.ispec:5 hypercare']);
            assert.deepEqual(await codes('hypercare', gate('approver Ops')), ['a.ispec:2 hypercare'], 'a go-live gate still is');
        });
    });
});
