import { strict as assert } from 'node:assert';
import { AstUtils } from 'langium';
import { isMapping } from '../../language-server/language/generated/ast.js';
import { checkFiles } from '../support/workspace.js';

const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

/** `line severity code: message` of one ORU^R01 interface; `body` is the message block's content. */
async function findings(body: string, standard = 'HL7v2 "2.5.1"'): Promise<string[]> {
    const { findings: found } = await checkFiles({
        'org.ispec': ORG,
        'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ORU^R01 {\n${body}    }\n}\n`
    });
    return found.filter(f => f.code !== 'required-targets').map(f => `${f.line} ${f.severity} ${f.code}: ${f.message}`);
}

describe('language: FHIR paths as FHIR writes them', () => {
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

describe('language: conditional mappings', () => {
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

describe('language: HL7 v2 repetitions', () => {
    it('keeps PID-3(2) as the repetition PID-3[2] and checks it like one', async () => {
        const { workspace } = await checkFiles({ 'org.ispec': ORG, 'a.ispec': 'import "org.ispec"\ninterface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ADT^A01 {\n        PID-3(2) -> Patient.identifier[1] identifier authority "national id"\n    }\n}\n' });
        const sources = workspace.documents.flatMap(document => AstUtils.streamAst(document.parseResult.value).filter(isMapping).map(mapping => mapping.source).toArray());
        const text = sources.join(' ');
        assert.match(text, /PID-3\[2\]/);
        assert.doesNotMatch(text, /PID-3\(2\)/);
        const missing = await findings('        PID-3(2) -> Patient.identifier[1]\n');
        assert.deepEqual(missing.map(f => f.split(':')[0]), ['5 error patient-identity']);
        assert.match(missing[0], /PID-3\[2\]/);
    });
});
