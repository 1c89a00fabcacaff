import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
    buildChecklists, evaluateGate, matrixRows, type Checklist, type EvidenceEntry, type EvidenceStatus, type GeneratorInput
} from '../../language-server/generators/index.js';
import { resolveEvidence } from '../../language-server/generators/input.js';
import { runCli } from '../cli/run-cli.js';
import { GATE_SPEC, inputFromFiles } from './generator-support.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * Issue 29, item 2: evidence that contradicts itself never gives GO. Every way two entries for one id can disagree
 * (status, order in a file or across files, dates, a missing date, waived against failed) has one verdict, and
 * whenever the dates cannot tell which entry is last and the entries that may be last disagree, the gate is NO-GO
 * with the reason (docs/generators.md, "Evidence conflicts").
 */

const STATUSES: readonly EvidenceStatus[] = ['pending', 'done', 'passed', 'failed', 'waived'];
const COMPLETE: ReadonlySet<EvidenceStatus> = new Set(['done', 'passed', 'waived']);
/** Worst first: what a conflict shows. */
const WORST_FIRST: readonly EvidenceStatus[] = ['failed', 'pending', 'waived', 'done', 'passed'];
const NORMAL = 'TM-Feed-North-ORU_R01-normal';
const BASE_DATE = '2026-10-01';

function yamlEntry(id: string, status: EvidenceStatus, date?: string): string {
    return `  - id: ${id}\n    status: ${status}\n    by: QA\n${date ? `    date: ${date}\n` : ''}`;
}

function evidenceFile(...entries: string[]): string {
    return 'evidence:\n' + entries.join('');
}

/** The ids gate Go depends on: its items and their test cases. */
function gateIds(checklist: Checklist): string[] {
    return [...new Set(checklist.groups.flatMap(group => group.items.flatMap(item => [item.id, ...item.tests])))];
}

/**
 * Every status the entries of one id may end on, by brute force: each order of the entries that their dates
 * allow (an undated entry may stand anywhere; file and line order say nothing), and the status of its last entry.
 */
function possibleFinals(entries: readonly EvidenceEntry[]): Set<EvidenceStatus> {
    const finals = new Set<EvidenceStatus>();
    const order: EvidenceEntry[] = [];
    const used = new Set<number>();
    const walk = () => {
        if (order.length === entries.length) {
            finals.add(order[order.length - 1].status);
            return;
        }
        entries.forEach((entry, index) => {
            if (used.has(index)) return;
            // Dated entries keep their date order; undated ones go anywhere.
            const lastDated = [...order].reverse().find(e => e.date !== undefined);
            if (entry.date !== undefined && lastDated?.date !== undefined && lastDated.date > entry.date) return;
            used.add(index);
            order.push(entry);
            walk();
            order.pop();
            used.delete(index);
        });
    };
    walk();
    return finals;
}

describe('evidence conflicts: no wrong GO from evidence that contradicts itself (issue 29)', function () {
    this.timeout(300_000); // workspaces built on a shared machine
    let ids: string[];
    let base: string;
    let criterionId: string;
    let impliedId: string;
    /** The item that holds NORMAL among its test cases. */
    let parentId: string;
    /** The workspace with every id passed, loaded once; hand-made inputs swap its evidence entries. */
    let passingInput: GeneratorInput;

    async function gateWith(files: Record<string, string>) {
        const input = await inputFromFiles({ 'spec.ispec': GATE_SPEC, ...files }, { structuralOnly: true });
        return { input, result: evaluateGate(input, 'Go') };
    }

    before(async () => {
        const empty = await inputFromFiles({ 'spec.ispec': GATE_SPEC }, { structuralOnly: true });
        const [checklist] = buildChecklists(empty, 'Go');
        ids = gateIds(checklist);
        criterionId = checklist.groups.flatMap(group => group.items).find(item => item.declared)!.id;
        impliedId = checklist.groups.flatMap(group => group.items).find(item => !item.declared && !item.tests.length)!.id;
        parentId = checklist.groups.flatMap(group => group.items).find(item => item.tests.includes(NORMAL))!.id;
        base = evidenceFile(...ids.map(id => yamlEntry(id, 'passed', BASE_DATE)));
        const { input, result } = await gateWith({ 'evidence/base.yaml': base });
        assert.equal(result.decision, 'GO', result.reasons.join('\n'));
        passingInput = input;
    });

    it('the issue\'s input: passed, then an undated pending for the same test case, is NO-GO with the reason', async () => {
        const { input, result } = await gateWith({ 'evidence/base.yaml': base + yamlEntry(NORMAL, 'pending') });
        assert.equal(result.decision, 'NO-GO');
        assert.ok(result.reasons.some(reason => reason.includes(`Conflicting evidence for '${NORMAL}', whose order the dates cannot tell`)
            && /passed on 2026-10-01 \(evidence\/base\.yaml:\d+\), pending undated \(evidence\/base\.yaml:\d+\)/.test(reason)), result.reasons.join('\n'));
        assert.ok(input.evidence!.findings.some(finding => finding.code === 'evidence-conflict' && finding.severity === 'error'));
        const row = [...matrixRows(input)].find(r => r.id === NORMAL)!;
        assert.equal(row.evidence.status, 'pending', 'the worst of the entries that may be last is shown');
    });

    it('a failed entry whose id differs from a test case only by case never leaves an older passed standing: NO-GO', async () => {
        // The failure counts for nothing (ids match exactly); before, the gate read only the passed entry and said GO.
        for (const id of [NORMAL, criterionId, impliedId]) {
            for (const variant of [id.toLowerCase(), id.toUpperCase()].filter(v => v !== id)) {
                const { input, result } = await gateWith({ 'evidence/base.yaml': base + yamlEntry(variant, 'failed', '2026-10-02') });
                assert.equal(result.decision, 'NO-GO', `${variant}: ${result.reasons.join('\n')}`);
                assert.ok(result.reasons.some(reason => reason.includes(`'${variant}' differs from '${id}' only by case`)), result.reasons.join('\n'));
                const finding = input.evidence!.findings.find(f => f.code === 'evidence-id-case');
                assert.equal(finding?.severity, 'error');
                assert.ok(!input.evidence!.findings.some(f => f.code === 'evidence-unknown-id'), 'one finding, not a typo warning too');
            }
        }
    });

    it('the issue\'s input through the CLI: check fails on it and gate says NO-GO', () => {
        const root = writeSpec({ 'evidence/base.yaml': base + yamlEntry(NORMAL, 'pending') });
        const gate = runCli(['gate', 'Go', root]);
        assert.equal(gate.status, 1, gate.stderr);
        assert.match(gate.stdout, /^Go: NO-GO/);
        assert.match(gate.stdout, /Conflicting evidence for 'TM-Feed-North-ORU_R01-normal', whose order the dates cannot tell/);
        const check = runCli(['check', '--format', 'json', root]);
        const findings = JSON.parse(check.stdout).findings as Array<{ rule: string, severity: string }>;
        assert.ok(findings.some(f => f.rule === 'evidence-conflict' && f.severity === 'error'), check.stdout);
        assert.equal(check.status, 1);
    });

    // The whole kind: an undated entry against a dated one, for every status pair, every kind of id, in one file
    // (either order) or across files (either file first).
    for (const placement of ['after', 'before', 'file-after', 'file-before'] as const) {
        it(`an undated entry ${placement.replace('file-', 'in a file sorted ')} the dated ones: NO-GO for every disagreeing status, every kind of id`, async () => {
            for (const id of [NORMAL, criterionId, impliedId]) {
                for (const dated of ['passed', 'done', 'waived'] as const) {
                    const undated = yamlEntry(id, 'pending');
                    const files = placement === 'after' ? { 'evidence/base.yaml': base + undated }
                        : placement === 'before' ? { 'evidence/base.yaml': evidenceFile(undated) + base.slice('evidence:\n'.length) }
                            : placement === 'file-after' ? { 'evidence/base.yaml': base, 'evidence/zz.yaml': evidenceFile(undated) }
                                : { 'evidence/base.yaml': base, 'evidence/aa.yaml': evidenceFile(undated) };
                    const withStatus = Object.fromEntries(Object.entries(files).map(([file, text]) =>
                        [file, text.replace(new RegExp(`(- id: ${id.replace(/\./g, '\\.')}\\n    status: )passed`), `$1${dated}`)]));
                    const { result } = await gateWith(withStatus);
                    assert.equal(result.decision, 'NO-GO', `${id} ${dated} + undated pending (${placement})`);
                    assert.ok(result.reasons.some(reason => reason.includes(`Conflicting evidence for '${id}'`)), result.reasons.join('\n'));
                }
            }
        });
    }

    it('two undated pending entries agree: no conflict, the test case is pending', async () => {
        const { input } = await gateWith({ 'evidence/base.yaml': base.replace(yamlEntry(NORMAL, 'passed', BASE_DATE), '') + yamlEntry(NORMAL, 'pending') + yamlEntry(NORMAL, 'pending') });
        assert.ok(!input.evidence!.findings.some(finding => finding.code === 'evidence-conflict'));
        assert.equal([...matrixRows(input)].find(r => r.id === NORMAL)!.evidence.status, 'pending');
    });

    it('every pair of different statuses on one date is a conflict: NO-GO, the worst shown, in one file or across files', async () => {
        for (const [a, b] of pairs(STATUSES)) {
            for (const split of [false, true]) {
                const later = '2026-10-02';
                const files: Record<string, string> = split
                    ? { 'evidence/base.yaml': base + yamlEntry(NORMAL, a, later), 'evidence/other.yaml': evidenceFile(yamlEntry(NORMAL, b, later)) }
                    : { 'evidence/base.yaml': base + yamlEntry(NORMAL, a, later) + yamlEntry(NORMAL, b, later) };
                const { input, result } = await gateWith(files);
                assert.equal(result.decision, 'NO-GO', `${a} and ${b} on one date`);
                assert.ok(result.reasons.some(reason => reason.includes(`Conflicting evidence for '${NORMAL}' on ${later}`)), result.reasons.join('\n'));
                const worst = WORST_FIRST.find(status => status === a || status === b);
                assert.equal([...matrixRows(input)].find(r => r.id === NORMAL)!.evidence.status, worst);
            }
        }
    });

    it('different dates order any two statuses: the newer decides, whatever the file order', async () => {
        for (const [older, newer] of [...pairs(STATUSES), ...pairs(STATUSES).map(([a, b]) => [b, a] as const)]) {
            for (const newerFirst of [false, true]) {
                const entries = [yamlEntry(NORMAL, older, '2026-10-02'), yamlEntry(NORMAL, newer, '2026-10-03')];
                if (newerFirst) entries.reverse();
                const { input, result } = await gateWith({ 'evidence/base.yaml': base + entries.join('') });
                assert.ok(!input.evidence!.findings.some(finding => finding.code === 'evidence-conflict'), `${older} then ${newer}`);
                assert.equal([...matrixRows(input)].find(r => r.id === NORMAL)!.evidence.status, newer);
                // Its item has its own passed entry (the sign-off): a failed test case overrules it, a pending one does not.
                assert.equal(result.decision, newer === 'failed' ? 'NO-GO' : 'GO', `${older} then ${newer}: ${result.reasons.join(' ')}`);
            }
        }
    });

    it('older entries that disagree among themselves are superseded by a newer one', async () => {
        const { input, result } = await gateWith({
            'evidence/base.yaml': base + yamlEntry(NORMAL, 'failed', '2026-10-02') + yamlEntry(NORMAL, 'passed', '2026-10-02') + yamlEntry(NORMAL, 'passed', '2026-10-04')
        });
        assert.ok(!input.evidence!.findings.some(finding => finding.code === 'evidence-conflict'));
        assert.equal(result.decision, 'GO', result.reasons.join('\n'));
    });

    it('waived against failed: a waiver covers the failures dated before it, not those on its day or later', async () => {
        const failed = yamlEntry(NORMAL, 'failed', '2026-10-03');
        for (const [waiverDate, decision] of [['2026-10-04', 'GO'], ['2026-10-03', 'NO-GO'], ['2026-10-02', 'NO-GO']] as const) {
            const { result } = await gateWith({ 'evidence/base.yaml': base + failed + yamlEntry(parentId, 'waived', waiverDate) });
            assert.equal(result.decision, decision, `waiver on ${waiverDate}, failure on 2026-10-03: ${result.reasons.join(' ')}`);
            if (decision === 'NO-GO') {
                assert.ok(result.reasons.some(reason => reason.startsWith(`${parentId} failed: evidence says waived`) && reason.includes(NORMAL)), result.reasons.join('\n'));
            }
        }
        // The same two statuses on one id, on one date: a conflict.
        const { result } = await gateWith({ 'evidence/base.yaml': base + yamlEntry(NORMAL, 'failed', '2026-10-03') + yamlEntry(NORMAL, 'waived', '2026-10-03') });
        assert.equal(result.decision, 'NO-GO');
    });

    it('an input made without loadGeneratorInput (no conflict findings in it) is still NO-GO on a conflict', () => {
        const entries: EvidenceEntry[] = [
            ...passingInput.evidence!.entries,
            { id: NORMAL, status: 'pending', file: 'evidence/late.yaml', line: 2, column: 7 }
        ];
        const input: GeneratorInput = { ...passingInput, evidence: { files: ['evidence/late.yaml'], entries, findings: [] } };
        const result = evaluateGate(input, 'Go');
        assert.equal(result.decision, 'NO-GO');
        assert.ok(result.reasons.some(reason => reason.includes(`Conflicting evidence for '${NORMAL}'`)), result.reasons.join('\n'));
    });

    it('resolveEvidence agrees with every order the dates allow (brute force over generated entry sets)', () => {
        const entry = fc.record({
            status: fc.constantFrom(...STATUSES),
            date: fc.option(fc.constantFrom('2026-10-01', '2026-10-02', '2026-10-03'), { nil: undefined }),
            file: fc.constantFrom('evidence/a.yaml', 'evidence/b.yaml', 'x.evidence.yaml'),
            line: fc.integer({ min: 1, max: 50 })
        });
        fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), drawn => {
            const entries: EvidenceEntry[] = drawn.map(e => ({ id: 'X', column: 1, ...e, ...(e.date === undefined ? { date: undefined } : {}) }));
            const finals = possibleFinals(entries);
            const resolved = resolveEvidence(entries);
            assert.equal(resolved.conflict, finals.size > 1, `${JSON.stringify(entries)} may end on ${[...finals].join(', ')}`);
            if (finals.size === 1) {
                assert.equal(resolved.deciding!.status, [...finals][0]);
            } else {
                assert.equal(resolved.deciding!.status, WORST_FIRST.find(status => finals.has(status)), 'the worst possible last status is shown');
            }
        }), { seed: 29, numRuns: 3000 });
    });

    it('the gate over generated evidence sets: NO-GO with a reason whenever an id\'s last status is uncertain; never GO on an open item', () => {
        const extra = fc.record({
            id: fc.constantFrom(NORMAL, criterionId, impliedId, parentId, ...ids.slice(0, 6)),
            status: fc.constantFrom(...STATUSES),
            date: fc.option(fc.constantFrom('2026-09-30', BASE_DATE, '2026-10-02'), { nil: undefined }),
            file: fc.constantFrom('evidence/a.yaml', 'evidence/base.yaml', 'evidence/z.yaml'),
            line: fc.integer({ min: 1, max: 400 })
        });
        fc.assert(fc.property(fc.array(extra, { minLength: 1, maxLength: 6 }), drawn => {
            const entries: EvidenceEntry[] = [...passingInput.evidence!.entries, ...drawn.map(e => {
                const value: EvidenceEntry = { id: e.id, status: e.status, file: e.file, line: e.line, column: 7, by: 'QA' };
                if (e.date !== undefined) value.date = e.date;
                return value;
            })];
            const input: GeneratorInput = { ...passingInput, evidence: { files: [], entries, findings: [] } };
            const result = evaluateGate(input, 'Go');
            const byId = new Map<string, EvidenceEntry[]>();
            for (const e of entries) byId.set(e.id, [...byId.get(e.id) ?? [], e]);
            const finals = new Map([...byId].map(([id, list]) => [id, possibleFinals(list)]));
            const uncertain = [...finals].filter(([, set]) => set.size > 1).map(([id]) => id);
            for (const id of uncertain) {
                assert.equal(result.decision, 'NO-GO', `${id} may end on ${[...finals.get(id)!].join(' or ')}: ${JSON.stringify(drawn)}`);
                assert.ok(result.reasons.some(reason => reason.includes(`Conflicting evidence for '${id}'`)), `${id}: ${result.reasons.join('\n')}`);
            }
            const [checklist] = buildChecklists(input, 'Go');
            const items = checklist.groups.flatMap(group => group.items);
            for (const item of items) {
                const own = finals.get(item.id);
                if (own?.size === 1 && !COMPLETE.has([...own][0])) {
                    assert.equal(result.decision, 'NO-GO', `${item.id} ends ${[...own][0]}`);
                }
                // A failed test case makes its item open unless a waiver of the item is dated strictly after it.
                for (const test of item.tests) {
                    const testFinal = finals.get(test);
                    if (testFinal?.has('failed')) {
                        const waiver = item.evidence.status === 'waived' && item.evidence.date;
                        const failedDates = byId.get(test)!.filter(e => e.status === 'failed').map(e => e.date ?? '9999');
                        const covered = uncertain.length === 0 && waiver && failedDates.every(date => date < waiver);
                        if (!covered) assert.equal(result.decision, 'NO-GO', `${test} may have failed under ${item.id}`);
                    }
                }
            }
            if (!uncertain.length && [...finals.values()].every(set => COMPLETE.has([...set][0]))) {
                assert.equal(result.decision, 'GO', `every id ends complete: ${result.reasons.join('\n')}`);
            }
        }), { seed: 2029, numRuns: 400 });
    });
});

function pairs<T>(values: readonly T[]): Array<readonly [T, T]> {
    return values.flatMap((a, i) => values.slice(i + 1).map(b => [a, b] as const));
}

function writeSpec(files: Record<string, string>): string {
    return writeWorkspace({ 'spec.ispec': GATE_SPEC, ...files });
}
