import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';

const STRUCTURE_RULES = new Set(['message-structure', 'type-compatibility', 'repetition', 'required-targets']);
const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

/** The rule findings (`line code`) of one interface whose message holds the given mapping lines. */
async function mappingFindings(standard: string, mappings: string[]): Promise<string[]> {
    const { findings } = await checkFiles({
        'org.ispec': ORG,
        'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ORU^R01 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`
    });
    // The structure rules (required targets of the resource …) have their own tests in dictionary-rules.test.ts.
    return findings.filter(f => !STRUCTURE_RULES.has(f.code)).map(f => `${f.line} ${f.code}${f.code === 'known-fields' ? `: ${f.message}` : ''}`);
}

describe('rules: mapped fields and the field dictionaries', () => {
    it('takes a field\'s kind from the dictionary: an HL7 v2 timestamp without a time zone is flagged', async () => {
        assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-14 -> Observation.effectiveDateTime']), ['5 timestamps']);
        assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-14 -> Observation.effectiveDateTime timezone "Europe/Amsterdam"']), []);
    });

    it('lets an explicit `as` override the dictionary kind', async () => {
        assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-14 -> Observation.effectiveDateTime as text']), []);
    });

    it('asks an identifier from the dictionary for its assigning authority', async () => {
        assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PID-3 -> Patient.identifier']), ['5 patient-identity']);
        assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PID-3 -> Patient.identifier identifier authority "MRN"']), []);
    });

    it('asks a coded field from the dictionary for its code map', async () => {
        assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status']), ['5 coded-values']);
    });

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
