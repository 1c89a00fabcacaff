import type { AnalyteUnits, AnalyteUnit, CodeTable, Interface, Mapping, Site, UnitMapping } from '../language/generated/ast.js';
import { readZoneText, siteZoneOf, type ZoneReading } from '../model/time-zones.js';
import { codesAt, fhirMappedValues, interfaceMappings, primitiveText, type FhirSide, type SampleResource } from './fhir-check.js';
import { selectFhirElements } from './fhir-path-select.js';
import { fhirChild, type FhirNode } from './read/index.js';
import { codeTableFileCodes } from './code-table-file.js';

/**
 * What the sample rules read in a message or resource and compare with the spec, kept out of the rule files (each
 * exports its rule only) because the test matrix's observations (generators/sample-observations-fhir.ts) must read
 * exactly the same: the codes a code map handles or produces, the systems an identifier authority names and how an
 * Identifier compares with them, the zone a mapping declares and the times of a FHIR element, a Quantity.
 */

const handled = new WeakMap<Mapping, { table?: CodeTable, codes: ReadonlySet<string> | undefined }>();

/**
 * The codes a mapping's code map handles: its `receives` list when it has one (the contract), else the map's
 * sources; or its code table's codes, listed inline (`codes A, B`) or in its `file` (samples/code-table-file.ts).
 * Computed once per mapping (it is asked for every value of every message).
 */
export function handledCodes(mapping: Mapping): ReadonlySet<string> | undefined {
    // The code table may be in another file, rebuilt while this mapping's file is not: the cache holds it too.
    const table = mapping.table?.ref;
    const cached = handled.get(mapping);
    if (cached && cached.table === table) return cached.codes;
    let codes: ReadonlySet<string> | undefined;
    if (mapping.codes) {
        const list = mapping.codes.receives.length > 0 ? mapping.codes.receives : mapping.codes.entries.map(entry => entry.source);
        codes = new Set(list.map(code => String(code)));
    } else {
        codes = tableCodes(mapping);
    }
    handled.set(mapping, { table, codes });
    return codes;
}

/** The codes of the mapping's `codes table`: its inline codes, else those of its file; undefined without either. */
function tableCodes(mapping: Mapping): ReadonlySet<string> | undefined {
    const table = mapping.table?.ref;
    if (!table) return undefined;
    return table.codes.length > 0 ? new Set(table.codes.map(String)) : codeTableFileCodes(table);
}

/** Whether the mapping's codes are a catalogue kept in a file: coverage of every code by samples is not expected of it. */
export function isCatalogueFile(mapping: Mapping): boolean {
    const table = mapping.table?.ref;
    return !mapping.codes && table !== undefined && table.codes.length === 0 && table.file !== undefined;
}

const targets = new WeakMap<Mapping, { table?: CodeTable, codes: ReadonlySet<string> | undefined }>();

/**
 * The codes a mapping produces: its code map's targets, or its code table's codes (a table's codes pass through
 * unchanged). What a FHIR resource an X -> FHIR interface writes may carry.
 */
export function targetCodes(mapping: Mapping): ReadonlySet<string> | undefined {
    const table = mapping.table?.ref;
    const cached = targets.get(mapping);
    if (cached && cached.table === table) return cached.codes;
    const codes = mapping.codes ? new Set(mapping.codes.entries.map(entry => String(entry.target))) : tableCodes(mapping);
    targets.set(mapping, { table, codes });
    return codes;
}

/** The codes a FHIR element may carry: the map's targets where the resource is the mapping's target, the codes it handles where it is the source. */
export function fhirCodes(mapping: Mapping, side: FhirSide): ReadonlySet<string> | undefined {
    return side === 'target' ? targetCodes(mapping) : handledCodes(mapping);
}

/**
 * Whether an authority as sent (namespace id, universal id, universal id type) is the one the spec declares. The declared text names
 * it by its name (before any parenthesis: `VALLEY-MRN (urn:oid:2.16.528.1)`), an OID or URI written in it, or a
 * code-like word of it (upper-case letters, digits, `-`, `.`, `_`: `SOFTMIC` and `06D0987654` in `"SOFTMIC filler,
 * CLIA 06D0987654"`). A text that names none of these (`"Biomed asset register (machine serial)"`) describes the
 * register without naming its namespace: any authority the message names is taken as it (only a missing one is a
 * finding; the spec did not say which to expect).
 */
export function sameAuthority(declared: string, namespace: string, universal: string, universalType?: string): boolean {
    const { names, ids } = readAuthority(declared);
    if (names.length === 0) return true;
    const named = (sent: string) => sent !== '' && names.includes(sent.toUpperCase());
    // A namespace and a universal id sent together name one authority: where the spec writes its OID or URI, an
    // HD that pairs the right namespace with another register's OID (FRH-MPI&…8841.1.3, the PPCH-MRN OID) is not it.
    if (ids.length > 0 && namespace !== '' && universal !== '' && /^(urn:|\d+\.\d+\.|[a-z][a-z0-9+.-]*:\/\/)/i.test(universal) && !ids.includes(universal.toUpperCase())) return false;
    // A universal id type that names a scheme of its own (`EUI-64` in IHE PCD's OBX-18, `CLIA`) names the register;
    // the generic ones of HL7 table 0301 (`ISO`, `DNS`, `UUID`, …) only say how the universal id is written.
    const scheme = universalType !== undefined && !GENERIC_ID_TYPES.has(universalType.toUpperCase()) ? universalType : '';
    return named(namespace) || named(universal) || named(scheme);
}

/** HL7 table 0301 universal id types that say how an id is written, not which register issued it. */
const GENERIC_ID_TYPES = new Set(['DNS', 'GUID', 'HCD', 'HL7', 'ISO', 'L', 'M', 'N', 'RANDOM', 'URI', 'UUID', 'X400', 'X500']);

const ID_PATTERN = /[A-Za-z][A-Za-z0-9+.-]*:[^\s(),;]+|\b\d+(\.\d+){2,}\b/g;

/** A declared authority text as the comparison reads it: its names (see authorityNames) and its OIDs and URIs, upper-cased. */
interface AuthorityReading { readonly names: readonly string[], readonly ids: readonly string[] }

/** Readings by declared text: the same few texts are compared with every repetition of every message. */
const readings = new Map<string, AuthorityReading>();

function readAuthority(declared: string): AuthorityReading {
    let reading = readings.get(declared);
    if (!reading) {
        const name = declared.replace(/\(.*$/, '').trim().toUpperCase();
        const ids = (declared.match(ID_PATTERN) ?? []).flatMap(id => [id, id.replace(/^urn:oid:/i, '')]).map(id => id.toUpperCase());
        const words = (declared.replace(ID_PATTERN, ' ').match(/[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]/g) ?? [])
            .filter(word => /[A-Z]/.test(word) && !/[a-z]/.test(word))
            .map(word => word.toUpperCase());
        const describes = ids.length === 0 && words.length === 0 && /[a-z]/.test(declared.replace(/\(.*$/, ''));
        reading = { names: describes ? [] : [...new Set([name, ...ids, ...words])].filter(entry => entry !== ''), ids };
        if (readings.size >= 1000) readings.clear(); // texts typed in the editor: keep the cache small
        readings.set(declared, reading);
    }
    return reading;
}

/**
 * The names (upper-cased) an HL7 v2 namespace id or universal id is compared with for a declared authority text,
 * as sameAuthority reads it; empty for a text that only describes the register: then nothing is compared, and the
 * test matrix's observations do not pass an identifier row by it.
 */
export function authorityNames(declared: string): readonly string[] {
    return readAuthority(declared).names;
}

/** The URIs and OIDs a declared authority text names (`VALLEY-MRN (urn:oid:2.16.528.1)` → `urn:oid:2.16.528.1`). */
export function declaredSystems(declared: string): string[] {
    return (declared.match(/[A-Za-z][A-Za-z0-9+.-]*:[^\s()]+|\b\d+(\.\d+){2,}\b/g) ?? []).map(id => id.replace(/[,;]+$/, ''));
}

/**
 * The URIs and OIDs of a mapping's authority: those its text names, else those another mapping of the interface
 * writes for an authority of the same name (`"NF-MRN (the Patient found by this identifier)"` beside
 * `"NF-MRN (urn:oid:2.16.840.1.113883.3.7312.1)"`: one register, one system).
 */
export function authoritySystems(mapping: Mapping, iface: Interface): string[] {
    const own = declaredSystems(mapping.authority ?? '');
    if (own.length > 0 || !mapping.authority) return own;
    const name = authorityName(mapping.authority);
    if (name === '') return [];
    return [...new Set(interfaceMappings(iface).filter(other => other.authority && authorityName(other.authority) === name).flatMap(other => declaredSystems(other.authority!)))];
}

/** An authority text's name: the words before any parenthesis, upper case (`NF-MRN (…)` → `NF-MRN`). */
function authorityName(declared: string): string {
    return declared.replace(/\(.*$/, '').trim().toUpperCase();
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

/**
 * The Identifier a mapped element is: the element itself at an `…identifier` path (`Patient.identifier`), the
 * Identifier whose `value` a `…identifier.value` path names, or the
 * `identifier` of a Reference the mapping names (`ImagingStudy.subject`, `Observation.performer`: a logical
 * reference by identifier, FHIR R4 Reference.identifier); undefined otherwise (a literal reference alone names no
 * authority).
 */
function identifierAt(node: FhirNode, path: string): FhirNode | undefined {
    // `Observation.subject.identifier.value`: the value's Identifier is the one the authority is about.
    if (/(^|\.)identifier\.value$/i.test(path) && node.name === 'value' && node.parent?.kind === 'object') return node.parent;
    if (node.kind !== 'object') return undefined;
    if (/(^|\.)identifier$/i.test(path)) return node;
    const inner = fhirChild(node, 'identifier');
    return inner?.kind === 'object' ? inner : undefined;
}

/** The systems the interface's mappings pick Identifiers of the sample's resource type by: `X.identifier.where("system = 'S'")…` gives X.identifier and S. */
function systemFilters(sample: SampleResource): Array<{ path: string, system: string }> {
    const filters: Array<{ path: string, system: string }> = [];
    for (const mapping of interfaceMappings(sample.iface)) {
        for (const written of [mapping.source, mapping.target]) {
            const picked = written && /^(\s*[A-Z][A-Za-z]+(?:\.[a-z][A-Za-z0-9]*)*\.identifier)\.where\(\s*"\s*system\s*=\s*'([^']+)'\s*"\s*\)/.exec(written);
            if (picked && picked[1].trim().startsWith(`${sample.resource.resourceType}.`)) filters.push({ path: picked[1].trim(), system: picked[2] });
        }
    }
    return filters;
}

/**
 * Every Identifier of a FHIR sample at a mapped `…identifier` element or Reference, with how it compares (see
 * FhirIdentifierCheck).
 */
export function checkFhirIdentifiers(sample: SampleResource): FhirIdentifierCheck[] {
    const selected = fhirMappedValues(sample, mapping => mapping.authority !== undefined)
        .map(entry => ({ ...entry, path: entry.path.replace(/\.value$/i, ''), node: identifierAt(entry.node, entry.path) }))
        .filter((entry): entry is typeof entry & { node: FhirNode } => entry.node !== undefined);
    // The systems each element's mappings declare between them: an element mapped once per system holds them all,
    // as does one whose other mappings pick an Identifier by its system (`Patient.identifier.where("system = '…'")`).
    const systemsAt = new Map<string, string[]>();
    for (const { mapping, path } of selected) systemsAt.set(path, [...systemsAt.get(path) ?? [], ...authoritySystems(mapping, sample.iface)]);
    for (const { path, system } of systemFilters(sample)) systemsAt.set(path, [...systemsAt.get(path) ?? [], system]);
    const checks: FhirIdentifierCheck[] = [];
    for (const { mapping, path, node } of selected) {
        const system = fhirChild(node, 'system');
        const text = primitiveText(system);
        const systems = authoritySystems(mapping, sample.iface);
        const verdict = text === undefined || text.trim() === '' ? 'no-system'
            : systems.length === 0 ? 'unchecked'
                : sameSystem(systems, text) ? 'matches'
                    : sameSystem(systemsAt.get(path) ?? [], text) ? 'sibling' : 'other';
        checks.push({ mapping, node, verdict, system, declared: [...new Set(systemsAt.get(path) ?? [])] });
    }
    return checks;
}

/**
 * A zone text's reading without the zones it names as where values come from (`"America/New_York; Westmoor orders are
 * converted from America/Chicago by the engine"`: the values are New York's), when another zone is left.
 */
function valueZones(reading: ZoneReading, text: string): ZoneReading {
    const sources = reading.zones.filter(zone => new RegExp(`\\bfrom\\s+${zone.replace(/[/+]/g, '\\$&')}`).test(text));
    const zones = reading.zones.filter(zone => !sources.includes(zone));
    return sources.length > 0 && zones.length > 0 ? { ...reading, zones } : reading;
}

/** What a mapping's zone says (declaredZone). */
export interface DeclaredZone {
    /** The one zone (IANA name, or `UTC`) the values are in. */
    readonly zone?: string;
    /** The zones of the interface's sites, or the zones the text names, one of which a value's offset must have at its instant. */
    readonly siteZones?: readonly string[];
    /** The spec only says the offset is carried: siteZones are a presumption (the sender is at a site it serves). */
    readonly siteZonesPresumed?: boolean;
    /** siteZones are the zones the text names (`"… (sites in Australia/Adelaide and Australia/Darwin)"`), not the sites'. */
    readonly zonesNamed?: boolean;
    readonly offsetCarried: boolean;
    readonly text: string;
}

/**
 * What a mapping's zone says: the one zone (or UTC) its values are in (`zone`); where it is the zone of the site a
 * value comes from (`timezone site`, or a text that speaks of the site's time and names no zone, such as `"site
 * local time with (0008,0201) offset"`) on an interface of sites in several zones, those zones (`siteZones`: a
 * capture does not say its site, so a value must fit one of them); where it only says the offset is carried, the
 * zones of the interface's sites as a presumption (`siteZonesPresumed`); and whether it says each value carries its
 * offset.
 */
export function declaredZone(mapping: Mapping, iface: Interface): DeclaredZone | undefined {
    // Asked for every time of every message: read once per mapping (and interface, which --interface may name).
    // The sites may be in other files, rebuilt while this mapping's file is not: the cache holds them too.
    const sites = iface.sites.map(site => site.ref);
    const cached = zonesRead.get(mapping);
    if (cached?.iface === iface && cached.sites.length === sites.length && cached.sites.every((site, index) => site === sites[index])) return cached.zone;
    const zone = readDeclaredZone(mapping, iface);
    zonesRead.set(mapping, { iface, sites, zone });
    return zone;
}

const zonesRead = new WeakMap<Mapping, { iface: Interface, sites: ReadonlyArray<Site | undefined>, zone: DeclaredZone | undefined }>();

function readDeclaredZone(mapping: Mapping, iface: Interface): DeclaredZone | undefined {
    const zonesOfSites = () => {
        const zones = iface.sites.map(site => site.ref && siteZoneOf(site.ref));
        return zones.every((zone): zone is string => zone !== undefined) ? [...new Set(zones)].sort() : [];
    };
    if (mapping.siteTimezone) {
        const zones = zonesOfSites();
        if (zones.length === 0) return undefined;
        return zones.length === 1 ? { zone: zones[0], offsetCarried: false, text: `site ${zones[0]}` } : { siteZones: zones, offsetCarried: false, text: 'site' };
    }
    if (mapping.timezone === undefined) return undefined;
    const reading = valueZones(readZoneText(mapping.timezone), mapping.timezone);
    const zone = reading.zones.length === 1 && !reading.utc ? reading.zones[0] : reading.utc && reading.zones.length === 0 ? 'UTC' : undefined;
    // "Offset carried (sites in Australia/Adelaide and Australia/Darwin)": each value is in one of the zones named.
    if (reading.zones.length > 1 && !reading.utc) return { siteZones: [...reading.zones].sort(), zonesNamed: true, offsetCarried: reading.offsetCarried, text: mapping.timezone };
    if (!zone && reading.zones.length === 0 && !reading.utc && /\bsites?\b/i.test(mapping.timezone)) {
        const zones = zonesOfSites();
        if (zones.length === 1) return { zone: zones[0], offsetCarried: reading.offsetCarried, text: mapping.timezone };
        if (zones.length > 1) return { siteZones: zones, offsetCarried: reading.offsetCarried, text: mapping.timezone };
    }
    if (!zone && reading.zones.length === 0 && !reading.utc && reading.offsetCarried) {
        // "Offset carried in the value" names no zone: the sender's local offset is presumably that of a site the
        // interface serves, but the spec did not say so (sample-timestamps asks, as an info).
        const zones = zonesOfSites();
        if (zones.length > 0) return { siteZones: zones, siteZonesPresumed: true, offsetCarried: true, text: mapping.timezone };
    }
    return { zone, offsetCarried: reading.offsetCarried, text: mapping.timezone };
}

/** The date-time strings a mapped FHIR element is, or has directly (a Period's `start` and `end`). */
export function timesOf(node: FhirNode): FhirNode[] {
    const list = node.kind === 'object' ? node.children : [node];
    return list.filter(item => item.kind === 'string');
}

/** The Quantity a mapped FHIR element is, or whose `value`, `code` or `unit` it is; undefined for anything else. */
function quantityOf(node: FhirNode): FhirNode | undefined {
    if (node.kind === 'object') return fhirChild(node, 'value') || fhirChild(node, 'code') || fhirChild(node, 'unit') ? node : undefined;
    // The mapping may name the Quantity's value, or its code or unit (`…doseQuantity.code … units UCUM`).
    return (node.name === 'value' || node.name === 'code' || node.name === 'unit') && node.parent?.kind === 'object' ? node.parent : undefined;
}

/** One Quantity of a FHIR sample at a mapping with units: the unit it declares for the side the resource is, and the unit the Quantity carries. */
export interface FhirQuantity {
    readonly mapping: Mapping;
    /** The declared units: the mapping's `units`, or the entry of the analyte's code in its `units per …` block. */
    readonly units: UnitMapping;
    readonly quantity: FhirNode;
    /** The declared unit text (`mg/dL`, `UCUM`) on the resource's side: the mapping's target where the resource is what the interface writes. */
    readonly declared: string;
    /** The node of the unit sample-units reads: the Quantity's `code`, else its `unit`; undefined when it has neither. */
    readonly unitNode?: FhirNode;
    /** That unit's text, trimmed empty as ''. */
    readonly unit: string;
    /** With `units per <element>`: the analyte code whose entry declares the unit. */
    readonly analyte?: string;
}

/**
 * Every Quantity of a FHIR sample at a mapping with units, once (the first mapping that names it), in mapping and
 * document order. With `units per Observation.code { "weight": "g" -> "[lb_av]" … }`, the entry is the one of a
 * code the resource carries at the keying element (one of a CodeableConcept's codings suffices); a resource whose
 * code has no entry is not compared (an unhandled code is sample-codes' finding).
 */
export function fhirQuantities(sample: SampleResource): FhirQuantity[] {
    const result: FhirQuantity[] = [];
    const seen = new Set<FhirNode>();
    for (const { mapping, side, node } of fhirMappedValues(sample, mapping => mapping.units !== undefined || mapping.analyteUnits !== undefined)) {
        const quantity = quantityOf(node);
        if (!quantity || seen.has(quantity)) continue;
        seen.add(quantity);
        const entry = mapping.analyteUnits ? analyteEntryOf(sample, mapping.analyteUnits) : undefined;
        const units = entry?.units ?? mapping.units;
        if (!units) continue;
        const declared = side === 'target' ? units.target ?? units.source : units.source;
        if (declared === undefined) continue;
        const code = fhirChild(quantity, 'code');
        const unitNode = primitiveText(code) ? code : fhirChild(quantity, 'unit');
        result.push({ mapping, units, quantity, declared, unitNode, unit: primitiveText(unitNode)?.trim() ?? '', analyte: entry && String(entry.code) });
    }
    return result;
}

/** The entry of a `units per <element>` block for the code the resource carries at that element, if any. */
function analyteEntryOf(sample: SampleResource, block: AnalyteUnits): AnalyteUnit | undefined {
    const codes = selectFhirElements(sample.resource.root, block.field).flatMap(node => codesAt(node).flat()).map(code => code.text);
    return block.entries.find(entry => codes.includes(String(entry.code)));
}
