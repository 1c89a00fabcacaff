/**
 * What status, priority, sex and class codes mean across code systems, and the published maps between them: HL7 v2
 * tables (`v2:0085`), FHIR value sets (`fhir:observation-status`) and DICOM enumerated values (`dicom:(300E,0002)`),
 * each code in a meaning class of its domain (table 0038 HD and request-status on-hold: `on-hold` of
 * `order-status`), and the HL7 v2-to-FHIR implementation guide's concept maps (table 0038 HD → on-hold). Data:
 * data/code-equivalences.json, built by scripts/build-code-equivalences.mjs from github.com/HL7/v2-to-fhir at a
 * pinned commit (Apache-2.0), the classes curated from each code's definition; loaded when first asked.
 */
import { loadData } from './load-data.js';
import type { FieldInfo } from './types.js';

interface DomainData {
    id: string;
    classes: Record<string, string>;
    vague: string[];
    near: Array<[string, string]>;
    alike: Array<[string, string]>;
    scenarios: Record<string, string>;
    systems: Record<string, { source: string, codes: Record<string, string> }>;
    maps: Array<{ from: string, to: string, source: string, pairs: Record<string, string[]> }>;
}

interface EquivalenceData {
    repository: string;
    commit: string;
    fields: Record<string, string>;
    domains: DomainData[];
}

/** One code's meaning: its domain, its class there and the class's description. */
export interface CodeMeaning {
    readonly domain: string;
    readonly class: string;
    /** What the class means, for messages: "on hold", "obsolete (superseded)". */
    readonly meaning: string;
    /** A class that says nothing specific (unknown, other). */
    readonly vague: boolean;
    /** The exception scenario a class stands for (`correction` for a corrected result), if any. */
    readonly scenario?: string;
}

/** A published concept map's targets for one code: the codes, and the sheet they come from (path in the repository). */
export interface PublishedTargets {
    readonly targets: readonly string[];
    readonly source: string;
}

interface Loaded {
    data: EquivalenceData;
    /** system → code → meaning */
    meanings: Map<string, Map<string, CodeMeaning>>;
    /** domain → `a\u0000b` → how the two classes relate, both orders */
    relations: Map<string, Map<string, 'near' | 'alike'>>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
    if (loaded) return loaded;
    const data = loadData<EquivalenceData>(() => require('./data/code-equivalences.json'), './data/code-equivalences.json');
    const meanings = new Map<string, Map<string, CodeMeaning>>();
    const relations = new Map<string, Map<string, 'near' | 'alike'>>();
    for (const domain of data.domains) {
        const pairs = new Map<string, 'near' | 'alike'>();
        for (const [relation, list] of [['near', domain.near], ['alike', domain.alike]] as const) {
            for (const [a, b] of list) {
                pairs.set(`${a}\u0000${b}`, relation);
                pairs.set(`${b}\u0000${a}`, relation);
            }
        }
        relations.set(domain.id, pairs);
        for (const [system, { codes }] of Object.entries(domain.systems)) {
            const bySystem = meanings.get(system) ?? new Map<string, CodeMeaning>();
            for (const [code, cls] of Object.entries(codes)) {
                bySystem.set(code, { domain: domain.id, class: cls, meaning: domain.classes[cls] ?? cls, vague: domain.vague.includes(cls), scenario: domain.scenarios[cls] });
            }
            meanings.set(system, bySystem);
        }
    }
    loaded = { data, meanings, relations };
    return loaded;
}

/**
 * The code system key of a field for these equivalences: `v2:<table>` for an HL7 v2 field with a table,
 * `fhir:<value set>` for a FHIR element with a binding, `fhir:boolean` for a FHIR boolean, `dicom:<tag>` for a DICOM
 * attribute, or the key the data gives a field whose dictionary entry names no table (ORC-7.6, the TQ priority
 * component: table 0027). Undefined when the data classes no code of that system.
 */
export function equivalenceSystem(field: Pick<FieldInfo, 'standard' | 'path' | 'table' | 'dataType'>): string | undefined {
    const { data, meanings } = load();
    const key = data.fields[field.path]
        ?? (field.standard === 'HL7v2' && field.table ? `v2:${field.table}`
            : field.standard === 'FHIR' && field.table ? `fhir:${field.table}`
                : field.standard === 'FHIR' && field.dataType === 'boolean' ? 'fhir:boolean'
                    : field.standard === 'DICOM' ? `dicom:${field.path.toUpperCase()}` : undefined);
    return key !== undefined && meanings.has(key) ? key : undefined;
}

/** The meaning of a code of a system (`v2:0038`, `HD`); undefined when the data classes no such code. */
export function codeMeaning(system: string, code: string): CodeMeaning | undefined {
    return load().meanings.get(system)?.get(code);
}

/**
 * How two classes of a domain relate: `near` when confusing them loses detail rather than contradicts (a corrected
 * result filed as final), `alike` when both carry the same news to a receiver (a result cancelled or entered in
 * error: either withdraws it); undefined for a contradiction (preliminary and final).
 */
export function classRelation(domain: string, a: string, b: string): 'near' | 'alike' | undefined {
    return load().relations.get(domain)?.get(`${a}\u0000${b}`);
}

/** The codes of a system in a class, in the data's order (`fhir:request-status`, `on-hold` → [`on-hold`]). */
export function codesOfClass(system: string, cls: string): string[] {
    return [...load().meanings.get(system) ?? []].filter(([, meaning]) => meaning.class === cls).map(([code]) => code);
}

/**
 * What a published concept map gives for a code between two systems: the map's targets for `code` when it maps
 * `from` to `to` (table 0038 HD → [on-hold]), or, when it maps `to` to `from`, the source codes whose targets
 * include `code` (request-status active → [IP, SC]). Undefined when no published map joins the systems or the map
 * leaves the code out.
 */
export function publishedTargets(from: string, to: string, code: string): PublishedTargets | undefined {
    for (const domain of load().data.domains) {
        for (const map of domain.maps) {
            if (map.from === from && map.to === to && map.pairs[code]) {
                return { targets: map.pairs[code], source: map.source };
            }
            if (map.from === to && map.to === from) {
                const sources = Object.entries(map.pairs).filter(([, targets]) => targets.includes(code)).map(([source]) => source);
                if (sources.length > 0) return { targets: sources, source: map.source };
            }
        }
    }
    return undefined;
}

/** The repository and commit the published maps come from, for messages and docs. */
export function equivalenceSource(): { repository: string, commit: string } {
    const { repository, commit } = load().data;
    return { repository, commit };
}

/**
 * Every priority code above routine and every routine code, across the priority systems of the data (FHIR
 * request-priority, HL7 v2 tables 0027, 0485, 0280 and 0217, DICOM (0040,1003)): `urgent`, `S`, `HIGH`; `routine`,
 * `R`, `ROUTINE`.
 */
export function priorityCodes(): { aboveRoutine: ReadonlySet<string>, routine: ReadonlySet<string> } {
    const aboveRoutine = new Set<string>();
    const routine = new Set<string>();
    for (const [, codes] of load().meanings) {
        for (const [code, meaning] of codes) {
            if (meaning.domain !== 'priority') continue;
            if (meaning.class === 'urgent') aboveRoutine.add(code);
            if (meaning.class === 'routine') routine.add(code);
        }
    }
    return { aboveRoutine, routine };
}
