import * as assert from 'node:assert/strict';
import {
    evaluateGate, matrixRows, summarizeGates, summarizeInterfaces, writeTestMatrix, type MatrixRow
} from '../../language-server/generators/index.js';
import { inputFromFiles, LAB_FIXTURE, loadInput } from './generator-support.js';

const ORG = `
team LabIT
team HIM
system LIS { kind LIS }
system EHR { kind EHR }
site North { timezone "UTC" }
`;

const LAB_RESULTS = `
interface LabResults {
    from LIS to EHR
    standard HL7v2 2.5.1
    owner LabIT criticality critical
    sites North
    message ORU^R01 {
        PID-3 -> Patient.identifier identifier authority "MRN"
        OBX-11 -> Observation.status codes { F -> final } receives F, C
    }
    on downtime "Queue and replay" escalate LabIT within 15m
}
`;

function byId(rows: Iterable<MatrixRow>): Map<string, MatrixRow> {
    return new Map([...rows].map(row => [row.id, row]));
}

describe('test matrix', () => {
    it('has a normal row, handled and unhandled exception rows, and semantic rows per site and message', async () => {
        const input = await inputFromFiles({ 'org.ispec': ORG, 'lab.ispec': LAB_RESULTS });
        const rows = byId(matrixRows(input));
        const downtime = rows.get('TM-LabResults-North-ORU_R01-downtime')!;
        assert.equal(downtime.handled, true);
        assert.equal(downtime.kind, 'exception');
        assert.equal(downtime.expected, 'Queue and replay; escalate to LabIT within 15m.');
        for (const scenario of ['recovery', 'duplicate-identity', 'correction', 'cancellation', 'out-of-order', 'urgent']) {
            const row = rows.get(`TM-LabResults-North-ORU_R01-${scenario}`);
            assert.ok(row, `an unhandled row for ${scenario}`);
            assert.equal(row.handled, false);
            assert.match(row.expected, /^UNHANDLED/);
        }
        assert.equal(rows.get('TM-LabResults-North-ORU_R01-normal')?.kind, 'normal');
        assert.equal(rows.get('TM-LabResults-North-ORU_R01-identifier-PID-3')?.handled, true);
        assert.equal(rows.get('TM-LabResults-North-ORU_R01-code-OBX-11-F')?.expected, 'Observation.status = final.');
        assert.equal(rows.get('TM-LabResults-North-ORU_R01-code-OBX-11-C')?.handled, false, 'a received code the map misses');
        assert.ok(rows.has('TM-LabResults-North-ORU_R01-update'));
        assert.ok(rows.has('TM-LabResults-North-ORU_R01-duplicate'));
        assert.deepEqual(summarizeInterfaces(input).get('LabResults'), { cases: rows.size, unhandled: 7 });
    });

    it('lists no unhandled required scenarios for an interface that is not critical (only what its received status codes imply), and follows the configured list', async () => {
        const medium = LAB_RESULTS.replace('criticality critical', 'criticality medium');
        const input = await inputFromFiles({ 'org.ispec': ORG, 'lab.ispec': medium });
        const exceptions = [...matrixRows(input)].filter(row => row.kind === 'exception');
        // OBX-11 receives C, a correction, and the interface has no \`on correction\` handler.
        assert.deepEqual(exceptions.map(row => `${row.scenario}:${row.handled}`), ['downtime:true', 'correction:false']);

        const configured = await inputFromFiles({ 'org.ispec': ORG, 'lab.ispec': medium });
        configured.settings = { critical: ['critical', 'medium'], requiredScenarios: ['downtime', 'urgent'] };
        const scenarios = [...matrixRows(configured)].filter(row => row.kind === 'exception').map(row => `${row.scenario}:${row.handled}`);
        assert.deepEqual(scenarios, ['downtime:true', 'correction:false', 'urgent:false']);
    });

    it('takes the required scenarios and critical levels from interspec.yaml, like the exception-coverage rule', async () => {
        const high = LAB_RESULTS.replace('criticality critical', 'criticality high');
        const input = await inputFromFiles({
            'interspec.yaml': 'critical: [critical, high]\nrules:\n  exception-coverage: [error, { required: [downtime, out-of-order] }]\n',
            'org.ispec': ORG, 'lab.ispec': high
        });
        const scenarios = [...matrixRows(input)].filter(row => row.kind === 'exception').map(row => `${row.scenario}:${row.handled}`);
        assert.deepEqual(scenarios, ['downtime:true', 'correction:false', 'out-of-order:false']);
        assert.ok(input.findings.some(finding => finding.code === 'exception-coverage' && /out-of-order/.test(finding.message)), 'the rule agrees');
    });

    it('keeps every id when an unrelated interface, site, message or handler is added', async () => {
        const before = byId(matrixRows(await inputFromFiles({ 'org.ispec': ORG, 'lab.ispec': LAB_RESULTS })));
        const grown = LAB_RESULTS
            .replace('sites North', 'sites South, North')
            .replace('    message ORU^R01 {', '    message ADT^A08 { PID-3 -> Patient.identifier identifier authority "MRN" }\n    message ORU^R01 {')
            .replace('    on downtime', '    on urgent "Page the ward" escalate HIM within 5m\n    on downtime');
        const after = byId(matrixRows(await inputFromFiles({
            'org.ispec': ORG + 'site South { timezone "UTC" }\n',
            'lab.ispec': grown,
            'aaa.ispec': 'interface AAA { from EHR to LIS owner HIM criticality critical sites North, South message ADT^A01 }\n'
        })));
        for (const [id, row] of before) {
            if (id === 'TM-LabResults-North-ORU_R01-urgent') {
                assert.equal(after.get(id)?.handled, true, 'the newly handled scenario keeps its id');
                continue;
            }
            const same = after.get(id);
            assert.ok(same, `${id} survives`);
            assert.deepEqual({ ...same, location: undefined }, { ...row, location: undefined }, `${id} is unchanged`);
        }
        assert.ok(after.has('TM-LabResults-South-ORU_R01-normal'));
        assert.ok(after.has('TM-AAA-North-ADT_A01-normal'));
        assert.ok(after.size > before.size);
    });

    it('puts the rows of an interface with no `sites` line under the sites that host its systems, so adding the line renames no id', async () => {
        const org = ORG.replace('site North { timezone "UTC" }', 'site North { timezone "UTC" baseline { hosts LIS network 1 Gbps } }');
        const without = await inputFromFiles({ 'org.ispec': org, 'lab.ispec': LAB_RESULTS.replace('    sites North\n', '') });
        const withLine = await inputFromFiles({ 'org.ispec': org, 'lab.ispec': LAB_RESULTS });
        const ids = [...byId(matrixRows(without)).keys()];
        assert.ok(ids.includes('TM-LabResults-North-ORU_R01-downtime'), ids.join('\n'));
        assert.ok(!ids.some(id => id.includes('nosite')), ids.join('\n'));
        assert.deepEqual(ids.sort(), [...byId(matrixRows(withLine)).keys()].sort());
    });

    it('says a units field carries a unit, not a value', async () => {
        const input = await inputFromFiles({ 'org.ispec': ORG, 'lab.ispec': LAB_RESULTS.replace('        OBX-11', '        OBX-6 -> Observation.valueQuantity.code units UCUM\n        OBX-11') });
        const row = [...matrixRows(input)].find(candidate => candidate.id.includes('OBX-6'));
        assert.ok(row, 'a row for OBX-6');
        assert.doesNotMatch(row.stimulus, /a value/);
        assert.match(row.stimulus, /UCUM unit code/);
    });

    it('makes ids unique and safe for fields and codes with odd characters', async () => {
        const input = await inputFromFiles({
            'org.ispec': ORG,
            'lab.ispec': `interface Images { from LIS to EHR owner LabIT sites North
                message STORE { (0010,0020) -> Patient.identifier identifier authority "ISSUER"
                    OBX-6 -> Observation.unit codes { "mg/dL" -> "mg/dL", "mg dL" -> "x" } } }`
        });
        const ids = [...matrixRows(input)].map(row => row.id);
        assert.equal(new Set(ids).size, ids.length, 'no duplicate ids');
        for (const id of ids) {
            assert.match(id, /^TM-[A-Za-z0-9_.-]+$/);
        }
        assert.ok(ids.some(id => /^TM-Images-North-STORE-identifier-0010_0020_[0-9a-f]{6}$/.test(id)), ids.join('\n'));
    });

    it('writes row by row to the sink and waits for an asynchronous sink', async () => {
        const input = await loadInput(LAB_FIXTURE);
        const rows = [...matrixRows(input)].length;
        for (const format of ['markdown', 'csv', 'json', 'html'] as const) {
            const chunks: string[] = [];
            let pending = 0;
            await writeTestMatrix(input, format, {
                write: chunk => new Promise<void>(resolve => {
                    pending++;
                    assert.equal(pending, 1, 'one write at a time');
                    setImmediate(() => { chunks.push(chunk); pending--; resolve(); });
                })
            });
            assert.ok(chunks.length >= rows, `${format}: at least one write per row (${chunks.length} for ${rows} rows)`);
            assert.ok(Math.max(...chunks.map(chunk => chunk.length)) < 4000, `${format}: no chunk holds the matrix`);
        }
    });

    it('summarizes and evaluates gates', async () => {
        const input = await loadInput(LAB_FIXTURE);
        const gates = summarizeGates(input);
        assert.deepEqual([...gates.keys()], ['NorthGoLive', 'SouthGoLive']);
        assert.equal(gates.get('NorthGoLive')?.decision, 'NO-GO');
        const evaluation = evaluateGate(input, 'NorthGoLive');
        assert.equal(evaluation.decision, 'NO-GO');
        assert.ok(evaluation.reasons.some(reason => reason.startsWith('NorthGoLive.SimulatedExceptions is pending: 4 unhandled')), evaluation.reasons.join('\n'));
        assert.throws(() => evaluateGate(input, 'Nowhere'), /Unknown gate 'Nowhere'; the workspace declares: NorthGoLive, SouthGoLive/);
    });
});
