import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import type { Finding } from '../../language-server/model/findings.js';
import { checkSamples } from '../../language-server/samples/run-samples.js';
import { sampleValuesRule } from '../../language-server/rules/sample-values.js';
import { oneSpecWorkspace, runSamples, SAMPLES, tempSample, withThrowingSampleRule } from './support.js';

/**
 * The sample rules on FHIR samples, in the fixture workspace test/fixtures/samples/fhir-checks: the FHIR
 * specification's glucose Observation example (the interface's `samples`) draws nothing; a written Bundle with one
 * planted discrepancy per marked line draws each at its line with its rule, and nothing else.
 */

const WORKSPACE = path.join(SAMPLES, 'fhir-checks');
const PLANTED = path.join(WORKSPACE, 'captures/planted/planted-bundle.json');

/** Line and rule of each discrepancy planted in captures/planted/planted-bundle.json. */
const PLANTED_FINDINGS: Array<[number, string]> = [
    [11, 'sample-identifiers'], // another system
    [12, 'sample-identifiers'], // no system
    [13, 'sample-codes'], // status "registered", carried by two resources
    [15, 'sample-timestamps'], // +01:00 in July: Amsterdam is at +02:00
    [16, 'sample-timestamps'], // no offset where it is carried
    [17, 'sample-values'], // "5,4": a decimal written as a string, with a comma
    [18, 'sample-units'], // mg/dL, not mmol/L
    [19, 'sample-units'], // "mm Hg" is not UCUM
    [20, 'sample-codes'], // interpretation XX
    [22, 'sample-values'], // 30 February
    [27, 'sample-identifiers'], // another OID
    [28, 'sample-codes'], // the HL7 v2 code M where the map writes male
    [29, 'sample-values'], // month 13
    [30, 'sample-structure'] // a Medication: no interface maps one
];

let built: BuiltWorkspace;


/** The sample rules over `files` of the built fixture workspace (or `workspace`), against `interfaceName` when given. */
const run = (files: string[], interfaceName?: string, workspace = built): Promise<Finding[]> => runSamples(workspace, files, interfaceName);

describe('samples: FHIR resources against the mappings', function () {
    this.timeout(120000);

    before(async () => {
        built = await buildWorkspace([WORKSPACE]);
    });

    it('draws nothing on the clean set: the FHIR specification\'s glucose Observation example', async () => {
        const result = await checkSamples(built.services, built.documents, built.documents);
        assert.deepEqual(result.files.map(file => path.relative(WORKSPACE, file)), [path.join('captures', 'clean', 'fhir-spec-observation-example-f001-glucose.json')]);
        assert.equal(result.messages, 1);
        assert.deepEqual(result.findings.map(f => `${f.code} ${path.basename(f.file)}:${f.line} ${f.message}`), []);
    });

    it('reports every planted discrepancy at its line with its rule, and nothing else in the sample', async () => {
        const findings = (await run([PLANTED])).filter(f => f.file === PLANTED);
        const got = findings.map(f => `${f.line} ${f.code}`).sort();
        const want = PLANTED_FINDINGS.map(([line, rule]) => `${line} ${rule}`).sort();
        assert.deepEqual(got, want, findings.map(f => `${f.line}:${f.column} ${f.code} ${f.message}`).join('\n'));
    });

    it('points at the value, with the mapping line of the spec as related location, and says what it found', async () => {
        const findings = (await run([PLANTED])).filter(f => f.file === PLANTED);
        const at = (line: number, rule: string) => findings.find(f => f.line === line && f.code === rule)!;
        const text = readFileSync(PLANTED, 'utf8').split('\n');

        const units = at(18, 'sample-units');
        assert.equal(units.column, text[17].indexOf('"mg/dL", "system"') + 1 + '"mg/dL", "system": "http://unitsofmeasure.org", "code": '.length);
        assert.match(units.message, /Unit "mg\/dL" \(Observation\.valueQuantity\.code\) is not the declared unit of Observation\.valueQuantity, "mmol\/L"/);
        assert.equal(path.basename(units.related!.file), 'results.ispec');
        assert.equal(units.related!.line, 29);

        const status = at(13, 'sample-codes');
        assert.equal(status.column, text[12].indexOf('"registered"') + 1);
        assert.match(status.message, /Code "registered" at Observation\.status is not handled by its code map \(Observation\.status -> Observation\.status\); 2 resources carry it; this is the first\./);
        assert.equal(status.related!.line, 27);

        const gender = at(28, 'sample-codes');
        assert.match(gender.message, /Code "M" at Patient\.gender is not one its code map produces \(PID-8 -> Patient\.gender\)/);

        assert.match(at(11, 'sample-identifiers').message, /has system "http:\/\/other\.example\.org\/observations", not the declared authority's "http:\/\/www\.bmc\.nl\/zorgportal\/identifiers\/observations"/);
        assert.match(at(12, 'sample-identifiers').message, /Observation\.identifier \[1\] has no system/);
        assert.match(at(27, 'sample-identifiers').message, /"urn:oid:9\.9\.9", not the declared authority's "urn:oid:2\.16\.840\.1\.113883\.2\.4\.6\.3"/);
        assert.match(at(15, 'sample-timestamps').message, /"2026-07-10T07:15:00\+01:00" has offset \+01:00, but Europe\/Amsterdam is at \+02:00 at that instant/);
        assert.match(at(16, 'sample-timestamps').message, /Observation\.issued "2026-07-10T09:05:00" carries no UTC offset/);
        assert.match(at(17, 'sample-values').message, /Observation\.valueQuantity\.value "5,4" is not a decimal/);
        assert.match(at(22, 'sample-values').message, /is not a dateTime/);
        assert.match(at(29, 'sample-values').message, /Patient\.birthDate "1961-13-01" is not a date/);
        assert.match(at(19, 'sample-units').message, /'mm Hg' is not a UCUM unit/);
    });

    it('names the candidate interfaces of a resource that matches none', async () => {
        const unmatched = (await run([PLANTED])).find(f => f.file === PLANTED && f.line === 30)!;
        assert.match(unmatched.message, /This Medication matches no interface; candidates: GlucoseResults \(its mappings name Observation, not Medication\); Registrations \(its mappings name Patient, not Medication\)\./);
    });

    it('reports a resource that several interfaces map as ambiguous, and reads NDJSON line by line', async () => {
        const other = await oneSpecWorkspace('system A { kind LIS }\nsystem B { kind EHR }\n'
            + 'interface One { from A to B standard HL7v2 2.5.1 message ADT^A04 { PID-8 -> Patient.gender } }\n'
            + 'interface Two { from A to B standard FHIR 4.0.1 message Patient { Patient.gender -> Patient.gender codes { male -> M } receives male } }\n');
        const file = tempSample('patients.ndjson', '{"resourceType":"Patient","id":"1","gender":"male"}\n{"resourceType":"Patient","id":"2","gender":"other"}\n');
        const matched = await run([file], undefined, other);
        assert.deepEqual(matched.map(f => `${f.line}:${f.column} ${f.code}`), ['1:17 sample-structure', '2:17 sample-structure']);
        assert.match(matched[0].message, /This Patient matches several interfaces: One, Two/);
        const forced = await run([file], 'Two', other);
        assert.deepEqual(forced.map(f => `${f.line}:${f.column} ${f.code}`), ['2:45 sample-codes']);
        assert.match(forced[0].message, /Code "other" at Patient\.gender is not handled by its code map/);
    });

    it('follows the repetitions a mapping picks: an extension by URL, a where() filter, an index', async () => {
        const other = await oneSpecWorkspace('system A { kind EHR }\nsystem B { kind EHR }\ninterface Ids {\n    from A to B standard FHIR 4.0.1\n    message Patient {\n'
            + '        Patient.extension("http://x.example/flag").valueCode -> Patient.extension("http://x.example/flag").valueCode codes { a -> a } receives a\n'
            + '        Patient.contact.where("gender = \'female\'").gender -> Patient.contact.where("gender = \'female\'").gender codes { female -> female } receives female\n'
            + '        Patient.name[1].use -> Patient.name[1].use codes { nickname -> nickname } receives nickname\n'
            + '        Patient.identifier.where("system = \'urn:oid:1.2.3\'").period.start -> Patient.identifier.where("system = \'urn:oid:1.2.3\'").period.start timezone "Europe/Amsterdam"\n'
            + '    }\n}\n');
        const lines = [
            '{"resourceType": "Patient", "id": "p1",',
            ' "extension": [{"url": "http://x.example/other", "valueCode": "zz"}, {"url": "http://x.example/flag", "valueCode": "b"}],',
            ' "contact": [{"gender": "male"}, {"gender": "female"}],',
            ' "name": [{"use": "official"}, {"use": "maiden"}],',
            ' "identifier": [{"system": "urn:oid:9.9.9", "period": {"start": "2026-07-01T10:00:00+05:00"}}, {"system": "urn:oid:1.2.3", "period": {"start": "2026-07-01T10:00:00+01:00"}}]}'
        ];
        const file = tempSample('patient.json', lines.join('\n') + '\n');
        const findings = await run([file], 'Ids', other);
        // Only the picked repetitions: the flag extension's b (not the other URL's zz), the second name's maiden, the
        // 1.2.3 identifier's +01:00 in July (not the other identifier's +05:00); the contacts where() keeps are fine.
        assert.deepEqual(findings.map(f => `${f.line}:${f.column} ${f.code}`).sort(), [
            `2:${lines[1].indexOf('"b"') + 1} sample-codes`, `4:${lines[3].indexOf('"maiden"') + 1} sample-codes`, `5:${lines[4].lastIndexOf('"2026') + 1} sample-timestamps`
        ]);
    });

    it('takes an element mapped once per system as holding each: an Identifier is wrong only under none of them, and then once', async () => {
        const other = await oneSpecWorkspace('system A { kind PACS }\nsystem B { kind EHR }\ninterface Studies {\n    from A to B standard FHIR 4.0.1\n    message ImagingStudy {\n'
            + '        ImagingStudy.identifier -> ImagingStudy.identifier identifier authority "Study Instance UID (system urn:dicom:uid)"\n'
            + '        ImagingStudy.identifier -> ImagingStudy.identifier identifier authority "RIS accession (system urn:oid:1.2.3.4)"\n'
            + '        ImagingStudy.started -> ImagingStudy.started timezone "America/New_York"\n'
            + '    }\n}\n');
        const study = (accession: string, started: string) => `{"resourceType": "ImagingStudy", "id": "s1", "status": "available",\n`
            + ` "identifier": [{"system": "urn:dicom:uid", "value": "urn:oid:2.25.1"}, {"system": "${accession}", "value": "A1"}],\n`
            + ` "started": "${started}"}\n`;
        assert.deepEqual(await run([tempSample('clean.json', study('urn:oid:1.2.3.4', '2026-07-01T10:00:00-04:00'))], 'Studies', other), []);
        const wrong = await run([tempSample('planted.json', study('http://edge.example/accession', '2026-07-01T10:00:00'))], 'Studies', other);
        assert.deepEqual(wrong.map(f => `${f.line} ${f.code}`), ['2 sample-identifiers', '3 sample-timestamps']);
        assert.match(wrong[0].message, /has system "http:\/\/edge\.example\/accession", none of the "urn:dicom:uid", "urn:oid:1\.2\.3\.4" the spec's mappings of ImagingStudy\.identifier declare/);
        // A time of day without an offset is not FHIR, whatever zone the spec declares for it.
        assert.match(wrong[1].message, /ImagingStudy\.started "2026-07-01T10:00:00" carries no UTC offset, which FHIR requires on a time of day; the spec places it in "America\/New_York"/);
    });

    it('checks the identifier of a Reference a mapping with an authority names, at the value that lacks its system', async () => {
        const other = await oneSpecWorkspace('system A { kind PACS }\nsystem B { kind EHR }\ninterface Studies {\n    from A to B standard FHIR 4.0.1\n    message ImagingStudy {\n'
            + '        ImagingStudy.subject -> ImagingStudy.subject identifier authority "NF-MRN (the Patient found by this identifier)"\n'
            + '        ImagingStudy.identifier -> ImagingStudy.identifier identifier authority "RIS accession (system urn:oid:1.2.3.4)"\n'
            + '    }\n}\n');
        const study = (subject: string, accession: string) => ['{"resourceType": "ImagingStudy", "id": "s1", "status": "available",',
            ` "subject": {"reference": "Patient/p1", "identifier": {${subject}`, '   "value": "NF0042"}},',
            ` "identifier": [{${accession}`, '   "value": "A1"}]}', ''].join('\n');
        const clean = study('"system": "urn:oid:1.2.3.9",', '"system": "urn:oid:1.2.3.4",');
        assert.deepEqual(await run([tempSample('clean.json', clean)], 'Studies', other), []);
        // A literal reference alone names no authority: nothing to compare.
        assert.deepEqual(await run([tempSample('literal.json', '{"resourceType": "ImagingStudy", "id": "s1", "status": "available", "subject": {"reference": "Patient/p1"}}\n')], 'Studies', other), []);
        const planted = await run([tempSample('planted.json', study('"use": "usual",', '"use": "official",'))], 'Studies', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['3 sample-identifiers', '5 sample-identifiers']);
        assert.match(planted[0].message, /ImagingStudy\.subject\.identifier has no system; the spec declares the authority "NF-MRN/);
    });

    it('holds the string-based primitives to their R4 patterns: plain text in base64Binary, a uri with a space', async () => {
        const other = await oneSpecWorkspace('system A { kind RIS }\nsystem B { kind EHR }\ninterface Reports {\n    from A to B standard FHIR 4.0.1\n    message DiagnosticReport {\n'
            + '        DiagnosticReport.presentedForm.data -> DiagnosticReport.presentedForm.data as text\n'
            + '        DiagnosticReport.presentedForm.url -> DiagnosticReport.presentedForm.url\n'
            + '    }\n}\n');
        const report = (data: string, url: string) => `{"resourceType": "DiagnosticReport", "id": "r1", "status": "final", "code": {"text": "CT"},\n`
            + ` "presentedForm": [{"contentType": "text/plain", "data": ${JSON.stringify(data)},\n "url": ${JSON.stringify(url)}}]}\n`;
        const encoded = Buffer.from('FINDINGS: no acute abnormality.').toString('base64');
        assert.deepEqual(await run([tempSample('clean.json', report(encoded, 'https://ris.example/reports/r1'))], 'Reports', other), []);
        const planted = await run([tempSample('planted.json', report('FINDINGS: no acute abnormality.', 'https://ris.example/reports/r 1'))], 'Reports', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['2 sample-values', '3 sample-values']);
        assert.match(planted[0].message, /is not base64Binary/);
    });

    it('holds a time in the sending site\'s zone to the zone of one of the interface\'s sites, daylight saving included', async () => {
        const other = await oneSpecWorkspace('system A { kind PACS }\nsystem B { kind EHR }\n'
            + 'site NewYork "New York" { timezone "America/New_York" }\nsite Chicago "Chicago" { timezone "America/Chicago" }\n'
            + 'interface Studies {\n    from A to B standard FHIR 4.0.1\n    sites NewYork, Chicago\n    message ImagingStudy {\n'
            + '        ImagingStudy.started -> ImagingStudy.started timezone "site local time with (0008,0201) offset"\n'
            + '    }\n}\n');
        const study = (started: string) => `{"resourceType": "ImagingStudy", "id": "s1", "status": "available",\n "started": "${started}"}\n`;
        for (const fits of ['2026-07-18T09:00:00-05:00', '2026-07-18T09:00:00-04:00', '2026-01-18T09:00:00-06:00']) {
            assert.deepEqual(await run([tempSample('clean.json', study(fits))], 'Studies', other), [], fits);
        }
        const planted = await run([tempSample('planted.json', study('2026-07-18T09:00:00-06:00'))], 'Studies', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['2 sample-timestamps']);
        assert.match(planted[0].message, /has offset -06:00, the offset of none of the interface's sites at that instant \(America\/Chicago -05:00, America\/New_York -04:00\)/);
    });

    it('holds a Quantity to the entry of its resource\'s code in `units per Observation.code`', async () => {
        const other = await oneSpecWorkspace('system A { kind RPM }\nsystem B { kind EHR }\ninterface Readings {\n    from A to B standard FHIR 4.0.1\n    message Observation {\n'
            + '        Observation.code -> Observation.code codes { "weight" -> "29463-7", "pulse" -> "8867-4" } receives "weight", "pulse"\n'
            + '        Observation.valueQuantity.value -> Observation.valueQuantity.value as quantity units per Observation.code {\n'
            + '            "weight": "g" -> "[lb_av]" factor 0.00220462\n            "pulse": "/min"\n        }\n'
            + '    }\n}\n');
        const reading = (code: string, value: number, unit: string) => `{"resourceType": "Observation", "id": "o1", "status": "final",\n`
            + ` "code": {"coding": [{"system": "https://rpm.example/reading-type", "code": "${code}"}]},\n`
            + ` "valueQuantity": {"value": ${value}, "system": "http://unitsofmeasure.org", "code": "${unit}"}}\n`;
        assert.deepEqual(await run([tempSample('clean.ndjson', reading('weight', 83150, 'g').replace(/\n(?!$)/g, ' ') + reading('pulse', 72, '/min').replace(/\n(?!$)/g, ' '))], 'Readings', other), []);
        const planted = await run([tempSample('planted.json', reading('weight', 183.3, '[lb_av]'))], 'Readings', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['3 sample-units']);
        assert.match(planted[0].message, /Unit "\[lb_av\]" \(Observation\.valueQuantity\.code\) is not the declared unit of Observation\.valueQuantity for weight, "g"/);
    });

    it('asks, as an info, about an offset of none of the interface\'s sites where the spec only says the offset is carried', async () => {
        const other = await oneSpecWorkspace('system A { kind RIS }\nsystem B { kind EHR }\n'
            + 'site NewYork "New York" { timezone "America/New_York" }\nsite Chicago "Chicago" { timezone "America/Chicago" }\n'
            + 'interface Reports {\n    from A to B standard FHIR 4.0.1\n    sites NewYork, Chicago\n    message DiagnosticReport {\n'
            + '        DiagnosticReport.effectiveDateTime -> DiagnosticReport.effectiveDateTime timezone "offset carried in the value (ISO 8601)"\n'
            + '    }\n}\n');
        const report = (effective: string) => `{"resourceType": "DiagnosticReport", "id": "r1", "status": "final", "code": {"text": "CT"},\n "effectiveDateTime": "${effective}"}\n`;
        for (const fits of ['2026-11-02T09:00:00-05:00', '2026-11-02T09:00:00-06:00', '2026-11-02T14:00:00Z']) {
            assert.deepEqual(await run([tempSample('clean.json', report(fits))], 'Reports', other), [], fits);
        }
        // -04:00 the day after New York left daylight saving: the sender's zone rules are stale.
        const planted = await run([tempSample('planted.json', report('2026-11-02T09:00:00-04:00'))], 'Reports', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code} ${f.severity}`), ['2 sample-timestamps info']);
        assert.match(planted[0].message, /the spec says only "offset carried in the value \(ISO 8601\)": if the sender is at one of these sites/);
    });

    it('takes an Identifier another mapping picks by its system (where("system = …")) as that mapping\'s, not as a wrong one', async () => {
        const other = await oneSpecWorkspace('system A { kind EHR }\nsystem B { kind pharmacy }\ninterface Orders {\n    from A to B standard FHIR 4.0.1\n    message Patient {\n'
            + '        Patient.identifier -> Patient.identifier identifier authority "MRN (system https://h.example/id/mrn)"\n'
            + '        Patient.identifier.where("system = \'http://ns.electronichealth.net.au/id/hi/ihi/1.0\'").value -> Patient.identifier.where("system = \'http://ns.electronichealth.net.au/id/hi/ihi/1.0\'").value identifier authority "IHI"\n'
            + '    }\n}\n');
        const patient = (second: string) => `{"resourceType": "Patient", "id": "p1",\n "identifier": [{"system": "https://h.example/id/mrn", "value": "1"},\n {"system": "${second}", "value": "8003608166690503"}]}\n`;
        assert.deepEqual(await run([tempSample('clean.json', patient('http://ns.electronichealth.net.au/id/hi/ihi/1.0'))], 'Orders', other), []);
        const planted = await run([tempSample('planted.json', patient('http://ns.example/medicare'))], 'Orders', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['3 sample-identifiers']);
    });

    it('reads the Quantity of a mapping that names its code: `…doseQuantity.code … units UCUM`', async () => {
        const other = await oneSpecWorkspace('system A { kind EHR }\nsystem B { kind pharmacy }\ninterface Orders {\n    from A to B standard FHIR 4.0.1\n    message MedicationRequest {\n'
            + '        MedicationRequest.dosageInstruction[0].doseAndRate[0].doseQuantity.code -> MedicationRequest.dosageInstruction[0].doseAndRate[0].doseQuantity.code as code units UCUM\n'
            + '    }\n}\n');
        const request = (code: string) => `{"resourceType": "MedicationRequest", "id": "m1", "status": "active", "intent": "order", "subject": {"reference": "Patient/p1"},\n`
            + ` "dosageInstruction": [{"doseAndRate": [{"doseQuantity": {"value": 1, "system": "http://unitsofmeasure.org",\n "code": "${code}"}}]}]}\n`;
        assert.deepEqual(await run([tempSample('clean.json', request('mg'))], 'Orders', other), []);
        const planted = await run([tempSample('planted.json', request('mcg'))], 'Orders', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['3 sample-units']);
    });

    it('reads the Identifier of a mapping that names its value (`Observation.subject.identifier.value`)', async () => {
        const other = await oneSpecWorkspace('system A { kind platform }\nsystem B { kind EHR }\ninterface Home {\n    from A to B standard FHIR 4.0.1\n    message Observation {\n'
            + '        Observation.subject.identifier.value -> Patient.identifier.value identifier authority "DRP-MRN (medical record number)"\n'
            + '    }\n}\n');
        const observation = (system: string) => `{"resourceType": "Observation", "id": "o1", "status": "final", "code": {"text": "UF"},\n "subject": {"identifier": {${system}\n "value": "100601458"}}}\n`;
        assert.deepEqual(await run([tempSample('clean.json', observation('"system": "https://renal.example/sid/drp-mrn",'))], 'Home', other), []);
        const planted = await run([tempSample('planted.json', observation(''))], 'Home', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['3 sample-identifiers']);
    });

    it('takes the system of an authority another mapping of the interface writes for the same name', async () => {
        const other = await oneSpecWorkspace('system A { kind PACS }\nsystem B { kind EHR }\ninterface Studies {\n    from A to B standard FHIR 4.0.1\n    message ImagingStudy {\n'
            + '        ImagingStudy.identifier -> ImagingStudy.identifier identifier authority "NF-MRN (urn:oid:2.16.840.1.113883.3.7312.1)"\n'
            + '        ImagingStudy.subject -> ImagingStudy.subject identifier authority "NF-MRN (the Patient found by this identifier)"\n'
            + '    }\n}\n');
        const study = (system: string) => `{"resourceType": "ImagingStudy", "id": "s1", "status": "available",\n "subject": {"identifier": {"system": "${system}",\n "value": "NF0042"}}}\n`;
        assert.deepEqual(await run([tempSample('clean.json', study('urn:oid:2.16.840.1.113883.3.7312.1'))], 'Studies', other), []);
        const planted = await run([tempSample('planted.json', study('urn:oid:2.16.840.1.113883.3.7312.9'))], 'Studies', other);
        assert.deepEqual(planted.map(f => `${f.line} ${f.code}`), ['2 sample-identifiers']);
    });

    it('checks against the interface --interface names, and says when a resource does not fit it', async () => {
        const findings = (await run([PLANTED], 'Registrations')).filter(f => f.file === PLANTED);
        const observation = findings.find(f => f.line === 2)!;
        assert.match(observation.message, /This Observation does not fit interface Registrations: its mappings name Patient, not Observation\./);
        assert.ok(findings.some(f => f.line === 28 && f.code === 'sample-codes'), 'the Patients are still checked');
    });

    it('honours `suppress <rule> because "…"` on the mapping a FHIR finding was checked against', async () => {
        const copy = mkdtempSync(path.join(tmpdir(), 'interspec-fhir-suppress-'));
        cpSync(WORKSPACE, copy, { recursive: true });
        const spec = path.join(copy, 'results.ispec');
        writeFileSync(spec, readFileSync(spec, 'utf8').replace('units "mmol/L"', 'units "mmol/L" suppress sample-units because "the meters switch to mmol/L in March"'));
        const other = await buildWorkspace([copy]);
        const planted = path.join(copy, 'captures/planted/planted-bundle.json');
        const findings = (await run([planted], undefined, other)).filter(f => f.file === planted);
        assert.equal(findings.find(f => f.line === 18 && f.code === 'sample-units')!.suppressed, 'the meters switch to mmol/L in March');
        assert.equal(findings.find(f => f.line === 19 && f.code === 'sample-units')!.suppressed, undefined, 'another mapping is not suppressed');
    });

    it('reports a sample rule that throws as one internal error per resource, and the other rules still report', async () => {
        const findings = await withThrowingSampleRule(sampleValuesRule, 'boom', () => run([PLANTED]));
        const internal = findings.filter(f => f.code === 'internal-error' && f.file === PLANTED);
        assert.ok(internal.length > 0, findings.map(f => f.code).join(', '));
        assert.ok(internal.every(f => /^Rule sample-values failed on this resource: boom\. This is a defect in Interspec; the other rules still ran\.$/.test(f.message)), internal.map(f => f.message).join('\n'));
        const others = PLANTED_FINDINGS.filter(([, rule]) => rule !== 'sample-values').map(([line, rule]) => `${line} ${rule}`).sort();
        const got = findings.filter(f => f.file === PLANTED && f.code !== 'internal-error' && f.code !== 'sample-values').map(f => `${f.line} ${f.code}`).sort();
        assert.deepEqual(got, others);
    });
});
