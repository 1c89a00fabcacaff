/**
 * Reads FHIR ConceptMap resources (R4 and R5 JSON, one resource or a Bundle of them) into a neutral shape with the
 * position of each element. The elements read are FHIR's (hl7.org/fhir/R4/conceptmap.html,
 * hl7.org/fhir/R5/conceptmap.html): `sourceUri`/`sourceCanonical` (R4) or `sourceScopeUri`/`sourceScopeCanonical`
 * (R5), `group.source`/`group.target`, `group.element.code`, `group.element.target.code` with R4's `equivalence` or
 * R5's `relationship`, R5's `group.element.noMap`, and `group.unmapped` (`mode` provided/fixed/other-map in R4,
 * use-source-code/fixed/other-map in R5), and each target's `dependsOn`/`product`. JSON (or NDJSON) is read by the
 * project's FHIR JSON reader (jsonc-parser), so a syntax error has its line and column.
 */
import { ImportError } from '../import-error.js';
import { fhirChild, readFhirJson, type FhirNode } from '../../samples/read/fhir-json-reader.js';

/** How a target relates to its source code, in three classes the draft writes differently. */
export type RelationshipClass = 'equivalent' | 'approximate' | 'none';

export interface MapTarget {
    code?: string;
    display?: string;
    /** The equivalence (R4) or relationship (R5) as written; `equivalent` when the map gives none. */
    relationship: string;
    /** Whether the map gave the relationship at all. */
    stated: boolean;
    kind: RelationshipClass;
    comment?: string;
    /** `dependsOn` and `product` (R4 `property`/`value`, R5 `attribute`/`value[x]`), as `depends on OBX-2 = NM`. */
    conditions: string[];
}

export interface MapElement {
    code: string;
    display?: string;
    targets: MapTarget[];
    /** R5 `noMap`: the map says the code has no target. */
    noMap: boolean;
    line: number;
    /** Where in the document: `ConceptMap.group[0].element[3]`. */
    location: string;
}

export interface MapGroup {
    source?: string;
    target?: string;
    elements: MapElement[];
    unmapped?: { mode: string; code?: string; display?: string; otherMap?: string };
    line: number;
    location: string;
}

/** One ConceptMap as read. */
export interface ConceptMapModel {
    file: string;
    id?: string;
    url?: string;
    name?: string;
    title?: string;
    /** R4 when a target has `equivalence` (or the map has `sourceUri`), R5 when `relationship`/`sourceScope`/`noMap`. */
    release: 'R4' | 'R5' | 'unknown';
    sourceScope?: string;
    targetScope?: string;
    groups: MapGroup[];
    line: number;
    location: string;
}

/** What a file held besides ConceptMaps (Bundle entries of other types), so nothing is dropped silently. */
export interface SkippedEntry {
    text: string;
    line: number;
    location: string;
}

/** R4 `ConceptMapEquivalence` (hl7.org/fhir/R4/valueset-concept-map-equivalence.html) and R5 `ConceptMapRelationship`. */
const RELATIONSHIPS: Record<string, RelationshipClass> = {
    equivalent: 'equivalent', equal: 'equivalent',
    relatedto: 'approximate', wider: 'approximate', subsumes: 'approximate', narrower: 'approximate', specializes: 'approximate', inexact: 'approximate',
    unmatched: 'none', disjoint: 'none',
    'related-to': 'approximate', 'source-is-narrower-than-target': 'approximate', 'source-is-broader-than-target': 'approximate',
    'not-related-to': 'none'
};

/** What each relationship other than equivalent means, for the note beside the code. */
export const RELATIONSHIP_MEANING: Record<string, string> = {
    relatedto: 'related, how is not stated', wider: 'the target is wider in meaning', subsumes: 'the target subsumes the source',
    narrower: 'the target is narrower in meaning', specializes: 'the target specializes the source', inexact: 'the meanings overlap',
    unmatched: 'there is no match', disjoint: 'the meanings are disjoint',
    'related-to': 'related, how is not stated', 'source-is-narrower-than-target': 'the source is narrower than the target',
    'source-is-broader-than-target': 'the source is broader than the target', 'not-related-to': 'not related'
};

/** The ConceptMaps of one JSON file. Throws `ImportError` (line, column) for JSON that does not parse or holds no ConceptMap. */
export function readConceptMaps(file: string, content: Uint8Array): { maps: ConceptMapModel[]; skipped: SkippedEntry[] } {
    const start = new TextDecoder('utf-8').decode(content.subarray(0, 64)).replace(/^\ufeff/, '').trimStart();
    if (start.startsWith('<')) {
        throw new ImportError(file, 'this is XML: interspec import conceptmap reads FHIR JSON (convert the ConceptMap to JSON, e.g. with the HL7 FHIR validator\'s -convert)', 1, 1);
    }
    const read = readFhirJson(content);
    const error = read.problems.find(problem => problem.severity === 'error');
    if (error) throw new ImportError(file, error.message, error.line, error.column);
    const maps: ConceptMapModel[] = [];
    const skipped: SkippedEntry[] = [];
    for (const resource of read.resources) {
        const line = resource.root.range.start.line;
        if (resource.resourceType === 'ConceptMap') {
            maps.push(readMap(file, resource.root));
        } else {
            skipped.push({ text: `${resource.resourceType}${resource.id ? `/${resource.id}` : ''} is not a ConceptMap: not imported`, line, location: resource.root.location });
        }
    }
    if (maps.length === 0) {
        const root = read.bundle?.root ?? read.resources[0]?.root;
        const type = read.bundle?.resourceType ?? read.resources[0]?.resourceType ?? 'nothing';
        const at = root ? fhirChild(root, 'resourceType')?.range.start ?? root.range.start : { line: 1, column: 1 };
        throw new ImportError(file, `not a FHIR ConceptMap: the file holds ${type === 'Bundle' ? 'a Bundle with no ConceptMap entry' : type === 'nothing' ? 'no resource' : `a ${type}`} (interspec import conceptmap reads a ConceptMap, or a Bundle of ConceptMaps, as JSON)`, at.line, at.column);
    }
    return { maps, skipped };
}

function text(node: FhirNode | undefined, name: string): string | undefined {
    const child = node ? fhirChild(node, name) : undefined;
    if (!child || child.value === undefined || child.value === null) return undefined;
    return String(child.value);
}

function items(node: FhirNode | undefined, name: string): FhirNode[] {
    const child = node ? fhirChild(node, name) : undefined;
    return child?.kind === 'array' ? [...child.children] : child ? [child] : [];
}

/** A `dependsOn`/`product` entry: R4 `property` + `system` + `value`, R5 `attribute` + `value[x]` or `valueSet`. */
function otherElement(node: FhirNode): string {
    const property = text(node, 'property') ?? text(node, 'attribute') ?? '(no property)';
    const valueNode = node.children.find(child => /^value[A-Z]/.test(child.name) || child.name === 'value');
    let value = text(node, 'valueSet') ?? (valueNode?.kind === 'object' ? text(valueNode, 'code') ?? text(valueNode, 'value') ?? text(valueNode, 'display') : valueNode?.value !== undefined ? String(valueNode.value) : undefined);
    if (value === undefined) value = text(node, 'display') ?? '(no value)';
    const system = text(node, 'system');
    return `${property} = ${value}${system ? ` (${system})` : ''}`;
}

function readMap(file: string, root: FhirNode): ConceptMapModel {
    let r4 = text(root, 'sourceUri') !== undefined || text(root, 'sourceCanonical') !== undefined;
    let r5 = text(root, 'sourceScopeUri') !== undefined || text(root, 'sourceScopeCanonical') !== undefined;
    const groups = items(root, 'group').map(group => {
        const elements = items(group, 'element').map(element => {
            const targets = items(element, 'target').map(target => {
                const equivalence = text(target, 'equivalence');
                const relationship = text(target, 'relationship');
                if (equivalence) r4 = true;
                if (relationship) r5 = true;
                const written = equivalence ?? relationship;
                return {
                    code: text(target, 'code'), display: text(target, 'display'),
                    relationship: written ?? 'equivalent', stated: written !== undefined,
                    kind: written ? RELATIONSHIPS[written] ?? 'approximate' : 'equivalent',
                    comment: text(target, 'comment'),
                    conditions: [
                        ...items(target, 'dependsOn').map(other => `depends on ${otherElement(other)}`),
                        ...items(target, 'product').map(other => `also gives ${otherElement(other)}`)
                    ]
                } satisfies MapTarget;
            });
            const noMap = text(element, 'noMap') === 'true';
            if (noMap) r5 = true;
            return { code: text(element, 'code') ?? '', display: text(element, 'display'), targets, noMap, line: element.range.start.line, location: element.location } satisfies MapElement;
        });
        const unmappedNode = fhirChild(group, 'unmapped');
        const unmapped = unmappedNode ? {
            mode: text(unmappedNode, 'mode') ?? 'unstated', code: text(unmappedNode, 'code'), display: text(unmappedNode, 'display'),
            otherMap: text(unmappedNode, 'otherMap') ?? text(unmappedNode, 'url')
        } : undefined;
        const version = (uri: string | undefined, name: string) => uri && text(group, name) ? `${uri}|${text(group, name)}` : uri;
        return { source: version(text(group, 'source'), 'sourceVersion'), target: version(text(group, 'target'), 'targetVersion'), elements, unmapped, line: group.range.start.line, location: group.location } satisfies MapGroup;
    });
    return {
        file, id: text(root, 'id'), url: text(root, 'url'), name: text(root, 'name'), title: text(root, 'title'),
        release: r5 && !r4 ? 'R5' : r4 && !r5 ? 'R4' : 'unknown',
        sourceScope: text(root, 'sourceScopeUri') ?? text(root, 'sourceScopeCanonical') ?? text(root, 'sourceUri') ?? text(root, 'sourceCanonical'),
        targetScope: text(root, 'targetScopeUri') ?? text(root, 'targetScopeCanonical') ?? text(root, 'targetUri') ?? text(root, 'targetCanonical'),
        groups, line: root.range.start.line, location: root.location
    };
}

/**
 * The HL7 v2 table a code system or value set URI names: `http://terminology.hl7.org/CodeSystem/v2-0085`,
 * `…/ValueSet/v2-0085`, `HL70085`, `urn:oid:2.16.840.1.113883.12.85` (the HL7 v2 table OID root) give `0085`.
 */
export function v2Table(uri: string | undefined): string | undefined {
    if (!uri) return undefined;
    const named = /(?:\bv2-|\bHL7[-_ ]?|\btable[-_ ]?(?:hl7)?)(\d{4})\b/i.exec(uri);
    if (named) return named[1];
    const oid = /2\.16\.840\.1\.113883\.12\.(\d{1,4})$/.exec(uri);
    return oid ? oid[1].padStart(4, '0') : undefined;
}
