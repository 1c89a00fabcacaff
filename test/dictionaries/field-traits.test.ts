import { strict as assert } from 'node:assert';
import { isAssigningAuthority, isDateOnly, lookupField, type FieldInfo, type Standard } from '../../language-server/dictionaries/index.js';

function field(standard: Standard, version: string | undefined, path: string): FieldInfo {
    const result = lookupField(standard, version, path);
    assert.equal(result.status, 'known', `${path} (${version})`);
    return (result as { field: FieldInfo }).field;
}

describe('dictionaries: field traits', () => {
    it('tells calendar dates from dates with a time: HL7 v2 DT, FHIR date, DICOM DA', () => {
        assert.equal(isDateOnly(field('HL7v2', '2.1', 'PID-7')), true);
        assert.equal(isDateOnly(field('HL7v2', '2.5.1', 'PID-7')), false); // TS: a date and time of birth
        assert.equal(isDateOnly(field('FHIR', 'R4', 'Patient.birthDate')), true);
        assert.equal(isDateOnly(field('FHIR', 'R5', 'Patient.birthDate')), true);
        assert.equal(isDateOnly(field('FHIR', 'R4', 'Observation.effectiveDateTime')), false);
        assert.equal(isDateOnly(field('DICOM', undefined, 'PatientBirthDate')), true);
        assert.equal(isDateOnly(field('DICOM', undefined, 'StudyTime')), false);
    });

    it('recognises the assigning authority of identifiers in each standard', () => {
        for (const path of ['PID-3.4', 'PID-3.4.1', 'PID-3.9', 'ORC-12.9', 'OBR-3.2', 'ORC-2.3']) {
            assert.equal(isAssigningAuthority(field('HL7v2', '2.5.1', path), '2.5.1'), true, path);
        }
        for (const path of ['PID-3', 'PID-3.1', 'PID-3.6', 'OBR-3.1', 'PID-5.1']) {
            assert.equal(isAssigningAuthority(field('HL7v2', '2.5.1', path), '2.5.1'), false, path);
        }
        for (const path of ['Patient.identifier.system', 'Patient.identifier[0].system', 'Encounter.identifier.assigner', 'Identifier.system']) {
            assert.equal(isAssigningAuthority(field('FHIR', 'R4', path), 'R4'), true, path);
        }
        assert.equal(isAssigningAuthority(field('FHIR', 'R4', 'Patient.identifier.value'), 'R4'), false);
        assert.equal(isAssigningAuthority(field('FHIR', 'R4', 'Coding.system'), 'R4'), false);
        assert.equal(isAssigningAuthority(field('DICOM', undefined, '(0010,0021)')), true);
        assert.equal(isAssigningAuthority(field('DICOM', undefined, '(0010,0020)')), false);
    });
});
