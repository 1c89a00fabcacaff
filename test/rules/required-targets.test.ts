import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { structureRules } from './workspaces.js';

describe('required-targets', () => {
    docExamples('required-targets');

    describe('required elements and fields', () => {
        const { ORG, findings, about } = structureRules;

        about('required-targets');

        it('flags a FHIR R4 resource whose required elements are not mapped, at the message', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-3 -> Observation.code as text']), ['4 required-targets']);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-3 -> Observation.code as text', 'OBX-11 -> Observation.status as text']), []);
        });

        it('asks for no element every engine fills: a request\'s intent, the subject of a message that maps the patient identifier', async () => {
            const patient = 'PID-3 -> Patient.identifier identifier authority "MRN"';
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [patient, 'ORC-5 -> ServiceRequest.status codes { SC -> active } receives SC', 'OBR-4 -> ServiceRequest.code']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [patient, 'ORC-5 -> Task.status codes { SC -> requested } receives SC']), []);
            assert.deepEqual(await findings('DICOM "2024b"', 'C-STORE', ['(0010,0020) -> Patient.identifier identifier authority "MRN"', 'StudyInstanceUID -> ImagingStudy.identifier identifier authority "urn:dicom:uid"', 'StudyDate -> ImagingStudy.status as code']), []);
            // Without the patient's identifier, the subject is asked for.
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['ORC-5 -> ServiceRequest.status codes { SC -> active } receives SC', 'OBR-4 -> ServiceRequest.code']), ['4 required-targets']);
        });

        it('checks a FHIR R4 interface that maps one resource into another', async () => {
            assert.deepEqual(await findings('FHIR R4', 'Observation', ['Observation.code -> Observation.code']), ['4 required-targets']);
            assert.deepEqual(await findings('FHIR R4', 'Observation', ['Observation.code -> Observation.code', 'Observation.status -> Observation.status']), []);
        });

        it('counts a typed choice as its element, and a suppression as a declared default', async () => {
            assert.deepEqual(await findings('DICOM "2024b"', 'C-STORE', ['StudyInstanceUID -> ImagingStudy.identifier identifier authority "urn:dicom:uid"']), ['4 required-targets']);
            assert.deepEqual(await findings('DICOM "2024b"', 'C-STORE', [
                'suppress required-targets because "status is always available; subject is the Patient found by PatientID"',
                'StudyInstanceUID -> ImagingStudy.identifier identifier authority "urn:dicom:uid"'
            ]), []);
        });

        it('flags an HL7 v2 segment built from FHIR without its required fields, except the engine-built MSH', async () => {
            assert.deepEqual(await findings('FHIR R4', 'Observation', [
                'Observation.status -> Observation.status', 'Observation.code -> Observation.code',
                'Observation.code -> OBX-3', 'Observation.valueQuantity.value -> OBX-5 as quantity'
            ]), ['4 required-targets']);
            assert.deepEqual(await findings('FHIR R4', 'Observation', [
                'Observation.status -> Observation.status', 'Observation.code -> Observation.code',
                'Observation.code -> OBX-3', 'Observation.valueQuantity.value -> OBX-5 as quantity', 'Observation.status -> OBX-11',
                'Observation.issued -> MSH-7'
            ]), []);
            const { findings: found } = await checkFiles({
                'org.ispec': ORG,
                'a.ispec': 'import "org.ispec"\ninterface Feed {\n    from A to B standard DICOM "2024b" owner Ops\n    message C-STORE {\n        PatientID -> PID-18 identifier authority "X"\n    }\n}\n'
            });
            const messages = found.filter(f => f.code === 'required-targets').map(f => f.message);
            assert.equal(messages.length, 1);
            assert.match(messages[0], /maps into the HL7 v2 segment PID but not its required PID-3 and PID-5 \(optionality R\)/);
        });

        it('ignores data types and HL7 v2 to HL7 v2 routes (the engine copies what a route does not map)', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-3 -> OBX-3 as text']), []);
            assert.deepEqual(await findings('FHIR R4', 'Observation', ['Observation.code.text -> CodeableConcept.text as text']), []);
        });
    });
});
