import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { evaluateGate, matrixRows, testIdCollisions } from '../../language-server/generators/index.js';
import { inputFromFiles } from './generator-support.js';

/** An ADT feed whose message block holds the given mapping lines. */
function adtSpec(mappings: string[]): string {
    return `team Ops
system EHR { kind EHR owner Ops }
system MPI { kind MPI owner Ops }
site North { timezone "Europe/Amsterdam" }
interface Adt {
    from EHR to MPI
    standard FHIR R4
    owner Ops
    criticality critical
    sites North
    message ADT^A04 {
${mappings.map(line => `        ${line}`).join('\n')}
    }
}
gate Pilot { site North criterion Ready { question readiness } }
`;
}

describe('generators: test-matrix ids are unique by construction', function () {
    this.timeout(120_000);

    it('gives PID-3 -> Patient.identifier under two identifier authorities two ids, and keeps the ids of other rows', async () => {
        const input = await inputFromFiles({
            'adt.ispec': adtSpec([
                'PID-3 -> Patient.identifier identifier authority "HOSP-MRN"',
                'PID-3 -> Patient.identifier identifier authority "NATIONAL-HEALTH-ID"',
                'PID-5 -> Patient.name'
            ])
        });
        const identifierRows = [...matrixRows(input)].filter(row => row.scenario.startsWith('identifier'));
        assert.deepEqual(identifierRows.map(row => row.id), [
            'TM-Adt-North-ADT_A04-identifier-PID-3-Patient.identifier-HOSP-MRN',
            'TM-Adt-North-ADT_A04-identifier-PID-3-Patient.identifier-NATIONAL-HEALTH-ID'
        ]);
        assert.ok([...matrixRows(input)].some(row => row.id === 'TM-Adt-North-ADT_A04-normal'));
        assert.deepEqual(testIdCollisions(input), []);
    });

    it('makes two identical mapping lines a hard error naming both lines, and the gate NO-GO', async () => {
        const input = await inputFromFiles({
            'adt.ispec': adtSpec(['PID-3 -> Patient.identifier identifier authority "HOSP-MRN"', 'PID-3 -> Patient.identifier identifier authority "HOSP-MRN"'])
        });
        const collisions = testIdCollisions(input);
        assert.equal(collisions.length, 1);
        assert.equal(collisions[0].line, 13);
        assert.match(collisions[0].message, /^Test case id 'TM-Adt-North-ADT_A04-identifier-PID-3-Patient\.identifier-HOSP-MRN' is made both here and at adt\.ispec:12;/);
        const gate = evaluateGate(input, 'Pilot');
        assert.equal(gate.decision, 'NO-GO');
        assert.ok(gate.reasons.some(reason => /^adt\.ispec:13:1: Test case id .* \(test-id-collision\)$/.test(reason)), gate.reasons.join('\n'));
    });

    it('never gives two distinct rows one id (property: any set of distinct mapping lines)', async () => {
        const source = fc.constantFrom('PID-3', 'PID-3.1', 'PID-5', 'OBX-5', 'OBX-3', 'MSH-7');
        const target = fc.constantFrom('Patient.identifier', 'Patient.name', 'Observation.valueQuantity.value', 'Observation.code', 'PID-3');
        const option = fc.constantFrom('', ' identifier authority "MRN"', ' identifier authority "NHS-ID"', ' identifier authority "MRN (urn:oid:1.2)"',
            ' as quantity units mg/dL', ' as quantity units mmol/L', ' units UCUM', ' timezone "Europe/Paris"', ' timezone "UTC"', ' clock "NTP"',
            ' as code codes { F -> female, M -> male } receives F, M, U', ' as code codes { F-1 -> f } receives F-1', ' as text', ' as identifier');
        const line = fc.tuple(source, target, option).map(([s, t, o]) => `${s} -> ${t}${o}`);
        await fc.assert(fc.asyncProperty(fc.uniqueArray(line, { minLength: 1, maxLength: 8 }), async lines => {
            const input = await inputFromFiles({ 'adt.ispec': adtSpec(lines) });
            const ids = [...matrixRows(input)].map(row => row.id);
            assert.equal(new Set(ids).size, ids.length, `${lines.join('\n')}\n${ids.join('\n')}`);
            assert.deepEqual(testIdCollisions(input), []);
        }), { seed: 9_2, numRuns: 40 });
    });
});
