import * as path from 'node:path';
import { AstUtils, type AstNode, type LangiumDocument, type Reference } from 'langium';
import {
    isChange, isChangeAuthority, isData, isGate, isInterface, isRole, isRollout, isSite, isSystem, isTeam,
    type Change, type ChangeAuthority, type Data, type Gate, type Interface, type Mapping, type Model, type Role, type Rollout, type Site, type System, type Team
} from '../language/generated/ast.js';
import { selectedAuthority } from '../dictionaries/path-forms.js';
import { mappingCondition, messageMappings } from './mapping-conditions.js';
import { elementMasterDataNames, masterDataNameKey, nearDuplicateKey } from './near-duplicates.js';
import { registerDeclaredSegments, type DeclaredSegments } from './declared-segments.js';
import { perElement } from '../util/per-element.js';

/**
 * Facts the `master-data` rule compares across files: the first name of each device model, the first spelling of
 * each identifier authority and the first target of each source code per field and receiving system. Keys are
 * normalised (lower case; authorities without punctuation); "first" is in document order (sorted by path).
 */
export interface MasterDataFacts {
    readonly deviceNames: ReadonlyMap<string, { name: string, site: string }>;
    readonly authorities: ReadonlyMap<string, string>;
    readonly codeTargets: ReadonlyMap<string, { target: string, where: string }>;
    /** The first spelling of each master-data name (device, location, exam code), by masterDataNameKey. */
    readonly spellings: ReadonlyMap<string, { text: string, where: string }>;
}

/**
 * A device model as the rules compare it: lower case, without spaces or punctuation, so "Orion 3D", "orion3d" and
 * "Orion-3D" are one model (retyped master data), while "Sonara 7" and "Sonara 9" stay two.
 */
export function deviceModelKey(model: string): string {
    return nearDuplicateKey(model);
}


/** An identifier authority as the `master-data` rule compares it ("MRN", "mrn" and "M.R.N." are one). */
export function authorityKey(authority: string): string {
    return authority.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * One code of a code map: the receiving system, the mapped field pair, the `when` condition the mapping sits under
 * and the source code. Branches of one message under different conditions (`when SPM-4 = BLDA` and `= BLDV`: an
 * arterial and a venous pH have different LOINC codes) map a code differently by design, so only maps under the
 * same condition, or both under none, are compared.
 */
export function codeTargetKey(node: Interface, mapping: Mapping, source: string): string {
    const group = mappingCondition(mapping);
    const condition = group ? `${group.condition.field}=${group.condition.values.map(String).sort().join(',')}` : '';
    return `${refName(node.target)}\u0000${mapping.source}\u0000${mapping.target}\u0000${condition}\u0000${source}`;
}

/**
 * The assigning authority of a mapping's identifier: `identifier authority "…"`, else the authority its source
 * selects a repetition by (`PID-3[authority="NHS"]`).
 */
export function mappingAuthority(mapping: Mapping): string | undefined {
    return mapping.authority ?? (mapping.source ? selectedAuthority(mapping.source) : undefined);
}

/** The mappings of every message of an interface, in the order written. */
export function mappingsOf(node: Interface): Mapping[] {
    return node.messages.flatMap(messageMappings);
}

/** One top-level element's master-data facts, as [key, value] pairs in the element's order. */
export interface ElementMasterData {
    deviceNames: Array<[string, { name: string, site: string }]>;
    authorities: Array<[string, string]>;
    codeTargets: Array<[string, { target: string, where: string }]>;
    spellings: Array<[string, { text: string, where: string }]>;
}

/**
 * The master-data facts of one top-level element, derived once per parse of the element (an edit derives only the
 * touched element's; see perElement), merged per root by WorkspaceIndex.masterData in document order. Merging per
 * root instead of each validated file walking every mapping of the workspace keeps `check` linear in files.
 */
export const elementMasterData = perElement((element: AstNode): ElementMasterData => {
    const facts: ElementMasterData = { deviceNames: [], authorities: [], codeTargets: [], spellings: [] };
    if (isSite(element)) {
        for (const device of element.baseline?.devices ?? []) {
            if (!isPlaceholder(device.model)) {
                facts.deviceNames.push([deviceModelKey(device.model!), { name: device.name, site: element.name }]);
            }
        }
    } else if (isInterface(element)) {
        for (const mapping of mappingsOf(element)) {
            const authority = mappingAuthority(mapping);
            if (authority !== undefined && !isPlaceholder(authority)) {
                facts.authorities.push([authorityKey(authority), authority]);
            }
            for (const entry of mapping.codes?.entries ?? []) {
                facts.codeTargets.push([codeTargetKey(element, mapping, String(entry.source)), { target: String(entry.target), where: element.name }]);
            }
        }
    }
    for (const name of elementMasterDataNames(element)) {
        facts.spellings.push([masterDataNameKey(name), { text: name.text, where: name.where }]);
    }
    return facts;
});

/**
 * The top-level elements of one root that the generators and editor features list, each kind sorted by name so
 * every output has one order whatever the file layout. On a duplicate name the first declaration (by path, then
 * position) is the one listed; elements without a name (a half-typed `gate {}`) are left out.
 */
export interface SortedElements {
    readonly interfaces: readonly Interface[];
    readonly sites: readonly Site[];
    readonly gates: readonly Gate[];
    readonly systems: readonly System[];
    readonly data: readonly Data[];
    readonly roles: readonly Role[];
    readonly teams: readonly Team[];
}

/**
 * The one index of a workspace root, shared by the rules, the generators (test matrix, checklists) and the editor
 * features: its top-level elements by kind (in document order, and sorted by name in `sorted`) and by name, and
 * the workspace facts rules compare across files. `documents` are the root's documents sorted by path. Names are
 * unique per root (a structural check). Built once per workspace state (the rule engine caches it until the next
 * edit, and `loadGeneratorInput` reuses that copy) from per-document parts that are themselves cached per parse.
 *
 * Another file's findings depend on a document only through what `crossFileFingerprint` (cross-file-facts.ts)
 * captures: a rule that starts reading another property of another file's element must add it there.
 */
export class WorkspaceIndex {
    readonly interfaces: Interface[] = [];
    readonly sites: Site[] = [];
    readonly gates: Gate[] = [];
    readonly systems: System[] = [];
    readonly data: Data[] = [];
    readonly roles: Role[] = [];
    readonly teams: Team[] = [];
    readonly changes: Change[] = [];
    readonly rollouts: Rollout[] = [];
    readonly changeAuthorities: ChangeAuthority[] = [];
    private readonly named = new Map<string, AstNode>();
    private readonly declarations = new Map<string, number>();
    private masterDataFacts: MasterDataFacts | undefined;
    private sortedElements: SortedElements | undefined;
    private readonly relativeFiles = new Map<LangiumDocument, string>();

    /** The Z-segments the workspace declares, registered for its documents' mappings. */
    readonly segments: DeclaredSegments;

    /**
     * @param documents the root's documents, sorted by path (`compareText` of `uri.fsPath`)
     * @param root the absolute path of the workspace root, for `locate`
     */
    constructor(readonly documents: ReadonlyArray<LangiumDocument<Model>>, readonly root = '') {
        this.segments = registerDeclaredSegments(documents);
        for (const document of documents) {
            for (const element of document.parseResult.value.elements ?? []) {
                if (isInterface(element)) this.interfaces.push(element);
                else if (isSite(element)) this.sites.push(element);
                else if (isGate(element)) this.gates.push(element);
                else if (isSystem(element)) this.systems.push(element);
                else if (isData(element)) this.data.push(element);
                else if (isRole(element)) this.roles.push(element);
                else if (isTeam(element)) this.teams.push(element);
                else if (isChange(element)) this.changes.push(element);
                else if (isRollout(element)) this.rollouts.push(element);
                else if (isChangeAuthority(element)) this.changeAuthorities.push(element);
                const name = (element as { name?: string }).name;
                if (name) {
                    if (!this.named.has(name)) {
                        this.named.set(name, element);
                    }
                    this.declarations.set(name, (this.declarations.get(name) ?? 0) + 1);
                }
            }
        }
    }

    /** How many top-level elements of the root carry that name (more than one is a duplicate). */
    declarationCount(name: string): number {
        return this.declarations.get(name) ?? 0;
    }

    /** The master-data facts of the whole root, merged in document order from each document's own facts. */
    get masterData(): MasterDataFacts {
        if (!this.masterDataFacts) {
            const deviceNames = new Map<string, { name: string, site: string }>();
            const authorities = new Map<string, string>();
            const codeTargets = new Map<string, { target: string, where: string }>();
            const spellings = new Map<string, { text: string, where: string }>();
            for (const document of this.documents) {
                for (const element of document.parseResult.value.elements ?? []) {
                    const facts = elementMasterData(element);
                    for (const [key, value] of facts.deviceNames) if (!deviceNames.has(key)) deviceNames.set(key, value);
                    for (const [key, value] of facts.authorities) if (!authorities.has(key)) authorities.set(key, value);
                    for (const [key, value] of facts.codeTargets) if (!codeTargets.has(key)) codeTargets.set(key, value);
                    for (const [key, value] of facts.spellings) if (!spellings.has(key)) spellings.set(key, value);
                }
            }
            this.masterDataFacts = { deviceNames, authorities, codeTargets, spellings };
        }
        return this.masterDataFacts;
    }

    /** The top-level element of that name, whatever file declares it (imported or not). */
    find<T extends AstNode>(name: string | undefined, guard: (node: unknown) => node is T): T | undefined {
        const node = name ? this.named.get(name) : undefined;
        return guard(node) ? node : undefined;
    }

    /** The named elements by kind, sorted by name, first declaration of a name only (see SortedElements). */
    get sorted(): SortedElements {
        if (!this.sortedElements) {
            const byName = <T extends AstNode & { name: string }>(list: readonly T[]): T[] =>
                list.filter(element => !!element.name && this.named.get(element.name) === element)
                    .sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
            this.sortedElements = {
                interfaces: byName(this.interfaces), sites: byName(this.sites), gates: byName(this.gates),
                systems: byName(this.systems), data: byName(this.data), roles: byName(this.roles), teams: byName(this.teams)
            };
        }
        return this.sortedElements;
    }

    /** Where a node is: its file relative to the root (forward slashes) and its 1-based first line. */
    locate(node: AstNode): { file: string, line: number } {
        const document = AstUtils.getDocument(node);
        let file = this.relativeFiles.get(document);
        if (file === undefined) {
            file = path.relative(this.root, document.uri.fsPath).split(path.sep).join('/');
            this.relativeFiles.set(document, file);
        }
        return { file, line: (node.$cstNode?.range.start.line ?? 0) + 1 };
    }

    /** Gates that name a site. */
    gatesOf(siteName: string): Gate[] {
        return this.gates.filter(gate => gate.sites.some(site => refName(site) === siteName));
    }
}

const DESCENDANTS = new WeakMap<Model, AstNode[]>();

/**
 * Every node below a model, collected once per parse and shared by the rules (a 10,000-line spec is walked once
 * per validation, not once per rule). A new parse makes a new model, so the cache never goes stale.
 */
export function descendantsOfType<T extends AstNode>(model: Model, guard: (node: unknown) => node is T): T[] {
    let nodes = DESCENDANTS.get(model);
    if (!nodes) {
        nodes = AstUtils.streamAllContents(model).toArray();
        DESCENDANTS.set(model, nodes);
    }
    return nodes.filter(guard);
}

/** The name a reference was written with, resolved or not: workspace rules compare by name. */
export function refName(reference: Reference | undefined): string | undefined {
    return reference?.$refText || undefined;
}

/**
 * Words that stand where a record is meant: the one list every rule reads (an empty or blank text, "n/a", "none",
 * "-", "?", "TBD", "TBC", "TODO", "unknown", "pending"...). Matched against the whole text, case-insensitively,
 * ignoring surrounding spaces and a trailing full stop, so "n/a" is a placeholder but "n/a at night, see SOP-7" is not.
 */
export const PLACEHOLDER_WORDS: readonly string[] = [
    'todo', 'tbd', 'tbc', 'tba', 'fixme', 'xxx', 'n/a', 'n.a.', 'not applicable', 'none', 'nil', '-', '--', '...', '…',
    'unknown', 'pending', 'to follow', 'to be confirmed', 'to be defined', 'to be decided', 'see above', 'same'
];

/** Whether a written value is missing or a placeholder left for the architect (see PLACEHOLDER_WORDS). */
export function isPlaceholder(text: string | undefined): boolean {
    if (text === undefined) {
        return true;
    }
    const value = text.trim().replace(/\.$/, '').trim().toLowerCase();
    return value === '' || /^\?+$/.test(value) || /^(todo|tbd|tbc|fixme|xxx)(\b|_|$)/.test(value)
        || PLACEHOLDER_WORDS.includes(value) || PLACEHOLDER_WORDS.includes(`${value}.`);
}

/**
 * Whether a code (a code-map entry, a unit) is a placeholder. Narrower than isPlaceholder: `unknown`, `none` and
 * `-` are real codes in many value sets (FHIR ImagingStudy.status `unknown`, HL7 v2 null flavours).
 */
export function isPlaceholderCode(code: string | undefined): boolean {
    const value = code?.trim() ?? '';
    return value === '' || /^\?+$/.test(value) || /^(todo|tbd|tbc|fixme|xxx)(\b|_|$)/i.test(value);
}

/** Version words that name no installed release ("latest", "current"): a baseline must say which one runs. */
export function isPlaceholderVersion(version: string | number | undefined): boolean {
    return version === undefined || isPlaceholder(String(version)) || /^(latest|current|newest|stable|any|various)$/i.test(String(version).trim());
}

/** Whether a duration (`0m`, `0d`, `0.0h`) is zero: no retention, no response time, no stabilisation period. */
export function isZeroDuration(duration: string | undefined): boolean {
    return duration !== undefined && /^0+(\.0+)?[a-z]+$/.test(duration);
}

/** A duration (`15m`, `4h`, `30d`, `500ms`) in minutes; undefined when not a duration. Months are 30 d, years 365 d. */
export function durationMinutes(duration: string | undefined): number | undefined {
    const match = duration ? /^(\d+(?:\.\d+)?)(ms|mo|min|s|m|h|d|w|y)$/.exec(duration.trim()) : null;
    if (!match) {
        return undefined;
    }
    const perUnit: Record<string, number> = { ms: 1 / 60000, s: 1 / 60, m: 1, min: 1, h: 60, d: 1440, w: 10080, mo: 43200, y: 525600 };
    return Number(match[1]) * perUnit[match[2]];
}

/** Whether a party (team or role, looked up by name in the workspace) is a service account: no person reads it. */
export function isServiceAccount(name: string | undefined, workspace: WorkspaceIndex): boolean {
    return workspace.find(name, isRole)?.serviceAccount === true;
}

export function isCritical(node: Interface, critical: ReadonlySet<string>): boolean {
    return node.criticality !== undefined && critical.has(node.criticality);
}

/** Whether an interface carries a data set classified PHI (looked up by name in the whole workspace). */
export function carriesPhi(node: Interface, workspace: WorkspaceIndex): boolean {
    return node.carries.some(ref => workspace.find(refName(ref), isData)?.classification === 'PHI');
}

/**
 * Fields that identify a patient or carry demographics: HL7 v2 PID-2/3/4 (identifiers), PID-5 (name), PID-7 (birth
 * date), PID-8 (sex), PID-11 (address), PID-13 (phone), PID-19 (SSN); FHIR Patient.identifier/name/birthDate/
 * gender/address/telecom, and the identifier of a reference to the patient (`Communication.subject.identifier`,
 * `Immunization.patient.identifier`, `Coverage.beneficiary.identifier`: FHIR R4 Reference.identifier, the logical
 * reference that carries the patient's identifier instead of a link to a Patient resource); DICOM (0010,0010)
 * Patient's Name, (0010,0020) Patient ID, (0010,0030) Birth Date, (0010,0040) Sex (PS3.6).
 */
const PATIENT_IDENTITY_FIELD = /^(PID-(2|3|4|5|7|8|11|13|19)(\.|$)|Patient\.(identifier|name|birthDate|gender|address|telecom)\b|[A-Z][A-Za-z]+\.(subject|patient|beneficiary)\.identifier\b|\(0010,00(10|20|30|40)\))/;

/** Interfaces that map a patient identifier or demographics: whatever they carry is about a patient. */
export function identifiesPatients(node: Interface): boolean {
    return node.messages.some(message => [...message.mappings, ...(message.groups ?? []).flatMap(group => group.mappings)].some(m => PATIENT_IDENTITY_FIELD.test(m.source) || PATIENT_IDENTITY_FIELD.test(m.target)));
}

/**
 * Whether a data set holds PHI: classified PHI, or carried by an interface that maps patient identifiers or
 * demographics (then it is PHI whatever its classification says). Returns that interface's name in the second case.
 */
export function phiBecause(data: Data, workspace: WorkspaceIndex): { phi: boolean, via?: string } {
    if (data.classification === 'PHI') {
        return { phi: true };
    }
    const via = workspace.interfaces.find(i => i.carries.some(ref => refName(ref) === data.name) && identifiesPatients(i));
    return via ? { phi: true, via: via.name } : { phi: false };
}

/** `a, b and c` for messages. */
export function listText(items: string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
