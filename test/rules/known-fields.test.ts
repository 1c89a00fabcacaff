import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { mappedFields, oneResultMessage, segmentsAndTags, versionedFields } from './workspaces.js';

describe('known-fields', () => {
    docExamples('known-fields');

    describe('mapped fields and the field dictionaries', () => {
        const { mappingFindings } = mappedFields;

        it('reports a field that does not exist, with the closest known one', async () => {
            const found = await mappingFindings('HL7v2 "2.5.1"', ['OBX-14 -> Observation.efectiveDateTime timezone "UTC"']);
            assert.equal(found.length, 1);
            assert.match(found[0], /^5 known-fields: 'Observation\.efectiveDateTime' is not a field of FHIR; did you mean 'Observation\.effectiveDateTime'\?/);
        });

        it('checks the source against the declared version, and an FHIR target against its latest', async () => {
            // TQ1 arrived in HL7 v2.5: a v2.3.1 sender cannot send it.
            const sent = await mappingFindings('HL7v2 "2.3.1"', ['TQ1-9 -> ServiceRequest.priority as text']);
            assert.deepEqual(sent.map(f => f.split(':')[0]), ['5 known-fields']);
            assert.deepEqual(await mappingFindings('HL7v2 "2.3.1" -> "2.5.1"', ['OBR-27.6 -> TQ1-9 as text']), []);
        });

        it('leaves payloads of other standards and custom segments alone', async () => {
            assert.deepEqual(await mappingFindings('REST openapi "api.yaml"', ['shipment.boxId -> receipt.boxNumber as text']), []);
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['ZLB-4 -> Observation.note as text']), []);
        });
    });

    describe('HL7 v2 fields in the declared version', () => {
        const { findings } = versionedFields;

        it('looks an HL7 v2 target up in the declared version, not the newest', async () => {
            // In v2.3.1 OBR-13 is free text (ST) and OBR-27 is a TQ with a sixth component (priority); in 2.7.1
            // OBR-13 is coded (CWE) and OBR-27 plain text.
            assert.deepEqual(await findings('HL7v2 "2.3.1"', ['OBR-13 -> OBR-13', 'OBR-27.6 -> OBR-27.6 as text']), []);
            const newest = await findings('HL7v2 "2.7.1"', ['OBR-13 -> OBR-13', 'OBR-27.6 -> OBR-27.6 as text']);
            // OBR-13 in 2.7.1 is a CWE of an external catalogue passed through unchanged: no code map (coded-values).
            assert.deepEqual(newest.map(f => f.split(':')[0]), ['6 error known-fields']);
        });

        it('names the declared version and the first version that has the field, once per mapping', async () => {
            assert.deepEqual(await findings('HL7v2 "2.3.1"', ['TQ1-9 -> TQ1-9 as text']), [
                '5 error known-fields: TQ1-9 is not in HL7 v2.3.1; the TQ1 segment exists from v2.5.'
            ]);
            assert.deepEqual(await findings('HL7v2 "2.7.1"', ['OBR-27.6 -> OBR-27.6 as text']), [
                '5 error known-fields: OBR-27.6 is not in HL7 v2.7.1; it is in v2.2 to v2.6 only.'
            ]);
            // PID-40 (patient telecommunication information) came with v2.7.
            assert.deepEqual(await findings('HL7v2 "2.5.1"', ['PID-40 -> PID-40 as text']), [
                '5 error known-fields: PID-40 is not in HL7 v2.5.1; it exists from v2.7.'
            ]);
        });

        it('checks the receiver\'s version where the interface translates between versions', async () => {
            assert.deepEqual(await findings('HL7v2 "2.3.1" -> "2.5.1"', ['OBR-27.6 -> TQ1-9 as text']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1" -> "2.3.1"', ['TQ1-9 -> OBR-27.6 as text']), []);
            // Without the receiver's version, the target is checked in the sender's, and the message says how to declare it.
            assert.deepEqual(await findings('HL7v2 "2.3.1"', ['OBR-27.6 -> TQ1-9 as text']), [
                '5 error known-fields: TQ1-9 is not in HL7 v2.3.1; the TQ1 segment exists from v2.5. If the receiver speaks a later version, declare it: `standard HL7v2 2.3.1 -> 2.5`.'
            ]);
            const reversed = await findings('HL7v2 "2.5.1" -> "2.3.1"', ['OBR-27.6 -> TQ1-9 as text']);
            assert.deepEqual(reversed.map(f => f.split(':')[0]), ['5 error known-fields']);
        });

        it('only warns about a field of a released version newer than the dictionary, naming the newest it holds', async () => {
            const found = await findings('HL7v2 "2.9"', ['PID-50 -> PID-50 as text']);
            assert.deepEqual(found, [
                '5 warning known-fields: \'PID-50\' is not in HL7 v2.7.1, the newest version the field dictionary holds; check it against HL7 v2.9 by hand.'
            ]);
            // A field the dictionary's newest version has is checked as usual, without any finding.
            assert.deepEqual(await findings('HL7v2 "2.8"', ['PID-3 -> PID-3 identifier authority "MRN"']), []);
            assert.deepEqual(await findings('HL7v2 "2.9.1"', ['PID-3 -> PID-3 identifier authority "MRN"']), []);
        });
    });

    describe('FHIR paths as FHIR writes them', () => {
        const { findings } = oneResultMessage;

        it('reads value[x], typed choices, [n], extensions by URL with their value type, slices and where()', async () => {
            assert.deepEqual(await findings([
                '        OBX-5 -> Observation.value[x] as text',
                '        OBX-3.2 -> Observation.code.coding[0].display',
                '        ZPI-1 -> Patient.extension("https://example.org/fhir/religion").valueString as text',
                '        ZPI-2 -> Patient.modifierExtension("https://example.org/fhir/flag").valueString as text',
                '        ZPI-3 -> Patient.extension:birthPlace.valueAddress.city as text',
                '        ZPI-4 -> Patient.extension.where("url = \'https://example.org/fhir/nickname\'").valueString as text',
                ''
            ].join('\n')), []);
        });

        it('reports an unknown value type of an extension and a where() that FHIRPath cannot parse', async () => {
            const found = await findings([
                '        ZPI-1 -> Patient.extension("https://example.org/fhir/religion").valueBogus as text',
                '        ZPI-2 -> Patient.extension.where("url = ").valueString as text',
                ''
            ].join('\n'));
            assert.deepEqual(found.map(f => f.split(':')[0]), ['5 error known-fields', '6 error known-fields']);
            assert.match(found[1], /where\("url = "\) in .* is not a FHIRPath expression/);
        });
    });

    describe('Z-segments declared once and checked like standard ones', () => {
        const { findings, feed, Z_SEGMENTS } = segmentsAndTags;

        it('knows a declared field, its type and its components, in another file of the workspace', async () => {
            assert.deepEqual(await findings({
                'segments.ispec': Z_SEGMENTS,
                'a.ispec': feed('HL7v2 "2.5.1"', 'ADT^A01', [
                    '        ZPI-1 -> Patient.extension("https://example.org/fhir/religion").valueCodeableConcept codes table Religions',
                    '        ZPI-2[1] -> Patient.identifier[1] identifier authority "previous MRN, Valley Health"',
                    '        ZPI-2.4 -> Patient.identifier.system',
                    '        ZPI-3 -> Patient.name.text',
                    ''
                ].join('\n')) + 'codetable Religions {\n    owner Ops\n    source A\n    version "1"\n    codes CHR, MOS\n}\n'
            }, ['known-fields', 'type-compatibility', 'repetition', 'coded-values', 'patient-identity', 'message-structure']), []);
        });

        it('reports a field the declaration lacks, a wrong type for the target, a repeating field into one value, and an undeclared Z-segment', async () => {
            const found = await findings({
                'segments.ispec': Z_SEGMENTS,
                'a.ispec': feed('HL7v2 "2.5.1"', 'ADT^A01', [
                    '        ZPI-9 -> Patient.name.text',
                    '        ZPI-3 -> Patient.birthDate',
                    '        ZPI-2 -> Observation.subject as identifier',
                    '        ZXX-1 -> Patient.name.text',
                    ''
                ].join('\n'))
            }, ['known-fields', 'type-compatibility', 'repetition']);
            assert.deepEqual(found.map(f => f.split(':').slice(0, 2).join(':')), [
                'a.ispec:5 error known-fields', 'a.ispec:6 warning type-compatibility', 'a.ispec:7 warning repetition', 'a.ispec:8 info known-fields'
            ], found.join('\n'));
            assert.match(found[0], /ZPI-9 is not a field of ZPI as declared \(ZPI-1, ZPI-2 and ZPI-3\)/);
            assert.match(found[1], /ZPI-3 is free text \(ST\)/);
            assert.match(found[3], /ZXX is not declared in this workspace/);
        });

        it('checks the declaration itself: a Z name, each position once, a real data type', async () => {
            const found = await findings({
                'segments.ispec': 'segment PIX {\n    field 1 ST\n    field 1 NM\n    field 2 CWX\n}\n',
                'a.ispec': feed('HL7v2 "2.5.1"', 'ADT^A01', '        PID-5 -> Patient.name\n')
            }, ['known-fields']);
            assert.deepEqual(found.map(f => f.split(':').slice(0, 2).join(':')), [
                'segments.ispec:1 error known-fields', 'segments.ispec:3 error known-fields', 'segments.ispec:4 error known-fields'
            ], found.join('\n'));
            assert.match(found[2], /'CWX' is not an HL7 v2 data type/);
        });

        it('takes a data type of any published version: TS and CE in a declaration beside v2.4 feeds (withdrawn only in v2.7)', async () => {
            assert.deepEqual(await findings({
                'segments.ispec': 'segment ZTC {\n    field 1 TS "Transfer of care"\n    field 2 CE "Handover outcome"\n}\n',
                'a.ispec': feed('HL7v2 "2.4"', 'ADT^A01', '        PID-5 -> Patient.name\n')
            }, ['known-fields']), []);
        });
    });

    describe('DICOM private tags and retired attributes', () => {
        const { findings, feed } = segmentsAndTags;

        it('accepts a private tag that names its private creator, and the private creator element itself', async () => {
            assert.deepEqual(await findings({
                'a.ispec': feed('DICOM "2024b"', 'C-STORE', [
                    '        (0029,"SIEMENS CSA HEADER",10) -> (0029,"SIEMENS CSA HEADER",10) as text',
                    '        (0029,0010) -> (0029,0010) as text',
                    '        StudyDate -> StudyDate as date',
                    ''
                ].join('\n'))
            }, ['known-fields']), []);
        });

        it('asks a bare private tag for its creator (error) and warns about a retired attribute', async () => {
            const found = await findings({
                'a.ispec': feed('DICOM "2024b"', 'C-STORE', [
                    '        (0029,1010) -> (0029,1010) as text',
                    '        (0008,0040) -> (0008,0040) as text',
                    ''
                ].join('\n'))
            }, ['known-fields']);
            assert.deepEqual(found.map(f => f.split(':').slice(0, 2).join(':')), ['a.ispec:5 error known-fields', 'a.ispec:6 warning known-fields'], found.join('\n'));
            assert.match(found[0], /\(0029,1010\) is a private tag.*name the creator: `\(0029,"<private creator>",10\)`/);
            assert.match(found[1], /\(0008,0040\) \(DataSetType\) is retired from DICOM/);
        });
    });
});
