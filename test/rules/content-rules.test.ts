import { strict as assert } from 'node:assert';
import { isPlaceholder } from '../../language-server/model/workspace-index.js';
import { checkFiles } from '../support/workspace.js';

/** Two sites, a team with and one without on-call cover, a person's role and a service account. */
const ORG = `team Ops { on-call 24x7 }
team Quality
team Desk { on-call "+64 3 555 0100, rota in the service desk wiki" }
role Clerk { team Ops duties registration }
role Engine { team Ops service-account duties delivery }
system A { kind X }
system B { kind X }
site North { timezone "UTC" }
site South { timezone "UTC" }
change-authority Ops
`;

/** `file:line code` of every finding of the given rule outside org.ispec. */
async function codes(rule: string, files: Record<string, string>): Promise<string[]> {
    const { findings } = await checkFiles({ 'org.ispec': ORG, ...files });
    return findings.filter(f => f.code === rule && f.relative !== 'org.ispec').map(f => `${f.relative}:${f.line} ${f.code}`);
}

async function messages(rule: string, files: Record<string, string>): Promise<string[]> {
    const { findings } = await checkFiles({ 'org.ispec': ORG, ...files });
    return findings.filter(f => f.code === rule && f.relative !== 'org.ispec').map(f => f.message);
}

const spec = (body: string) => ({ 'a.ispec': `import "org.ispec"\n${body}` });

describe('rules read content, not presence', () => {
    it('treats the one placeholder list as placeholders, and real records as records', () => {
        for (const text of ['', '  ', 'n/a', 'N/A', 'none', '-', '?', 'TBD', 'TBC', 'TODO: later', 'unknown', 'Pending', 'pending.']) {
            assert.equal(isPlaceholder(text), true, text);
        }
        for (const text of ['n/a at night: see SOP-7', 'None of the analysers are on the VLAN; see CHG-12', 'IQ-PQ register 2024', 'Pending results are held in the queue']) {
            assert.equal(isPlaceholder(text), false, text);
        }
    });

    it('vendor-accountability: a rollback "TBC" is no rollback plan', async () => {
        const system = (rollback: string) => spec(`system V {\n    vendor "Acme"\n    support contact "support@acme.example" response 2h\n    rollback "${rollback}"\n}\n`);
        assert.deepEqual(await codes('vendor-accountability', system('TBC')), ['a.ispec:2 vendor-accountability']);
        assert.deepEqual(await codes('vendor-accountability', system('Previous release kept on the standby server')), []);
    });

    it('regulatory-record: a validation "pending" is no site validation record', async () => {
        const system = (validation: string) => spec(`system D {\n    medical-device\n    regulatory MDR class IIa validation "${validation}"\n    alerts to Ops\n}\n`);
        assert.deepEqual(await codes('regulatory-record', system('pending')), ['a.ispec:4 regulatory-record']);
        assert.deepEqual(await codes('regulatory-record', system('IQ/OQ/PQ record VAL-2024-07')), []);
    });

    it('downtime-procedure: a reconciliation "n/a" is no reconciliation', async () => {
        const files = (reconciliation: string) => spec(`site East {\n    timezone "UTC"\n    downtime { fallback "Paper request forms" reconciliation "${reconciliation}" }\n}\ninterface F {\n    from A to B owner Ops criticality critical sites East\n}\n`);
        assert.deepEqual(await codes('downtime-procedure', files('n/a')), ['a.ispec:2 downtime-procedure']);
        assert.deepEqual(await codes('downtime-procedure', files('Held messages replayed and checked against the day list')), []);
    });

    it('site-baseline: a device version "latest" names no release; `hosts none` says a site hosts nothing', async () => {
        const site = (version: string, hosts: string) => spec(`site East {\n    timezone "UTC"\n    baseline {\n        device Scanner model "Acme S1" version ${version}\n        ${hosts}\n        network 100 Mbps\n    }\n}\n`);
        assert.deepEqual(await codes('site-baseline', site('"latest"', 'hosts A')), ['a.ispec:5 site-baseline']);
        assert.deepEqual(await codes('site-baseline', site('3.2.0', '')), ['a.ispec:2 site-baseline']);
        assert.deepEqual(await codes('site-baseline', site('3.2.0', 'hosts none // vendor-hosted')), []);
    });
});

describe('rules: zero and absurd durations', () => {
    const feed = (within: string) => spec(`interface F {\n    from A to B owner Ops\n    on urgent "Phone the ward" escalate Ops within ${within}\n}\n`);

    it('exception-escalation: `within 0m` is no response time', async () => {
        assert.deepEqual(await codes('exception-escalation', feed('0m')), ['a.ispec:4 exception-escalation']);
        assert.deepEqual(await codes('exception-escalation', feed('15m')), []);
    });

    it('hypercare: 0d is no stabilisation period', async () => {
        const gate = (period: string) => spec(`gate G {\n    site North\n    hypercare ${period} support Ops escalate Desk\n}\n`);
        assert.deepEqual(await codes('hypercare', gate('0d')), ['a.ispec:4 hypercare']);
        assert.deepEqual(await codes('hypercare', gate('14d')), []);
    });

    it('data-owner: `retention 0d` is no retention policy', async () => {
        const data = (retention: string) => spec(`data Images {\n    owner Ops\n    retention ${retention}\n    access Clerk\n}\n`);
        assert.deepEqual(await codes('data-owner', data('0d')), ['a.ispec:4 data-owner']);
        assert.deepEqual(await codes('data-owner', data('10y')), []);
    });

    it('vendor-accountability: the response fits the criticality of the interfaces (1d critical, 3d high by default; policy in interspec.yaml)', async () => {
        const files = (response: string, criticality: string) => spec(`system V {\n    vendor "Acme"\n    support contact "support@acme.example" response ${response}\n    rollback "Previous release kept"\n}\ninterface F {\n    from V to B owner Ops criticality ${criticality}\n}\n`);
        assert.deepEqual(await codes('vendor-accountability', files('30d', 'high')), ['a.ispec:4 vendor-accountability']);
        assert.deepEqual(await codes('vendor-accountability', files('2d', 'critical')), ['a.ispec:4 vendor-accountability']);
        assert.deepEqual(await codes('vendor-accountability', files('1d', 'critical')), []);
        assert.deepEqual(await codes('vendor-accountability', files('2d', 'high')), []);
        assert.deepEqual(await codes('vendor-accountability', { ...files('1d', 'critical'), 'interspec.yaml': 'rules:\n  vendor-accountability: [warning, { max-response: { critical: 4h } }]\n' }), ['a.ispec:4 vendor-accountability']);
    });
});

describe('rules: parties that can answer', () => {
    it('exception-escalation: an urgent escalation reaches a party with on-call cover (24x7 or a written rota)', async () => {
        const feed = (party: string) => spec(`interface F {\n    from A to B owner Ops\n    on urgent "Phone the ward" escalate ${party} within 15m\n}\n`);
        assert.deepEqual(await codes('exception-escalation', feed('Quality')), ['a.ispec:4 exception-escalation']);
        assert.deepEqual(await codes('exception-escalation', feed('Ops')), []);
        assert.deepEqual(await codes('exception-escalation', feed('Desk')), []);
        assert.deepEqual(await codes('exception-escalation', feed('Clerk')), []); // a role of a team with cover
    });

    it('alert-routing: alerts never go to a service account', async () => {
        const system = (to: string) => spec(`system D {\n    medical-device\n    alerts to ${to}\n}\n`);
        assert.deepEqual(await codes('alert-routing', system('Engine')), ['a.ispec:4 alert-routing']);
        assert.deepEqual(await codes('alert-routing', system('Ops')), []);
    });

    it('data-owner and interface-owner: a service account owns nothing', async () => {
        assert.deepEqual(await codes('data-owner', spec('data U {\n    owner Engine\n    retention 10y\n    access Clerk\n}\n')), ['a.ispec:3 data-owner']);
        assert.deepEqual(await codes('interface-owner', spec('interface F {\n    from A to B owner Engine\n}\n')), ['a.ispec:3 interface-owner']);
        assert.deepEqual(await codes('interface-owner', spec('interface F {\n    from A to B owner Clerk\n}\n')), []);
    });

    it('hypercare: support and escalation are different parties', async () => {
        const gate = (escalate: string) => spec(`gate G {\n    site North\n    hypercare 8w support Ops escalate ${escalate}\n}\n`);
        assert.deepEqual(await codes('hypercare', gate('Ops')), ['a.ispec:4 hypercare']);
        assert.deepEqual(await codes('hypercare', gate('Desk')), []);
    });

    it('keeps the old free-text on-call form working next to `on-call 24x7`', async () => {
        const { findings } = await checkFiles({ 'org.ispec': ORG });
        assert.deepEqual(findings.filter(f => f.code === 'syntax').map(f => f.message), []);
    });
});

describe('rules: identity and PHI from what is mapped', () => {
    const feed = (authority: string) => spec(`interface F {\n    from A to B owner Ops standard HL7v2 "2.5.1"\n    message ADT^A04 {\n        PID-3 -> PID-3 identifier authority "${authority}"\n    }\n}\n`);

    it('patient-identity: an authority that is only a type word ("MRN", "UR") names no issuer when several sites issue identifiers', async () => {
        assert.deepEqual(await codes('patient-identity', feed('MRN')), ['a.ispec:5 patient-identity']);
        assert.deepEqual(await codes('patient-identity', feed('UR')), ['a.ispec:5 patient-identity']);
        assert.deepEqual(await codes('patient-identity', feed('North Hospital MRN, urn:oid:1.2.36.1.2001.1003.0.1')), []);
    });

    it('audit-trail: a data set carried with patient identifiers is PHI whatever its classification, and needs audit', async () => {
        const files = (audit: string) => ({
            ...spec(`interface F {\n    from A to B owner Ops standard HL7v2 "2.5.1" carries Admissions\n    message ADT^A04 {\n        PID-3 -> PID-3 identifier authority "North Hospital MRN"\n    }\n}\n`),
            'b.ispec': `import "org.ispec"\ndata Admissions {\n    owner Ops\n    classification internal\n    retention 30y\n    access Clerk\n    duties registration\n${audit}}\n`
        });
        const found = await messages('audit-trail', files(''));
        assert.equal(found.length, 1);
        assert.match(found[0], /Admissions.*interface F carries it with patient identifiers/);
        assert.deepEqual(await codes('audit-trail', files('    audit "Every view logged; reviewed monthly"\n')), []);
    });
});
