import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { buildChecklists, matrixRows, type GeneratorInput, type MatrixRow } from '../../language-server/generators/index.js';
import { writeWorkspace } from '../support/workspace.js';
import { loadInput } from './generator-support.js';

/**
 * FHIR samples in the test matrix (docs/generators.md, "Samples and evidence"): a resource passes the rows its
 * rules compared, as an HL7 v2 message does (generators/sample-observations-fhir.ts), fails the rows a finding
 * falls on, and leaves open the rows whose value its rule does not compare.
 */

const SPEC = `team LabIT
system Lab { kind LIS owner LabIT }
system Pas { kind PAS owner LabIT }
system Ehr { kind EHR owner LabIT }
site North { timezone "Europe/Amsterdam" }
interface Results {
    from Lab to Ehr
    standard FHIR 4.0.1
    owner LabIT
    sites North
    samples "captures/results/*.json"
    message Observation {
        Observation.identifier                -> Observation.identifier                identifier authority "BMC observations (http://bmc.example.org/observations)"
        Observation.subject.identifier        -> Observation.subject.identifier        identifier authority "MRN"
        Observation.status                    -> Observation.status                    codes { final -> final, amended -> amended } receives final, amended
        Observation.interpretation            -> Observation.interpretation            codes { N -> N, H -> H } receives N, H
        Observation.valueQuantity             -> Observation.valueQuantity             units "mmol/L"
        Observation.component.valueQuantity   -> Observation.component.valueQuantity   units "mg/dL" -> "mmol/L" factor 0.0555
        Observation.effectiveDateTime         -> Observation.effectiveDateTime         timezone "Europe/Amsterdam"
        Observation.issued                    -> Observation.issued                    timezone site
    }
}
interface Registrations {
    from Pas to Ehr
    standard HL7v2 2.5.1
    owner LabIT
    sites North
    samples "captures/patients/*.json"
    message ADT^A04 {
        PID-3 -> Patient.identifier identifier authority "BMC-MRN (urn:oid:2.16.840.1.113883.2.4.6.3)"
        PID-8 -> Patient.gender     codes { M -> male, F -> female, U -> unknown, O -> unknown } receives M, F, U, O
    }
}
gate NorthGoLive { site North criterion DataMeaning { question data-meaning covers Results, Registrations } }
`;

const OBSERVATION = {
    resourceType: 'Observation', id: 'o1',
    identifier: [{ system: 'http://bmc.example.org/observations', value: '7001' }],
    subject: { identifier: { system: 'urn:oid:1.2.3', value: '123' } },
    status: 'final',
    effectiveDateTime: '2026-02-10T07:15:00+01:00',
    issued: '2026-02-10T09:05:00+01:00',
    valueQuantity: { value: 5.4, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
    component: [{ code: { text: 'second' }, valueQuantity: { value: 98, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } }],
    interpretation: [{ coding: [{ code: 'N' }] }]
};

const PATIENT = {
    resourceType: 'Patient', id: 'p1',
    identifier: [{ system: 'urn:oid:2.16.840.1.113883.2.4.6.3', value: '100234' }],
    gender: 'female'
};

const RESULTS = 'TM-Results-North-Observation';
const PATIENTS = 'TM-Registrations-North-ADT_A04';

describe('generators: FHIR samples observed in the test matrix', function () {
    this.timeout(120000);
    const roots: string[] = [];
    after(() => roots.forEach(root => rmSync(root, { recursive: true, force: true })));
    const load = async (files: Record<string, unknown>) => {
        const root = writeWorkspace({ 'feed.ispec': SPEC, ...Object.fromEntries(Object.entries(files).map(([name, text]) => [name, typeof text === 'string' ? text : JSON.stringify(text, null, 1)])) });
        roots.push(root);
        const input = await loadInput(root);
        return { input, rows: new Map([...matrixRows(input)].map(row => [row.id, row])) };
    };

    const observed = (rows: Map<string, MatrixRow>, id: string) => rows.get(id)?.observed;
    const dataMeaning = (input: GeneratorInput) => {
        const [checklist] = buildChecklists(input, 'NorthGoLive');
        return { checklist, item: checklist.groups.find(group => group.id === 'data-meaning')!.items[0] };
    };

    it('passes the rows a clean resource exercised, as an HL7 v2 message does, and leaves the rest open', async () => {
        const { rows, input } = await load({
            'captures/results/o1.json': OBSERVATION,
            'captures/patients/p1.json': PATIENT,
            'captures/patients/p2.json': { ...PATIENT, id: 'p2', gender: 'unknown' }
        });
        const passed = (messages: number) => ({ status: 'passed', messages, decides: true });
        assert.deepEqual(observed(rows, `${RESULTS}-identifier-Observation.identifier`), passed(1));
        assert.deepEqual(observed(rows, `${RESULTS}-code-Observation.status-final`), passed(1));
        assert.deepEqual(observed(rows, `${RESULTS}-code-Observation.interpretation-N`), passed(1));
        assert.deepEqual(observed(rows, `${RESULTS}-units-Observation.valueQuantity`), passed(1));
        assert.deepEqual(observed(rows, `${RESULTS}-timezone-Observation.effectiveDateTime`), passed(1));
        // The resource is the target of an HL7 v2 -> FHIR mapping: its system and its code are what the interface wrote.
        assert.deepEqual(observed(rows, `${PATIENTS}-identifier-PID-3`), passed(2));
        assert.deepEqual(observed(rows, `${PATIENTS}-code-PID-8-F`), passed(1));
        for (const open of [
            `${RESULTS}-identifier-Observation.subject.identifier`, // "MRN" names no URI or OID to compare a system with
            `${RESULTS}-units-Observation.component.valueQuantity`, // a conversion happens at the receiver
            `${RESULTS}-timezone-Observation.issued`, // \`timezone site\`: a capture names no site
            `${RESULTS}-code-Observation.status-amended`, // no resource carried it
            `${RESULTS}-code-Observation.interpretation-H`,
            `${PATIENTS}-code-PID-8-M`,
            `${PATIENTS}-code-PID-8-U`, `${PATIENTS}-code-PID-8-O` // "unknown" is written for U and for O: which was sent?
        ]) {
            assert.equal(observed(rows, open), undefined, open);
        }
        const { item } = dataMeaning(input);
        assert.deepEqual(item.decided, { evidence: 0, observedPassed: 7, observedFailed: 0 });
    });

    it('fails the rows a finding falls on, at the first place in the sample, and the gate is NO-GO', async () => {
        const bad = {
            ...OBSERVATION,
            identifier: [{ system: 'http://other.example.org/observations', value: '7002' }],
            effectiveDateTime: '2026-07-10T07:15:00+01:00',
            valueQuantity: { value: 98, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
            interpretation: [{ coding: [{ code: 'XX' }] }]
        };
        const text = JSON.stringify(bad, null, 1);
        const lineOf = (needle: string) => text.split('\n').findIndex(line => line.includes(needle)) + 1;
        const { rows, input } = await load({ 'captures/results/bad.json': text, 'captures/results/o1.json': OBSERVATION });
        // `messages`: the resources that exercised the row, the one whose compared value drew the finding included.
        const failed = (id: string, needle: string, rule: string, messages: number) => {
            const seen = observed(rows, id);
            assert.equal(seen?.status, 'failed', id);
            assert.deepEqual(seen?.first && [seen.first.file, seen.first.line, seen.first.rule], ['captures/results/bad.json', lineOf(needle), rule], id);
            assert.equal(seen?.messages, messages, id);
            assert.equal(seen?.decides, true, id);
        };
        failed(`${RESULTS}-identifier-Observation.identifier`, '"http://other.example.org/observations"', 'sample-identifiers', 2);
        failed(`${RESULTS}-units-Observation.valueQuantity`, '"code": "mg/dL"', 'sample-units', 2);
        failed(`${RESULTS}-timezone-Observation.effectiveDateTime`, '2026-07-10T07:15:00+01:00', 'sample-timestamps', 2);
        // A code the map does not handle makes the map wrong: every code row of it fails, N that only the clean one carried included.
        failed(`${RESULTS}-code-Observation.interpretation-N`, '"XX"', 'sample-codes', 1);
        assert.equal(observed(rows, `${RESULTS}-code-Observation.interpretation-H`)?.status, 'failed');
        assert.equal(observed(rows, `${RESULTS}-code-Observation.status-final`)?.status, 'passed');
        const { checklist, item } = dataMeaning(input);
        assert.equal(item.status, 'failed');
        assert.equal(checklist.decision, 'NO-GO');
        assert.ok(checklist.reasons.some(reason => reason.includes('(samples: captures/results/bad.json:')), checklist.reasons.join('\n'));
    });

    it('leaves a row open for a value its rule does not compare: no time of day, a Quantity without value, a rule that is off', async () => {
        const partial = {
            ...OBSERVATION,
            effectiveDateTime: '2026-02-10',
            valueQuantity: { unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
            identifier: [{ value: '7003', system: '' }]
        };
        const { rows } = await load({ 'captures/results/partial.json': partial });
        assert.equal(observed(rows, `${RESULTS}-timezone-Observation.effectiveDateTime`), undefined);
        assert.equal(observed(rows, `${RESULTS}-units-Observation.valueQuantity`), undefined);
        // An identifier without system is no pass: it is a finding.
        assert.equal(observed(rows, `${RESULTS}-identifier-Observation.identifier`)?.status, 'failed');
        assert.equal(observed(rows, `${RESULTS}-code-Observation.status-final`)?.status, 'passed');

        const off = await load({ 'interspec.yaml': 'rules:\n  sample-units: off\n  sample-codes: off\n', 'captures/results/o1.json': OBSERVATION });
        assert.equal(observed(off.rows, `${RESULTS}-units-Observation.valueQuantity`), undefined);
        assert.equal(observed(off.rows, `${RESULTS}-code-Observation.status-final`), undefined);
        assert.equal(observed(off.rows, `${RESULTS}-identifier-Observation.identifier`)?.status, 'passed');
    });

    it('lets an evidence entry decide a row a FHIR sample passed or failed', async () => {
        const bad = { ...OBSERVATION, valueQuantity: { value: 98, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } };
        const { rows } = await load({
            'captures/results/bad.json': bad,
            'evidence/review.yaml': 'evidence:\n'
                + `  - id: ${RESULTS}-units-Observation.valueQuantity\n    status: passed\n    by: LabIT\n    date: 2026-10-01\n`
                + `  - id: ${RESULTS}-code-Observation.status-final\n    status: failed\n    by: LabIT\n    date: 2026-10-01\n`
        });
        const units = rows.get(`${RESULTS}-units-Observation.valueQuantity`)!;
        assert.equal(units.evidence.status, 'passed');
        assert.equal(units.observed?.status, 'failed');
        assert.equal(units.observed?.decides, false);
        assert.match(units.observed?.note ?? '', /evidence beats observation/);
        const status = rows.get(`${RESULTS}-code-Observation.status-final`)!;
        assert.equal(status.evidence.status, 'failed');
        assert.equal(status.observed?.status, 'passed');
        assert.equal(status.observed?.decides, false);
    });

    it('observes the same on every run over a Bundle, NDJSON and a resource file, the first failure by file order', async () => {
        const bad = { ...OBSERVATION, id: 'o2', status: 'registered' };
        const files = {
            'captures/results/a-bundle.json': { resourceType: 'Bundle', type: 'collection', entry: [{ resource: OBSERVATION }, { resource: bad }] },
            'captures/results/b.ndjson': [OBSERVATION, bad].map(resource => JSON.stringify(resource)).join('\n') + '\n',
            'captures/results/c.json': OBSERVATION
        };
        const spec = SPEC.replace('"captures/results/*.json"', '"captures/results/*.json" samples "captures/results/*.ndjson"');
        const first = await load({ ...files, 'feed.ispec': spec });
        const again = await load({ ...files, 'feed.ispec': spec });
        const all = (rows: Map<string, MatrixRow>) => [...rows.values()].map(row => [row.id, row.observed ?? null]);
        assert.deepEqual(all(first.rows), all(again.rows));
        assert.deepEqual(observed(first.rows, `${RESULTS}-units-Observation.valueQuantity`), { status: 'passed', messages: 5, decides: true });
        const status = observed(first.rows, `${RESULTS}-code-Observation.status-final`);
        assert.deepEqual([status?.status, status?.messages, status?.findings, status?.first?.file], ['failed', 3, 1, 'captures/results/a-bundle.json']);
    });
});
