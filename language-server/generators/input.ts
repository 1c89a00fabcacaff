import type { LangiumDocument } from 'langium';
import type { Model, Criterion, Gate } from '../generated/ast.js';
import type { Finding } from '../findings.js';
import type { EvidenceEntry, EvidenceState } from './model.js';
import { DEFAULT_SETTINGS, type GeneratorSettings } from './settings.js';
import { SpecIndex, refName, refNames } from './spec-index.js';
import { compareText } from '../findings.js';

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
}

/** A criterion with its gate and its `Gate.Criterion` id. */
export interface GateCriterion {
    id: string;
    gate: Gate;
    criterion: Criterion;
}

/** What every generator derives from an input once: the index, evidence by id, criteria by site. */
export class GeneratorContext {
    readonly spec: SpecIndex;
    readonly settings: GeneratorSettings;
    private readonly evidenceById = new Map<string, EvidenceEntry[]>();
    private readonly criteriaBySite = new Map<string, GateCriterion[]>();
    readonly allCriteria: GateCriterion[] = [];

    constructor(readonly input: GeneratorInput) {
        this.spec = new SpecIndex(input.documents, input.root);
        this.settings = input.settings ?? DEFAULT_SETTINGS;
        for (const entry of input.evidence?.entries ?? []) {
            const list = this.evidenceById.get(entry.id) ?? [];
            list.push(entry);
            this.evidenceById.set(entry.id, list);
        }
        for (const gate of this.spec.gates) {
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

    /** The status shown for an id: its newest evidence entry (by date, then file order), or pending. */
    evidenceOf(id: string): EvidenceState {
        const entries = this.evidenceById.get(id);
        if (!entries?.length) {
            return { status: 'pending' };
        }
        const newest = [...entries].sort((a, b) => compareText(a.date ?? '', b.date ?? '')
            || compareText(a.file, b.file) || a.line - b.line).at(-1)!;
        const state: EvidenceState = { status: newest.status };
        if (newest.by !== undefined) state.by = newest.by;
        if (newest.date !== undefined) state.date = newest.date;
        if (newest.link !== undefined) state.link = newest.link;
        if (newest.note !== undefined) state.note = newest.note;
        state.source = `${newest.file}:${newest.line}`;
        return state;
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
