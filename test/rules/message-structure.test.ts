import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { sitesWithDevices, structureRules } from './workspaces.js';

describe('message-structure', () => {
    docExamples('message-structure');

    describe('structure of the declared message type', () => {
        const { ORG, findings, about } = structureRules;

        about('message-structure');

        it('flags a segment the v2.5.1 message structure does not carry, not one it does', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['DG1-3 -> Observation.note as text']), ['5 message-structure']);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['SPM-2 -> Specimen.identifier identifier authority "LIS"']), []);
            // ADT^A04 shares the ADT_A01 structure (table 0354), which has PV1 but no ORC.
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ADT^A04', ['PV1-3 -> Encounter.location.location as text']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ADT^A04', ['ORC-2 -> ServiceRequest.identifier identifier authority "EHR"']), ['5 message-structure']);
        });

        it('takes a standard segment the workspace declares (the site\'s profile of the message) as the spec\'s to place', async () => {
            const spec = (declaration: string) => ({
                'org.ispec': ORG,
                'a.ispec': `import "org.ispec"\n${declaration}interface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ORU^R01 {\n        SAC-3 -> SAC-3 identifier authority "LIS slide barcode"\n    }\n}\n`
            });
            const codes = async (declaration: string) => (await checkFiles(spec(declaration))).findings.filter(f => f.code === 'message-structure').map(f => f.line);
            assert.deepEqual(await codes(''), [5]);
            assert.deepEqual(await codes('segment SAC "Specimen container, carried after SPM by the LIS profile" {\n    field 3 EI "Container identifier"\n}\n'), []);
        });

        it('flags a message type the declared version does not define, saying which version has it', async () => {
            const { findings: found } = await checkFiles({
                'org.ispec': ORG,
                'a.ispec': 'import "org.ispec"\ninterface Feed {\n    from A to B standard HL7v2 "2.3.1" owner Ops\n    message OML^O21 {\n        PID-3 -> PID-3 identifier authority "MRN"\n    }\n}\n'
            });
            const messages = found.filter(f => f.code === 'message-structure').map(f => `${f.line} ${f.message}`);
            assert.equal(messages.length, 1);
            assert.match(messages[0], /^4 OML\^O21 is not a message type of HL7 v2\.3\.1; it arrived in v2\.4\./);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'OML^O21', ['PID-3 -> PID-3 identifier authority "MRN"']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ADT^A99', ['PID-3 -> PID-3 identifier authority "MRN"']), ['4 message-structure']);
        });

        it('reads the structure of the declared version', async () => {
            // SPM arrived in v2.5: an ORU^R01 of v2.3.1 has no specimen segment (known-fields says so too).
            assert.deepEqual(await findings('HL7v2 "2.3.1"', 'ORU^R01', ['PV1-3 -> Encounter.location.location as text']), []);
        });

        it('stays silent on Z-segments and Z message types', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['ZLB-4 -> Observation.note as text']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ZRS^Z01', ['PID-5 -> Patient.name as text']), []);
        });

        it('checks that a FHIR R4 message names a resource of the release, with a did-you-mean', async () => {
            assert.deepEqual(await findings('FHIR R4', 'Observation', ['Observation.code -> Observation.code']), []);
            assert.deepEqual(await findings('FHIR R4', 'Bundle', ['Observation.code -> Observation.code']), []);
            assert.deepEqual(await findings('FHIR R4', 'Observaton', ['Observation.code -> Observation.code']), ['4 message-structure']);
            // A data type is not what a FHIR interface exchanges.
            assert.deepEqual(await findings('FHIR R4', 'CodeableConcept', ['Observation.code -> Observation.code']), ['4 message-structure']);
            // FHIR messaging event codes are lower-case: not resource names, left alone.
            assert.deepEqual(await findings('FHIR R4', 'admin-notify', ['Observation.code -> Observation.code']), []);
            const { findings: found } = await checkFiles({
                'org.ispec': ORG,
                'a.ispec': 'import "org.ispec"\ninterface Feed {\n    from A to B standard FHIR R4 owner Ops\n    message DiagnosticRepot {\n        DiagnosticReport.code -> DiagnosticReport.code\n    }\n}\n'
            });
            const message = found.find(f => f.code === 'message-structure');
            assert.match(String(message?.message), /DiagnosticRepot is not a resource of FHIR R4.*did you mean DiagnosticReport\?/);
        });

        it('checks that a DICOM message names a DIMSE or DICOMweb service (PS3.7, PS3.18)', async () => {
            assert.deepEqual(await findings('DICOM "2024b"', 'C-STORE', ['PatientID -> PatientID identifier authority "X"']), []);
            assert.deepEqual(await findings('DICOM "2024b"', 'STOW-RS', ['PatientID -> PatientID identifier authority "X"']), []);
            assert.deepEqual(await findings('DICOM "2024b"', 'C-STOR', ['PatientID -> PatientID identifier authority "X"']), ['4 message-structure']);
            assert.deepEqual(await findings('DICOM "2024b"', 'ImageTransfer', ['PatientID -> PatientID identifier authority "X"']), ['4 message-structure']);
        });
    });

    describe('IHE-profiled message types', () => {
        const { found, feed } = sitesWithDevices;

        const alarms = (version: string, type: string, mapping = 'OBX-8 -> OBX-8') => feed(`    message ${type} {\n        ${mapping}\n    }\n`, '', `HL7v2 "${version}"`, 'Gateway');

        it('ORU^R40 (IHE PCD-04 Report Alert) is a message type on HL7 v2.6 with the segments of ORU^R01; not before 2.6', async () => {
            assert.deepEqual(await found('message-structure', alarms('2.6', 'ORU^R40')), []);
            const segment = await found('message-structure', alarms('2.6', 'ORU^R40', 'EVN-2 -> OBX-14 timezone "UTC"'));
            assert.ok(segment.some(f => /Segment EVN is not part of ORU\^R40/.test(f)), segment.join('\n'));
            const older = await found('message-structure', alarms('2.5.1', 'ORU^R40'));
            assert.ok(older.some(f => /ORU\^R40 is not a message type of HL7 v2\.5\.1/.test(f)), older.join('\n'));
        });
    });

    describe('a message that follows a conformance profile', () => {
        it('may map a segment the base structure lacks when its profile lists it; not one the profile lacks', async () => {
            const spec = (segments: string) => `team Ops\nsystem LIS { kind LIS owner Ops }\nsystem EHR { kind EHR owner Ops }\n`
                + `profile LabProfile "ORU^R01 with the lab's specimen container" {\n    message ORU^R01^ORU_R01 version 2.5.1\n${segments}}\n`
                + `interface Results {\n    from LIS to EHR\n    standard HL7v2 2.5.1\n    owner Ops\n    message ORU^R01 profile LabProfile {\n        SAC-3 -> OBX-4\n    }\n}\n`;
            const structure = async (segments: string) => (await checkFiles({ 'a.ispec': spec(segments) })).findings
                .filter(f => f.code === 'message-structure').map(f => f.message);
            assert.deepEqual(await structure('    segment MSH usage R cardinality 1..1\n    segment SAC usage RE cardinality 0..1 {\n        field 3 EI usage RE cardinality 0..1\n    }\n'), []);
            const missing = await structure('    segment MSH usage R cardinality 1..1\n');
            assert.equal(missing.length, 1, missing.join('\n'));
            assert.match(missing[0], /Segment SAC is not part of ORU\^R01 .*the profile LabProfile the message follows does not add it/);
        });

        it('asks, as an info, for the profile of a message that maps a segment its base structure lacks and names no profile', async () => {
            // Implementation guides and vendors add standard segments to base structures: the spec has not said which variant is sent.
            const spec = (profile: string) => `team Ops\nsystem LIS { kind LIS owner Ops }\nsystem EHR { kind EHR owner Ops }\n`
                + `profile LabProfile "ORM^O01 as the screening programme sends it" {\n    message ORM^O01^ORM_O01 version 2.5.1\n    segment MSH usage R cardinality 1..1\n}\n`
                + `interface Orders {\n    from LIS to EHR\n    standard HL7v2 2.5.1\n    owner Ops\n    message ORM^O01${profile} {\n        NK1-2 -> PID-5\n        SPM-2 -> OBR-3\n        PID-3 -> PID-3 identifier authority "MRN"\n    }\n}\n`;
            const structure = async (profile: string) => (await checkFiles({ 'a.ispec': spec(profile) })).findings
                .filter(f => f.code === 'message-structure').map(f => `${f.line} ${f.severity} ${f.message}`);
            const asked = await structure('');
            assert.deepEqual(asked.map(f => f.split(' ').slice(0, 2).join(' ')), ['13 info', '14 info']);
            assert.match(asked[0], /Segment NK1 is not part of ORM\^O01 .*`message ORM\^O01 profile <profile>`/);
            // Named, the profile is what the spec said the sender sends: a segment it lacks is a warning.
            assert.deepEqual((await structure(' profile LabProfile')).map(f => f.split(' ').slice(0, 2).join(' ')), ['13 warning', '14 warning']);
        });
    });
});
