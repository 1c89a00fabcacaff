/**
 * FHIR element paths of every resource and complex data type, R4 and R5, from the StructureDefinitions of the
 * core packages. Data: data/fhir-r4.json and data/fhir-r5.json, built by scripts/build-dictionaries.mjs.
 *
 * A path walks a resource's elements, then into the data type of an element (`Observation.valueQuantity.value`
 * is Quantity.value), choice elements by type (`value[x]` as `valueQuantity`) and content references
 * (`Questionnaire.item.item`). Repetition indexes (`identifier[0]`) are accepted and left out of the canonical path.
 */
import { closestAmong } from './suggest.js';
import { loadData } from './load-data.js';
import { FHIR_PATH, fhirDictionaryPath } from './path-forms.js';
import type { FieldInfo, FieldKind, FieldLookup } from './types.js';

/** Element: path below the type, types joined by `|` (or `#path` for a content reference), short, value set. */
type ElementRow = [path: string, types: string, short: string, valueSet?: string];

interface TypeDefinition {
    elements: ElementRow[];
    domainResource?: false;
}

interface FhirData {
    release: string;
    resources: Record<string, TypeDefinition>;
    datatypes: Record<string, TypeDefinition>;
    valueSets: Record<string, string[]>;
}

type Release = 'R4' | 'R5';

const loaded = new Map<Release, FhirData>();

function load(release: Release): FhirData {
    let data = loaded.get(release);
    if (!data) {
        data = release === 'R4'
            ? loadData<FhirData>(() => require('./data/fhir-r4.json'), './data/fhir-r4.json')
            : loadData<FhirData>(() => require('./data/fhir-r5.json'), './data/fhir-r5.json');
        loaded.set(release, data);
    }
    return data;
}

/** An element as the lookup sees it. */
interface Element {
    name: string;
    types: string[];
    short: string;
    valueSet?: string;
    /** For a content reference: the path (below the same type) whose children this element has. */
    contentReference?: string;
}

/** One type's elements by path below it, and each path's child names, built on first use. */
interface TypeIndex {
    name: string;
    isResource: boolean;
    elements: Map<string, Element>;
    children: Map<string, string[]>;
}

const indexes = new Map<string, TypeIndex | null>();

const RESOURCE_MEMBERS: ElementRow[] = [
    ['id', 'id', 'Logical id of this artifact'],
    ['meta', 'Meta', 'Metadata about the resource'],
    ['implicitRules', 'uri', 'A set of rules under which this content was created'],
    ['language', 'code', 'Language of the resource content']
];
const DOMAIN_RESOURCE_MEMBERS: ElementRow[] = [
    ['text', 'Narrative', 'Text summary of the resource, for human interpretation'],
    ['contained', 'Resource', 'Contained, inline Resources'],
    ['extension', 'Extension', 'Additional content defined by implementations'],
    ['modifierExtension', 'Extension', 'Extensions that cannot be ignored']
];
const ELEMENT_MEMBERS: ElementRow[] = [
    ['id', 'string', 'Unique id for inter-element referencing'],
    ['extension', 'Extension', 'Additional content defined by implementations']
];
const BACKBONE_MEMBERS: ElementRow[] = [
    ...ELEMENT_MEMBERS,
    ['modifierExtension', 'Extension', 'Extensions that cannot be ignored even if unrecognized']
];

function typeIndex(release: Release, name: string): TypeIndex | undefined {
    const key = `${release}:${name}`;
    let index = indexes.get(key);
    if (index === undefined) {
        const data = load(release);
        const resource = Object.hasOwn(data.resources, name) ? data.resources[name] : undefined;
        const datatype = Object.hasOwn(data.datatypes, name) ? data.datatypes[name] : undefined;
        const definition = resource ?? datatype;
        index = definition ? buildIndex(name, definition, resource !== undefined) : null;
        indexes.set(key, index);
    }
    return index ?? undefined;
}

function buildIndex(name: string, definition: TypeDefinition, isResource: boolean): TypeIndex {
    const index: TypeIndex = { name, isResource, elements: new Map(), children: new Map([['', []]]) };
    const add = (path: string, row: ElementRow) => {
        const [, types, short, valueSet] = row;
        const element: Element = { name: path.slice(path.lastIndexOf('.') + 1), types: [], short };
        if (types.startsWith('#')) {
            element.contentReference = types.slice(1);
        } else {
            element.types = types === '' ? [] : types.split('|');
        }
        if (valueSet) element.valueSet = valueSet;
        index.elements.set(path, element);
        const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
        index.children.get(parent)?.push(element.name);
        index.children.set(path, []);
    };
    const top = isResource ? [...RESOURCE_MEMBERS, ...(definition.domainResource === false ? [] : DOMAIN_RESOURCE_MEMBERS)] : ELEMENT_MEMBERS;
    for (const row of top) add(row[0], row);
    for (const row of definition.elements) {
        add(row[0], row);
        // Backbone elements carry the members every element has, which the data leaves out.
        if (row[1] === 'BackboneElement' || row[1] === 'Element') {
            for (const member of BACKBONE_MEMBERS) add(`${row[0]}.${member[0]}`, member);
        }
    }
    return index;
}

/** `R4`, `R4B`, `4.0.1`, `4.3.0` → R4; `R5`, `5.0.0` and later → R5; DSTU2 and STU3 have no data. Default R4. */
export function resolveFhirRelease(version: string | undefined): Release | undefined {
    if (version === undefined || version.trim() === '') return 'R4';
    const text = version.trim().toUpperCase();
    const release = /^R(\d+)B?$/.exec(text)?.[1] ?? /^(\d+)(?:\.\d+)*$/.exec(text)?.[1];
    if (release === undefined) return undefined;
    const major = Number(release);
    if (major === 4) return 'R4';
    if (major >= 5) return 'R5';
    return undefined;
}

const IDENTIFIER_TYPES = new Set(['Identifier', 'id']);
const QUANTITY_TYPES = new Set(['Quantity', 'SimpleQuantity', 'Age', 'Count', 'Distance', 'Duration', 'MoneyQuantity', 'decimal', 'integer', 'integer64', 'positiveInt', 'unsignedInt']);
const TIMESTAMP_TYPES = new Set(['dateTime', 'instant', 'date', 'time']);
const CODE_TYPES = new Set(['code', 'Coding', 'CodeableConcept']);
const TEXT_TYPES = new Set(['string', 'markdown']);

function kindOfType(type: string): FieldKind {
    if (IDENTIFIER_TYPES.has(type)) return 'identifier';
    if (QUANTITY_TYPES.has(type)) return 'quantity';
    if (TIMESTAMP_TYPES.has(type)) return 'timestamp';
    if (CODE_TYPES.has(type)) return 'code';
    if (TEXT_TYPES.has(type)) return 'text';
    return 'other';
}

function kindOf(types: string[], owner: string, name: string): FieldKind {
    // The value of an Identifier is the identifier itself, whatever its primitive type.
    if (owner === 'Identifier' && name === 'value') return 'identifier';
    const kinds = new Set(types.map(kindOfType));
    return kinds.size === 1 ? [...kinds][0] : 'other';
}

/** Where a resolved element sits: its type index and its path there, plus the type chosen for a choice. */
interface Position {
    index: TypeIndex;
    path: string;
    element: Element;
    types: string[];
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The child of `parentPath` in `index` that `name` denotes, directly or as a typed choice (`valueQuantity`). */
function findChild(index: TypeIndex, parentPath: string, name: string): Position | undefined {
    const prefix = parentPath === '' ? '' : `${parentPath}.`;
    for (const child of index.children.get(parentPath) ?? []) {
        const element = index.elements.get(prefix + child)!;
        if (child === name || (child.endsWith('[x]') && name === child.slice(0, -3))) {
            return { index, path: prefix + child, element, types: element.types };
        }
        if (child.endsWith('[x]') && name.startsWith(child.slice(0, -3))) {
            const typeName = name.slice(child.length - 3);
            const type = element.types.find((candidate) => capitalize(candidate) === typeName);
            if (type) return { index, path: prefix + child, element, types: [type] };
        }
    }
    return undefined;
}

/** The names a child of `parentPath` may be written as: plain names and each choice with each of its types. */
function childNames(index: TypeIndex, parentPath: string): string[] {
    const prefix = parentPath === '' ? '' : `${parentPath}.`;
    const names: string[] = [];
    for (const child of index.children.get(parentPath) ?? []) {
        if (child.endsWith('[x]')) {
            const base = child.slice(0, -3);
            names.push(child, ...index.elements.get(prefix + child)!.types.map((type) => base + capitalize(type)));
        } else {
            names.push(child);
        }
    }
    return names;
}

/** Where the children of a resolved element are: backbone children in place, or the members of its data type. */
function childrenOf(release: Release, position: Position): { index: TypeIndex, path: string } | undefined {
    const { index, path, element } = position;
    if (element.contentReference !== undefined) {
        // Content references point within the same type (the data keeps the path below it).
        return { index, path: element.contentReference };
    }
    if ((index.children.get(path)?.length ?? 0) > 0) return { index, path };
    if (position.types.length === 1) {
        const datatype = typeIndex(release, position.types[0]);
        if (datatype && !datatype.isResource) return { index: datatype, path: '' };
        // A primitive still has an id and extensions.
        return { index: primitiveIndex(), path: '' };
    }
    return undefined;
}

let primitive: TypeIndex | undefined;
function primitiveIndex(): TypeIndex {
    primitive ??= buildIndex('Element', { elements: [] }, false);
    return primitive;
}

function fieldOf(release: Release, canonical: string, position: Position): FieldInfo {
    const { element, index } = position;
    let types = position.types;
    let valueSet = element.valueSet;
    if (element.contentReference !== undefined) {
        // A content reference has the referenced element's type (a backbone element).
        types = ['BackboneElement'];
        valueSet = undefined;
    }
    const field: FieldInfo = {
        standard: 'FHIR',
        path: canonical,
        name: element.short,
        dataType: types.join('|'),
        kind: kindOf(types, index.name, element.name)
    };
    if (valueSet) {
        field.table = valueSet;
        const codes = load(release).valueSets[valueSet];
        if (codes) field.codes = codes;
    }
    return field;
}

type Resolution =
    | { found: FieldInfo, position: Position }
    | { failedAt: number, parent?: { index: TypeIndex, path: string }, canonical: string[] };

function resolvePath(release: Release, segments: string[]): Resolution {
    const root = typeIndex(release, segments[0]);
    if (!root) return { failedAt: 0, canonical: [] };
    let scope: { index: TypeIndex, path: string } | undefined = { index: root, path: '' };
    const canonical = [segments[0]];
    let position: Position | undefined;
    for (let i = 1; i < segments.length; i++) {
        const child: Position | undefined = scope && findChild(scope.index, scope.path, segments[i]);
        if (!child) return { failedAt: i, parent: scope, canonical };
        position = child;
        canonical.push(segments[i]);
        scope = i + 1 < segments.length ? childrenOf(release, child) : undefined;
    }
    if (!position) {
        // The type itself (`Patient`): a resource or data type, not a field.
        return { failedAt: 1, parent: scope, canonical };
    }
    return { found: fieldOf(release, canonical.join('.'), position), position };
}

export function lookupFhirField(version: string | undefined, written: string): FieldLookup {
    const release = resolveFhirRelease(version);
    if (!release) return { status: 'unsupported' };
    // Extensions by URL, slices and where() filters name the element they select.
    const path = fhirDictionaryPath(written);
    if (!FHIR_PATH.test(path)) {
        // Extensions by URL and FHIRPath functions (`extension('...')`, `where(...)`) are beyond a dictionary.
        return /[(:]/.test(path) ? { status: 'unsupported' } : { status: 'unknown' };
    }
    const segments = path.split('.').map((segment) => segment.replace(/\[\d+\]$/, ''));
    const resolution = resolvePath(release, segments);
    if ('found' in resolution) return { status: 'known', field: resolution.found };
    const suggestion = suggest(release, segments, resolution);
    return suggestion ? { status: 'unknown', suggestion } : { status: 'unknown' };
}

/** The closest known path: the first unknown name replaced by the closest name there, if the rest then resolves. */
function suggest(release: Release, segments: string[], failure: Exclude<Resolution, { found: FieldInfo }>): string | undefined {
    let candidates: string[];
    if (failure.failedAt === 0) {
        const data = load(release);
        candidates = [...Object.keys(data.resources), ...Object.keys(data.datatypes)];
    } else if (failure.parent) {
        candidates = childNames(failure.parent.index, failure.parent.path);
    } else {
        return undefined;
    }
    const wrong = segments[failure.failedAt];
    if (wrong === undefined) return undefined;
    const closest = closestAmong(wrong, candidates);
    if (!closest) return undefined;
    const repaired = [...segments];
    repaired[failure.failedAt] = closest;
    const again = resolvePath(release, repaired);
    return 'found' in again ? again.found.path : undefined;
}

export function listFhirFields(version: string | undefined, prefix: string): FieldInfo[] {
    const release = resolveFhirRelease(version);
    if (!release) return [];
    const cleaned = prefix.replace(/\[\d+\]/g, '');
    const dot = cleaned.lastIndexOf('.');
    const partial = cleaned.slice(dot + 1);
    const data = load(release);
    let parents: { canonical: string, scope: { index: TypeIndex, path: string } }[];
    if (dot < 0) {
        parents = Object.keys(data.resources)
            .filter((name) => name.startsWith(partial))
            .map((name) => ({ canonical: name, scope: { index: typeIndex(release, name)!, path: '' } }));
        return parents.flatMap((parent) => children(release, parent.canonical, parent.scope));
    }
    const head = cleaned.slice(0, dot).split('.');
    let scope: { index: TypeIndex, path: string } | undefined;
    if (head.length === 1) {
        const index = typeIndex(release, head[0]);
        scope = index && { index, path: '' };
    } else {
        const resolution = resolvePath(release, head);
        scope = 'found' in resolution ? childrenOf(release, resolution.position) : undefined;
    }
    if (!scope) return [];
    const canonicalHead = head.join('.');
    return children(release, canonicalHead, scope).filter((field) => field.path.slice(canonicalHead.length + 1).startsWith(partial));
}

function children(release: Release, canonicalParent: string, scope: { index: TypeIndex, path: string }): FieldInfo[] {
    const result: FieldInfo[] = [];
    for (const name of childNames(scope.index, scope.path)) {
        const position = findChild(scope.index, scope.path, name.replace(/\[x\]$/, ''));
        if (position) result.push(fieldOf(release, `${canonicalParent}.${name}`, position));
    }
    return result;
}

/**
 * Where an element is defined: the resource or data type that declares it and its path there
 * (`Observation.valueQuantity.value` → Quantity, `value`; `Observation.valueQuantity` → Observation, `value[x]`).
 */
export function locateFhirElement(version: string | undefined, path: string): { type: string, elementPath: string } | undefined {
    const release = resolveFhirRelease(version);
    if (!release || !FHIR_PATH.test(path)) return undefined;
    const resolution = resolvePath(release, path.split('.').map((segment) => segment.replace(/\[\d+\]$/, '')));
    return 'found' in resolution ? { type: resolution.position.index.name, elementPath: resolution.position.path } : undefined;
}

/** The resource types of a release (`Patient`, `Observation` …), sorted. */
export function listFhirResources(version: string | undefined): string[] {
    const release = resolveFhirRelease(version);
    return release ? Object.keys(load(release).resources).sort() : [];
}
