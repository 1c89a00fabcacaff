import type { Interface, Mapping, Message } from '../language/generated/ast.js';
import { interfaceStandard } from '../model/field-kinds.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { fhirDictionaryPath } from '../dictionaries/path-forms.js';
import { selectFhirElements } from './fhir-path-select.js';
import { fhirChild, type FhirNode, type FhirResource, type TextRange } from './read/index.js';

/**
 * FHIR samples against an interface's mappings: which mappings name elements of a resource's type, on which side
 * (the target of an HL7 v2 -> FHIR interface, the source of a FHIR -> X interface), and the elements of a captured
 * resource each mapping applies to, with their positions (the reader's `fhirElements`, which keeps them; a
 * FHIRPath engine gives values without positions).
 */

/** One resource of a FHIR sample file, matched to an interface. */
export interface SampleResource {
    /** Absolute path of the sample file. */
    readonly file: string;
    readonly resource: FhirResource;
    readonly iface: Interface;
    /** The FHIR release the resource is read against: the interface's `standard FHIR <version>`, else R4. */
    readonly version?: string;
}

/** Which side of a mapping the FHIR resource is. */
export type FhirSide = 'source' | 'target';

/** One mapping applied to one element of a resource. */
export interface FhirMappedValue {
    readonly mapping: Mapping;
    /** The side of the mapping the element is on: `target` for X -> FHIR, `source` for FHIR -> X. */
    readonly side: FhirSide;
    /** The element path the mapping names on that side (`Observation.status`), without the selectors it is written with. */
    readonly path: string;
    readonly node: FhirNode;
}

/** A FHIR element path: a resource type, then element names (`Observation.valueQuantity.value`). */
const FHIR_ELEMENT = /^([A-Z][A-Za-z]+)((\.[a-z_][A-Za-z0-9_]*)+)$/;

/**
 * The resource type an element path starts with, or undefined when the path is not a FHIR element path (`PID-3`,
 * `(0010,0020)`). A path that picks repetitions (`Patient.identifier.where("system = '…'").value`,
 * `Patient.extension("https://…").valueCode`, `Patient.name[0].family`) is one: fhirElementPath gives its element.
 */
export function fhirResourceTypeOf(path: string): string | undefined {
    return FHIR_ELEMENT.exec(fhirElementPath(path))?.[1];
}

/** The element path a written FHIR path names, its selectors and indices left out: `Patient.identifier.value`. */
export function fhirElementPath(path: string): string {
    return fhirDictionaryPath(path.trim()).replace(/\[\d+\]/g, '');
}

/**
 * The side of a mapping that is FHIR, for a FHIR sample: the source when the interface declares FHIR and the
 * source is a FHIR element path (the sample is what the sender sends), else the target when it is one (the sample
 * is what the interface produces, as in HL7 v2 -> FHIR); undefined when neither is.
 */
export function fhirSideOf(mapping: Mapping, iface: Interface): FhirSide | undefined {
    if (interfaceStandard(iface)?.standard === 'FHIR' && fhirResourceTypeOf(mapping.source) !== undefined) return 'source';
    if (mapping.target !== undefined && fhirResourceTypeOf(mapping.target) !== undefined) return 'target';
    return undefined;
}

/** The path a mapping names on a side. */
export function sidePath(mapping: Mapping, side: FhirSide): string {
    return (side === 'source' ? mapping.source : mapping.target).trim();
}

/** Every mapping of the interface's messages, those inside `when` groups included. */
export function interfaceMappings(iface: Interface): Mapping[] {
    return iface.messages.flatMap((message: Message) => messageMappings(message));
}

/** The resource types an interface's mappings name on their FHIR side, sorted. */
export function fhirResourceTypes(iface: Interface): string[] {
    return [...new Set(fhirMappingsOf(iface).map(entry => entry.resourceType))].sort();
}

/**
 * The elements of a resource each mapping of the interface applies to: the mappings whose FHIR side names an
 * element of the resource's type, and the resource's elements at that path (each array item on its own), in
 * mapping order and document order. `select` keeps the mappings a check is about.
 */
export function fhirMappedValues(sample: SampleResource, select: (mapping: Mapping, side: FhirSide) => boolean): FhirMappedValue[] {
    const result: FhirMappedValue[] = [];
    for (const { mapping, side, path, written, resourceType } of fhirMappingsOf(sample.iface)) {
        if (resourceType !== sample.resource.resourceType || !select(mapping, side)) continue;
        for (const node of selectFhirElements(sample.resource.root, written)) result.push({ mapping, side, path, node });
    }
    return result;
}

interface FhirMapping { readonly mapping: Mapping, readonly side: FhirSide, readonly path: string, readonly written: string, readonly resourceType: string }

/** An interface's mappings with a FHIR side, computed once per interface (they are asked for every resource of every file). */
const fhirMappings = new WeakMap<Interface, FhirMapping[]>();

function fhirMappingsOf(iface: Interface): FhirMapping[] {
    let list = fhirMappings.get(iface);
    if (!list) {
        list = [];
        for (const mapping of interfaceMappings(iface)) {
            const side = fhirSideOf(mapping, iface);
            const written = side && sidePath(mapping, side);
            const resourceType = written && fhirResourceTypeOf(written);
            if (side && written && resourceType) list.push({ mapping, side, path: fhirElementPath(written), written, resourceType });
        }
        fhirMappings.set(iface, list);
    }
    return list;
}

/** The range of a resource's `resourceType` value, else of the resource: the place of findings about the whole resource. */
export function resourceTypeRange(resource: FhirResource): TextRange {
    return fhirChild(resource.root, 'resourceType')?.range ?? resource.root.range;
}

/** A string primitive's value, with its range (the quoted string). */
export interface FhirText {
    readonly text: string;
    readonly node: FhirNode;
}

/** A primitive node's value as text (a number as written), or undefined for an object, array or null. */
export function primitiveText(node: FhirNode | undefined): string | undefined {
    if (!node || node.kind === 'object' || node.kind === 'array' || node.kind === 'null') return undefined;
    return node.kind === 'string' ? String(node.value) : node.raw ?? String(node.value);
}

/** The items of a node that may be a single value or an array of them. */
export function itemsOf(node: FhirNode | undefined): FhirNode[] {
    if (!node) return [];
    return node.kind === 'array' ? [...node.children] : [node];
}

/**
 * The codes an element carries, grouped by concept: a `code` primitive is one concept of one code; a Coding
 * (`Coding.code`) one of one; a CodeableConcept one concept of each `coding[].code`. A concept is handled when any
 * of its codes is (a CodeableConcept may carry a local code beside the standard one).
 */
export function codesAt(node: FhirNode): FhirText[][] {
    if (node.kind === 'string') return [[{ text: String(node.value), node }]];
    if (node.kind !== 'object') return [];
    const code = fhirChild(node, 'code');
    if (code?.kind === 'string' && !fhirChild(node, 'value')) return [[{ text: String(code.value), node: code }]];
    const codings = itemsOf(fhirChild(node, 'coding'))
        .map(coding => fhirChild(coding, 'code'))
        .filter((item): item is FhirNode => item?.kind === 'string')
        .map(item => ({ text: String(item.value), node: item }));
    return codings.length > 0 ? [codings] : [];
}

/** The FHIR release of an interface (its `standard FHIR <version>`), undefined for R4 by default. */
export function fhirVersionOf(iface: Interface): string | undefined {
    const declared = interfaceStandard(iface);
    return declared?.standard === 'FHIR' ? declared.version : undefined;
}
