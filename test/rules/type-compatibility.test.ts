import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { oneResultMessage, sitesWithDevices, structureRules } from './workspaces.js';

describe('type-compatibility', () => {
    docExamples('type-compatibility');

    describe('source and target types', () => {
        const { findings, about } = structureRules;

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

        it('accepts a catalogue code into free text, which receives its text: OBR-4 into Requested Procedure Description; not a status code', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['OBR-4 -> (0032,1060)']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['OBR-4 -> RequestedProcedureDescription']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['OBR-25 -> (0032,1060)']), ['5 type-compatibility']);
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

    describe('HL7 v2 composite types', () => {
        const { found, feed } = sitesWithDevices;

        const route = (mapping: string) => feed(`    message ORU^R01 {\n        ${mapping}\n    }\n`, '', 'HL7v2 "2.6"');

        it('an organisation into an address, a device identifier into a coded method: the families differ', async () => {
            const address = await found('type-compatibility', route('OBX-23 -> OBX-24'));
            assert.equal(address.length, 1, address.join('\n'));
            assert.match(address[0], /OBX-23 \(.*XON\) holds an organisation but OBX-24 \(.*XAD\) holds an address/);
            assert.equal((await found('type-compatibility', route('OBX-18 -> OBX-17 identifier authority "urn:oid:1.2.3"'))).length, 1);
        });

        it('a declared kind must still fit the target: a dose declared a quantity does not go into a coded unit field', async () => {
            const dose = await found('type-compatibility', route('RXA-6 -> RXA-7 as quantity units UCUM'));
            assert.equal(dose.length, 1, dose.join('\n'));
            assert.match(dose[0], /RXA-6 is declared a number \(`as quantity`\) but RXA-7 holds a code/);
            assert.deepEqual(await found('type-compatibility', route('RXA-6 -> RXA-6 as quantity units UCUM')), []);
            assert.deepEqual(await found('type-compatibility', route('OBX-6 -> NTE-3 as code')), []); // free text holds a code written out
        });

        it('fields of one family, a component, a code map or a declared kind are not judged', async () => {
            assert.deepEqual(await found('type-compatibility', route('OBX-23 -> OBX-23')), []);
            assert.deepEqual(await found('type-compatibility', route('OBX-3 -> OBX-17 codes { A -> B } receives A')), []);
            assert.deepEqual(await found('type-compatibility', route('OBX-23.1 -> OBX-24.1')), []);
            assert.deepEqual(await found('type-compatibility', route('OBX-23 -> OBX-24 as text')), []);
        });
    });

    describe('prior state into the current state', () => {
        const { found, feed } = sitesWithDevices;
        const adt = (mapping: string, standard = 'HL7v2 "2.5.1"') => feed(`    message ADT^A02 {\n        ${mapping}\n    }\n`, '', standard);

        it('PV1-6 Prior Patient Location into PV1-3 Assigned Patient Location is reported, whatever `as` declares', async () => {
            const bed = await found('type-compatibility', adt('PV1-6 -> PV1-3 as identifier identifier authority "EHR location master"'));
            assert.equal(bed.length, 1, bed.join('\n'));
            assert.match(bed[0], /PV1-6 \(Prior Patient Location\) holds the state before the event, but PV1-3 \(Assigned Patient Location\)/);
            assert.equal((await found('type-compatibility', adt('MRG-1 -> PID-3 identifier authority "MRN"'))).length, 1);
        });

        it('a prior field into itself or into another prior field, or a current field, is not judged', async () => {
            assert.deepEqual(await found('type-compatibility', adt('PV1-6 -> PV1-6')), []);
            assert.deepEqual(await found('type-compatibility', adt('PV1-3 -> PV1-3')), []);
            assert.deepEqual(await found('type-compatibility', adt('MRG-1 -> MRG-1 identifier authority "MRN"')), []);
            assert.deepEqual(await found('type-compatibility', adt('PV1-43 -> PV1-6')), []);
        });
    });

    describe('conditional mappings', () => {
        const { findings } = oneResultMessage;

        it('checks OBX-5 with the kind OBX-2 names, and asks a number for its units', async () => {
            assert.deepEqual(await findings([
                '        when OBX-2 = NM {',
                '            OBX-5 -> Observation.valueQuantity.value units "mmol/L"',
                '        }',
                '        when OBX-2 = ST, TX {',
                '            OBX-5 -> Observation.valueString',
                '        }',
                ''
            ].join('\n')), []);
            const wrong = await findings([
                '        when OBX-2 = NM {',
                '            OBX-5 -> Observation.valueCodeableConcept',
                '        }',
                '        when OBX-2 = ST {',
                '            OBX-5 -> Observation.valueQuantity.value',
                '        }',
                ''
            ].join('\n'));
            assert.deepEqual(wrong.map(f => f.split(':')[0]), ['6 warning units', '6 warning type-compatibility', '9 warning type-compatibility']);
            assert.match(wrong[1], /OBX-5 is a number \(OBX-2 = NM\) but Observation\.valueCodeableConcept holds a code/);
            assert.match(wrong[2], /OBX-5 is free text \(OBX-2 = ST\)/);
        });
    });
});
