import { strict as assert } from 'node:assert';
import { detectStandard } from '../../language-server/dictionaries/index.js';

describe('dictionaries: detectStandard', () => {
    it('tells the standard from the form of the path', () => {
        const cases: [string, string | undefined][] = [
            ['PID-3', 'HL7v2'], ['PID-3.1', 'HL7v2'], ['PID-3.4.1', 'HL7v2'], ['OBX-5', 'HL7v2'], ['MSH-9', 'HL7v2'], ['PlD-3', 'HL7v2'], ['PID-3[2].1', 'HL7v2'],
            ['ZPI-1', 'HL7v2'],
            ['Patient.identifier', 'FHIR'], ['Patient.identifier[0].value', 'FHIR'], ['Observation.value[x]', 'FHIR'], ['Observation.valueQuantity.value', 'FHIR'],
            ['(0010,0020)', 'DICOM'], ['0010,0020', 'DICOM'], ['00100020', 'DICOM'], ['(60xx,3000)', 'DICOM'], ['PatientID', 'DICOM'], ['AccessionNumber', 'DICOM'],
            // JSON paths of REST payloads and GS1 application identifiers belong to no dictionary.
            ['shipment.boxId', undefined], ['cycle.startedAt', undefined], ['(01)', undefined], ['(8018)', undefined],
            ['', undefined], ['patient id', undefined], ['PID-', undefined], ['PID-3.1.2.3', undefined], ['Patient..name', undefined], ['accessionNumber', undefined]
        ];
        for (const [path, standard] of cases) {
            assert.equal(detectStandard(path), standard, path);
        }
    });
});
