/**
 * The shapes the generators produce, independent of any output format. The JSON formats write these objects
 * as they are (see schemas/test-matrix.schema.json and schemas/go-live-checklist.schema.json).
 */

/** What an evidence entry says about a criterion or a test case. `pending` is also the status of anything without one. */
export type EvidenceStatus = 'pending' | 'done' | 'passed' | 'failed' | 'waived';

/** Statuses that count as complete for a go-live decision. */
export const COMPLETE_STATUSES: ReadonlySet<EvidenceStatus> = new Set(['done', 'passed', 'waived']);

/**
 * The status that decides a test case: its evidence entry's when one names it (evidence beats observation), else
 * what the samples observed (`passed` or `failed`), else `pending`.
 */
export function rowStatus(row: { evidence: EvidenceState, observed?: RowObservation }): EvidenceStatus {
    // An observation decides only where it says so (no evidence entry, not a sender's own row at a site it may not
    // have come from): otherwise the row is what its evidence says, pending without any.
    if (row.evidence.source !== undefined || !row.observed?.decides) return row.evidence.status;
    return row.observed.status;
}

/** One entry of an evidence file, with where its id is written (file relative to the workspace root, 1-based). */
export interface EvidenceEntry {
    id: string;
    status: EvidenceStatus;
    by?: string;
    date?: string;
    link?: string;
    note?: string;
    file: string;
    line: number;
    column: number;
}

/** The status an output shows for one id: the newest entry for it, or `pending`. */
export interface EvidenceState {
    status: EvidenceStatus;
    by?: string;
    date?: string;
    link?: string;
    note?: string;
    /** Where the deciding entry is (`file:line`), when there is one. */
    source?: string;
}

export type RowKind = 'normal' | 'exception' | 'semantic';

/** The first sample finding on a row: its place in the sample file (relative to the root, 1-based), its rule and message. */
export interface SampleLocation {
    file: string;
    line: number;
    column: number;
    rule: string;
    message: string;
}

/**
 * What the interface's captured samples showed for a data-meaning row (identifier, units, time zone, code): not
 * evidence, and never written to an evidence file. `passed`: `messages` matched messages exercised what the row
 * tests and no sample finding falls on it; `failed`: `findings` sample findings fall on it, the first at `first`
 * (`messages` is then how many messages exercised the row, possibly 0). `decides` is false when an evidence entry
 * names the row: evidence beats observation (see docs/generators.md, "Samples and evidence").
 */
export interface RowObservation {
    status: 'passed' | 'failed';
    messages: number;
    findings?: number;
    first?: SampleLocation;
    decides: boolean;
    /** When an evidence entry decides instead: which one, and that it beats the observation. */
    note?: string;
}

/** One test case: an interface x message type x scenario x site. */
export interface MatrixRow {
    /** Stable id, derived from the row's own key (see ids.ts), never from its position. */
    id: string;
    interface: string;
    /** The site name, or null when the interface names no site. */
    site: string | null;
    /** The message type, or null when the interface declares no message. */
    message: string | null;
    /** `normal`, an exception scenario (`downtime`), or a semantic check (`units OBX-5`, `code OBX-11 F`). */
    scenario: string;
    kind: RowKind;
    /** False when the spec does not handle the scenario (a required exception without `on`, an unmapped code...). */
    handled: boolean;
    preconditions: string;
    stimulus: string;
    expected: string;
    /** The interface's accountable owner(s). */
    owner: string[];
    /** The evidence the gate criteria this row feeds ask for. */
    evidenceRequired: string[];
    evidence: EvidenceState;
    /** What the interface's samples showed, for a data-meaning row they can show; absent when they showed nothing. */
    observed?: RowObservation;
    /** The gate criteria (`Gate.Criterion`) this row feeds. */
    criteria: string[];
    /** Where the row comes from in the spec (file relative to the root, 1-based line). */
    location: { file: string, line: number };
}

/** The eight groups of a go-live checklist: the five go-live questions, then ownership, monitoring, vendors. */
export type ChecklistGroupId = 'exceptions' | 'data-meaning' | 'compliance' | 'readiness' | 'load-test'
    | 'ownership' | 'monitoring' | 'vendor';

export const CHECKLIST_GROUPS: ReadonlyArray<{ id: ChecklistGroupId, title: string }> = [
    { id: 'exceptions', title: 'Have exception workflows been simulated?' },
    { id: 'data-meaning', title: 'Is data meaning consistent end to end?' },
    { id: 'compliance', title: 'Are compliance records complete?' },
    { id: 'readiness', title: 'Can users perform safely on day one?' },
    { id: 'load-test', title: 'Has infrastructure passed realistic load tests?' },
    { id: 'ownership', title: 'Is every interface and data set owned?' },
    { id: 'monitoring', title: 'Is post-go-live monitoring in place?' },
    { id: 'vendor', title: 'Are vendors accountable?' }
];

export interface ChecklistItem {
    /** `Gate.Criterion` for a declared criterion; `Gate.<group>.<Element>` for an item the spec implies. */
    id: string;
    title: string;
    /** True for a `criterion` the gate declares; false for an item derived from the spec. */
    declared: boolean;
    owner: string[];
    evidenceRequired: string[];
    /** Test-matrix ids whose results this item depends on. */
    tests: string[];
    /** The item's own evidence entry when there is one, else the status its tests add up to. */
    status: EvidenceStatus;
    evidence: EvidenceState;
    /** Why the item is not complete, or what it still lacks in the spec. */
    notes: string[];
    /**
     * When samples observed any of its test cases: how many an evidence entry decides, and how many the samples
     * decide as passed and as failed (evidence beats observation, so a row with both counts as evidence).
     */
    decided?: { evidence: number, observedPassed: number, observedFailed: number };
}

export interface ChecklistGroup {
    id: ChecklistGroupId;
    title: string;
    items: ChecklistItem[];
}

/** A finding that blocks a gate, with its file relative to the workspace root. */
export interface BlockingFinding {
    file: string;
    line: number;
    column: number;
    code: string;
    message: string;
}

export type GateDecision = 'GO' | 'NO-GO';

export interface Checklist {
    gate: string;
    title?: string;
    phase?: string;
    sites: string[];
    approvers: string[];
    after: string[];
    hypercare?: string;
    decision: GateDecision;
    reasons: string[];
    blockingFindings: BlockingFinding[];
    groups: ChecklistGroup[];
    /** Items by status. */
    counts: Record<EvidenceStatus, number>;
}
