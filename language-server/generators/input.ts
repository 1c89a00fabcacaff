import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Model, Criterion, Gate } from '../language/generated/ast.js';
import type { Finding } from '../model/findings.js';
import type { EvidenceEntry, EvidenceState, RowObservation } from './model.js';
import type { ObservationTarget, SampleObservations } from './sample-observations.js';
import { DEFAULT_SETTINGS, type GeneratorSettings } from './settings.js';
import { refName, refNames } from './names.js';
import { WorkspaceIndex } from '../model/workspace-index.js';
import { compareText } from '../model/findings.js';
import { EvidenceIssue } from '../model/finding-codes.js';

/** The evidence files of a workspace root, read and validated. */
export interface EvidenceSet {
    /** Evidence files found, relative to the root, sorted. */
    files: string[];
    /** Every valid entry of every valid file. */
    entries: EvidenceEntry[];
    /** Invalid files and entries for unknown ids, as findings (absolute file paths, 1-based positions). */
    findings: Finding[];
}

/** Everything a generator reads: one workspace root's documents, their findings, and its evidence. */
export interface GeneratorInput {
    /** Absolute path of the workspace root; output paths are relative to it. */
    root: string;
    documents: LangiumDocument<Model>[];
    /** Findings of those documents (rules and structure); errors in a gate's scope block it. */
    findings: Finding[];
    evidence?: EvidenceSet;
    /** Critical levels and required scenarios; defaults when absent. */
    settings?: GeneratorSettings;
    /**
     * The root's workspace index as the rules built it for these documents (loadGeneratorInput passes it); built
     * from `documents` when absent or when it indexes other documents.
     */
    index?: WorkspaceIndex;
    /**
     * What the root's captured samples showed (observeSamples; loadGeneratorInput reads them): data-meaning rows
     * carry it as `observed`. Absent: no samples, and no row is observed.
     */
    samples?: SampleObservations;
}

/** A criterion with its gate and its `Gate.Criterion` id. */
export interface GateCriterion {
    id: string;
    gate: Gate;
    criterion: Criterion;
}

/** What every generator derives from an input once: the index, evidence by id, criteria by site. */
/** Row kinds whose outcome depends on the sending site's own configuration, not on the interface's mapping. */
const SITE_DEPENDENT = new Set<ObservationTarget['kind']>(['identifier', 'units', 'timezone']);

export class GeneratorContext {
    /** The root's elements; generators list them in `index.sorted` order. */
    readonly index: WorkspaceIndex;
    readonly settings: GeneratorSettings;
    private readonly evidenceById = new Map<string, EvidenceEntry[]>();
    private readonly criteriaBySite = new Map<string, GateCriterion[]>();
    readonly allCriteria: GateCriterion[] = [];

    constructor(readonly input: GeneratorInput) {
        this.index = indexOf(input);
        this.settings = input.settings ?? DEFAULT_SETTINGS;
        for (const entry of input.evidence?.entries ?? []) {
            const list = this.evidenceById.get(entry.id) ?? [];
            list.push(entry);
            this.evidenceById.set(entry.id, list);
        }
        for (const gate of this.index.sorted.gates) {
            for (const criterion of namedCriteria(gate)) {
                const item = { id: `${gate.name}.${criterion.name}`, gate, criterion };
                this.allCriteria.push(item);
                for (const site of unique(refNames(gate.sites))) {
                    const list = this.criteriaBySite.get(site) ?? [];
                    list.push(item);
                    this.criteriaBySite.set(site, list);
                }
            }
        }
    }

    /**
     * The status shown for an id (see resolveEvidence): the status of its last entry when the dates tell which
     * entry is last, else the worst of the entries that may be last (failed, then pending, waived, done, passed),
     * never the one a file name or line happens to put last. Such an id is an `evidence-conflict` (conflicts()).
     */
    evidenceOf(id: string): EvidenceState {
        const { deciding } = resolveEvidence(this.evidenceById.get(id) ?? []);
        if (!deciding) {
            return { status: 'pending' };
        }
        const state: EvidenceState = { status: deciding.status };
        if (deciding.by !== undefined) state.by = deciding.by;
        if (deciding.date !== undefined) state.date = deciding.date;
        if (deciding.link !== undefined) state.link = deciding.link;
        if (deciding.note !== undefined) state.note = deciding.note;
        state.source = `${deciding.file}:${deciding.line}`;
        return state;
    }

    /**
     * The `evidence-conflict` errors of the input's entries, computed here and not only read from the input's
     * findings: a gate built from an input made any other way than loadGeneratorInput is still NO-GO on them.
     */
    conflicts(): Finding[] {
        this.conflictFindings ??= evidenceConflicts(this.input.root, this.input.evidence?.entries ?? []);
        return this.conflictFindings;
    }
    private conflictFindings?: Finding[];

    /** What the entries of an id say: the entries that may be last, the one shown, whether they conflict. */
    resolve(id: string): EvidenceResolution {
        return resolveEvidence(this.evidenceById.get(id) ?? []);
    }

    /**
     * What the samples showed for a row: undefined without samples, for a row they cannot show (no target) or for an
     * unhandled row (no sample makes the spec handle it). With an evidence entry for the row, the observation is
     * kept but does not decide: evidence beats observation. A capture does not say which site it came from: on an
     * interface that runs at several sites (`sites`, the number), a pass of a row whose outcome is the sender's own
     * (its assigning authority, its units, its clock) does not decide, since another site's sender may differ; a
     * code map's pass does (the map is the interface's, whichever site sent the code), and so does every failure.
     */
    observationOf(id: string, target: ObservationTarget | undefined, handled: boolean, sites: number): RowObservation | undefined {
        if (!target || !handled || !this.input.samples) return undefined;
        const seen = this.input.samples.observe(target);
        if (!seen) return undefined;
        const entry = this.hasEvidence(id) ? this.evidenceOf(id) : undefined;
        if (entry) return { ...seen, decides: false, note: `Evidence ${entry.source} (${entry.status}) decides this row: evidence beats observation.` };
        if (seen.status === 'passed' && sites > 1 && SITE_DEPENDENT.has(target.kind)) {
            return { ...seen, decides: false, note: `The captures do not say which of the interface's ${sites} sites they came from, and each site's sender may send its own ${target.kind === 'identifier' ? 'assigning authority' : target.kind === 'units' ? 'units' : 'clock'}: a pass does not decide this row; evidence does.` };
        }
        return { ...seen, decides: true };
    }

    hasEvidence(id: string): boolean {
        return this.evidenceById.has(id);
    }

    /**
     * The criteria a test case feeds: criteria of the gates of its site (any gate, when the interface names no
     * site) whose question matches the case's kind and whose `covers` lists the interface. A criterion without a
     * question matches by `covers` alone, one without `covers` by question alone; one with neither feeds nothing.
     */
    criteriaFor(interfaceName: string, site: string | null, question: string): GateCriterion[] {
        const candidates = site === null ? this.allCriteria : this.criteriaBySite.get(site) ?? [];
        return candidates.filter(({ criterion }) => {
            const covers = refNames(criterion.covers);
            if (criterion.question === undefined && covers.length === 0) {
                return false;
            }
            return (criterion.question === undefined || criterion.question === question)
                && (covers.length === 0 || covers.includes(interfaceName));
        });
    }

    isCritical(criticality: string | undefined): boolean {
        return criticality !== undefined && this.settings.critical.includes(criticality);
    }

    partyNames = refNames;
    partyName = refName;
}

/** The input's own index when it indexes exactly its documents (by path), else a new one. */
function indexOf(input: GeneratorInput): WorkspaceIndex {
    const documents = [...input.documents].sort((a, b) => compareText(a.uri.fsPath, b.uri.fsPath));
    const given = input.index;
    if (given && path.resolve(given.root) === path.resolve(input.root) && given.documents.length === documents.length
        && given.documents.every((document, i) => document === documents[i])) {
        return given;
    }
    return new WorkspaceIndex(documents, input.root);
}

/** How good a status is for a go-live decision; on a conflict the lowest wins. */
const STATUS_RANK: Record<EvidenceEntry['status'], number> = { failed: 0, pending: 1, waived: 2, done: 3, passed: 4 };

/** What the entries of one id say (see resolveEvidence). */
export interface EvidenceResolution {
    /**
     * The entries that may be the last one recorded: every entry of the newest date, and every entry without a
     * date (nothing tells whether it came before or after the others). File names and line order never count.
     */
    candidates: EvidenceEntry[];
    /** The entry shown: the candidates' common status, or the worst candidate; undefined when there is no entry. */
    deciding?: EvidenceEntry;
    /** True when the candidates disagree: the dates cannot tell which status holds (an `evidence-conflict`). */
    conflict: boolean;
}

/**
 * The one reading of the entries of one id. The last entry decides, and "last" is told by date alone. When
 * every entry that may be last (all of the newest date, and any undated one) says the same, that status holds;
 * older entries that disagree with each other are superseded. Otherwise the order cannot be told and it is a
 * conflict: the worst of the candidates is shown, and the gate is NO-GO (docs/generators.md has every case).
 */
export function resolveEvidence(entries: readonly EvidenceEntry[]): EvidenceResolution {
    let newest: string | undefined;
    for (const entry of entries) {
        if (entry.date !== undefined && (newest === undefined || compareText(entry.date, newest) > 0)) newest = entry.date;
    }
    const candidates = entries.filter(entry => entry.date === undefined || entry.date === newest);
    if (!candidates.length) {
        return { candidates, conflict: false };
    }
    // Worst status first; then dated before undated (the shown date and author are a real record), then the last
    // by place (as before undated entries were candidates: only which record is shown depends on it).
    const deciding = [...candidates].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]
        || Number(a.date === undefined) - Number(b.date === undefined) || compareText(b.file, a.file) || b.line - a.line)[0];
    return { candidates, deciding, conflict: candidates.some(entry => entry.status !== deciding.status) };
}

/**
 * Ids whose entries cannot be ordered (resolveEvidence: the entries that may be last disagree, on one date or
 * because one of them has no date; in one file or across files): one `evidence-conflict` error per such id, at its
 * first such entry, naming each of them. Linear in the entries.
 */
export function evidenceConflicts(root: string, entries: readonly EvidenceEntry[]): Finding[] {
    const byId = new Map<string, EvidenceEntry[]>();
    for (const entry of entries) {
        const list = byId.get(entry.id);
        if (list) list.push(entry); else byId.set(entry.id, [entry]);
    }
    const findings: Finding[] = [];
    for (const [id, list] of byId) {
        const { candidates, conflict } = resolveEvidence(list);
        if (!conflict) continue;
        const sorted = [...candidates].sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
        const first = sorted[0];
        const file = path.join(root, first.file);
        const undated = sorted.some(entry => entry.date === undefined);
        const message = undated
            ? `Conflicting evidence for '${id}', whose order the dates cannot tell: ${sorted.map(entry => `${entry.status} ${entry.date ? `on ${entry.date}` : 'undated'} (${entry.file}:${entry.line})`).join(', ')}. `
                + 'An entry without a date may be older or newer than any other: date it, or keep one entry.'
            : `Conflicting evidence for '${id}' on ${first.date}: ${sorted.map(entry => `${entry.status} (${entry.file}:${entry.line})`).join(', ')}. Keep one entry, or date the newer one.`;
        findings.push({ file, line: first.line, column: first.column, endLine: first.line, endColumn: first.column, severity: 'error', code: EvidenceIssue.Conflict, message });
    }
    return findings;
}

/** A gate's criteria that have a name: a half-typed `criterion {` has no id yet (its syntax error blocks the gate). */
export function namedCriteria(gate: Gate): Criterion[] {
    return gate.criteria.filter(criterion => !!criterion.name);
}

function unique<T>(values: T[]): T[] {
    return [...new Set(values)];
}

const contexts = new WeakMap<GeneratorInput, GeneratorContext>();

/** One context per input object, so summaries, matrix and checklist share the work. */
export function contextOf(input: GeneratorInput): GeneratorContext {
    let context = contexts.get(input);
    if (!context) {
        context = new GeneratorContext(input);
        contexts.set(input, context);
    }
    return context;
}
