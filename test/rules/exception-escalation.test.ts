import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { sitesWithDevices, sitesWithParties } from './workspaces.js';

describe('exception-escalation', () => {
    docExamples('exception-escalation');

    describe('urgent escalations', () => {
        const { found, feed } = sitesWithDevices;

        const urgent = (within: string, party = 'Ops') => feed('', `    on urgent "Page the clinician" escalate ${party} within ${within}\n`);

        it('an urgent escalation slower than 1h (option max-response) is a finding, with a quick fix to the limit', async () => {
            const slow = await found('exception-escalation', urgent('4h'));
            assert.equal(slow.length, 1, slow.join('\n'));
            assert.match(slow[0], /^a\.ispec:\d+ The 'urgent' escalation is answered within 4h, longer than 1h/);
            assert.deepEqual(await found('exception-escalation', urgent('30m')), []);
            assert.deepEqual(await found('exception-escalation', urgent('1h')), []);
            assert.deepEqual(await found('exception-escalation', urgent('4h'), 'rules:\n  exception-escalation: [warning, { max-response: { urgent: 4h } }]\n'), []);
            assert.equal((await found('exception-escalation', urgent('30m'), 'rules:\n  exception-escalation: [warning, { max-response: { urgent: 15m } }]\n')).length, 1);
        });

        it('an on-call text that limits cover to some hours or days is no cover for urgent cases; a number or rota is', async () => {
            const bench = await found('exception-escalation', urgent('15m', 'Bench'));
            assert.equal(bench.length, 1, bench.join('\n'));
            assert.match(bench[0], /goes to Bench, which has no on-call cover at every hour/);
            assert.deepEqual(await found('exception-escalation', urgent('15m', 'Rota')), []);
        });
    });

    describe('escalations reach people', () => {
        const { found, feed } = sitesWithDevices;

        it('an escalation to a service account is a finding for any scenario; to a team of people it is not', async () => {
            const to = (party: string) => feed('', `    on downtime "Paper forms" escalate ${party} within 15m\n`);
            const account = await found('exception-escalation', to('EngineAccount'));
            assert.equal(account.length, 1, account.join('\n'));
            assert.match(account[0], /goes to EngineAccount, a service account: software does not answer an escalation/);
            assert.deepEqual(await found('exception-escalation', to('Ops')), []);
        });
    });

    describe('zero and absurd durations', () => {
        const { codes, spec } = sitesWithParties;

        const feed = (within: string) => spec(`interface F {\n    from A to B owner Ops\n    on urgent "Phone the ward" escalate Ops within ${within}\n}\n`);

        it('exception-escalation: `within 0m` is no response time', async () => {
            assert.deepEqual(await codes('exception-escalation', feed('0m')), ['a.ispec:4 exception-escalation']);
            assert.deepEqual(await codes('exception-escalation', feed('15m')), []);
        });
    });

    describe('parties that can answer', () => {
        const { ORG, codes, spec } = sitesWithParties;

        it('exception-escalation: an urgent escalation reaches a party with on-call cover (24x7 or a written rota)', async () => {
            const feed = (party: string) => spec(`interface F {\n    from A to B owner Ops\n    on urgent "Phone the ward" escalate ${party} within 15m\n}\n`);
            assert.deepEqual(await codes('exception-escalation', feed('Quality')), ['a.ispec:4 exception-escalation']);
            assert.deepEqual(await codes('exception-escalation', feed('Ops')), []);
            assert.deepEqual(await codes('exception-escalation', feed('Desk')), []);
            assert.deepEqual(await codes('exception-escalation', feed('Clerk')), []); // a role of a team with cover
        });

        it('keeps the old free-text on-call form working next to `on-call 24x7`', async () => {
            const { findings } = await checkFiles({ 'org.ispec': ORG });
            assert.deepEqual(findings.filter(f => f.code === 'syntax').map(f => f.message), []);
        });
    });
});
