/**
 * HL7 v2 fields, components and subcomponents, per version (2.1 to 2.7.1 as published; later versions use
 * 2.7.1, earlier unknown ones the nearest). Data: data/hl7v2.json, built by scripts/build-dictionaries.mjs.
 */
import { closestAmong } from './suggest.js';
import { loadData } from './load-data.js';
import { HL7V2_PATH } from './path-forms.js';
import type { FieldInfo, FieldKind, FieldLookup } from './types.js';
import { compareVersionParts } from './hl7v2-versions.js';

/** A field or component: name, data type, table number. */
type Member = [name: string, dataType: string, table?: string];

interface Hl7v2Data {
    versions: string[];
    segments: Record<string, Record<string, number>>;
    types: Record<string, Record<string, number>>;
    segmentDefs: [name: string, members: number[]][];
    typeDefs: [name: string, members: number[]][];
    members: Member[];
    tables: Record<string, { name: string, codes?: string[] }>;
}

let data: Hl7v2Data | undefined;

function load(): Hl7v2Data {
    data ??= loadData<Hl7v2Data>(() => require('./data/hl7v2.json'), './data/hl7v2.json');
    return data;
}

// Data types whose value identifies something (and whose first component is the identifier itself).
const IDENTIFIER_TYPES = new Set(['CX', 'EI', 'EIP', 'CK', 'CK_ACCOUNT_NO', 'CM_PAT_ID', 'CM_PAT_ID_0192', 'CM_PLACER', 'CM_FILLER', 'CM_EIP', 'DLN', 'PLN', 'CM_LICENSE_NO']);
const QUANTITY_TYPES = new Set(['NM', 'SN', 'CQ', 'CQ_QUANTITY', 'MO', 'NR', 'CP']);
const TIMESTAMP_TYPES = new Set(['TS', 'DTM', 'DT', 'TM', 'DR']);
const CODE_TYPES = new Set(['ID', 'IS', 'CE', 'CWE', 'CNE', 'CF', 'MSG', 'CM_MSG', 'VID', 'PT']);
/** Coded types whose first component carries the code of the field's table. */
const CODED_ELEMENT_TYPES = new Set(['CE', 'CWE', 'CNE', 'CF']);
const TEXT_TYPES = new Set(['ST', 'TX', 'FT']);
/** Fields of a plain type that are identifiers all the same (message control id, SSN, ...). */
const IDENTIFIER_FIELDS = new Set(['MSH-10', 'MSA-2', 'PID-19']);

function kindOf(dataType: string, table: string | undefined): FieldKind {
    if (IDENTIFIER_TYPES.has(dataType)) return 'identifier';
    if (QUANTITY_TYPES.has(dataType)) return 'quantity';
    if (TIMESTAMP_TYPES.has(dataType)) return 'timestamp';
    if (CODE_TYPES.has(dataType)) return 'code';
    if (TEXT_TYPES.has(dataType)) return table ? 'code' : 'text';
    // VARIES (OBX-5, whose type OBX-2 gives per row), names, addresses, locations, hierarchic designators.
    return 'other';
}

/**
 * HL7 v2 versions that exist: the version ids of HL7 table 0104 (2.1 to 2.9, in the data) and v2.9.1, published
 * after the table the dictionary's source carries. 2.0 and 2.0D were drafts and demonstrations, not releases.
 */
const RELEASED_AFTER_TABLE = ['2.9.1'];

function releasedVersions(): string[] {
    const listed = load().tables['0104']?.codes ?? [];
    return [...listed.filter((code) => /^2\.\d+(\.\d+)?$/.test(code) && code !== '2.0'), ...RELEASED_AFTER_TABLE];
}

/** What the dictionary knows of a declared HL7 v2 version. */
export interface Hl7v2VersionStatus {
    /**
     * 'published': the dictionary holds its definitions; 'newer': a released version newer than the newest the
     * dictionary holds (2.8, 2.9: checked against `newest`); 'unknown': no HL7 v2 release has this number (2.9.9).
     */
    status: 'published' | 'newer' | 'unknown';
    /** The version whose definitions answer lookups (the nearest published one at or below the declared). */
    data?: string;
    /** The newest version the dictionary holds (2.7.1). */
    newest: string;
}

/**
 * Classifies a declared HL7 v2 version (`2.5.1`, `v2.3.1`, `2.9`); undefined for a text that is no version
 * number at all. Source of the release list: HL7 table 0104 (Version ID).
 */
export function hl7v2VersionStatus(version: string): Hl7v2VersionStatus | undefined {
    const { versions } = load();
    const newest = versions[versions.length - 1];
    const match = /^[vV]?(\d+(?:\.\d+)*)$/.exec(version.trim());
    if (!match) return undefined;
    const number = match[1];
    const data = resolveHl7v2Version(number);
    if (versions.includes(number)) return { status: 'published', data: number, newest };
    if (releasedVersions().includes(number) && compareVersionParts(number.split('.').map(Number), newest.split('.').map(Number)) > 0) {
        return { status: 'newer', data, newest };
    }
    return { status: 'unknown', data, newest };
}

/** The data version to use for a requested one: itself if published, else the nearest published below (2.8 → 2.7.1). */
export function resolveHl7v2Version(version: string | undefined): string | undefined {
    // Every mapping's lookup asks this: answered once per spelling (the published versions never change).
    if (RESOLVED.has(version)) return RESOLVED.get(version);
    const resolved = resolveUncached(version);
    RESOLVED.set(version, resolved);
    return resolved;
}

const RESOLVED = new Map<string | undefined, string | undefined>();

function resolveUncached(version: string | undefined): string | undefined {
    const { versions } = load();
    if (version === undefined || version.trim() === '') return versions[versions.length - 1];
    const match = /^[vV]?(\d+(?:\.\d+)*)$/.exec(version.trim());
    if (!match || !match[1].startsWith('2')) return undefined;
    const wanted = match[1].split('.').map(Number);
    if (wanted[0] !== 2) return undefined;
    let best = versions[0];
    for (const candidate of versions) {
        if (compareVersionParts(candidate.split('.').map(Number), wanted) <= 0) best = candidate;
    }
    return best;
}

const memberCache = new Map<string, Member[] | undefined>();

/** The members of a pooled definition, resolved once per version and name. */
function cachedMembers(kind: 'segments' | 'types', version: string, name: string): Member[] | undefined {
    const key = `${kind}:${version}:${name}`;
    if (memberCache.has(key)) return memberCache.get(key);
    const d = load();
    const index = Object.hasOwn(d[kind][version], name) ? d[kind][version][name] : undefined;
    const definition = index === undefined ? undefined : (kind === 'segments' ? d.segmentDefs : d.typeDefs)[index];
    const members = definition?.[1].map((i) => d.members[i]);
    memberCache.set(key, members);
    return members;
}

function segmentMembers(version: string, segment: string): Member[] | undefined {
    return cachedMembers('segments', version, segment);
}

function typeMembers(version: string, dataType: string): Member[] {
    return cachedMembers('types', version, dataType) ?? [];
}

function info(path: string, member: Member, kind: FieldKind, table = member[2]): FieldInfo {
    const field: FieldInfo = { standard: 'HL7v2', path, name: member[0], dataType: member[1], kind };
    if (table) {
        field.table = table;
        const codes = load().tables[table]?.codes;
        if (codes) field.codes = codes;
    }
    return field;
}

function fieldInfo(segment: string, number: number, member: Member): FieldInfo {
    const path = `${segment}-${number}`;
    return info(path, member, IDENTIFIER_FIELDS.has(path) ? 'identifier' : kindOf(member[1], member[2]));
}

/** A component (or subcomponent) of `parent`, whose data type has `member` at `position`. */
function componentInfo(path: string, parent: FieldInfo, position: number, member: Member): FieldInfo {
    if (position === 1 && IDENTIFIER_TYPES.has(parent.dataType)) {
        return info(path, member, 'identifier');
    }
    if (position === 1 && CODED_ELEMENT_TYPES.has(parent.dataType)) {
        return info(path, member, 'code', member[2] ?? parent.table);
    }
    return info(path, member, kindOf(member[1], member[2]));
}

export function lookupHl7v2Field(version: string | undefined, path: string): FieldLookup {
    const match = HL7V2_PATH.exec(path);
    const resolved = resolveHl7v2Version(version);
    if (!match || !resolved) return match ? { status: 'unsupported' } : { status: 'unknown' };
    const segment = match[1];
    // Z-segments are site-defined: no published dictionary can say what they hold.
    if (/^Z/i.test(segment)) return { status: 'unsupported' };
    const numbers = [match[2], match[4], match[5]].filter((n) => n !== undefined).map(Number);
    const found = resolve(resolved, segment, numbers);
    if (found) return { status: 'known', field: found };
    const suggestion = suggest(resolved, segment, numbers, match[3]);
    const result: FieldLookup = suggestion ? { status: 'unknown', suggestion } : { status: 'unknown' };
    const elsewhere = otherVersions(segment, numbers);
    if (elsewhere) {
        result.version = resolved;
        result.elsewhere = elsewhere;
    }
    return result;
}

/** The published versions that have the path (and those that have its segment), when some do. */
function otherVersions(segment: string, numbers: number[]): { versions: string[], segmentVersions: string[] } | undefined {
    const { versions } = load();
    const withPath = versions.filter((v) => resolve(v, segment, numbers) !== undefined);
    if (withPath.length === 0) return undefined;
    return { versions: withPath, segmentVersions: versions.filter((v) => segmentMembers(v, segment) !== undefined) };
}

function resolve(version: string, segment: string, numbers: number[]): FieldInfo | undefined {
    const fields = segmentMembers(version, segment);
    const member = fields?.[numbers[0] - 1];
    if (!member) return undefined;
    return descend(version, fieldInfo(segment, numbers[0], member), numbers.slice(1));
}

/** The component (and subcomponent) of a field at the positions, through its data type's definition. */
function descend(version: string, field: FieldInfo, positions: number[]): FieldInfo | undefined {
    let current = field;
    for (const position of positions) {
        const path = `${current.path}.${position}`;
        const components = typeMembers(version, current.dataType);
        if (components.length === 0) {
            // A primitive has one component: itself (PID-8.1 is PID-8).
            if (position !== 1) return undefined;
            current = { ...current, path };
            continue;
        }
        const component = components[position - 1];
        if (!component) return undefined;
        current = componentInfo(path, current, position, component);
    }
    return current;
}

/** Whether a data type (`CWE`, `ST`) is defined in a version (the nearest published one for 2.8 and later). */
export function isHl7v2DataType(version: string | undefined, dataType: string): boolean {
    const resolved = resolveHl7v2Version(version);
    return resolved !== undefined && Object.hasOwn(load().types[resolved], dataType);
}

/**
 * The published versions that define a data type (`TS` → 2.1 to 2.6: the time stamp was withdrawn in v2.7, where
 * DTM replaced it, HL7 v2.7 chapter 2A). Empty when no version has it.
 */
export function hl7v2DataTypeVersions(dataType: string): string[] {
    const { versions, types } = load();
    return versions.filter(version => Object.hasOwn(types[version], dataType));
}

/**
 * A field of a site-defined segment (a Z-segment declared in the spec) described as the dictionary describes
 * standard ones: its kind from the data type, its table's codes, and `components` (`[1]` for ZPI-3.1) resolved
 * through the data type's definition in the version. Undefined when a component does not exist.
 */
export function declaredHl7v2Field(version: string | undefined, path: string, name: string, dataType: string, table: string | undefined, components: number[]): FieldInfo | undefined {
    const resolved = resolveHl7v2Version(version) ?? resolveHl7v2Version(undefined)!;
    const field = info(path, [name, dataType, table], kindOf(dataType, table));
    return descend(resolved, field, components);
}

/** The components of a data type in a version, as fields below `parent` (for completion after `ZPI-3.`). */
export function hl7v2ComponentsOf(version: string | undefined, parent: FieldInfo): FieldInfo[] {
    const resolved = resolveHl7v2Version(version);
    if (!resolved) return [];
    return typeMembers(resolved, parent.dataType).map((member, i) => componentInfo(`${parent.path}.${i + 1}`, parent, i + 1, member));
}

/** The closest known path: a mistyped segment name, among the segments where the same field and components exist. */
function suggest(version: string, segment: string, numbers: number[], repetition: string | undefined): string | undefined {
    const d = load();
    const known = d.segments[version];
    // A segment of this or another version (TQ1 in a 2.3.1 message) is not a typo of some other segment.
    if (d.versions.some((v) => Object.hasOwn(d.segments[v], segment))) return undefined;
    const segments = Object.keys(known).filter((candidate) => resolve(version, candidate, numbers) !== undefined);
    const candidate = segments.includes(segment.toUpperCase()) ? segment.toUpperCase() : closestAmong(segment, segments);
    if (!candidate || candidate === segment) return undefined;
    const path = resolve(version, candidate, numbers)!.path;
    return repetition === undefined ? path : path.replace(/^(\w+-\d+)/, `$1[${repetition}]`);
}

export function listHl7v2Fields(version: string | undefined, prefix: string): FieldInfo[] {
    const resolved = resolveHl7v2Version(version);
    if (!resolved) return [];
    const component = /^([A-Za-z][A-Za-z0-9]{2})-(\d+)((?:\.\d+)*)\.(\d*)$/.exec(prefix);
    if (component) {
        const numbers = [component[2], ...component[3].split('.').filter((n) => n !== '')].map(Number);
        const parent = resolve(resolved, component[1].toUpperCase(), numbers);
        if (!parent || numbers.length > 2) return [];
        const components = typeMembers(resolved, parent.dataType);
        return components
            .map((member, i) => componentInfo(`${parent.path}.${i + 1}`, parent, i + 1, member))
            .filter((field) => field.path.startsWith(`${parent.path}.${component[4]}`));
    }
    const upper = prefix.toUpperCase();
    const result: FieldInfo[] = [];
    for (const segment of Object.keys(load().segments[resolved])) {
        if (!segment.startsWith(upper.slice(0, 3))) continue;
        segmentMembers(resolved, segment)!.forEach((member, i) => {
            const field = fieldInfo(segment, i + 1, member);
            if (field.path.startsWith(upper)) result.push(field);
        });
    }
    return result;
}

/**
 * What a value of an HL7 v2 data type carries, for a field of varying type (OBX-5, whose type OBX-2 gives per row):
 * `NM` → quantity, `CWE` → code, `ST` → text, `DT` → date, `TS` → timestamp. Undefined for a code that is not in
 * HL7 table 0125 (Value type), which lists the types OBX-2 may name.
 */
export function hl7v2ValueTypeKind(dataType: string): FieldKind | 'date' | undefined {
    const code = dataType.toUpperCase();
    if (!(load().tables['0125']?.codes ?? []).includes(code)) return undefined;
    return code === 'DT' ? 'date' : kindOf(code, undefined);
}
