import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { checkFiles, writeWorkspace } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';

describe('zone-place', () => {
    docExamples('zone-place');

    /** `line severity message` of the rule's findings on a.ispec. */
    async function found(body: string): Promise<string[]> {
        const { findings } = await checkFiles({ 'a.ispec': `team Ops\nsystem LIS { kind LIS owner Ops }\nsystem EHR { kind EHR owner Ops }\n${body}` });
        assert.deepEqual(findings.filter(f => f.code === 'syntax' || f.code === 'unresolved-reference').map(f => f.message), []);
        return findings.filter(f => f.code === 'zone-place').map(f => `${f.line} ${f.severity} ${f.message}`);
    }

    const site = (zone: string, jurisdiction: string) => `site S { timezone "${zone}" jurisdiction "${jurisdiction}" }\n`;

    it('a site whose zone is not one of its jurisdiction\'s is a warning: the Canaries, the Chathams, Arizona', async () => {
        const canary = await found(site('Europe/Madrid', 'ES-CN'));
        assert.equal(canary.length, 1, canary.join('\n'));
        assert.match(canary[0], /^4 warning Site 'S' is in ES-CN, whose zone is Atlantic\/Canary, but its timezone is Europe\/Madrid/);
        assert.match((await found(site('Pacific/Auckland', 'NZ-CIT')))[0] ?? '', /whose zone is Pacific\/Chatham/);
        assert.match((await found(site('America/Los_Angeles', 'US-AZ')))[0] ?? '', /^4 warning .*America\/Phoenix and America\/Denver/);
        assert.deepEqual(await found(site('Europe/Madrid', 'ES-AN')), []); // mainland
    });

    it('the zones of the place, a link that keeps the same clock, and an unknown jurisdiction are accepted; Denver in Arizona is an info', async () => {
        for (const [zone, code] of [['Atlantic/Canary', 'ES-CN'], ['Pacific/Chatham', 'NZ-CIT'], ['Pacific/Chatham', 'NZ'], ['America/Phoenix', 'US-AZ'],
            ['US/Arizona', 'US-AZ'], ['Europe/Madrid', 'ES-MD'], ['America/Chicago', 'US-IL'], ['UTC', 'SE']]) {
            assert.deepEqual(await found(site(zone, code)), [], `${zone} in ${code}`);
        }
        const denver = await found(site('America/Denver', 'US-AZ'));
        assert.equal(denver.length, 1);
        assert.match(denver[0], /^4 info .*only the Navajo Nation keeps America\/Denver/);
    });

    it('a mapping\'s fixed zone that no site hosting the sender keeps is an info; UTC, a zone per sender and an unhosted sender are not checked', async () => {
        const spec = (zone: string, hosts = 'hosts LIS') => `site S { timezone "America/Phoenix" baseline { ${hosts} } }\n`
            + `interface F {\n    from LIS to EHR owner Ops sites S\n    message ORU^R01 {\n        OBX-14 -> OBX-14 timezone "${zone}"\n    }\n}\n`;
        const denver = await found(spec('America/Denver'));
        assert.equal(denver.length, 1, denver.join('\n'));
        assert.match(denver[0], /^8 info OBX-14 is read in America\/Denver, but LIS, which sends it, is hosted at S \(America\/Phoenix\)/);
        assert.deepEqual(await found(spec('America/Phoenix')), []);
        assert.deepEqual(await found(spec('UTC')), []);
        assert.deepEqual(await found(spec('site local time of the scanner (Westmoor: America/Denver)')), []);
        assert.deepEqual(await found(spec('America/Denver', 'hosts EHR')), []);
    });

    describe('a site\'s title that places it in a zone\'s exemplar city', () => {
        const titled = (title: string, zone: string) => `site S "${title}" { timezone "${zone}" }\n`;

        it('a title whose place part is a city of another clock is a warning: Brisbane keeps no daylight saving', async () => {
            const brisbane = await found(titled('Moreton Bay Cancer Centre, Brisbane', 'Australia/Sydney'));
            assert.equal(brisbane.length, 1, brisbane.join('\n'));
            assert.match(brisbane[0], /^4 warning Site 'S' is titled "Moreton Bay Cancer Centre, Brisbane", in Brisbane, but its timezone Australia\/Sydney is not Brisbane's clock \(Australia\/Brisbane keeps UTC\+10:00 all year, Australia\/Sydney keeps UTC\+11:00 and UTC\+10:00 \(daylight saving\)\).*Write "Australia\/Brisbane"/);
            assert.match((await found(titled('Valley Clinic (Phoenix)', 'America/Denver')))[0] ?? '', /^4 warning .*in Phoenix/);
        });

        it('a city inside the name is an info (it may be a street); the city\'s own clock, a namesake in another area and a part of a word are accepted', async () => {
            const road = await found(titled('Sydney Road Clinic', 'Australia/Brisbane'));
            assert.equal(road.length, 1, road.join('\n'));
            assert.match(road[0], /^4 info .*names Sydney.*if the name is a street or a namesake, the zone stands/);
            for (const [title, zone] of [['Sydney Road Clinic', 'Australia/Melbourne'], ['Harbourside Cancer Centre, Sydney', 'Australia/Sydney'],
                ['Sydney Road Clinic, Melbourne', 'Australia/Melbourne'], ['Holmes Regional, Melbourne', 'America/New_York'], ['Perth Royal Infirmary, Perth', 'Europe/London'],
                ['Sydneyside Clinic', 'Australia/Brisbane'], ['Snake River Regional Medical Center', 'America/Boise'], ['Tucson clinic', 'America/Phoenix']]) {
                assert.deepEqual(await found(titled(title, zone)), [], `${title} in ${zone}`);
            }
        });
    });

    describe('a fixed zone on an interface whose sites keep different clocks', () => {
        const sites = 'site West { timezone "America/Los_Angeles" baseline { hosts EHR, LIS } }\nsite East { timezone "America/Boise" baseline { hosts none } }\n';
        const spec = (time: string, sibling = '        PID-7 -> PID-7 timezone site\n', from = 'EHR to LIS') => `${sites}`
            + `interface Orders {\n    from ${from} owner Ops sites West, East\n    message ORM^O01 {\n${sibling}        ${time}\n    }\n}\n`;

        it('is a warning when the same message reads another time in the sending site\'s zone', async () => {
            const pinned = await found(spec('OBR-7 -> OBR-7 timezone "America/Los_Angeles" clock "bedside scanner"'));
            assert.equal(pinned.length, 1, pinned.join('\n'));
            assert.match(pinned[0], /^10 warning OBR-7 is read in America\/Los_Angeles, but 'Orders' runs at West \(America\/Los_Angeles\) and East \(America\/Boise\), and PID-7 in the same message is read in the sending site's zone: a value from East would be placed wrongly/);
        });

        it('is not when a system hosted in that zone stamps it, the sender stamps it, or nothing in the message is read per site', async () => {
            assert.deepEqual(await found(spec('OBR-22 -> OBR-22 timezone "America/Los_Angeles" clock "LIS server, NTP"')), []);
            assert.deepEqual(await found(spec('OBR-22 -> OBR-22 timezone "America/Los_Angeles" clock "laboratory ehr server"')), []); // by kind
            assert.deepEqual(await found(spec('MSH-7 -> MSH-7 timezone "America/Los_Angeles"')), []);
            assert.deepEqual(await found(spec('OBR-7 -> OBR-7 timezone "America/Los_Angeles"', '')), []);
            assert.deepEqual(await found(spec('OBR-7 -> OBR-7 timezone site')), []);
        });

        it('still reports when the system the clock names is hosted at sites of both clocks', async () => {
            const both = `${sites.replace('hosts none', 'hosts Scanners')}system Scanners { kind scanner owner Ops }\n`;
            const { findings } = await checkFiles({ 'a.ispec': `team Ops\nsystem LIS { kind LIS owner Ops }\nsystem EHR { kind EHR owner Ops }\n${both.replace('hosts EHR, LIS', 'hosts EHR, LIS, Scanners')}`
                + 'interface Orders {\n    from EHR to LIS owner Ops sites West, East\n    message ORM^O01 {\n        PID-7 -> PID-7 timezone site\n        OBR-7 -> OBR-7 timezone "America/Los_Angeles" clock "Scanners clock"\n    }\n}\n' });
            assert.deepEqual(findings.filter(f => f.code === 'zone-place').map(f => `${f.line} ${f.severity}`), ['11 warning']);
        });

        it('leaves a zone no site of the interface keeps to the sender check: a value relayed from further away', async () => {
            const chicago = await found(spec('OBX-19 -> OBX-19 timezone "America/Chicago"'));
            assert.equal(chicago.length, 1, chicago.join('\n'));
            assert.match(chicago[0], /^10 info OBX-19 is read in America\/Chicago, but EHR, which sends it, is hosted at West/);
        });
    });

    describe('a field a system keeps in one zone', () => {
        /** An interface of one message of the given mappings (one per line). */
        const feed = (name: string, from: string, to: string, type: string, mappings: string[], extra = '') =>
            `interface ${name} {\n    from ${from} to ${to} owner Ops ${extra}\n    message ${type} {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`;

        it('two feeds of one sender that read its field in two zones are both reported, each naming the other', async () => {
            const both = await found(feed('Pharmacy', 'LIS', 'EHR', 'ORU^R01', ['ZCE-6 -> ZCE-6 timezone "UTC"'])
                + feed('Chart', 'LIS', 'EHR', 'MDM^T02', ['ZCE-6 -> Observation.issued timezone "America/Toronto"']));
            assert.equal(both.length, 2, both.join('\n'));
            assert.match(both[0], /^7 warning ZCE-6 is read in UTC here, but ZCE-6 of LIS is read in America\/Toronto by 'Chart' \(MDM\^T02\)\. A system keeps a field in one zone, so one of these readings shifts/);
            assert.match(both[1], /^13 warning ZCE-6 is read in America\/Toronto here, but ZCE-6 of LIS is read in UTC by 'Pharmacy' \(ORU\^R01\)/);
        });

        it('the odd one out among feeds that agree is reported alone', async () => {
            const odd = await found(feed('A', 'LIS', 'EHR', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "UTC"'])
                + feed('B', 'LIS', 'EHR', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "Europe/London"'])
                + feed('C', 'LIS', 'EHR', 'OML^O21', ['OBR-7 -> ServiceRequest.occurrenceDateTime timezone "Europe/London"']));
            assert.deepEqual(odd.map(f => f.slice(0, 56)), ['7 warning OBR-7 is read in UTC here, but OBR-7 of LIS is']);
            assert.match(odd[0], /in Europe\/London by 'B' \(ORU\^R01\) and 'C' \(OML\^O21\)\. A system keeps a field in one zone, so this reading shifts/);
        });

        it('a field copied unchanged into a system counts against what the system sends, but never decides a tie', async () => {
            const systems = 'system SCCRS { kind EHR owner Ops }\nsystem GP { kind EHR owner Ops }\n';
            const relayed = await found(systems
                + feed('Orders', 'SCCRS', 'LIS', 'OML^O21', ['OBR-7 -> OBR-7 timezone "Europe/London"'])
                + feed('Results', 'LIS', 'SCCRS', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "UTC" clock "sample-taken time entered at the practice"'])
                + feed('ToGP', 'SCCRS', 'GP', 'ORU^R01', ['OBR-7 -> DiagnosticReport.effectiveDateTime timezone "Europe/London"']));
            assert.equal(relayed.length, 1, relayed.join('\n'));
            assert.match(relayed[0], /^15 warning OBR-7 is read in UTC here, but OBR-7 of LIS and SCCRS is read in Europe\/London by 'Orders' \(OML\^O21, copied into LIS's OBR-7\) and 'ToGP' \(ORU\^R01\)/);
            // A gateway's UTC that the receiver charts in local time: it converts, one to one is no contradiction.
            const converted = await found('system Gateway { kind EHR owner Ops }\n'
                + feed('Devices', 'Gateway', 'LIS', 'ORU^R01', ['OBX-14 -> OBX-14 timezone "UTC"'])
                + feed('Chart', 'LIS', 'EHR', 'ORU^R01', ['OBX-14 -> OBX-14 timezone "Europe/Berlin"']));
            assert.deepEqual(converted, []);
            // Two senders' copies into one receiver: each stamps in its own zone.
            const received = await found('system Telerad { kind EHR owner Ops }\n'
                + feed('Local', 'LIS', 'EHR', 'ORU^R01', ['OBR-22 -> OBR-22 timezone "Europe/Madrid"'])
                + feed('Night', 'Telerad', 'EHR', 'ORU^R01', ['OBR-22 -> OBR-22 timezone "Australia/Sydney"']));
            assert.deepEqual(received, []);
        });

        it('agrees on one zone written several ways, and compares no zone text that fixes none', async () => {
            const pair = (a: string, b: string) => found(feed('A', 'LIS', 'EHR', 'ORU^R01', [`OBR-7 -> OBR-7 ${a}`]) + feed('B', 'LIS', 'EHR', 'ORU^R01', [`OBR-7 -> OBR-7 ${b}`]));
            for (const [a, b] of [['timezone "UTC"', 'timezone "Etc/UTC"'], ['timezone "Z"', 'timezone "UTC (ISO 8601 with Z)"'], ['timezone "US/Eastern"', 'timezone "America/New_York"'],
                ['timezone "UTC"', 'timezone site'], ['timezone "UTC"', 'timezone "offset carried in the value"'], ['timezone "UTC"', 'timezone "site local time"'],
                ['timezone "UTC"', 'timezone "America/Chicago or America/Denver, by sending site"'], ['timezone "UTC"', 'timezone "TODO"'],
                ['timezone "UTC"', 'clock "LIS server, NTP"']]) {
                assert.deepEqual(await pair(a, b), [], `${a} / ${b}`);
            }
            const other = await pair('timezone "UTC"', 'timezone "America/New_York, converted from America/Chicago by the engine"');
            assert.equal(other.length, 2, 'the zone the values are in, not the one converted from');
        });

        it('leaves branches of one message and one feed per site in its own zone alone', async () => {
            const branches = await found(`interface A {\n    from LIS to EHR owner Ops\n    message ORU^R01 {\n        when MSH-4 = NORTH {\n            OBR-7 -> OBR-7 timezone "America/Chicago"\n        }\n`
                + `        when MSH-4 = WEST {\n            OBR-7 -> OBR-7 timezone "America/Denver"\n        }\n    }\n}\n`);
            assert.deepEqual(branches, []);
            const sites = 'site Chicago { timezone "America/Chicago" }\nsite Denver { timezone "America/Denver" }\n';
            const perSite = await found(sites + feed('A', 'LIS', 'EHR', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "America/Chicago"'], 'sites Chicago')
                + feed('B', 'LIS', 'EHR', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "America/Denver"'], 'sites Denver'));
            assert.deepEqual(perSite, []);
            const sameSites = await found(sites + feed('A', 'LIS', 'EHR', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "America/Chicago"'], 'sites Chicago')
                + feed('B', 'LIS', 'EHR', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "UTC"'], 'sites Chicago'));
            assert.equal(sameSites.length, 2, 'UTC is no site\'s zone: a contradiction');
        });

        it('follows an edit of another file that changes the other zone (the finding cache keys on it)', async () => {
            const head = 'team Ops\nsystem LIS { kind LIS owner Ops }\nsystem EHR { kind EHR owner Ops }\n';
            const root = writeWorkspace({ 'a.ispec': head + feed('A', 'LIS', 'EHR', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "UTC"']),
                'b.ispec': 'import "a.ispec"\n' + feed('B', 'LIS', 'EHR', 'ORU^R01', ['OBR-7 -> OBR-7 timezone "America/Chicago"']) });
            try {
                const workspace = await buildWorkspace([root]);
                const inA = () => collectFindings(workspace.documents).filter(f => f.code === 'zone-place' && f.file.endsWith('a.ispec')).length;
                assert.equal(inA(), 1);
                const b = path.join(root, 'b.ispec');
                writeFileSync(b, readFileSync(b, 'utf8').replace('America/Chicago', 'UTC'));
                await workspace.shared.workspace.DocumentBuilder.update([URI.file(b)], []);
                assert.equal(inA(), 0, 'a.ispec is re-checked when b.ispec\'s zone changes');
            } finally {
                rmSync(root, { recursive: true, force: true });
            }
        });
    });
});
