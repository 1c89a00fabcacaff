import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';

const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

/** `file:line severity code: message` of the findings of a workspace; `codes` keeps only those rules. */
async function findings(files: Record<string, string>, codes: string[]): Promise<string[]> {
    const { findings: found } = await checkFiles({ 'org.ispec': ORG, ...files });
    const broken = found.filter(f => !f.code || /syntax|linking|parse/i.test(String(f.code)));
    assert.deepEqual(broken.map(f => f.message), [], 'the spec parses and links');
    return found.filter(f => codes.includes(String(f.code))).map(f => `${f.relative}:${f.line} ${f.severity} ${f.code}: ${f.message}`);
}

const feed = (standard: string, message: string, body: string) =>
    `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ${message} {\n${body}    }\n}\n`;

const Z_SEGMENTS = `segment ZPI "Patient extras" {
    field 1 CWE "Religion" table "0006"
    field 2 CX repeating "Previous identifiers"
    field 3 ST "Nickname"
}
`;

describe('language: Z-segments declared once and checked like standard ones', () => {
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
                '        ZPI-2 -> Observation.subject identifier authority "previous MRN"',
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
});

describe('language: DICOM private tags and retired attributes', () => {
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

describe('language: a repetition chosen by its assigning authority', () => {
    it('is one mapping with its authority, needs no index, and keeps that authority\'s spelling', async () => {
        assert.deepEqual(await findings({
            'a.ispec': feed('HL7v2 "2.5.1"', 'ADT^A01', [
                '        PID-3[authority = "NHS"] -> Patient.identifier:NHSNumber.value',
                '        PID-3[authority="VALLEY-MRN"].1 -> Patient.identifier[0].value',
                ''
            ].join('\n'))
        }, ['known-fields', 'repetition', 'patient-identity', 'master-data', 'type-compatibility']), []);
    });

    it('flags a selector on a field without authority, on a FHIR path, and a contradicting authority', async () => {
        const found = await findings({
            'a.ispec': feed('HL7v2 "2.5.1"', 'ADT^A01', [
                '        PID-5[authority = "NHS"] -> Patient.name.text',
                '        PID-3[authority = "NHS"] -> Patient.identifier[authority = "NHS"]',
                '        PID-3[authority = "NHS"] -> Patient.identifier[1] identifier authority "VALLEY-MRN"',
                ''
            ].join('\n'))
        }, ['repetition', 'patient-identity']);
        assert.deepEqual(found.map(f => f.split(':').slice(0, 2).join(':')), [
            'a.ispec:5 warning repetition', 'a.ispec:6 warning repetition', 'a.ispec:7 error patient-identity'
        ], found.join('\n'));
        assert.match(found[0], /PID-5 \(XPN\) carries no assigning authority/);
        assert.match(found[1], /FHIR selects an identifier by its system/);
        assert.match(found[2], /selects the repetition issued by "NHS" but declares authority "VALLEY-MRN"/);
    });
});
