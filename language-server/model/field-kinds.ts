import { AstUtils } from 'langium';
import { detectStandard, isAssigningAuthority, isDateOnly, lookupField, type FieldInfo, type FieldLookup, type Standard } from '../dictionaries/index.js';
import { isInterface, type Interface, type Mapping } from '../language/generated/ast.js';
import { withoutAuthoritySelector } from '../dictionaries/path-forms.js';
import { conditionalKind } from './mapping-conditions.js';
import { declaredSegmentsOf, type DeclaredSegments } from './declared-segments.js';

/** What a mapping carries; `date` is a calendar date (no time of day, so no time zone), told apart from `timestamp`. */
export type MappedKind = 'identifier' | 'quantity' | 'timestamp' | 'date' | 'code' | 'text' | 'other';

const STANDARDS: Record<string, Standard> = { hl7v2: 'HL7v2', fhir: 'FHIR', dicom: 'DICOM' };

/** The dictionary standard an interface declares, if it is one of those with a dictionary. */
export function interfaceStandard(node: Interface | undefined): { standard: Standard, version?: string, targetVersion?: string } | undefined {
    const declared = node?.standard;
    const standard = declared?.name ? STANDARDS[declared.name.toLowerCase()] : undefined;
    if (!standard) {
        return undefined;
    }
    const result: { standard: Standard, version?: string, targetVersion?: string } = { standard, version: declared?.version === undefined ? undefined : String(declared.version) };
    if (declared?.targetVersion !== undefined) {
        result.targetVersion = String(declared.targetVersion);
    }
    return result;
}

/**
 * Looks one side of a mapping up in the field dictionaries. Only interfaces that declare HL7 v2, FHIR or DICOM
 * are checked (a REST or file payload has its own names); a path written in another of those standards (an
 * HL7 v2 field stored as a FHIR element), or a target field, is looked up in that standard's latest version.
 */
export function lookupMappedField(mapping: Mapping, side: 'source' | 'target'): MappedFieldLookup | undefined {
    const segments = declaredSegmentsOf(mapping);
    let cached = LOOKUPS.get(mapping);
    // Another file's Z-segment declaration may have changed since: the cache holds for the same declarations.
    if (!cached || cached.segments !== segments?.key) {
        cached = { segments: segments?.key, source: lookupSide(mapping, 'source', segments), target: lookupSide(mapping, 'target', segments) };
        LOOKUPS.set(mapping, cached);
    }
    return cached[side];
}

/** One side's lookup: `version` is the declared version it was looked up in (undefined: the latest data). */
type MappedFieldLookup = { standard: Standard, path: string, version?: string, result: FieldLookup };

/** Lookups per mapping node: several rules ask about the same mapping in one validation. */
const LOOKUPS = new WeakMap<Mapping, { segments?: string, source?: MappedFieldLookup, target?: MappedFieldLookup }>();

function lookupSide(mapping: Mapping, side: 'source' | 'target', segments: DeclaredSegments | undefined): MappedFieldLookup | undefined {
    const declared = interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface));
    // `PID-3[authority="NHS"]` is PID-3 to the dictionaries: the selector picks a repetition, not another field.
    const path = mapping[side] ? withoutAuthoritySelector(mapping[side]) : undefined;
    if (!declared || !path) {
        return undefined;
    }
    const standard = detectStandard(path);
    if (!standard || (standard === 'FHIR' && !/^[A-Z]/.test(path))) {
        return undefined; // not a dictionary path (FHIR types are capitalised)
    }
    // Both sides speak the declared version (`HL7v2 2.3.1 -> 2.5.1` gives the receiver's); a path of another
    // standard (an HL7 v2 field stored in a FHIR element) is looked up in that standard's latest version.
    const version = standard !== declared.standard ? undefined
        : side === 'source' ? declared.version : declared.targetVersion ?? declared.version;
    // A declared Z-segment's field is the workspace's, not the dictionary's, so it is never cached below.
    const declaredField = standard === 'HL7v2' ? segments?.lookup(version, path) : undefined;
    return { standard, path, version, result: declaredField ?? cachedLookup(standard, version, path) };
}

/**
 * Dictionary answers by standard, version and path: a workspace maps the same fields in many interfaces (PID-3 in
 * each feed), and each lookup resolves the version and walks the segment or resource again. Bounded, so a long
 * editing session that types many paths does not keep them all.
 */
const FIELD_LOOKUPS = new Map<string, FieldLookup>();
const MAX_FIELD_LOOKUPS = 10_000;

function cachedLookup(standard: Standard, version: string | undefined, path: string): FieldLookup {
    const key = `${standard}\u0000${version ?? ''}\u0000${version === undefined ? 0 : 1}\u0000${path}`;
    let result = FIELD_LOOKUPS.get(key);
    if (!result) {
        if (FIELD_LOOKUPS.size >= MAX_FIELD_LOOKUPS) FIELD_LOOKUPS.clear();
        result = lookupField(standard, version, path);
        FIELD_LOOKUPS.set(key, result);
    }
    return result;
}

function knownField(mapping: Mapping, side: 'source' | 'target'): FieldInfo | undefined {
    const found = lookupMappedField(mapping, side)?.result;
    return found?.status === 'known' ? found.field : undefined;
}

/**
 * What a mapping carries: the explicit `as <kind>` wins; otherwise the dictionary's kind of the source field,
 * or of the target field when the source says nothing specific (an HL7 v2 OBX-5 of varying type). A side that is
 * the assigning authority of an identifier (PID-3.4, IssuerOfPatientID) makes the mapping `other`: it names who
 * issued identifiers and needs no authority of its own. A timestamp where either side holds a date only (HL7 v2
 * DT, FHIR `date`, DICOM DA) is a `date`. Inside `when OBX-2 = NM { … }` a source of varying type has the kind
 * the condition names.
 */
export function mappingKind(mapping: Mapping): MappedKind | undefined {
    if (mapping.kind) {
        return mapping.kind;
    }
    const sides = (['source', 'target'] as const).map(side => ({ field: knownField(mapping, side), version: lookupMappedField(mapping, side)?.version }));
    if (sides.some(({ field, version }) => field !== undefined && isAssigningAuthority(field, version))) {
        return 'other';
    }
    const conditional = conditionalKind(mapping, sides[0].field?.dataType);
    if (conditional) {
        return conditional;
    }
    if (sides.every(({ field }) => field === undefined)) {
        return payloadKind(mapping.source) ?? payloadKind(mapping.target);
    }
    const kinds = sides.map(({ field }) => field?.kind);
    const kind = kinds.find(k => k !== undefined && k !== 'other' && k !== 'text') ?? kinds[0];
    if (kind === 'timestamp' && sides.some(({ field }) => field !== undefined && (isDateOnly(field) || isBirthDate(field)))) {
        return 'date';
    }
    return kind;
}

/**
 * A date of birth: HL7 v2 PID-7 and NK1-16 "Date/Time of Birth" are TS, but what every sender puts there is the
 * calendar date of birth (FHIR Patient.birthDate is a `date`, DICOM PatientBirthDate (0010,0030) a DA): it has no
 * instant to place in a time zone, and a zone applied to it moves the birthday by a day.
 */
function isBirthDate(field: FieldInfo): boolean {
    return /\b(date(\/time)? of birth|birth ?date)\b/i.test(field.name) || /BirthDate$/.test(field.path);
}

/** FHIR types of whole numbers, which carry no unit (a Quantity does): integer, positiveInt, unsignedInt, integer64. */
const FHIR_WHOLE_NUMBERS = /^(integer|positiveInt|unsignedInt|integer64)$/;

/**
 * Whether a numeric field is a count or an ordinal, which has no unit: a FHIR whole number (multipleBirthInteger,
 * Observation.valueInteger: FHIR R4 puts units in a Quantity only), or an HL7 v2 NM whose name says it numbers or
 * counts things (PID-25 Birth Order, "Number of …", "… Count", set IDs and sequence numbers).
 */
export function isCount(field: FieldInfo | undefined): boolean {
    if (!field || field.kind !== 'quantity') return false;
    if (field.standard === 'FHIR') return FHIR_WHOLE_NUMBERS.test(field.dataType);
    return field.standard === 'HL7v2' && field.dataType === 'NM' && /\b(order|number|count|sequence|set id|rank)\b/i.test(field.name);
}

/**
 * The field that carries a quantity's unit where the standard keeps the unit apart from the amount: a FHIR
 * Quantity's `.code` and `.unit` beside its `.value`, an HL7 v2 amount's units field that follows it in the segment
 * (RXE-3/RXE-4 → RXE-5 Give Units, RXD-4 → RXD-5, RXG-5 → RXG-7, RXA-6 → RXA-7: the first field
 * within three after it whose name ends in Unit or Units). Undefined when the field has none.
 */
export function unitCompanions(field: FieldInfo | undefined, version: string | undefined): string[] {
    if (!field) return [];
    if (field.standard === 'FHIR') {
        return /\.value$/.test(field.path) ? [field.path.replace(/\.value$/, '.code'), field.path.replace(/\.value$/, '.unit')] : [];
    }
    const match = field.standard === 'HL7v2' ? /^([A-Z0-9]{3})-(\d+)$/.exec(field.path) : null;
    if (!match) return [];
    for (let position = Number(match[2]) + 1; position <= Number(match[2]) + 3; position++) {
        const next = cachedLookup('HL7v2', version, `${match[1]}-${position}`);
        if (next.status === 'known' && next.field.kind === 'code' && /\bUnits?$/i.test(next.field.name)) return [next.field.path];
    }
    return [];
}

/**
 * Whether the message of a quantity's mapping also maps the field that carries its unit (see `unitCompanions`), on
 * either side: the unit varies per message (mg for one drug, [iU] for another), so it travels in its own field and
 * a fixed `units "…"` on the amount would be wrong.
 */
export function unitMappedBeside(mapping: Mapping, mappings: readonly Mapping[]): boolean {
    // An observation's value (OBX-5, Observation.value[x]) is a result of many analytes: its units are declared per
    // analyte (`units per OBX-3 { … }`), so a mapped units field does not say which unit each result arrives in.
    if ([mapping.source, mapping.target].some(path => path !== undefined && OBSERVATION_VALUE.test(path))) return false;
    const companions = new Set<string>();
    for (const side of ['source', 'target'] as const) {
        const found = lookupMappedField(mapping, side);
        const field = found?.result.status === 'known' ? found.result.field : undefined;
        for (const path of unitCompanions(field, found?.version)) companions.add(stripIndexes(path));
    }
    if (companions.size === 0) return false;
    return mappings.some(other => other !== mapping && (['source', 'target'] as const).some(side => {
        const written = other[side] ? stripIndexes(withoutAuthoritySelector(other[side])) : undefined;
        return written !== undefined && [...companions].some(path => written === path || written.startsWith(`${path}.`));
    }));
}

const OBSERVATION_VALUE = /^(OBX-5\b|Observation\.(component(\[\d+\])?\.)?value)/;

/** A path without repetition indexes: `MedicationRequest.dosageInstruction[0].doseAndRate[0].doseQuantity.code` → without `[0]`. */
function stripIndexes(path: string): string {
    return path.replace(/\[[^\]]*\]/g, '');
}

/**
 * The kind a payload field's name says, where no dictionary knows the field (a REST, file or ASTM payload):
 * `cycle.startedAt`, `event.raised_at`, `header.timestamp`, `result.completedDateTime` are points in time. Names
 * that may be durations (`holdTime`, `turnaroundTime`) or dates (`dueDate`) say nothing.
 */
export function payloadKind(path: string | undefined): MappedKind | undefined {
    const name = path?.split('.').pop()?.replace(/\[[^\]]*\]$/, '') ?? '';
    return /^(timestamp|date[tT]ime)$|[a-z0-9](At|DateTime|Datetime|Timestamp|TimeStamp)$|_(at|datetime|timestamp)$/.test(name) ? 'timestamp' : undefined;
}

/** HL7 v2 coded types that carry their coding system with each code (CWE.3, CE.3, CNE.3). */
const CODED_WITH_SYSTEM = new Set(['CWE', 'CE', 'CNE']);

/**
 * Whether a field holds codes of an external coding system that travel with their system and text: an HL7 v2
 * CWE/CE/CNE whose table the standard leaves open (OBX-3 LOINC, OBR-4 universal service identifier: no HL7-fixed
 * codes in the dictionary), as opposed to a status field of a fixed HL7 table (OBX-11, table 0085).
 */
export function carriesExternalCodes(field: FieldInfo | undefined): boolean {
    return field !== undefined && field.standard === 'HL7v2' && CODED_WITH_SYSTEM.has(field.dataType) && !field.codes?.length;
}

/**
 * Whether a mapping passes catalogue codes through untranslated: an HL7 v2 field of external codes (see
 * `carriesExternalCodes`) into a field that keeps code and system together (a FHIR CodeableConcept or Coding, an
 * HL7 v2 CWE/CE/CNE such as the same field: `OBR-4 -> OBR-4`, `OBX-3 -> OBX-3`), or into free text, which receives
 * the code's text (CWE.2): OBR-4 into Requested Procedure Description (0032,1060) is the customary worklist use. Nothing
 * is translated, so there is no code map to write, and a code the receiver does not know stays recognisable.
 */
export function passesCodesThrough(mapping: Mapping): boolean {
    if (mapping.kind !== undefined && mapping.kind !== 'code' && mapping.kind !== 'text') return false;
    const source = knownField(mapping, 'source');
    const target = knownField(mapping, 'target');
    if (!carriesExternalCodes(source) || !target) return false;
    if (target.standard === 'FHIR') return /^(CodeableConcept|Coding)$/.test(target.dataType) || target.kind === 'text';
    if (target.standard === 'HL7v2') return CODED_WITH_SYSTEM.has(target.dataType) || target.kind === 'text';
    return target.kind === 'text';
}
