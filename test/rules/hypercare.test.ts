import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { checkFiles } from '../support/workspace.js';
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

    describe('a stabilisation period long enough for critical interfaces (dev ONC-07)', () => {
        const { ORG } = sitesWithParties;
        /** `line severity` of the hypercare findings on a gate at North, whose interface runs there with the given criticality. */
        const found = async (period: string, criticality = 'critical', config?: string) => {
            const { findings } = await checkFiles({
                'org.ispec': ORG, ...(config ? { 'interspec.yaml': config } : {}),
                'a.ispec': `import "org.ispec"\ninterface F {\n    from A to B\n    owner Ops\n    criticality ${criticality}\n    sites North\n}\ngate G {\n    site North\n    hypercare ${period} support Ops escalate Desk\n}\n`
            });
            return findings.filter(f => f.code === 'hypercare').map(f => `${f.line} ${f.severity}`);
        };

        it('hypercare: 3 days after taking a critical interface live is an info with the default (a practice), a warning against the workspace\'s own period', async () => {
            assert.deepEqual(await found('3d'), ['10 info']);
            assert.deepEqual(await found('3w', 'critical', 'rules:\n  hypercare: [warning, { min-period: 4w }]\n'), ['10 warning']);
        });

        it('hypercare: two weeks or more, or a gate whose sites run no critical interface, is not reported', async () => {
            assert.deepEqual(await found('14d'), []);
            assert.deepEqual(await found('1mo'), []);
            assert.deepEqual(await found('3d', 'high'), []);
            assert.deepEqual(await found('3d', 'critical', 'rules:\n  hypercare: [warning, { min-period: 2d }]\n'), []);
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
