import { AstUtils, type AstNode, type MultiReference, type Reference } from 'langium';
import { perElement } from '../util/per-element.js';
import { WorkspaceIndex, type MasterDataFacts } from '../model/workspace-index.js';

/**
 * The dependency map's vocabulary: a cross-file fact as a string key. What an edit changed is a set of keys
 * (`changedFacts` in model/cross-file-facts.ts); what a rule's check of one element read is a set of keys recorded
 * while it ran (through the workspace index view below, and the element's references). The element's findings are
 * kept until the two sets meet.
 * - `name:<n>`: every top-level element named n (its facts, its existence, how often the name is declared);
 * - `kind:<Type>`: the list of top-level elements of that type and the facts of each (a rule that iterates it);
 * - `md:<map>:<key>` / `md:<map>`: one entry of the master-data facts, or the whole map (iterated);
 * - `line:<n>`: the line of a name declared twice (the duplicate-name finding cites it);
 * - `doc:<uri>`: the elements of one document (a quick fix whose target is there names its node path);
 * - `documents`: the root's document list and imports (changed only together with everything: `ALL_FACTS`).
 */
export type FactKey = string;

/** In a change set: everything changed (a document came or went, imports or Z-segments changed). */
export const ALL_FACTS = '*';

/** In a read set: the reader must be re-checked after any change (a rule that threw part-way). */
export const ANY_CHANGE = '?';

/** The reads of the rule check running now, or undefined when nothing records (the CLI, no edit yet). */
let current: Set<FactKey> | undefined;

/** Runs `check` with the workspace reads it makes through a recording view added to `reads`. */
export function recordingReads<T>(reads: Set<FactKey>, check: () => T): T {
    const outer = current;
    current = reads;
    try {
        return check();
    } finally {
        current = outer;
    }
}

/**
 * For tests only: with `off` set, the view records nothing, so findings are kept past the facts they read; the
 * equivalence tests must then see a difference from a full rebuild (test/language/incremental-facts.test.ts).
 */
export const FACT_RECORDING = { off: false };

function note(key: FactKey): void {
    if (!FACT_RECORDING.off) current?.add(key);
}

/** The AST type of each element list of the index. */
const KIND_LISTS: Record<string, string> = {
    interfaces: 'Interface', sites: 'Site', gates: 'Gate', systems: 'System', data: 'Data', roles: 'Role', teams: 'Team',
    changes: 'Change', rollouts: 'Rollout', changeAuthorities: 'ChangeAuthority'
};
const SORTED_KINDS = ['Interface', 'Site', 'Gate', 'System', 'Data', 'Role', 'Team'];

const VIEWS = new WeakMap<WorkspaceIndex, WorkspaceIndex>();

/**
 * A view of a workspace index that notes what a rule reads into the set `recordingReads` gave: the same index for
 * everything else (one view per index, so caches a rule keeps per index still work once per workspace state).
 * Any accessor the view does not know is noted as everything (`ALL_FACTS` read), never silently.
 */
export function recordingView(index: WorkspaceIndex): WorkspaceIndex {
    let view = VIEWS.get(index);
    if (!view) {
        const masterData = masterDataView(index);
        view = new Proxy(index, {
            get(target, property) {
                if (typeof property !== 'string') return Reflect.get(target, property);
                const kind = KIND_LISTS[property];
                if (kind) {
                    note(`kind:${kind}`);
                    return Reflect.get(target, property);
                }
                switch (property) {
                    case 'find':
                        return (name: string | undefined, guard: (node: unknown) => boolean) => {
                            if (name) note(`name:${name}`);
                            return target.find(name, guard as never);
                        };
                    case 'declarationCount':
                        return (name: string) => {
                            note(`name:${name}`);
                            return target.declarationCount(name);
                        };
                    case 'gatesOf':
                        return (site: string) => {
                            note('kind:Gate');
                            return target.gatesOf(site);
                        };
                    case 'locate':
                        return (node: AstNode) => {
                            const name = (topLevelOf(node) as { name?: string } | undefined)?.name;
                            if (name) note(`name:${name}`);
                            return target.locate(node);
                        };
                    case 'sorted':
                        SORTED_KINDS.forEach(sorted => note(`kind:${sorted}`));
                        return target.sorted;
                    case 'masterData':
                        return masterData();
                    case 'documents':
                        note('documents');
                        return target.documents;
                    case 'segments':
                        note('kind:Segment');
                        return target.segments;
                    case 'root':
                        return target.root;
                    default:
                        note(ALL_FACTS);
                        return Reflect.get(target, property);
                }
            }
        });
        VIEWS.set(index, view);
    }
    return view;
}

/** The master-data facts with each map noting the keys looked up (`md:<map>:<key>`), or the map when iterated. */
function masterDataView(index: WorkspaceIndex): () => MasterDataFacts {
    let view: MasterDataFacts | undefined;
    return () => {
        if (!view) {
            const facts = index.masterData;
            const wrap = <V>(name: string, map: ReadonlyMap<string, V>): ReadonlyMap<string, V> => new Proxy(map, {
                get(target, property) {
                    if (property === 'get' || property === 'has') {
                        return (key: string) => {
                            note(`md:${name}:${key}`);
                            return property === 'get' ? target.get(key) : target.has(key);
                        };
                    }
                    note(`md:${name}`);
                    const value = Reflect.get(target, property, target);
                    return typeof value === 'function' ? value.bind(target) : value;
                }
            });
            view = {
                deviceNames: wrap('deviceNames', facts.deviceNames), authorities: wrap('authorities', facts.authorities),
                codeTargets: wrap('codeTargets', facts.codeTargets), spellings: wrap('spellings', facts.spellings)
            };
        }
        return view;
    };
}

/** The top-level element (child of the Model) a node is in. */
export function topLevelOf(node: AstNode): AstNode | undefined {
    let at: AstNode | undefined = node;
    while (at?.$container && at.$container.$container) at = at.$container;
    return at?.$container ? at : undefined;
}

/**
 * What an element can read by following its references, transitively through the top-level elements they resolve
 * to (a sender's host site, that site's zone): `name:<n>` for each such element and for each name written that
 * resolves to nothing (a declaration of it would change the findings). Computed once per element and index.
 */
export function referenceReads(element: AstNode, index: WorkspaceIndex): ReadonlySet<FactKey> {
    let cached = REFERENCE_READS.get(element);
    if (cached?.index !== index) {
        const reads = new Set<FactKey>();
        const seen = new Set<AstNode>([element]);
        const stack = [element];
        while (stack.length) {
            for (const reference of referencesOf(stack.pop()!)) {
                const written = reference.$refText?.split('.')[0];
                if (written) reads.add(`name:${written}`);
                const resolved = 'ref' in reference ? [reference.ref] : reference.items.map(item => item.ref);
                for (const node of resolved) {
                    const target = node ? topLevelOf(node) : undefined;
                    if (!target || seen.has(target)) continue;
                    seen.add(target);
                    const name = (target as { name?: string }).name;
                    if (name) reads.add(`name:${name}`);
                    stack.push(target);
                }
            }
        }
        cached = { index, reads };
        REFERENCE_READS.set(element, cached);
    }
    return cached.reads;
}

/**
 * The references written in a top-level element, collected once per parse of the element: a relink resolves the
 * same reference objects again, so what they lead to is read anew each time, the walk over the nodes is not.
 */
const referencesOf = perElement((element: AstNode) => {
    const references: Array<Reference | MultiReference> = [];
    for (const child of AstUtils.streamAst(element)) {
        for (const { reference } of AstUtils.streamReferences(child)) references.push(reference);
    }
    return references;
});

const REFERENCE_READS = new WeakMap<AstNode, { index: WorkspaceIndex, reads: ReadonlySet<FactKey> }>();

/** Whether a read set meets a change set. */
export function readsMeet(reads: ReadonlySet<FactKey>, changed: ReadonlySet<FactKey>): boolean {
    if (changed.size === 0) return false;
    if (changed.has(ALL_FACTS) || reads.has(ANY_CHANGE) || reads.has(ALL_FACTS)) return true;
    const [small, large] = reads.size < changed.size ? [reads, changed] : [changed, reads];
    for (const key of small) {
        if (large.has(key)) return true;
    }
    return false;
}

/**
 * Rules that keep data derived from the whole workspace index between the elements they check (a WeakMap keyed by
 * the index, in the rule or in a model helper it calls: code tables per receiving field, where each interface
 * runs, authorities in use, …). Only the element that derives the data records the reads behind it, so the rule's
 * reads are tracked for the rule as a whole (`FindingCache.noteRuleWide`). `test/engine/fact-reads.test.ts` fails
 * when a rule file or a model helper it imports keeps such a cache and is not listed here.
 */
export const RULE_WIDE_READS: ReadonlySet<string> = new Set([
    'coded-values', 'exception-escalation', 'gate-coverage', 'governed-deviation', 'hypercare', 'master-data', 'phased-rollout', 'retention-law',
    'repetition', 'site-baseline', 'stub-values', 'training-by-role', 'zone-place'
]);
