import { strict as assert } from 'node:assert';
import { matrixRows } from '../../language-server/generators/matrix.js';
import { inputFromFiles } from '../generators/generator-support.js';
import { checkFiles } from '../support/workspace.js';

const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nsite North { timezone "UTC" }\nchange-authority Ops\n';

function feed(standard: string, mappings: string[]): string {
    return `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops sites North\n    message ADT^A04 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`;
}

/** `line code` of the findings on the mapping lines (line 5 on) of one interface with the given standard. */
async function findings(standard: string, mappings: string[]): Promise<string[]> {
    const { findings: found } = await checkFiles({ 'org.ispec': ORG, 'a.ispec': feed(standard, mappings) });
    // Which segments a message type carries is message-structure's business, not these rules'.
    return found.filter(f => f.relative === 'a.ispec' && f.line >= 5 && f.code !== 'message-structure').map(f => `${f.line} ${f.code}`);
}

/** The matrix rows the mappings give that are not handled. */
async function unhandledRows(standard: string, mappings: string[]): Promise<string[]> {
    const input = await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': feed(standard, mappings) });
    return [...matrixRows(input)].filter(row => !row.handled && row.kind === 'semantic').map(row => row.id);
}

describe('rules: no false positives on complete mappings', () => {
    describe('codes passed through with their coding system need no code map', () => {
        it('an external catalogue (OBX-3 LOINC, OBR-4) into a CodeableConcept needs none; an HL7 table into a code still does', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['OBX-3 -> Observation.code as code', 'OBR-4 -> ServiceRequest.code']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status']), ['5 coded-values']);
        });
    });


    describe('a date without a time of day needs no time zone', () => {
        it('HL7 v2 DT, FHIR date and DICOM DA fields are dates, whichever side holds the date', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['PID-7 -> Patient.birthDate']), []);
            assert.deepEqual(await findings('HL7v2 "2.1"', ['PID-7 -> PID-7']), []); // v2.1 types date of birth DT
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['PID-29 -> Patient.deceasedDateTime timezone "UTC"', 'PV1-44 -> Encounter.period.start timezone "UTC"', 'IN1-12 -> Coverage.period.start']), []);
            assert.deepEqual(await findings('DICOM "2024b"', ['(0010,0030) -> (0010,0030)', 'StudyDate -> StudyDate']), []);
            assert.deepEqual(await findings('FHIR R4', ['Patient.birthDate -> Patient.birthDate']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['PID-7 -> Patient.birthDate as date']), []);
        });

        it('still asks a date and time for its time zone', async () => {
            // PID-7 is a TS too, but its value is the date of birth (see the timestamps rule page).
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['PID-29 -> PID-29']), ['5 timestamps']); // TS in 2.5.1
            assert.deepEqual(await findings('DICOM "2024b"', ['StudyTime -> StudyTime']), ['5 timestamps']);
            assert.deepEqual(await findings('FHIR R4', ['Observation.effectiveDateTime -> Observation.effectiveDateTime']), ['5 timestamps']);
        });

        it('gives a date no unhandled time-zone row in the test matrix', async () => {
            assert.deepEqual(await unhandledRows('HL7v2 "2.5.1"', ['PID-7 -> Patient.birthDate']), []);
            assert.deepEqual(await unhandledRows('HL7v2 "2.5.1"', ['PID-7 -> PID-7']), []);
            assert.deepEqual(await unhandledRows('HL7v2 "2.5.1"', ['PID-29 -> PID-29']), ['TM-Feed-North-ADT_A04-timezone-PID-29']);
        });
    });

    describe('a unit field whose mapping declares its unit system needs no code map', () => {
        it('OBX-6 with `units UCUM` is handled; without units it is still a coded field', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['OBX-6 -> Observation.valueQuantity.code units UCUM']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['OBX-6 -> OBX-6 units UCUM', 'OBX-6.1 -> Observation.valueQuantity.code units "UCUM"']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['OBX-6 -> Observation.valueQuantity.code']), ['5 coded-values']);
        });
    });

    describe('the assigning authority is not an identifier lacking an authority', () => {
        it('HL7 v2 CX.4 and EI.2-4, FHIR Identifier.system and DICOM IssuerOfPatientID', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', [
                'PID-3 -> Patient.identifier identifier authority "MRN"',
                'PID-3.4 -> Patient.identifier.system',
                'PID-3.4.1 -> Patient.identifier.system',
                'PID-18.4 -> PID-18.4',
                'ORC-2.2 -> ServiceRequest.identifier.system',
                'PID-3[1].4 -> (0010,0021)' // IssuerOfPatientID holds one value (VM 1): the repetition is named
            ]), []);
            assert.deepEqual(await findings('DICOM "2024b"', ['PatientID -> PatientID identifier authority "MRN"', '(0010,0021) -> (0010,0021)', 'IssuerOfPatientID -> Patient.identifier.system']), []);
            assert.deepEqual(await findings('FHIR R4', ['Patient.identifier -> Patient.identifier identifier authority "MRN"', 'Patient.identifier.system -> Patient.identifier.system', 'Patient.identifier.assigner -> Patient.identifier.assigner']), []);
        });

        it('still asks the identifier itself for its authority', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['PID-3.1 -> Patient.identifier.value']), ['5 patient-identity']);
            assert.deepEqual(await findings('DICOM "2024b"', ['(0010,0020) -> (0010,0020)']), ['5 patient-identity']);
        });
    });
});
