import { strict as assert } from 'node:assert';
import { RULES } from '../../language-server/rules/registry.js';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { sitesWithDevices, sitesWithParties } from './workspaces.js';

const RULE_IDS = new Set(RULES.map(rule => rule.id));

/** The parties of `sitesWithDevices` (Ops 24x7, Bench weekdays, Rota a number), a team with no cover and one with hours. */
const HOURS_ORG = {
    'org.ispec': `${sitesWithDevices.ORG.replace(/^site .*\n/gm, '')}team Quality\nteam Sterile { hours "06:30-22:00" }\n`
};

/** `severity message` of each exception-escalation finding on a.ispec, with the parties above. */
async function foundWithSeverity(files: Record<string, string>, extraOrg = ''): Promise<string[]> {
    const { findings } = await checkFiles({
        'org.ispec': `${sitesWithDevices.ORG}team Quality\nteam Sterile { hours "06:30-22:00" }\n${extraOrg}`, ...files
    });
    assert.deepEqual(findings.filter(f => !RULE_IDS.has(f.code)).map(f => `${f.relative}:${f.line} ${f.message}`), []);
    return findings.filter(f => f.code === 'exception-escalation').map(f => `${f.severity} ${f.message}`);
}

const severities = async (files: Record<string, string>) => (await foundWithSeverity(files)).map(f => f.split(' ')[0]);

describe('exception-escalation', () => {
    docExamples('exception-escalation');

    describe('urgent escalations', () => {
        const { found, feed } = sitesWithDevices;

        const urgent = (within: string, party = 'Ops') => feed('', `    on urgent "Page the clinician" escalate ${party} within ${within}\n`);

        it('an urgent escalation slower than 1h (option max-response) on a critical interface is a warning, with a quick fix to the limit', async () => {
            const critical = (within: string) => feed('    criticality critical\n', `    on urgent "Page the clinician" escalate Ops within ${within}\n`);
            const slow = await found('exception-escalation', critical('4h'));
            assert.equal(slow.length, 1, slow.join('\n'));
            assert.match(slow[0], /^a\.ispec:\d+ The 'urgent' escalation is answered within 4h, longer than 1h/);
            assert.deepEqual(await found('exception-escalation', critical('30m')), []);
            assert.deepEqual(await found('exception-escalation', critical('1h')), []);
            assert.deepEqual(await found('exception-escalation', critical('4h'), 'rules:\n  exception-escalation: [warning, { max-response: { urgent: 4h } }]\n'), []);
            assert.equal((await found('exception-escalation', critical('30m'), 'rules:\n  exception-escalation: [warning, { max-response: { urgent: 15m } }]\n')).length, 1);
        });

        it('an urgent escalation on an alarm interface (receiver kind alarm, or ORU^R40) slower than 5m is a warning, whatever its criticality (dev ICU-03)', async () => {
            const alarms = (within: string, receiver = 'alarm-distribution', message = '', criticality = 'high') => ({
                'a.ispec': `import "org.ispec"\nsystem Receiver { kind ${receiver} owner Ops }\ninterface Alarms {\n    from Monitor to Receiver\n    standard HL7v2 "2.6"\n    owner Ops\n    criticality ${criticality}\n    sites North, South\n${message}`
                    + `    on urgent "Not accepted in 30 seconds: the buddy nurse, then the nurse in charge" escalate Ops within ${within}\n}\n`
            });
            const slow = await found('exception-escalation', alarms('10m'));
            assert.equal(slow.length, 1, slow.join('\n'));
            assert.match(slow[0], /^a\.ispec:9 The 'urgent' escalation of alarm interface 'Alarms' is answered within 10m, longer than 5m/);
            assert.equal((await found('exception-escalation', alarms('10m', 'middleware', '    message ORU^R40 "Alarm report (PCD-04)"\n'))).length, 1, 'ORU^R40 is the alarm message');
            assert.equal((await found('exception-escalation', alarms('4h', 'alarm-manager', '', 'critical'))).length, 1, 'one finding, the alarm limit');
            assert.deepEqual(await found('exception-escalation', alarms('1m')), []);
            assert.deepEqual(await found('exception-escalation', alarms('5m')), []);
            assert.deepEqual(await found('exception-escalation', alarms('10m', 'middleware')), [], 'not an alarm interface: the generic limit (1h) holds');
            assert.deepEqual(await found('exception-escalation', alarms('10m'), 'rules:\n  exception-escalation: [warning, { max-alarm-response: 15m }]\n'), []);
        });

        it('on an interface the spec does not call critical, a slow urgent escalation is only an info (an urgent referral may mean days)', async () => {
            const high = await severities(feed('    criticality high\n', '    on urgent "Prefetch priors the day before" escalate Ops within 4h\n'));
            assert.deepEqual(high, ['info']);
            assert.deepEqual(await severities(urgent('4h')), ['info']);
        });
    });

    describe('service hours: an urgent escalation reaches a party while the interface runs', () => {
        const { feed } = sitesWithDevices;
        const urgentTo = (party: string, hours = '') => feed(hours, `    on urgent "Page the clinician" escalate ${party} within 15m\n`);

        it('where the spec does not say when the interface runs, a party without round-the-clock cover is an info asking for the hours, never a warning', async () => {
            for (const party of ['Bench', 'Quality', 'Sterile']) {
                const findings = await foundWithSeverity(urgentTo(party));
                assert.equal(findings.length, 1, findings.join('\n'));
                assert.match(findings[0], /^info .*the spec does not say when Feed runs\. Add `hours`/);
            }
            assert.deepEqual(await severities(urgentTo('Rota')), []);
            assert.deepEqual(await severities(urgentTo('Ops')), []);
        });

        it('an interface that runs 24x7 needs a party that answers at every hour: a team with office hours or none stated is a warning', async () => {
            const bench = await foundWithSeverity(urgentTo('Bench', '    hours 24x7\n'));
            assert.equal(bench.length, 1, bench.join('\n'));
            assert.match(bench[0], /^warning .*goes to Bench, which answers "Weekdays 07:00-17:00, voicemail otherwise", but Feed runs 24x7 \(interface Feed\)/);
            assert.match((await foundWithSeverity(urgentTo('Quality', '    hours 24x7\n')))[0], /^warning .*Quality, which states no `on-call` or `hours`/);
            assert.deepEqual(await severities(urgentTo('Ops', '    hours 24x7\n')), []);
            assert.deepEqual(await severities(urgentTo('Rota', '    hours 24x7\n')), []);
        });

        it('a team that works the hours the interface runs is enough (the dental sterile services team of 06:30-22:00)', async () => {
            assert.deepEqual(await severities(urgentTo('Sterile', '    hours "07:00-21:00"\n')), []);
            assert.deepEqual(await severities(urgentTo('Sterile', '    hours "Mon-Fri 08:00-18:00, Sat 09:00-13:00"\n')), []);
            assert.deepEqual(await severities(urgentTo('Bench', '    hours "Mon-Fri 08:00-16:00"\n')), []); // on-call text names its hours
            const late = await foundWithSeverity(urgentTo('Sterile', '    hours "06:00-23:00"\n'));
            assert.equal(late.length, 1, late.join('\n'));
            assert.match(late[0], /^warning .*Sterile, which answers "06:30-22:00", but Feed runs "06:00-23:00"/);
            const weekend = await foundWithSeverity(urgentTo('Bench', '    hours "Mon-Sat 08:00-16:00"\n'));
            assert.equal(weekend.length, 1, weekend.join('\n'));
        });

        it('an interface without hours runs when its sites do (the sites it lists, together)', async () => {
            const sites = (north: string, south = '') => ({
                'sites.ispec': `site North { timezone "America/Chicago" ${north} }\nsite South { timezone "America/Chicago" ${south} }\n`
            });
            const interfaceAt = (party: string) => ({ 'a.ispec': `import "org.ispec"\nimport "sites.ispec"\ninterface Feed {\n    from LIS to EHR\n    owner Ops\n    sites North, South\n    on urgent "Page the clinician" escalate ${party} within 15m\n}\n` });
            const check = async (party: string, north: string, south = '') => {
                const { findings } = await checkFiles({ ...HOURS_ORG, ...sites(north, south), ...interfaceAt(party) });
                return findings.filter(f => f.code === 'exception-escalation').map(f => `${f.severity} ${f.message}`);
            };
            assert.match((await check('Sterile', 'hours 24x7'))[0], /^warning .*but Feed runs 24x7 \(site North\)/);
            assert.deepEqual(await check('Sterile', 'hours "07:00-20:00"', 'hours "08:00-22:00"'), []);
            assert.match((await check('Sterile', 'hours "07:00-20:00"', 'hours "08:00-23:00"'))[0], /^warning .*\(sites North, South\)/);
        });

        it('an `hours` text that names no days or clock ranges is a structural error', async () => {
            const { findings } = await checkFiles({ 'a.ispec': 'team T { hours "evenings" }\nsite S { hours "Mon-Fri" }\nteam U { hours 12x5 }\n' });
            assert.deepEqual(findings.filter(f => f.code === 'unreadable-hours').map(f => f.line), [1]);
            assert.deepEqual(findings.filter(f => f.code === 'syntax'), []);
        });
    });

    describe('downtime queue capacity', () => {
        const { found, feed } = sitesWithDevices;

        it('a queue that holds less than the escalation takes to be answered is a finding; one that holds longer is not', async () => {
            const queued = (queue: string, within: string) => feed('', `    on downtime "Queue, then replay in order" queue ${queue} escalate Ops within ${within}\n`);
            const short = await found('exception-escalation', queued('30m', '1h'));
            assert.equal(short.length, 1, short.join('\n'));
            assert.match(short[0], /The queue holds 30m, but the 'downtime' escalation to Ops is answered within 1h: messages are lost/);
            assert.deepEqual(await found('exception-escalation', queued('2h', '15m')), []);
            assert.deepEqual(await found('exception-escalation', queued('1h', '1h')), []);
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
