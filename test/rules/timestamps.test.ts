import { strict as assert } from 'node:assert';
import { matrixRows } from '../../language-server/generators/index.js';
import { isIanaZoneName, readZoneText, suggestZone, zoneTextProblem } from '../../language-server/model/time-zones.js';
import { inputFromFiles } from '../generators/generator-support.js';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { mappedFields, sitesWithCover } from './workspaces.js';

describe('timestamps', () => {
    docExamples('timestamps');

    describe('time zones are real IANA names', () => {
        const { ORG, findings, lines } = sitesWithCover;

        const feed = (zone: string, clock = '') => `interface F {\n    from A to B standard HL7v2 "2.5.1" owner Ops sites North, South\n    message ORU^R01 {\n        OBX-14 -> Observation.effectiveDateTime timezone ${zone}${clock}\n    }\n}\n`;

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

    describe('mapped fields and the field dictionaries', () => {
        const { mappingFindings } = mappedFields;

        it('takes a field\'s kind from the dictionary: an HL7 v2 timestamp without a time zone is flagged', async () => {
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-14 -> Observation.effectiveDateTime']), ['5 timestamps']);
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-14 -> Observation.effectiveDateTime timezone "Europe/Amsterdam"']), []);
        });

        it('asks a date of birth for no zone, though PID-7 is a TS: every sender puts the calendar date there', async () => {
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PID-7 -> PID-7', 'NK1-16 -> NK1-16', 'PID-7 -> (0010,0030)']), []);
            // The time of death is an instant.
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PID-29 -> PID-29']), ['5 timestamps']);
        });

        it('lets an explicit `as` override the dictionary kind', async () => {
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-14 -> Observation.effectiveDateTime as text']), []);
        });
    });

    describe('time zones per site', () => {
        const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

        const spec = (sites: string) => `import "org.ispec"
${sites}
interface Feed {
    from A to B standard HL7v2 "2.5.1" owner Ops sites North, South
    message ADT^A01 {
        EVN-2 -> Encounter.period.start timezone site
    }
}
`;

        it('takes each sending site’s zone, and asks each site of the interface for one', async () => {
            const good = await checkFiles({ 'org.ispec': ORG, 'a.ispec': spec('site North { timezone "America/New_York" }\nsite South { timezone "America/Chicago" }') });
            assert.deepEqual(good.findings.filter(f => f.code === 'timestamps'), []);
            const bad = await checkFiles({ 'org.ispec': ORG, 'a.ispec': spec('site North { timezone "America/New_York" }\nsite South { pilot }') });
            const found = bad.findings.filter(f => f.code === 'timestamps').map(f => `${f.line} ${f.message}`);
            assert.equal(found.length, 1, found.join('\n'));
            assert.match(found[0], /^7 EVN-2 takes the time zone of the sending site, but site 'South' declares none/);
        });

        it('writes each site’s zone into that site’s matrix rows', async () => {
            const input = await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': spec('site North { timezone "America/New_York" }\nsite South { timezone "America/Chicago" }') });
            const rows = [...matrixRows(input)].filter(row => row.id.includes('-timezone-'));
            assert.deepEqual(rows.map(row => [row.site, row.handled, /read in time zone (\S+);/.exec(row.expected)?.[1]]), [
                ['North', true, 'America/New_York'],
                ['South', true, 'America/Chicago']
            ]);
        });
    });
});
