import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

describe('interface-owner', () => {
    docExamples('interface-owner');

    describe('parties that can answer', () => {
        const { codes, spec } = sitesWithParties;

        it('interface-owner: an owner outside the monitor, the escalations and any on-call is a governance body in an operational seat', async () => {
            const feed = (owner: string, monitor = '    monitor { owner Ops alerts to Ops }\n', handler = '    on downtime "Queue" escalate Ops within 1h\n') => spec(`interface F {\n    from A to B owner ${owner}\n${handler}${monitor}}\n`);
            assert.deepEqual(await codes('interface-owner', feed('Quality')), ['a.ispec:3 interface-owner']);
            assert.deepEqual(await codes('interface-owner', feed('Ops')), []); // owns the monitor
            assert.deepEqual(await codes('interface-owner', feed('Desk')), []); // states an on-call
            assert.deepEqual(await codes('interface-owner', feed('Quality', '    monitor { owner Ops alerts to Ops }\n', '    on downtime "Queue" escalate Quality within 1h\n')), []); // receives an escalation
            assert.deepEqual(await codes('interface-owner', feed('Quality', '')), []); // no monitor: the spec does not say who runs it
        });

        it('interface-owner: a service account owns no interface', async () => {
            assert.deepEqual(await codes('interface-owner', spec('interface F {\n    from A to B owner Engine\n}\n')), ['a.ispec:3 interface-owner']);
            assert.deepEqual(await codes('interface-owner', spec('interface F {\n    from A to B owner Clerk\n}\n')), []);
        });
    });
});
