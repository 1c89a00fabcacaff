import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import type { Finding } from '../../language-server/model/findings.js';
import { checkSamples } from '../../language-server/samples/run-samples.js';
import { readZoneText } from '../../language-server/model/time-zones.js';
import { sampleValuesRule } from '../../language-server/rules/sample-values.js';
import { oneSpecWorkspace, runSamples, SAMPLES, tempSample, withThrowingSampleRule } from './support.js';

/**
 * The sample rules on the fixture workspace test/fixtures/samples/checks: a real message (the NIST LRI CBC test
 * message, its `samples`) draws nothing; a written file with one planted discrepancy per marked line draws each at
 * its line with its rule, and nothing else; bad input is a finding, never a crash.
 */

const WORKSPACE = path.join(SAMPLES, 'checks');
const PLANTED = path.join(WORKSPACE, 'captures/planted/planted.hl7');

/** Line and rule of each discrepancy planted in captures/planted/planted.hl7. */
const PLANTED_FINDINGS: Array<[number, string]> = [
    [2, 'sample-identifiers'],
    [4, 'sample-timestamps'],
    [5, 'sample-values'],
    [6, 'sample-units'],
    [7, 'sample-codes'],
    [8, 'sample-codes'],
    [9, 'sample-timestamps'],
    [12, 'sample-structure'],
    [13, 'sample-structure'],
    [15, 'sample-identifiers'],
    [17, 'sample-units'],
    [18, 'sample-timestamps'],
    [19, 'sample-structure'],
    [21, 'sample-structure']
];

let built: BuiltWorkspace;

/** The sample rules over `files` of the built fixture workspace, against `interfaceName` when given. */
const run = (files: string[] = [], interfaceName?: string): Promise<Finding[]> => runSamples(built, files, interfaceName);

describe('samples: checks against the mappings', function () {
    this.timeout(120000);

    before(async () => {
        built = await buildWorkspace([WORKSPACE]);
    });

    it('draws nothing on the clean set: the NIST LRI CBC message the interface lists in its samples', async () => {
        const result = await checkSamples(built.services, built.documents, built.documents);
        assert.deepEqual(result.files.map(file => path.relative(WORKSPACE, file)), [path.join('captures', 'clean', 'nist-lri-cbc.hl7')]);
        assert.equal(result.messages, 1);
        assert.deepEqual(result.findings.map(f => `${f.code} ${path.basename(f.file)}:${f.line} ${f.message}`), []);
    });

    it('reports every planted discrepancy at its line with its rule, and nothing else in the sample', async () => {
        const findings = (await run([PLANTED])).filter(f => f.file === PLANTED);
        const got = findings.map(f => `${f.line} ${f.code}`).sort();
        const want = PLANTED_FINDINGS.map(([line, rule]) => `${line} ${rule}`).sort();
        assert.deepEqual(got, want, findings.map(f => `${f.line}:${f.column} ${f.code} ${f.message}`).join('\n'));
    });

    it('honours `suppress <rule> because "…"` on the mapping, message or interface a sample finding was checked against', async () => {
        // A copy of the workspace whose PID-3 mapping suppresses sample-identifiers inline and whose LabResults
        // interface suppresses sample-timestamps: those findings are kept, marked suppressed with the reason; the rest are not.
        const copy = mkdtempSync(path.join(tmpdir(), 'interspec-samples-suppress-'));
        cpSync(WORKSPACE, copy, { recursive: true });
        const spec = path.join(copy, 'lab.ispec');
        const text = readFileSync(spec, 'utf8')
            .replace('identifier authority "NIST MPI"', 'identifier authority "NIST MPI" suppress sample-identifiers because "the MPI migration sends both authorities until March"')
            .replace('    samples "captures/clean/*.hl7"\n', '    samples "captures/clean/*.hl7"\n    suppress sample-timestamps because "the lab sends local time without offset; agreed in CHG-88"\n');
        writeFileSync(spec, text);
        const suppressedBuilt = await buildWorkspace([copy]);
        const planted = path.join(copy, 'captures/planted/planted.hl7');
        const iface = suppressedBuilt.documents.flatMap(d => d.parseResult.value.elements).find(e => e.$type === 'Interface' && (e as { name: string }).name === 'LabResults');
        const findings = (await checkSamples(suppressedBuilt.services, suppressedBuilt.documents, suppressedBuilt.documents, { files: [planted], iface: iface as never })).findings
            .filter(f => f.file === planted);
        const identifiers = findings.filter(f => f.code === 'sample-identifiers' && /^PID-3 /.test(f.related?.message ?? ''));
        assert.ok(identifiers.length > 0, 'the PID-3 finding is still reported');
        assert.ok(identifiers.every(f => f.suppressed === 'the MPI migration sends both authorities until March'), JSON.stringify(identifiers));
        const timestamps = findings.filter(f => f.code === 'sample-timestamps');
        assert.ok(timestamps.length > 0 && timestamps.every(f => f.suppressed === 'the lab sends local time without offset; agreed in CHG-88'), JSON.stringify(timestamps));
        const others = findings.filter(f => !['sample-timestamps'].includes(f.code) && !(f.code === 'sample-identifiers' && /^PID-3 /.test(f.related?.message ?? '')));
        assert.ok(others.length > 0 && others.every(f => f.suppressed === undefined), 'other rules and other mappings are not suppressed');
    });

    it('points at the value, with the mapping line of the spec as related location', async () => {
        const findings = await run([PLANTED]);
        const units = findings.find(f => f.code === 'sample-units' && f.line === 17)!;
        assert.equal(units.column, 'OBX|1|NM|2345-7^Glucose^LN||5.4|'.length + 1);
        assert.match(units.message, /"mmol\/L" is not the declared unit of OBX-5 for 2345-7, "mg\/dL"/);
        assert.equal(path.basename(units.related!.file), 'lab.ispec');
        assert.match(units.related!.message, /"2345-7": "mg\/dL"/);
        const identifier = findings.find(f => f.code === 'sample-identifiers' && f.line === 2)!;
        assert.match(identifier.message, /"OTHER MPI", not the declared "NIST MPI"/);
        assert.equal(identifier.related!.line, 26);
    });

    it('respects `when OBX-2 = …`: a TX or CWE result is not held to the quantity mapping of OBX-5', async () => {
        const findings = await run([PLANTED]);
        assert.ok(!findings.some(f => f.file === PLANTED && (f.line === 10 || f.line === 11)), 'OBX 6 (TX) and 7 (CWE) are clean');
    });

    it('names the candidate interfaces of a message that matches none, and why each does not fit', async () => {
        const unmatched = (await run([PLANTED])).find(f => f.line === 19 && f.file === PLANTED)!;
        assert.match(unmatched.message, /matches no interface; candidates: LabResults \(NistLab is application "NIST Test Lab APP", not MSH-3 "UNKNOWN APP"\); ClinicGlucose/);
        const type = (await run([PLANTED])).find(f => f.line === 21 && f.file === PLANTED)!;
        assert.match(type.message, /it declares ORU\^R01, not ADT\^A01/);
    });

    it('reports a message that matches several interfaces as ambiguous', async () => {
        const file = tempSample('two.hl7', 'MSH|^~\\&|ANY|X||Y|20260301101500+0100||ORU^R01|1|P|2.5.1\rPID|1||1^^^NIST MPI^MR\rOBR|1\r');
        // No system of the fixture lacks an application on the sending side, so force both through a copy of the spec.
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-ambiguous-'));
        writeFileSync(path.join(root, 'interspec.yaml'), '');
        writeFileSync(path.join(root, 'a.ispec'), 'system A { kind LIS }\nsystem B { kind EHR }\n'
            + 'interface One { from A to B standard HL7v2 2.5.1 message ORU^R01 }\ninterface Two { from A to B standard HL7v2 2.5.1 message ORU^R01 }\n');
        const other = await buildWorkspace([root]);
        const result = await checkSamples(other.services, other.documents, other.documents, { files: [file] });
        assert.deepEqual(result.findings.map(f => f.code), ['sample-structure']);
        assert.match(result.findings[0].message, /matches several interfaces: One, Two/);
    });

    it('checks against the interface --interface names, without matching', async () => {
        const findings = await run([PLANTED], 'ClinicGlucose');
        const first = findings.find(f => f.file === PLANTED && f.line === 1)!;
        assert.match(first.message, /does not fit interface ClinicGlucose: Clinic is application "CLINIC", not MSH-3 "NIST Test Lab APP"/);
    });

    it('reports coverage: codes a map handles that no sample carried, as an info on the mapping', async () => {
        // The planted file alone (without the interface's own samples, which carry every code of OBX-8).
        const result = await checkSamples(built.services, [], built.documents, { files: [PLANTED] });
        const coverage = result.findings.filter(f => f.code === 'sample-codes' && f.file.endsWith('lab.ispec'));
        assert.ok(coverage.length > 0);
        assert.ok(coverage.every(f => f.severity === 'info'));
        assert.ok(coverage.some(f => /No sample carried codes "L", "HH" of the code map of OBX-8/.test(f.message)), coverage.map(f => f.message).join('\n'));
    });

    it('reads the codes of a code table kept in a CSV file: a code the catalogue lacks is reported, with no coverage infos for the catalogue', async () => {
        const spec = 'team T\nsystem EHR { kind EHR owner T }\nsystem LIS { kind LIS owner T }\n'
            + 'codetable Catalogue "Tests" { owner T source LIS version "2026-03" file "catalogue/tests.csv" }\n'
            + 'codetable Missing "Tests" { owner T source LIS version "2026-03" file "catalogue/none.csv" }\n'
            + 'interface Orders {\n    from EHR to LIS standard HL7v2 2.5.1\n    message OML^O21 {\n'
            + '        OBR-4 -> OBR-4 codes table Catalogue\n        OBR-44 -> OBR-44 codes table Missing\n    }\n}\n';
        // A spreadsheet's export: semicolons, a header whose code column is not the first, a quoted display.
        const csv = 'display;loinc;specimen\n"Glucose; fasting";2345-7;SER\nPotassium;2823-3;SER\n';
        const message = (code: string) => 'MSH|^~\\&|EHR|H|LIS|L|20260301101500+0100||OML^O21^OML_O21|M1|P|2.5.1\n'
            + 'ORC|NW|P1\n'
            // OBR-44 holds a code the unreadable table cannot judge: it is not compared, never reported.
            + ['OBR', '1', 'P1', '', `${code}^Test^LN`, ...Array<string>(39).fill(''), 'X1^Other'].join('|') + '\n';
        const built = await oneSpecWorkspace(spec, { 'catalogue/tests.csv': csv });
        assert.deepEqual((await runSamples(built, [tempSample('clean.hl7', message('2345-7'))], 'Orders')).map(f => `${f.code} ${f.message}`), []);
        const findings = await runSamples(built, [tempSample('planted.hl7', message('2601-3'))], 'Orders');
        assert.deepEqual(findings.map(f => `${f.line} ${f.code}`), ['3 sample-codes']);
        assert.match(findings[0].message, /Code "2601-3" in OBR-4 is not handled by its code map/);
    });

    it('reads an authority the spec describes: by a code-like word of it, not at all when it names none, and XON-6 of an organisation', async () => {
        const built = await oneSpecWorkspace('system LIS { kind LIS }\nsystem EHR { kind EHR }\ninterface Results {\n    from LIS to EHR standard HL7v2 2.5.1\n    message ORU^R01 {\n'
            + '        OBR-3 -> OBR-3 identifier authority "SOFTMIC filler, CLIA 06D0987654"\n'
            + '        OBX-18 -> OBX-18 identifier authority "Biomed asset register (machine serial)"\n'
            + '        OBX-23 -> OBX-23 identifier authority "CLIA (urn:oid:2.16.840.1.113883.4.7)"\n'
            + '    }\n}\n');
        const message = (filler: string, equipment: string, performer: string) => [
            'MSH|^~\\&|LIS|LAB|EHR|HOSP|20260301101500+0100||ORU^R01^ORU_R01|M1|P|2.5.1',
            'PID|1||123^^^MRN^MR',
            `OBR|1|P1|${filler}|600-7^Culture^LN`,
            ['OBX', '1', 'ST', '600-7^Culture^LN', '1', 'text', ...Array<string>(12).fill(''), equipment, '', '', '', '', performer].join('|')
        ].join('\n') + '\n';
        const clean = message('M26-1^SOFTMIC^06D0987654^CLIA', 'SN-77^BIOMED-ASSET', 'Front Range Lab^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^06D0987654');
        assert.deepEqual((await runSamples(built, [tempSample('clean.hl7', clean)], 'Results')).map(f => `${f.code} ${f.message}`), []);
        // An organisation sent by name only carries no identifier to hold to an authority.
        assert.deepEqual((await runSamples(built, [tempSample('name.hl7', message('M26-1^SOFTMIC', 'SN-77^X', 'Front Range Lab'))], 'Results')).map(f => f.message), []);
        const planted = message('M26-1^OTHERLAB', 'SN-77', 'Front Range Lab^L^^^^CAP&2.16.840.1.113883.4.1.61&ISO^XX^^^7191830');
        const findings = await runSamples(built, [tempSample('planted.hl7', planted)], 'Results');
        assert.deepEqual(findings.map(f => `${f.line} ${f.code} ${f.message}`), [
            '3 sample-identifiers OBR-3 has assigning authority "OTHERLAB", not the declared "SOFTMIC filler, CLIA 06D0987654".',
            '4 sample-identifiers OBX-18 has no assigning authority; the spec declares "Biomed asset register (machine serial)".',
            '4 sample-identifiers OBX-23 has assigning authority "CAP / 2.16.840.1.113883.4.1.61", not the declared "CLIA (urn:oid:2.16.840.1.113883.4.7)".'
        ]);
    });

    describe('what unseen capture sets showed (samples8, samples9)', () => {
        /** A workspace of one interface whose ORU^R01 maps `mappings`, built; and an ORU^R01 of `segments` after its MSH. */
        async function oru(mappings: string[]): Promise<BuiltWorkspace> {
            return oneSpecWorkspace('system Gateway { kind gateway }\nsystem AIMS { kind AIMS }\ninterface Feed {\n    from Gateway to AIMS standard HL7v2 2.6\n    message ORU^R01 {\n'
                + mappings.map(line => `        ${line}\n`).join('') + '    }\n}\n');
        }
        const message = (...segments: string[]) => ['MSH|^~\\&|GW|H|AIMS|H|20260306072100-0700||ORU^R01^ORU_R01|M1|P|2.6', 'PID|1||123^^^CRMC-MRN^MR', 'OBR|1|P1|F1|X^Y^L', ...segments].join('\n') + '\n';
        const obx = (type: string, value: string, unit: string, time: string, equipment = '') => ['OBX', '1', type, 'MDC_X^X^MDC', '1', value, unit, '', '', '', '', 'F', '', '', time, '', '', '', equipment].join('|');
        /** `line rule` of the findings in the sample (coverage infos on the spec left out). */
        const findings = async (built: BuiltWorkspace, text: string) => {
            const file = tempSample('s.hl7', text);
            return (await runSamples(built, [file], 'Feed')).filter(f => f.file === file).map(f => `${f.line} ${f.code}`);
        };

        it('reads "UTC offset carried" as an offset, not as UTC, and holds a time to one of the zones a text names', async () => {
            const built = await oru(['OBX-14 -> OBX-14 timezone "UTC offset carried in the value (sites in Australia/Adelaide and Australia/Darwin)"', 'OBR-7 -> OBR-7 timezone "UTC offset carried in the value"']);
            // Darwin +0930 all year; Adelaide +1030 in October (daylight saving).
            assert.deepEqual(await findings(built, message(obx('NM', '1', 'mL', '20261004141500+1030'), obx('NM', '1', 'mL', '20261004141500+0930'))), []);
            assert.deepEqual(await findings(built, message(obx('NM', '1', 'mL', '20261004141500+1000'))), ['4 sample-timestamps']);
            assert.equal(readZoneText('UTC offset carried in the value').utc, false);
            assert.equal(readZoneText('offset from UTC carried').utc, false);
            assert.equal(readZoneText('UTC (ISO 8601 with Z)').utc, true);
        });

        it('takes a universal id type that names a scheme (EUI-64) as the authority it is, never a generic one (ISO)', async () => {
            const built = await oru(['OBX-18 -> OBX-18 identifier authority "IEEE EUI-64 of the pump"']);
            assert.deepEqual(await findings(built, message(obx('NM', '1', 'mL', '', '0012B0FFFE3A41C7^^0012B0FFFE3A41C7^EUI-64'))), []);
            assert.deepEqual(await findings(built, message(obx('NM', '1', 'mL', '', 'SN1^^1.2.3.4^ISO'))), ['4 sample-identifiers']);
        });

        it('does not ask a text result for a unit: a pump\'s drug name beside its rates', async () => {
            const built = await oru(['OBX-5 -> OBX-5 units UCUM']);
            assert.deepEqual(await findings(built, message(obx('ST', 'propofol', '', ''), obx('NM', '12.5', 'mL/h', ''))), []);
            assert.deepEqual(await findings(built, message(obx('NM', '12.5', '', ''), obx('', '3', '', ''))), ['4 sample-units', '5 sample-units']);
        });

        it('asks for the unit of a result whose code has no entry in `units per OBX-3` where no map judges the code', async () => {
            const built = await oru(['OBX-5 -> OBX-5 as quantity units per OBX-3 {\n            "K": "mmol/L"\n        }']);
            const result = (code: string) => ['OBX', '1', 'NM', `${code}^Test^L`, '1', '4.1', 'mmol/L', '', '', '', '', 'F'].join('|');
            assert.deepEqual(await findings(built, message(result('K'))), []);
            assert.deepEqual(await findings(built, message(result('CREAT'))), ['4 sample-units']);
            // With a code map of OBX-3 that lacks the code, sample-codes reports it, once.
            const mapped = await oru(['OBX-3 -> OBX-3 codes { K -> K } receives K', 'OBX-5 -> OBX-5 as quantity units per OBX-3 {\n            "K": "mmol/L"\n        }']);
            assert.deepEqual(await findings(mapped, message(result('CREAT'))), ['4 sample-codes']);
        });

        it('holds the namespace and universal id of one HD together: the right namespace with another register\'s OID is not the declared authority', async () => {
            const built = await oru(['PID-3 -> PID-3 identifier authority "FRH-MPI (urn:oid:2.16.840.1.113883.3.8841.1.1)"']);
            const withPid = (pid3: string) => message().replace('PID|1||123^^^CRMC-MRN^MR', `PID|1||${pid3}`);
            assert.deepEqual(await findings(built, withPid('4801^^^FRH-MPI&2.16.840.1.113883.3.8841.1.1&ISO^MR')), []);
            assert.deepEqual(await findings(built, withPid('4801^^^FRH-MPI^MR')), []);
            assert.deepEqual(await findings(built, withPid('4801^^^FRH-MPI&2.16.840.1.113883.3.8841.1.3&ISO^MR')), ['2 sample-identifiers']);
        });

        it('reports a field whose repetitions no mapping picks: the MRN a mapping picks is not there, only another number', async () => {
            const built = await oru(['PID-3[authority = "NWCC-MRN"] -> PID-3[authority = "NWCC-MRN"]']);
            const withPid = (pid3: string) => message().replace('PID|1||123^^^CRMC-MRN^MR', `PID|1||${pid3}`);
            assert.deepEqual(await findings(built, withPid('123^^^NWCC-MRN^MR~7^^^IE-IHI^NH')), []);
            const only = await runSamples(built, [tempSample('s.hl7', withPid('7^^^IE-IHI^NH'))], 'Feed');
            assert.deepEqual(only.map(f => `${f.line} ${f.code}`), ['2 sample-identifiers']);
            assert.match(only[0].message, /PID-3 carries identifiers under "IE-IHI" only; the mappings of PID-3 pick "NWCC-MRN", so the receiver gets no identifier from it/);
        });

        it('holds a time in the sending site\'s zone to the one site the message names (MSH-4 MORETONBAY), and to any site when it names none or two', async () => {
            const built = await oneSpecWorkspace('system Cato { kind compounding }\nsystem EHR { kind EHR }\n'
                + 'site Harbourside "Harbourside Cancer Centre, Sydney" { timezone "Australia/Sydney" }\nsite MoretonBay "Moreton Bay Cancer Centre, Brisbane" { timezone "Australia/Brisbane" }\n'
                + 'interface Dispense {\n    from Cato to EHR standard HL7v2 2.5.1\n    sites Harbourside, MoretonBay\n    message RDS^O13 {\n        ZPD-4 -> ZPD-4 timezone site\n    }\n}\n');
            // 5 October 2026: Sydney on daylight saving (+1100), Brisbane never (+1000).
            const rds = (facility: string, time: string) => `MSH|^~\\&|CATO|${facility}|EHR|CCCC|20261005092210+1000||RDS^O13^RDS_O13|C1|P|2.5.1\nZPD|1|||${time}\n`;
            const at = async (text: string) => (await runSamples(built, [tempSample('s.hl7', text)], 'Dispense')).filter(f => f.code === 'sample-timestamps').map(f => f.line);
            assert.deepEqual(await at(rds('MBCC^MORETONBAY', '202610051400+1000')), []);
            assert.deepEqual(await at(rds('MBCC^MORETONBAY', '202610051400+1100')), [2]);
            assert.deepEqual(await at(rds('HCC^HARBOURSIDE', '202610051400+1100')), []);
            // Naming no site, or both, the time may be either site's.
            assert.deepEqual(await at(rds('CCCC^PHARMACY', '202610051400+1100')), []);
            assert.deepEqual(await at(rds('MORETONBAY^HARBOURSIDE', '202610051400+1100')), []);
        });

        it('reads a zone the text says values are converted from as their source, not their zone', async () => {
            const built = await oru(['OBR-7 -> OBR-7 timezone "America/New_York; Westmoor orders are converted from America/Chicago by the engine"']);
            const obr7 = (time: string) => message().replace('OBR|1|P1|F1|X^Y^L', `OBR|1|P1|F1|X^Y^L|||${time}`);
            // 2 November 2026: New York -0500, Chicago -0600.
            assert.deepEqual(await findings(built, obr7('20261102090000-0500')), []);
            assert.deepEqual(await findings(built, obr7('20261102090000-0600')), ['3 sample-timestamps']);
        });

        it('reads a structured numeric OBX-5 (SN: <=^0.5) by its parts, not as a number', async () => {
            const built = await oru(['OBX-5 -> OBX-5 as quantity']);
            assert.deepEqual(await findings(built, message(obx('SN', '<=^0.5', 'ug/mL', ''), obx('SN', '^1^:^128', '', ''), obx('NM', '4.2', 'mmol/L', ''))), []);
            assert.deepEqual(await findings(built, message(obx('SN', '<=^abc', 'ug/mL', ''), obx('SN', '=>^2', '', ''), obx('NM', '<0.5', '', ''))), ['4 sample-values', '5 sample-values', '6 sample-values']);
        });

        it('reports a repetition whose authority retypes the one a mapping picks (NWCC_MRN for NWCC-MRN), and leaves others alone', async () => {
            const built = await oru(['PID-3[authority = "NWCC-MRN"] -> PID-3 identifier authority "NWCC-MRN"']);
            const withPid = (pid3: string) => message().replace('PID|1||123^^^CRMC-MRN^MR', `PID|1||${pid3}`);
            assert.deepEqual(await findings(built, withPid('123^^^NWCC-MRN^MR~2951^^^MEDICARE^MC')), []);
            const planted = await runSamples(built, [tempSample('s.hl7', withPid('123^^^NWCC_MRN^MR'))], 'Feed');
            assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['2 sample-identifiers']);
            assert.match(planted[0].message, /PID-3 repetition 1 has assigning authority "NWCC_MRN", a retyping of "NWCC-MRN" that no mapping of PID-3 picks/);
        });
    });

    it('reads the code table and the sites of another file as they are after that file alone changed', async () => {
        const tables = (codes: string) => `system LIS { kind LIS }\nsystem EHR { kind EHR }\ncodetable Flags "Flags" { source LIS codes ${codes} }\n`
            + 'site North "North" { timezone "Europe/Amsterdam" }\nsite South "South" { timezone "Europe/Amsterdam" }\n';
        const built = await oneSpecWorkspace('import "tables.ispec"\ninterface Feed {\n    from LIS to EHR standard HL7v2 2.5.1\n    sites North, South\n    message ORU^R01 {\n'
            + '        OBX-8 -> OBX-8 codes table Flags\n        OBX-14 -> OBX-14 timezone site\n    }\n}\n', { 'tables.ispec': tables('N, H') });
        const sample = tempSample('s.hl7', 'MSH|^~\\&|LIS|L|EHR|H|20260701101500+0200||ORU^R01^ORU_R01|M1|P|2.5.1\nPID|1||1^^^MRN^MR\nOBR|1\n'
            + ['OBX', '1', 'NM', 'X^X^L', '1', '5', 'mmol/L', '', 'HH', '', '', 'F', '', '', '20260701100000+0200'].join('|') + '\n');
        const found = async () => (await runSamples(built, [sample], 'Feed')).filter(f => f.file === sample).map(f => `${f.line} ${f.code}`);
        assert.deepEqual(await found(), ['4 sample-codes']);
        // The table gains HH, the sites move to London: only tables.ispec is rebuilt, the mappings are the same objects.
        const file = built.documents.find(document => document.uri.fsPath.endsWith('tables.ispec'))!.uri.fsPath;
        writeFileSync(file, tables('N, H, HH').replace(/Europe\/Amsterdam/g, 'Europe/London'));
        await built.shared.workspace.DocumentBuilder.update([URI.file(file)], []);
        assert.deepEqual(await found(), ['4 sample-timestamps']);
    });

    it('keeps an interface\'s samples inside the workspace, like imports, and warns of a pattern that matches nothing', async () => {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-outside-'));
        writeFileSync(path.join(root, 'interspec.yaml'), '');
        writeFileSync(path.join(root, 'a.ispec'), 'system A { kind LIS }\nsystem B { kind EHR }\n'
            + 'interface One {\n    from A to B\n    standard HL7v2 2.5.1\n    samples "../*.hl7"\n    samples "captures/*.hl7"\n    message ORU^R01\n}\n');
        const other = await buildWorkspace([root]);
        const result = await checkSamples(other.services, other.documents, other.documents);
        assert.deepEqual(result.findings.map(f => `${path.basename(f.file)}:${f.line}:${f.column} ${f.severity} ${f.code}`), [
            'a.ispec:6:13 error sample-structure',
            'a.ispec:7:13 warning sample-structure'
        ]);
        assert.match(result.findings[0].message, /samples "\.\.\/\*\.hl7" leaves the workspace root/);
        assert.match(result.findings[1].message, /samples "captures\/\*\.hl7" matches no file/);
    });

    describe('bad input is a finding, never a crash', () => {
        const cases: Array<[string, string | Buffer, RegExp]> = [
            ['binary.hl7', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /binary|not-hl7/],
            ['truncated.hl7', '\x0bMSH|^~\\&|CLINIC|C||EHR|20260301101500+0100||ORU^R01|1|P|2.5.1\rPID|1||1^^^CLINIC-MRN^MR\r', /truncated/],
            ['latin1.hl7', Buffer.concat([Buffer.from('MSH|^~\\&|CLINIC|C||EHR|20260301101500+0100||ORU^R01|1|P|2.5.1\rPID|1||1^^^CLINIC-MRN^MR||M'), Buffer.from([0xfc, 0x6c, 0x6c, 0x65, 0x72]), Buffer.from('^Hans\r')]), /invalid-characters/],
            ['encoding.hl7', 'MSH|^~^&|CLINIC|C||EHR|20260301101500+0100||ORU^R01|1|P|2.5.1\rPID|1||1^^^CLINIC-MRN^MR\r', /encoding-characters/],
            ['empty.hl7', '', /not-hl7/],
            ['words.hl7', 'Dear colleague, please find the results attached.\n', /not-hl7/],
            ['truncated.json', '{ "resourceType": "Observation", "status": "final", "code": {', /json-syntax/],
            ['lines.ndjson', '{"resourceType":"Patient","id":"1"}\n{"resourceType":"Patient",\n', /json-syntax/]
        ];
        for (const [name, content, code] of cases) {
            it(name, async () => {
                const file = tempSample(name, content);
                const findings = (await run([file])).filter(f => f.file === file);
                assert.ok(findings.some(f => f.code === 'sample-structure' && code.test(f.message)), findings.map(f => f.message).join('\n'));
                assert.ok(findings.every(f => f.line >= 1 && f.column >= 1));
            });
        }

        it('a large file is streamed, its findings capped, in bounded memory', async () => {
            const message = (n: number) => `MSH|^~\\&|CLINIC|C||EHR|20260301101500+0100||ORU^R01|${n}|P|2.5.1\rPID|1||${n}^^^^MR\rOBR|1\rOBX|1|NM|2345-7^Glucose^LN||5.4|mg/dL||N|||F|||20260301093000+0100\r`;
            const count = 20000;
            const file = tempSample('large.hl7', Array.from({ length: count }, (_, n) => message(n)).join(''));
            const before = process.memoryUsage().heapUsed;
            const started = Date.now();
            const result = await checkSamples(built.services, [], built.documents, { files: [file] });
            const seconds = (Date.now() - started) / 1000;
            assert.equal(result.messages, count);
            const inFile = result.findings.filter(f => f.file === file);
            assert.equal(inFile.length, 1001, 'at most 1000 findings per file, and one that says the rest were left out');
            assert.match(inFile[1000].message, /More than 1000 findings in this file/);
            const grown = (process.memoryUsage().heapUsed - before) / 1048576;
            console.log(`      ${count} messages in ${seconds.toFixed(1)} s, heap grew ${grown.toFixed(0)} MB`);
        });
    });

    it('reports a sample rule that throws as one internal error per message, and the other rules still report', async () => {
        const findings = await withThrowingSampleRule(sampleValuesRule, 'boom', () => run([PLANTED]));
        const internal = findings.filter(f => f.code === 'internal-error' && f.file === PLANTED);
        assert.ok(internal.length > 0, findings.map(f => f.code).join(', '));
        assert.ok(internal.every(f => /^Rule sample-values failed on this message: boom\. This is a defect in Interspec; the other rules still ran\.$/.test(f.message)), internal.map(f => f.message).join('\n'));
        const others = PLANTED_FINDINGS.filter(([, rule]) => rule !== 'sample-values').map(([line, rule]) => `${line} ${rule}`).sort();
        const got = findings.filter(f => f.file === PLANTED && f.code !== 'internal-error' && f.code !== 'sample-values').map(f => `${f.line} ${f.code}`).sort();
        assert.deepEqual(got, others);
    });
});
