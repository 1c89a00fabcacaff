import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';

const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

/** `line severity: message` of the `units` findings of one ORU^R01 interface whose message block is `body`. */
async function unitFindings(body: string, extra = ''): Promise<string[]> {
    const { findings } = await checkFiles({
        'org.ispec': ORG,
        'a.ispec': `import "org.ispec"\n${extra}interface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ORU^R01 {\n${body}    }\n}\n`
    });
    const syntax = findings.filter(f => f.code === undefined || /syntax|linking/.test(String(f.code)));
    assert.deepEqual(syntax.map(f => f.message), [], 'the spec parses');
    return findings.filter(f => f.code === 'units').map(f => `${f.line} ${f.severity}: ${f.message}`);
}

const first = 'import "org.ispec"\n'.split('\n').length + 3; // the line of the first mapping (no extra)

describe('units', () => {
    docExamples('units');

    describe('units are UCUM codes and conversions are right', () => {
        it('accepts UCUM codes and factors UCUM agrees with', async () => {
            assert.deepEqual(await unitFindings([
                '        OBX-5 -> Observation.valueQuantity.value units "mbar" -> kPa factor 0.1',
                '        OBR-7 -> Observation.valueQuantity.value as quantity units s -> min factor 0.016667',
                '        OBX-7 -> Observation.valueQuantity.value as quantity units "10*9/L"',
                '        OBX-6 -> Observation.valueQuantity.code units UCUM',
                ''
            ].join('\n')), []);
        });

        it('flags a unit that is not UCUM, with the library\'s suggestion', async () => {
            const found = await unitFindings('        OBX-5 -> Observation.valueQuantity.value units "mIU/mL"\n');
            assert.equal(found.length, 1, found.join('\n'));
            assert.match(found[0], new RegExp(`^${first} warning: 'mIU/mL' is not a UCUM unit; did you mean "m\\[IU\\]/L"`));
        });

        it('flags an inverted factor, a wrong factor and a plain factor for an affine scale', async () => {
            const found = await unitFindings([
                '        OBX-5 -> Observation.valueQuantity.value units "mbar" -> kPa factor 10',
                '        OBX-7 -> Observation.valueQuantity.value as quantity units "[lb_av]" -> kg factor 2.2046',
                '        OBX-8 -> Observation.valueQuantity.value as quantity units Cel -> "[degF]" factor 1.8',
                '        OBX-10 -> Observation.valueQuantity.value as quantity units mg -> g factor 0.01',
                ''
            ].join('\n'));
            assert.equal(found.length, 4, found.join('\n'));
            assert.match(found[0], /factor 10 converts kPa to mbar, not mbar to kPa: it is inverted; UCUM gives factor 0\.1/);
            assert.match(found[1], /factor 2\.2046 converts kg to \[lb_av\].*inverted; UCUM gives factor 0\.4536/);
            assert.match(found[2], /Cel to \[degF\] is not a plain factor.*convert/);
            assert.match(found[3], /factor 0\.01 does not convert mg to g: UCUM gives 0\.001/);
        });

        it('says a mass to amount-of-substance factor holds for one analyte only (an info, not a warning)', async () => {
            const found = await unitFindings('        OBX-5 -> Observation.valueQuantity.value units "mg/dL" -> "mmol/L" factor 0.0555\n');
            assert.equal(found.length, 1, found.join('\n'));
            assert.match(found[0], /^\d+ info: mg\/dL to mmol\/L depends on the analyte's molar mass.*molar mass of 180\.2 g\/mol/);
        });

        it('reads the implied molar mass the right way round from amount to mass (mmol/l to mg/dL factor 18: glucose, 180 g/mol)', async () => {
            const found = await unitFindings('        OBX-5 -> Observation.valueQuantity.value units "mmol/L" -> "mg/dL" factor 18\n');
            assert.equal(found.length, 1, found.join('\n'));
            assert.match(found[0], /molar mass of 180 g\/mol/);
        });
    });

    describe('quantities whose unit the spec need not declare', () => {
        it('asks a count or an ordinal for no unit: PID-25 Birth Order, a FHIR integer', async () => {
            assert.deepEqual(await unitFindings('        PID-25 -> PID-25\n        Patient.multipleBirthInteger -> Patient.multipleBirthInteger\n'), []);
            // A measured NM still needs its unit.
            assert.equal((await unitFindings('        OBX-5 -> Observation.valueQuantity.value as quantity\n')).length, 1);
        });

        it('takes the unit from its own field mapped in the same message: RXE-3 with RXE-5, doseQuantity.value with .code', async () => {
            assert.deepEqual(await unitFindings('        RXE-3 -> RXE-3\n        RXE-5 -> RXE-5 codes { mg -> mg } receives mg\n'), []);
            assert.deepEqual(await unitFindings('        RXG-5 -> RXG-5\n        RXG-7 -> RXG-7 units UCUM\n'), []);
            const dose = 'MedicationRequest.dosageInstruction[0].doseAndRate[0].doseQuantity';
            assert.deepEqual(await unitFindings(`        ${dose}.value -> ${dose}.value\n        ${dose}.code -> ${dose}.code units UCUM\n`), []);
            // Without the unit's field, the amount has no unit.
            assert.equal((await unitFindings('        RXE-3 -> RXE-3\n        RXE-2 -> RXE-2 codes { A -> A } receives A\n')).length, 1);
            assert.equal((await unitFindings(`        ${dose}.value -> ${dose}.value\n`)).length, 1);
        });
    });

    describe('units per analyte', () => {
        const table = 'codetable LabTests {\n    owner Ops\n    source A\n    version "2026-01"\n    codes "2345-7", "2160-0", "8480-6"\n}\n';

        it('checks each analyte\'s units and conversion, molar mass included', async () => {
            assert.deepEqual(await unitFindings([
                '        OBX-3 -> Observation.code codes table LabTests',
                '        OBX-5 -> Observation.valueQuantity.value units per OBX-3 {',
                '            "2345-7": "mg/dL" -> "mmol/L" factor 0.0555 molar-mass 180.16',
                '            "2160-0": "mg/dL" -> "umol/L" factor 88.4 molar-mass 113.12',
                '            "8480-6": "mm[Hg]"',
                '        }',
                ''
            ].join('\n'), table), []);
        });

        it('flags a wrong factor for its molar mass, a unit that is not UCUM, a code twice and a code outside the table', async () => {
            const found = await unitFindings([
                '        OBX-3 -> Observation.code codes table LabTests',
                '        OBX-5 -> Observation.valueQuantity.value units per OBX-3 {',
                '            "2345-7": "mg/dL" -> "mmol/L" factor 18 molar-mass 180.16',
                '            "2160-0": "mg/dl" -> "umol/L"',
                '            "2160-0": "mg/dL" -> "umol/L" factor 88.4',
                '            "9999-9": "mmHg"',
                '        }',
                ''
            ].join('\n'), table);
            const base = first + table.split('\n').length - 1;
            assert.deepEqual(found.map(f => f.split(':')[0]), [
                `${base + 2} warning`, `${base + 3} warning`, `${base + 4} warning`, `${base + 5} warning`, `${base + 5} warning`
            ], found.join('\n'));
            assert.match(found[0], /factor 18 converts mmol\/L to mg\/dL.*inverted/);
            assert.match(found[1], /sent in mg\/dl and received in umol\/L without a conversion/);
            assert.match(found[2], /code 2160-0 has units twice/);
            assert.match(found[3], /9999-9 is not a code of code table LabTests/);
            assert.match(found[4], /'mmHg' is not a UCUM unit/);
        });

        it('a half-typed entry (a code and no unit yet) is a syntax error, never a failed rule', async () => {
            for (const entry of ['"2345-7":', '"2345-7": "mg/dL" ->', '"2345-7"']) {
                const { findings } = await checkFiles({
                    'org.ispec': ORG,
                    'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ORU^R01 {\n        OBX-5 -> Observation.valueQuantity.value units per OBX-3 {\n            ${entry}\n        }\n    }\n}\n`
                });
                assert.deepEqual(findings.filter(f => f.code === 'internal-error').map(f => f.message), [], entry);
                assert.ok(findings.some(f => f.severity === 'error'), `${entry}: the syntax error is reported`);
            }
        });

        it('counts as the units of a quantity, and an empty block is flagged', async () => {
            const found = await unitFindings('        OBX-5 -> Observation.valueQuantity.value units per OBX-3 { }\n');
            assert.equal(found.length, 1, found.join('\n'));
            assert.match(found[0], /list no analyte/);
        });
    });

    describe('the units DICOM PS3.3 defines for an attribute', () => {
        /** `line severity: message` of the units findings of a mapping in a DICOM (or HL7 v2 to DICOM) interface. */
        async function dicom(mapping: string, standard = 'DICOM'): Promise<string[]> {
            const { findings } = await checkFiles({
                'org.ispec': ORG,
                'a.ispec': `import "org.ispec"\ninterface Images {\n    from A to B standard ${standard} owner Ops\n    message C-STORE {\n        ${mapping}\n    }\n}\n`
            });
            return findings.filter(f => f.code === 'units').map(f => `${f.line} ${f.severity}: ${f.message}`);
        }

        it('flags Pixel Spacing declared in micrometres, on both sides or the receiver\'s, and a weight in grams into Patient\'s Weight', async () => {
            const spacing = await dicom('(0028,0030) -> (0028,0030) as quantity units "um"');
            assert.equal(spacing.length, 1, spacing.join('\n'));
            assert.match(spacing[0], /^5 warning: \(0028,0030\) \(PixelSpacing\) is in mm by definition \(DICOM PS3.3 C.7.6.2 Image Plane Module.*\), but its unit is declared as um: every value would be read 1000 times too small. Write `units "mm"`.$/);
            const receiver = await dicom('(0048,0001) -> (0048,0001) as quantity units "mm" -> "um" factor 1000');
            assert.match(receiver[0] ?? '', /\(0048,0001\) \(ImagedVolumeWidth\) is in mm by definition .*but the receiver's unit is declared as um/);
            const weight = await dicom('OBX-5 -> (0010,1030) as quantity units g', 'HL7v2 "2.5.1"');
            assert.match(weight[0] ?? '', /\(0010,1030\) \(PatientWeight\) is in kg by definition \(DICOM PS3.3 C.7.2.2 Patient Study Module.*declared as g: every value would be read 1000 times too large. Convert to kg: `units "g" -> "kg" factor <n>`/);
        });

        it('accepts the defined unit, a conversion to it, an equal UCUM spelling, and attributes PS3.3 gives no unit', async () => {
            for (const mapping of ['(0028,0030) -> (0028,0030) as quantity units "mm"', '(0018,0050) -> (0018,0050) as quantity units "mm"',
                '(0048,0003) -> (0048,0003) as quantity units "um"', '(0048,0112) -> (0048,0112) as quantity units "1"', '(0018,1152) -> (0018,1152) as quantity units "mA.s"']) {
                assert.deepEqual(await dicom(mapping), [], mapping);
            }
            assert.deepEqual(await dicom('OBX-5 -> (0010,1030) as quantity units g -> kg factor 0.001', 'HL7v2 "2.5.1"'), []);
        });
    });

    describe('one analyte, one unit per sending system', () => {
        const results = (name: string, unit: string) => `import "org.ispec"\ninterface ${name} {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ORU^R01 {\n`
            + `        OBX-3 -> OBX-3 codes { OHP17 -> "38473-5", TSH -> "29575-8" }\n        OBX-5 -> OBX-5 as quantity units per OBX-3 {\n            "OHP17": ${unit}\n            "TSH": "m[IU]/L"\n        }\n    }\n}\n`;
        const registry = (unit: string, from = 'A') => `import "org.ispec"\ninterface Registry {\n    from ${from} to B standard FHIR 4.0.1 owner Ops\n    message DiagnosticReport {\n`
            + `        Observation.code -> Observation.code codes { "38473-5" -> "38473-5" }\n        Observation.valueQuantity.value -> Observation.valueQuantity.value as quantity units per Observation.code {\n            "38473-5": ${unit}\n        }\n    }\n}\n`;
        async function found(files: Record<string, string>): Promise<string[]> {
            const { findings } = await checkFiles({ 'org.ispec': ORG, ...files });
            return findings.filter(f => f.code === 'units').map(f => `${f.relative}:${f.line} ${f.severity}: ${f.message}`);
        }

        it('flags the interface whose sender unit for an analyte differs from the others\', following the code map to LOINC', async () => {
            const odd = await found({ 'r1.ispec': results('Results1', '"ng/mL"'), 'r2.ispec': results('Results2', '"ng/mL"'), 'reg.ispec': registry('"nmol/L"') });
            assert.equal(odd.length, 1, odd.join('\n'));
            assert.match(odd[0], /^reg.ispec:7 warning: A sends 38473-5 in nmol\/L here but in ng\/mL on 'Results1', 'Results2': a system reports one analyte in one unit/);
            // One against one: both are reported, each naming the other.
            const tie = await found({ 'r1.ispec': results('Results1', '"ng/mL"'), 'reg.ispec': registry('"nmol/L"') });
            assert.deepEqual(tie.map(f => f.split(' ')[0]), ['r1.ispec:7', 'reg.ispec:7'], tie.join('\n'));
        });

        it('accepts the same sender unit converted for a receiver, another sender, and another analyte', async () => {
            assert.deepEqual(await found({ 'r1.ispec': results('Results1', '"ng/mL"'), 'reg.ispec': registry('"ng/mL" -> "nmol/L" factor 3.026 molar-mass 330.46') }), []);
            assert.deepEqual(await found({ 'r1.ispec': results('Results1', '"ng/mL"'), 'reg.ispec': registry('"nmol/L"', 'B') }), []);
            assert.deepEqual(await found({ 'r1.ispec': results('Results1', '"ng/mL"'), 'reg.ispec': registry('"nmol/L"').replace(/"38473-5"/g, '"29573-3"') }), []);
        });
    });
});
