import { strict as assert } from 'node:assert';
import { buildChecklists, matrixRows } from '../../language-server/generators/index.js';
import { isIanaZoneName, readZoneText, suggestZone, zoneTextProblem } from '../../language-server/model/time-zones.js';
import { inputFromFiles } from '../generators/generator-support.js';
import { checkFiles } from '../support/workspace.js';

/** Two sites, teams with cover, a role and two systems; each test adds what it checks. */
const ORG = `team Ops { on-call 24x7 }
team Desk { on-call 24x7 }
role Clerk { team Ops duties registration }
role Nurse { team Ops duties care }
system A { kind X }
system B { kind X }
site North { timezone "Pacific/Auckland" }
site South { timezone "Pacific/Auckland" }
change-authority Ops
`;

async function findings(rule: string, body: string, extra: Record<string, string> = {}): Promise<Array<{ line: number, message: string }>> {
    const { findings: all } = await checkFiles({ 'org.ispec': ORG, 'a.ispec': `import "org.ispec"\n${body}`, ...extra });
    return all.filter(f => f.code === rule && f.relative === 'a.ispec').map(f => ({ line: f.line, message: f.message }));
}

const lines = async (rule: string, body: string, extra: Record<string, string> = {}) => (await findings(rule, body, extra)).map(f => f.line);

describe('content checks: time zones are real IANA names', () => {
    it('knows zones as whole names, with the links the runtime canonicalises', () => {
        for (const zone of ['Pacific/Auckland', 'Pacific/Chatham', 'UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'America/Argentina/Salta', 'US/Eastern']) {
            assert.equal(isIanaZoneName(zone), true, zone);
        }
        for (const word of ['GMT+12', 'UTC+10', '+12:00', 'EST', 'pacific/auckland', 'Pacific/Aukland', 'Auckland', 'offset', 'local']) {
            assert.equal(isIanaZoneName(word), false, word);
        }
    });

    it('reads what a zone text says: zones, UTC, a carried offset, an unknown offset', () => {
        const problem = (text: string) => zoneTextProblem(readZoneText(text));
        assert.equal(problem('GMT+12'), 'offset-or-abbreviation');
        assert.equal(problem('EST'), 'offset-or-abbreviation');
        assert.equal(problem('offset unknown'), 'offset-unknown');
        assert.equal(problem('Pacific/Auckland, offset not sent'), 'offset-unknown');
        assert.equal(problem('sender local time'), 'no-zone');
        assert.equal(problem('as met at the site'), 'no-zone');
        assert.equal(problem('Pacific/Aukland'), 'misspelt');
        for (const text of ['Pacific/Auckland', 'America/Chicago, kept as acquired', 'UTC (ISO 8601 with Z)', 'offset carried in the value (ISO 8601)',
            'site local time zone, offset carried in (0008,0201)', 'America/Chicago (CST/CDT)', 'UTC, no offset']) {
            assert.equal(problem(text), undefined, text);
        }
    });

    it('suggests the nearest real zone for a misspelt or miscased one, never an Etc zone for an offset', () => {
        assert.equal(suggestZone('Pacific/Aukland'), 'Pacific/Auckland');
        assert.equal(suggestZone('europe/berlin'), 'Europe/Berlin');
        assert.equal(suggestZone('GMT+12'), undefined);
    });

    const feed = (zone: string, clock = '') => `interface F {\n    from A to B standard HL7v2 "2.5.1" owner Ops sites North, South\n    message ORU^R01 {\n        OBX-14 -> Observation.effectiveDateTime timezone ${zone}${clock}\n    }\n}\n`;

    it('timestamps: GMT+12, "offset unknown", "sender local time" and "as met at the site" are not zones; Pacific/Auckland is', async () => {
        for (const zone of ['"GMT+12"', '"offset unknown"', '"sender local time"', '"as met at the site"', '"Pacific/Aukland"', '"NZST"']) {
            assert.deepEqual(await lines('timestamps', feed(zone)), [5], zone);
        }
        for (const zone of ['"Pacific/Auckland"', '"UTC"', '"Asia/Kolkata"', '"offset carried in the value (ISO 8601)"', 'site']) {
            assert.deepEqual(await lines('timestamps', feed(zone)), [], zone);
        }
        const [misspelt] = await findings('timestamps', feed('"Pacific/Aukland"'));
        assert.match(misspelt.message, /did you mean 'Pacific\/Auckland'/);
    });

    it('timestamps: a clock note that says the offset is unknown is a finding', async () => {
        assert.deepEqual(await lines('timestamps', feed('"Pacific/Auckland"', ' clock "device clock, offset unknown"')), [5]);
        assert.deepEqual(await lines('timestamps', feed('"Pacific/Auckland"', ' clock "device clock, NTP"')), []);
    });

    it('timestamps: a site zone is a real zone too', async () => {
        assert.deepEqual(await lines('timestamps', 'site East { timezone "GMT+12" }\n'), [2]);
        assert.deepEqual(await lines('timestamps', 'site East { timezone "as met at the site" }\n'), [2]);
        assert.deepEqual(await lines('timestamps', 'site East { timezone "Pacific/Chatham" }\n'), []);
        // `timezone site` reads each site's zone, so a site zone that is none leaves the mapping without one.
        const uses = await findings('timestamps', `site East { timezone "GMT+12" }\ninterface F {\n    from A to B standard HL7v2 "2.5.1" owner Ops sites East\n    message ORU^R01 { OBX-14 -> OBX-14 timezone site }\n}\n`);
        assert.deepEqual(uses.map(f => f.line), [2, 5]);
        assert.match(uses[1].message, /'GMT\+12', is not one IANA zone/);
    });

    it('timestamps: REST payload timestamps are known by their names (startedAt, eventTimestamp), durations and dates are not', async () => {
        const rest = (mapping: string) => `interface F {\n    from A to B standard REST openapi "api.json" owner Ops\n    message Cycle {\n        ${mapping}\n    }\n}\n`;
        assert.deepEqual(await lines('timestamps', rest('cycle.startedAt -> cycle.startedAt')), [5]);
        assert.deepEqual(await lines('timestamps', rest('event.raised_at -> record.openedDateTime')), [5]);
        assert.deepEqual(await lines('timestamps', rest('cycle.startedAt -> cycle.startedAt timezone "UTC"')), []);
        assert.deepEqual(await lines('timestamps', rest('cycle.holdTime -> cycle.holdTime')), []);
        assert.deepEqual(await lines('timestamps', rest('order.dueDate -> order.dueDate')), []);
    });

    it('timestamps: a DICOM date and its time are one instant, read in one zone', async () => {
        const images = (date: string, time: string) => `interface F {\n    from A to B standard DICOM "2024b" owner Ops\n    message C-STORE {\n        (0008,0020) -> (0008,0020) timezone ${date}\n        (0008,0030) -> (0008,0030) timezone ${time}\n    }\n}\n`;
        assert.deepEqual(await lines('timestamps', images('"Pacific/Auckland"', '"site zone (Pacific/Auckland or Pacific/Chatham), offset in (0008,0201)"')), [5]);
        assert.deepEqual(await lines('timestamps', images('"site local time (Pacific/Auckland or Pacific/Chatham)"', '"site zone (Pacific/Auckland or Pacific/Chatham), offset in (0008,0201)"')), []);
        assert.deepEqual(await lines('timestamps', images('"Pacific/Auckland"', '"Pacific/Auckland"')), []);
    });

    it('matrix: a zone that is none leaves the time-zone row unhandled', async () => {
        const input = await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': `import "org.ispec"\n${feed('"offset unknown"')}` });
        const rows = [...matrixRows(input)].filter(row => row.id.includes('-timezone-'));
        assert.ok(rows.length > 0);
        assert.ok(rows.every(row => !row.handled && row.expected.startsWith('UNHANDLED')), JSON.stringify(rows.map(r => r.expected)));
    });
});

describe('content checks: evidence, training, benefits, regulatory', () => {
    const gate = (evidence: string, trains = 'trains Clerk, Nurse') => `gate G {\n    site North\n    approver Ops\n    hypercare 14d support Ops escalate Desk\n    criterion Ready {\n        question readiness\n        ${evidence}\n        approver Ops\n        ${trains}\n    }\n}\ninterface F {\n    from A to B owner Ops sites North\n    affects Clerk, Nurse\n}\n`;

    it('gate-evidence: a list of empty or blank strings is no evidence; one blank entry beside real ones is named', async () => {
        assert.deepEqual(await lines('gate-evidence', gate('evidence ""\n        evidence "  "')), [6]);
        assert.deepEqual(await lines('gate-evidence', gate('evidence ""\n        evidence "n/a"')), [6]);
        const mixed = await findings('gate-evidence', gate('evidence "Training records by role"\n        evidence " "'));
        assert.deepEqual(mixed.map(f => f.line), [9]);
        assert.match(mixed[0].message, /Evidence " " of criterion 'Ready' names nothing/);
        assert.deepEqual(await lines('gate-evidence', gate('evidence "Training records by role"')), []);
    });

    it('checklist: blank evidence entries are not listed as required evidence', async () => {
        const input = await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': `import "org.ispec"\n${gate('evidence "Training records"\n        evidence " "')}` });
        const item = buildChecklists(input, 'G')[0].groups.flatMap(group => group.items).find(i => i.id === 'G.Ready');
        assert.deepEqual(item?.evidenceRequired, ['Training records']);
    });

    it('training-by-role: reported on the readiness criterion of the gate that does not train the role', async () => {
        const found = await findings('training-by-role', gate('evidence "Training records"', 'trains Clerk'));
        assert.deepEqual(found.map(f => f.line), [6]);
        assert.match(found[0].message, /Gate 'G' goes live without training role Nurse \(affected by F\); add `trains Nurse` to criterion 'Ready'/);
        assert.deepEqual(await lines('training-by-role', gate('evidence "Training records"', '')), [6]);
        assert.deepEqual(await lines('training-by-role', gate('evidence "Training records"')), []);
    });

    it('benefits-baseline: the baseline is in the unit of the threshold', async () => {
        const metric = (text: string) => `interface F {\n    from A to B owner Ops\n    monitor {\n        owner Ops\n        metric ${text}\n    }\n}\n`;
        assert.deepEqual(await lines('benefits-baseline', metric('paper-records < 2% benefit baseline 9d')), [6]);
        assert.deepEqual(await lines('benefits-baseline', metric('turnaround p90 < 60m benefit baseline 40%')), [6]);
        assert.deepEqual(await lines('benefits-baseline', metric('scopes-unrecorded < 1 scopes benefit baseline 12 sets')), [6]);
        assert.deepEqual(await lines('benefits-baseline', metric('turnaround p90 < 2h benefit baseline 3d')), []);
        assert.deepEqual(await lines('benefits-baseline', metric('paper-records < 2% benefit baseline 100%')), []);
        assert.deepEqual(await lines('benefits-baseline', metric('scopes-unrecorded < 1 scopes benefit baseline 12 scope')), []);
    });

    it('regulatory-record: a vendor certificate is not a site validation; a device kind needs a regime', async () => {
        const device = (validation: string) => `system D {\n    vendor "Acme Medical"\n    medical-device\n    regulatory MDR class IIa validation "${validation}"\n    alerts to Ops\n}\n`;
        for (const validation of ['CE certificate 2797-MDR-0001', 'Acme Medical declaration of conformity', "Manufacturer's FDA 510(k) clearance"]) {
            assert.deepEqual(await lines('regulatory-record', device(validation)), [5], validation);
        }
        for (const validation of ['IQ/OQ/PQ record VAL-2026-07', 'Site acceptance tests per unit, CE marked devices', 'VAL-PACS-2026-01']) {
            assert.deepEqual(await lines('regulatory-record', device(validation)), [], validation);
        }
        assert.deepEqual(await lines('regulatory-record', 'system Pumps {\n    kind infusion-pump\n}\n'), [2]);
        assert.deepEqual(await lines('regulatory-record', 'system Scanners {\n    kind barcode-scanner\n}\n'), []);
        assert.deepEqual(await lines('regulatory-record', 'system Pumps {\n    kind infusion-pump\n    regulatory MDR class IIb validation "VAL-PUMP-01"\n}\n'), []);
    });

    it('data-owner: PHI kept 30d instead of 30y is an absurd retention (min-phi-retention, default 1y)', async () => {
        const data = (classification: string, retention: string) => `data Chart {\n    owner Ops\n    classification ${classification}\n    retention ${retention}\n    access Nurse\n    duties care\n    audit "All reads logged"\n}\n`;
        assert.deepEqual(await lines('data-owner', data('PHI', '30d')), [5]);
        assert.deepEqual(await lines('data-owner', data('PHI', '30y')), []);
        assert.deepEqual(await lines('data-owner', data('internal', '30d')), []);
        assert.deepEqual(await lines('data-owner', data('PHI', '90d'), { 'interspec.yaml': 'rules:\n  data-owner: [error, { min-phi-retention: 60d }]\n' }), []);
    });

    it('monitoring: a service account owns no monitor', async () => {
        const feed = (owner: string) => `role Engine { team Ops service-account duties delivery }\ninterface F {\n    from A to B owner Ops\n    monitor {\n        owner ${owner}\n        alerts to Ops\n        metric failed < 1%\n    }\n}\n`;
        assert.deepEqual(await lines('monitoring', feed('Engine')), [6]);
        assert.deepEqual(await lines('monitoring', feed('Ops')), []);
    });

    it('checklist: a vendor certificate given as validation, and an undeclared device kind, stay open compliance items', async () => {
        const input = await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': `import "org.ispec"
system Pumps { kind infusion-pump }
system D { kind analyser medical-device regulatory IVDR class C validation "Manufacturer CE certificate" alerts to Ops }
interface F {\n    from Pumps to D owner Ops sites North\n}
gate G {\n    site North\n}\n` });
        const items = buildChecklists(input, 'G')[0].groups.flatMap(group => group.items);
        const notes = (name: string) => items.find(item => item.id.endsWith(name))?.notes;
        assert.deepEqual(notes('compliance.Pumps'), ['No site validation record is declared.']);
        assert.deepEqual(notes('compliance.D'), ['The validation names the manufacturer\'s certification, not a validation at the site.']);
    });
});

