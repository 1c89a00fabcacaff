import * as path from 'node:path';
import { compareText, type FindingSeverity } from '../model/findings.js';
import { buildChecklists } from './checklist.js';
import type { GeneratorInput } from './input.js';
import { matrixRows } from './matrix.js';
import { rowStatus, type EvidenceStatus, type GateDecision, type MatrixRow } from './model.js';

/** What a diff compares of one revision: its test cases, unsuppressed findings and gate decisions. */
export interface SpecSnapshot {
    /** How the revision was named (a git revision or a folder), shown in the report. */
    label: string;
    rows: MatrixRow[];
    findings: DiffFinding[];
    gates: Array<{ gate: string, decision: GateDecision }>;
}

/** A finding as a diff reports it: file relative to the workspace root, 1-based position. */
export interface DiffFinding { file: string, line: number, column: number, severity: FindingSeverity, code: string, message: string }

/** A test case as a diff lists it. */
export interface DiffTestCase { id: string, interface: string, site: string | null, message: string | null, scenario: string, handled: boolean, status: EvidenceStatus }

export interface FieldChange { field: string, before: unknown, after: unknown }

/** The JSON of `interspec diff` (schemas/spec-diff.schema.json). */
export interface SpecDiff {
    $schema: string;
    formatVersion: 1;
    base: string;
    head: string;
    summary: {
        testCasesAdded: number; testCasesRemoved: number; testCasesChanged: number;
        findingsIntroduced: number; findingsResolved: number; gatesChanged: number;
    };
    gates: Array<{ gate: string, before: GateDecision | null, after: GateDecision | null }>;
    testCases: { added: DiffTestCase[], removed: DiffTestCase[], changed: Array<{ id: string, changes: FieldChange[] }> };
    findings: { introduced: DiffFinding[], resolved: DiffFinding[] };
}

export const SPEC_DIFF_SCHEMA_ID = 'https://interspec.dev/schemas/spec-diff.schema.json';

/** The fields of a test case whose change a reviewer is told about (its location moves with every edit above it). */
const COMPARED: ReadonlyArray<keyof MatrixRow> = ['handled', 'preconditions', 'stimulus', 'expected', 'owner', 'evidenceRequired', 'criteria', 'evidence', 'observed'];

/** The snapshot of one revision's workspace input; only unsuppressed findings count. */
export function snapshotOf(input: GeneratorInput, label: string): SpecSnapshot {
    const findings = input.findings
        .filter(finding => finding.suppressed === undefined)
        .map(finding => ({
            file: path.relative(input.root, finding.file).split(path.sep).join('/'), line: finding.line, column: finding.column,
            severity: finding.severity, code: finding.code, message: finding.message
        }));
    const gates = buildChecklists(input).map(checklist => ({ gate: checklist.gate, decision: checklist.decision }));
    return { label, rows: [...matrixRows(input)], findings, gates };
}

/** A snapshot of a revision without a spec (the workspace did not exist yet, or no longer does). */
export function emptySnapshot(label: string): SpecSnapshot {
    return { label, rows: [], findings: [], gates: [] };
}

/**
 * What changed from `base` to `head`: test cases by their stable id (added, removed, changed with the fields that
 * changed), findings introduced and resolved (matched by file, rule and message, not line, so moved text is not a
 * change), and gates whose decision changed (including gates added or removed). Sorted, so the output is stable.
 */
export function diffSnapshots(base: SpecSnapshot, head: SpecSnapshot): SpecDiff {
    const before = new Map(base.rows.map(row => [row.id, row]));
    const after = new Map(head.rows.map(row => [row.id, row]));
    const added = head.rows.filter(row => !before.has(row.id)).map(testCase);
    const removed = base.rows.filter(row => !after.has(row.id)).map(testCase);
    const changed: SpecDiff['testCases']['changed'] = [];
    for (const row of head.rows) {
        const old = before.get(row.id);
        if (!old) continue;
        const changes = COMPARED.flatMap(field => {
            // `status` is what decides the row (evidence, else observation); `observed` what the samples showed, or null.
            const [a, b] = field === 'evidence' ? [rowStatus(old), rowStatus(row)]
                : field === 'observed' ? [old.observed ?? null, row.observed ?? null] : [old[field], row[field]];
            return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ field: field === 'evidence' ? 'status' : field, before: a, after: b }];
        });
        if (changes.length) changed.push({ id: row.id, changes });
    }
    const { onlyIn: introduced, onlyInOther: resolved } = unmatchedFindings(head.findings, base.findings);
    const gateNames = [...new Set([...base.gates, ...head.gates].map(gate => gate.gate))].sort(compareText);
    const decision = (snapshot: SpecSnapshot, gate: string) => snapshot.gates.find(g => g.gate === gate)?.decision ?? null;
    const gates = gateNames
        .map(gate => ({ gate, before: decision(base, gate), after: decision(head, gate) }))
        .filter(gate => gate.before !== gate.after);
    const byId = (a: { id: string }, b: { id: string }) => compareText(a.id, b.id);
    return {
        $schema: SPEC_DIFF_SCHEMA_ID,
        formatVersion: 1,
        base: base.label,
        head: head.label,
        summary: {
            testCasesAdded: added.length, testCasesRemoved: removed.length, testCasesChanged: changed.length,
            findingsIntroduced: introduced.length, findingsResolved: resolved.length, gatesChanged: gates.length
        },
        gates,
        testCases: { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) },
        findings: { introduced, resolved }
    };
}

function testCase(row: MatrixRow): DiffTestCase {
    return { id: row.id, interface: row.interface, site: row.site, message: row.message, scenario: row.scenario, handled: row.handled, status: rowStatus(row) };
}

/** Findings of `one` with no partner in `other` and the reverse, partners having the same file, rule, severity and message. */
function unmatchedFindings(one: DiffFinding[], other: DiffFinding[]): { onlyIn: DiffFinding[], onlyInOther: DiffFinding[] } {
    const key = (f: DiffFinding) => [f.file, f.code, f.severity, f.message].join('\u0000');
    const pool = new Map<string, DiffFinding[]>();
    for (const finding of other) pool.set(key(finding), [...(pool.get(key(finding)) ?? []), finding]);
    const onlyIn: DiffFinding[] = [];
    for (const finding of one) {
        const partners = pool.get(key(finding));
        if (partners?.length) partners.shift();
        else onlyIn.push(finding);
    }
    const order = (a: DiffFinding, b: DiffFinding) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.code, b.code) || compareText(a.message, b.message);
    return { onlyIn: onlyIn.sort(order), onlyInOther: [...pool.values()].flat().sort(order) };
}
