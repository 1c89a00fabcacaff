import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { buildChecklists, matrixRows, type GeneratorInput, type MatrixRow } from '../../language-server/generators/index.js';
import { observationLabel } from '../../language-server/generators/formats/matrix-summary.js';
import { writeWorkspace } from '../support/workspace.js';
import { loadInput } from './generator-support.js';

/**
 * The combinations of samples and evidence on one small workspace (docs/generators.md, "Samples and evidence"):
 * which rows samples can show, which stay open, and how an observation meets an evidence entry, a waiver, a rule
 * that is off and a suppression.
 */

const SPEC = `team LabIT
system Lis { kind LIS owner LabIT }
system Ehr { kind EHR owner LabIT }
site North { timezone "Europe/Amsterdam" }
interface Feed {
    from Lis to Ehr
    standard HL7v2 2.5.1
    owner LabIT
    sites North
    samples "captures/*.hl7"
    message ORU^R01 {
        PID-3  -> Patient.identifier              identifier authority "MRN"
        OBX-3  -> Observation.code                codes { GLU -> GLU, K -> K } receives GLU, K
        OBX-5  -> Observation.valueQuantity.value as quantity units "mmol/L"
        OBX-7  -> Observation.referenceRange.text
        OBX-8  -> Observation.interpretation      codes { N -> N, H -> H } receives N, H
        OBX-14 -> Observation.effectiveDateTime   timezone site
        OBX-19 -> Observation.issued              timezone "Europe/Amsterdam"
    }
}
gate NorthGoLive { site North criterion DataMeaning { question data-meaning covers Feed } }
`;

const message = (obx: string[]) => [
    'MSH|^~\\&|LIS|LAB|EHR|HOSP|20260210093512+0100||ORU^R01|M1|P|2.5.1',
    'PID|1||123^^^MRN^MR||Doe^Jane',
    'OBR|1|||BMP^Basic metabolic panel^L',
    ...obx
].join('\r') + '\r';

const GLU = 'OBX|1|NM|GLU^Glucose^L||5.4|mmol/L^mmol/L^UCUM|3.9-6.1|N|||F|||20260210071500+0100|||||20260210090500+0100';

const ROW = 'TM-Feed-North-ORU_R01';

async function inputOf(files: Record<string, string>): Promise<{ root: string, input: GeneratorInput, rows: Map<string, MatrixRow> }> {
    const root = writeWorkspace({ 'feed.ispec': SPEC, ...files });
    const input = await loadInput(root);
    return { root, input, rows: new Map([...matrixRows(input)].map(row => [row.id, row])) };
}

function dataMeaning(input: GeneratorInput) {
    const [checklist] = buildChecklists(input, 'NorthGoLive');
    return { checklist, item: checklist.groups.find(group => group.id === 'data-meaning')!.items[0] };
}

describe('generators: samples observed in the test matrix', function () {
    this.timeout(120000);
    const roots: string[] = [];
    after(() => roots.forEach(root => rmSync(root, { recursive: true, force: true })));
    const load = async (files: Record<string, string>) => {
        const result = await inputOf(files);
        roots.push(result.root);
        return result;
    };

    it('observes what a message exercised and leaves the rest open: codes no sample carried, per-site zones, unmapped-kind rows', async () => {
        const { rows, input } = await load({ 'captures/a.hl7': message([GLU]) });
        assert.deepEqual(rows.get(`${ROW}-identifier-PID-3`)?.observed, { status: 'passed', messages: 1, decides: true });
        assert.deepEqual(rows.get(`${ROW}-code-OBX-3-GLU`)?.observed, { status: 'passed', messages: 1, decides: true });
        assert.deepEqual(rows.get(`${ROW}-units-OBX-5`)?.observed, { status: 'passed', messages: 1, decides: true });
        assert.deepEqual(rows.get(`${ROW}-timezone-OBX-19`)?.observed, { status: 'passed', messages: 1, decides: true });
        // K and H never arrived; `timezone site` rows are per site, and a capture does not say which.
        for (const open of ['code-OBX-3-K', 'code-OBX-8-H', 'timezone-OBX-14', 'update', 'duplicate', 'normal']) {
            assert.equal(rows.get(`${ROW}-${open}`)?.observed, undefined, open);
        }
        // Open rows keep the item pending: samples never make a gate GO on rows they did not show.
        const { checklist, item } = dataMeaning(input);
        assert.equal(item.status, 'pending');
        assert.equal(checklist.decision, 'NO-GO');
        assert.deepEqual(item.decided, { evidence: 0, observedPassed: 5, observedFailed: 0 });
    });

    it('fails the rows a finding falls on: a unit on the units row, a non-number (sample-values) on every row of its mapping', async () => {
        const bad = GLU.replace('|5.4|mmol/L^mmol/L^UCUM|', '|5,4|mg/dL^mg/dL^UCUM|');
        const { rows, input } = await load({ 'captures/a.hl7': message([bad]) });
        const units = rows.get(`${ROW}-units-OBX-5`)?.observed;
        assert.equal(units?.status, 'failed');
        assert.equal(units?.findings, 2);
        assert.deepEqual(units?.first && [units.first.file, units.first.line, units.first.rule], ['captures/a.hl7', 4, 'sample-values']);
        assert.equal(rows.get(`${ROW}-code-OBX-3-GLU`)?.observed?.status, 'passed');
        const { checklist, item } = dataMeaning(input);
        assert.equal(item.status, 'failed');
        assert.equal(checklist.decision, 'NO-GO');
        assert.ok(checklist.reasons.some(reason => reason.includes(`${ROW}-units-OBX-5 (samples: captures/a.hl7:4:`)), checklist.reasons.join('\n'));
    });

    it('claims nothing for a rule that is off, and keeps a row a suppressed finding falls on open (not passed, not failed)', async () => {
        const flagged = GLU.replace('|3.9-6.1|N|', '|3.9-6.1|XX|');
        const off = await load({ 'interspec.yaml': 'rules:\n  sample-codes: off\n', 'captures/a.hl7': message([GLU]) });
        assert.equal(off.rows.get(`${ROW}-code-OBX-3-GLU`)?.observed, undefined);
        assert.equal(off.rows.get(`${ROW}-identifier-PID-3`)?.observed?.status, 'passed');
        const suppressed = await load({
            'feed.ispec': SPEC.replace('receives N, H', 'receives N, H suppress sample-codes because "XX is mapped by the engine"'),
            'captures/a.hl7': message([flagged])
        });
        assert.equal(suppressed.rows.get(`${ROW}-code-OBX-8-N`)?.observed, undefined);
        assert.equal(suppressed.rows.get(`${ROW}-code-OBX-3-GLU`)?.observed?.status, 'passed');
    });

    it('leaves a units row open where the declared unit system is not UCUM: sample-units compares nothing there', async () => {
        const { rows } = await load({ 'feed.ispec': SPEC.replace('units "mmol/L"', 'units "ISO+"'), 'captures/a.hl7': message([GLU]) });
        assert.equal(rows.get(`${ROW}-units-OBX-5`)?.observed, undefined);
        assert.equal(rows.get(`${ROW}-code-OBX-3-GLU`)?.observed?.status, 'passed');
    });

    it('lets evidence decide over observation both ways, and an item waiver never covers an observed failure', async () => {
        const bad = GLU.replace('|mmol/L^mmol/L^UCUM|', '|mg/dL^mg/dL^UCUM|');
        const evidence = (entries: Array<[string, string]>) => 'evidence:\n' + entries.map(([id, status]) =>
            `  - id: ${id}\n    status: ${status}\n    by: LabIT\n    date: 2026-10-01\n`).join('');
        const { rows, input } = await load({
            'captures/a.hl7': message([bad]),
            'evidence/review.yaml': evidence([[`${ROW}-units-OBX-5`, 'passed'], [`${ROW}-identifier-PID-3`, 'failed'], ['NorthGoLive.DataMeaning', 'waived']])
        });
        const units = rows.get(`${ROW}-units-OBX-5`)!;
        assert.equal(units.evidence.status, 'passed');
        assert.equal(units.observed?.status, 'failed');
        assert.equal(units.observed?.decides, false);
        assert.match(units.observed?.note ?? '', /evidence beats observation/);
        const identifier = rows.get(`${ROW}-identifier-PID-3`)!;
        assert.equal(identifier.evidence.status, 'failed');
        assert.equal(identifier.observed?.status, 'passed');
        // The item's waiver is of the same day as the failed identifier entry, so it did not see that failure.
        const { item } = dataMeaning(input);
        assert.equal(item.status, 'failed');

        const observedOnly = await load({
            'captures/a.hl7': message([bad]),
            'evidence/review.yaml': evidence([['NorthGoLive.DataMeaning', 'waived']])
        });
        const waived = dataMeaning(observedOnly.input).item;
        assert.equal(observedOnly.rows.get(`${ROW}-units-OBX-5`)?.observed?.status, 'failed');
        assert.equal(waived.status, 'failed');
        assert.match(waived.notes.join(' '), /Evidence says waived .* but 1 of its test cases failed on that day or later or in the samples, which have no date: TM-Feed-North-ORU_R01-units-OBX-5 \(samples: captures\/a\.hl7:4:\d+ sample-units\)/);

        // The item's own passed entry does not outvote a row the samples failed; the reason names the sample's place.
        const signedOff = await load({
            'captures/a.hl7': message([bad]),
            'evidence/review.yaml': evidence([['NorthGoLive.DataMeaning', 'passed']])
        });
        const { checklist, item: passed } = dataMeaning(signedOff.input);
        assert.equal(passed.status, 'failed');
        assert.equal(checklist.decision, 'NO-GO');
        assert.ok(checklist.reasons.some(reason => reason.startsWith('NorthGoLive.DataMeaning failed: evidence says passed')
            && reason.includes(`first ${ROW}-units-OBX-5 (samples: captures/a.hl7:4:`)), checklist.reasons.join('\n'));
    });

    it('labels an observation that does not decide by why: evidence decides, or the captures name no site', () => {
        const passed = { status: 'passed' as const, messages: 2 };
        assert.equal(observationLabel({ ...passed, decides: true }), 'samples: passed in 2 messages');
        assert.equal(observationLabel({ ...passed, decides: false, note: 'Evidence evidence/pilot.yaml:3 (passed) decides this row: evidence beats observation.' }),
            'samples: passed in 2 messages; evidence decides');
        assert.equal(observationLabel({ ...passed, decides: false, note: 'The captures do not say which of the interface\'s 2 sites they came from' }),
            'samples: passed in 2 messages; does not decide: the captures name no site');
    });
});
