import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';

const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';
const RULES = new Set(['message-structure', 'type-compatibility', 'repetition', 'required-targets']);

/** The findings of the four dictionary rules (`line rule`) for one message of one interface. */
async function findings(standard: string, message: string, mappings: string[], rules: ReadonlySet<string> = only): Promise<string[]> {
    const { findings } = await checkFiles({
        'org.ispec': ORG,
        'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ${message} {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`
    });
    return findings.filter(f => rules.has(String(f.code)) && f.suppressed === undefined).map(f => `${f.line} ${f.code}`);
}

/** The rule the current `describe` block is about; the others are checked in their own blocks. */
let only: ReadonlySet<string> = RULES;
function about(rule: string): void {
    before(() => {
        only = new Set([rule]);
    });
}

describe('rules: message-structure', () => {
    about('message-structure');

    it('flags a segment the v2.5.1 message structure does not carry, not one it does', async () => {
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['DG1-3 -> Observation.note as text']), ['5 message-structure']);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['SPM-2 -> Specimen.identifier identifier authority "LIS"']), []);
        // ADT^A04 shares the ADT_A01 structure (table 0354), which has PV1 but no ORC.
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ADT^A04', ['PV1-3 -> Encounter.location.location as text']), []);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ADT^A04', ['ORC-2 -> ServiceRequest.identifier identifier authority "EHR"']), ['5 message-structure']);
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

describe('rules: type-compatibility', () => {
    about('type-compatibility');

    it('flags a timestamp into a number and a code into free text (HL7 v2 2.5.1 to FHIR R4)', async () => {
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBR-7 -> Observation.valueInteger timezone "UTC"']), ['5 type-compatibility']);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-11 -> Observation.valueString']), ['5 type-compatibility']);
    });

    it('accepts the pairs that fit: TS to dateTime, CX to Identifier, CE to CodeableConcept, NM to decimal', async () => {
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', [
            'OBR-7 -> Observation.effectiveDateTime timezone "UTC"',
            'PID-3 -> Patient.identifier identifier authority "MRN"',
            'OBX-3 -> Observation.code codes { GLU -> "2345-7" } receives GLU',
            'OBX-5 -> Observation.valueQuantity.value as quantity units UCUM',
            'SPM-4 -> Specimen.type codes { BLD -> BLD } receives BLD'
        ]), []);
    });

    it('accepts a declared conversion: `as <kind>`, a code map of a code into text', async () => {
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBR-7 -> Observation.valueInteger as quantity units s']), []);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-11 -> Observation.valueString codes { F -> "final" } receives F']), []);
    });

    it('checks FHIR R4 and DICOM sides from their dictionaries', async () => {
        assert.deepEqual(await findings('FHIR R4', 'Observation', ['Observation.issued -> Observation.valueInteger']), ['5 type-compatibility']);
        assert.deepEqual(await findings('FHIR R4', 'Observation', ['Observation.issued -> Observation.effectiveInstant timezone "UTC"']), []);
        assert.deepEqual(await findings('DICOM "2024b"', 'C-STORE', ['StudyDate -> Observation.valueInteger timezone "UTC"']), ['5 type-compatibility']);
        assert.deepEqual(await findings('DICOM "2024b"', 'C-STORE', ['StudyDate -> ImagingStudy.started timezone "UTC"']), []);
    });
});

describe('rules: repetition', () => {
    about('repetition');

    it('flags a repeating HL7 v2 field into a single-valued FHIR element, not a named repetition', async () => {
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['PID-3 -> Observation.subject identifier authority "MRN"']), ['5 repetition']);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['PID-3[1] -> Observation.subject identifier authority "MRN"']), []);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['PID-3 -> Patient.identifier identifier authority "MRN"']), []);
    });

    it('leaves OBX-5 alone: whether it repeats depends on OBX-2', async () => {
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-5 -> Observation.valueQuantity.value as quantity units UCUM']), []);
    });

    it('flags a FHIR R4 element below a repeating one into a single-valued target', async () => {
        assert.deepEqual(await findings('FHIR R4', 'Patient', ['Patient.identifier.value -> PID-2.1 identifier authority "MRN"']), ['5 repetition']);
        assert.deepEqual(await findings('FHIR R4', 'Patient', ['Patient.identifier[0].value -> PID-2.1 identifier authority "MRN"']), []);
        assert.deepEqual(await findings('FHIR R4', 'Patient', ['Patient.birthDate -> PID-7 timezone "UTC"']), []);
    });

    it('does not check a DICOM source (its multiplicity is a value count, with no repetition to name)', async () => {
        assert.deepEqual(await findings('DICOM "2024b"', 'C-STORE', ['OtherPatientIDs -> Patient.birthDate as text']), []);
    });

    it('flags a repeating HL7 v2 field or FHIR element into a DICOM attribute of VM 1, not one of VM 1-n', async () => {
        const authority = 'identifier authority "urn:oid:2.16.840.1.113883.2.1.4.1"';
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3 -> PatientID ${authority}`]), ['5 repetition']);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3.1 -> (0010,0020) ${authority}`]), ['5 repetition']);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3[authority = "NHS"] -> PatientID ${authority}`]), []);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3[1] -> PatientID ${authority}`]), []);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3 -> OtherPatientIDs ${authority}`]), []);
        assert.deepEqual(await findings('FHIR R4', 'Patient', [`Patient.identifier.value -> PatientID ${authority}`]), ['5 repetition']);
        assert.deepEqual(await findings('FHIR R4', 'Patient', [`Patient.identifier[0].value -> PatientID ${authority}`]), []);
    });
});

describe('rules: required-targets', () => {
    about('required-targets');

    it('flags a FHIR R4 resource whose required elements are not mapped, at the message', async () => {
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-3 -> Observation.code as text']), ['4 required-targets']);
        assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-3 -> Observation.code as text', 'OBX-11 -> Observation.status as text']), []);
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
