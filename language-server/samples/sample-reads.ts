import type { Interface, Mapping, UnitMapping } from '../language/generated/ast.js';
import { readZoneText, siteZoneOf } from '../model/time-zones.js';
import { fhirElementPath, fhirMappedValues, primitiveText, sidePath, type FhirSide, type SampleResource } from './fhir-check.js';
import { fhirChild, type FhirNode } from './read/index.js';

/**
 * What the sample rules read in a message or resource and compare with the spec, kept out of the rule files (each
 * exports its rule only) because the test matrix's observations (generators/sample-observations-fhir.ts) must read
 * exactly the same: the codes a code map handles or produces, the systems an identifier authority names and how an
 * Identifier compares with them, the zone a mapping declares and the times of a FHIR element, a Quantity.
 */

const handled = new WeakMap<Mapping, Set<string> | undefined>();

/**
 * The codes a mapping's code map handles: its `receives` list when it has one (the contract), else the map's
 * sources; or its code table's inline codes. Computed once per mapping (it is asked for every value of every message).
 */
export function handledCodes(mapping: Mapping): Set<string> | undefined {
    if (handled.has(mapping)) return handled.get(mapping);
    let codes: Set<string> | undefined;
    if (mapping.codes) {
        const list = mapping.codes.receives.length > 0 ? mapping.codes.receives : mapping.codes.entries.map(entry => entry.source);
        codes = new Set(list.map(code => String(code)));
    } else {
        const table = mapping.table?.ref;
        codes = table && table.codes.length > 0 ? new Set(table.codes.map(String)) : undefined;
    }
    handled.set(mapping, codes);
    return codes;
}

const targets = new WeakMap<Mapping, Set<string> | undefined>();

/** The codes a code map produces (its entries' targets): what a FHIR resource an X -> FHIR interface writes may carry. */
export function targetCodes(mapping: Mapping): Set<string> | undefined {
    if (!targets.has(mapping)) targets.set(mapping, mapping.codes ? new Set(mapping.codes.entries.map(entry => String(entry.target))) : undefined);
    return targets.get(mapping);
}

/** The codes a FHIR element may carry: the map's targets where the resource is the mapping's target, the codes it handles where it is the source. */
export function fhirCodes(mapping: Mapping, side: FhirSide): Set<string> | undefined {
    return side === 'target' ? targetCodes(mapping) : handledCodes(mapping);
}

/** The URIs and OIDs a declared authority text names (`VALLEY-MRN (urn:oid:2.16.528.1)` → `urn:oid:2.16.528.1`). */
export function declaredSystems(declared: string): string[] {
    return (declared.match(/[A-Za-z][A-Za-z0-9+.-]*:[^\s()]+|\b\d+(\.\d+){2,}\b/g) ?? []).map(id => id.replace(/[,;]+$/, ''));
}

/** Whether a FHIR `Identifier.system` is one of the declared URIs or OIDs (`urn:oid:1.2.3` and `1.2.3` are the same OID). */
function sameSystem(systems: readonly string[], system: string): boolean {
    const bare = (id: string) => id.replace(/^urn:oid:/i, '').replace(/\/+$/, '').toLowerCase();
    return systems.some(id => bare(id) === bare(system));
}

/**
 * How one FHIR Identifier at a mapping's `…identifier` element compares with the declared authority:
 * `matches` (its system is a URI or OID the authority names), `sibling` (another mapping of the same element and
 * resource type declares its system: `ImagingStudy.identifier` mapped twice, once per system, holds both),
 * `no-system`, `other` (a system no mapping of the element declares), or `unchecked` (the authority names no URI
 * or OID, so only a missing system is a finding).
 */
export interface FhirIdentifierCheck {
    readonly mapping: Mapping;
    readonly node: FhirNode;
    readonly verdict: 'matches' | 'sibling' | 'no-system' | 'other' | 'unchecked';
    readonly system?: FhirNode;
    /** The URIs and OIDs the mappings of the element declare between them, in mapping order. */
    readonly declared: readonly string[];
}

/** Every Identifier of a FHIR sample at a mapped `…identifier` element, with how it compares (see FhirIdentifierCheck). */
export function checkFhirIdentifiers(sample: SampleResource): FhirIdentifierCheck[] {
    const selected = fhirMappedValues(sample, (mapping, side) => mapping.authority !== undefined && /(^|\.)identifier$/i.test(fhirElementPath(sidePath(mapping, side))));
    // The systems each element's mappings declare between them: an element mapped once per system holds them all.
    const systemsAt = new Map<string, string[]>();
    for (const { mapping, path } of selected) systemsAt.set(path, [...systemsAt.get(path) ?? [], ...declaredSystems(mapping.authority!)]);
    const checks: FhirIdentifierCheck[] = [];
    for (const { mapping, path, node } of selected) {
        if (node.kind !== 'object') continue;
        const system = fhirChild(node, 'system');
        const text = primitiveText(system);
        const systems = declaredSystems(mapping.authority!);
        const verdict = text === undefined || text.trim() === '' ? 'no-system'
            : systems.length === 0 ? 'unchecked'
                : sameSystem(systems, text) ? 'matches'
                    : sameSystem(systemsAt.get(path) ?? [], text) ? 'sibling' : 'other';
        checks.push({ mapping, node, verdict, system, declared: [...new Set(systemsAt.get(path) ?? [])] });
    }
    return checks;
}

/** What a mapping's zone says: the one zone (or UTC) its values are in, and whether it says each value carries its offset. */
export function declaredZone(mapping: Mapping, iface: Interface): { zone?: string, offsetCarried: boolean, text: string } | undefined {
    if (mapping.siteTimezone) {
        const zones = [...new Set(iface.sites.map(site => site.ref && siteZoneOf(site.ref)))];
        return zones.length === 1 && zones[0] ? { zone: zones[0], offsetCarried: false, text: `site ${zones[0]}` } : undefined;
    }
    if (mapping.timezone === undefined) return undefined;
    const reading = readZoneText(mapping.timezone);
    const zone = reading.zones.length === 1 && !reading.utc ? reading.zones[0] : reading.utc && reading.zones.length === 0 ? 'UTC' : undefined;
    return { zone, offsetCarried: reading.offsetCarried, text: mapping.timezone };
}

/** The date-time strings a mapped FHIR element is, or has directly (a Period's `start` and `end`). */
export function timesOf(node: FhirNode): FhirNode[] {
    const list = node.kind === 'object' ? node.children : [node];
    return list.filter(item => item.kind === 'string');
}

/** The Quantity a mapped FHIR element is, or whose `value` it is; undefined for anything else. */
function quantityOf(node: FhirNode): FhirNode | undefined {
    if (node.kind === 'object') return fhirChild(node, 'value') || fhirChild(node, 'code') || fhirChild(node, 'unit') ? node : undefined;
    return node.name === 'value' && node.parent?.kind === 'object' ? node.parent : undefined;
}

/** One Quantity of a FHIR sample at a mapping with units: the unit it declares for the side the resource is, and the unit the Quantity carries. */
export interface FhirQuantity {
    readonly mapping: Mapping;
    readonly units: UnitMapping;
    readonly quantity: FhirNode;
    /** The declared unit text (`mg/dL`, `UCUM`) on the resource's side: the mapping's target where the resource is what the interface writes. */
    readonly declared: string;
    /** The node of the unit sample-units reads: the Quantity's `code`, else its `unit`; undefined when it has neither. */
    readonly unitNode?: FhirNode;
    /** That unit's text, trimmed empty as ''. */
    readonly unit: string;
}

/** Every Quantity of a FHIR sample at a mapping with units, once (the first mapping that names it), in mapping and document order. */
export function fhirQuantities(sample: SampleResource): FhirQuantity[] {
    const result: FhirQuantity[] = [];
    const seen = new Set<FhirNode>();
    for (const { mapping, side, node } of fhirMappedValues(sample, mapping => mapping.units !== undefined)) {
        const quantity = quantityOf(node);
        if (!quantity || seen.has(quantity)) continue;
        seen.add(quantity);
        const units = mapping.units!;
        const declared = side === 'target' ? units.target ?? units.source : units.source;
        if (declared === undefined) continue;
        const code = fhirChild(quantity, 'code');
        const unitNode = primitiveText(code) ? code : fhirChild(quantity, 'unit');
        result.push({ mapping, units, quantity, declared, unitNode, unit: primitiveText(unitNode)?.trim() ?? '' });
    }
    return result;
}
