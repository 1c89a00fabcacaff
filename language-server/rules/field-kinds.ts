import { AstUtils } from 'langium';
import { detectStandard, lookupField, type FieldInfo, type FieldLookup, type Standard } from '../dictionaries/index.js';
import { isInterface, type Interface, type Mapping } from '../generated/ast.js';

export type MappedKind = 'identifier' | 'quantity' | 'timestamp' | 'code' | 'text' | 'other';

const STANDARDS: Record<string, Standard> = { hl7v2: 'HL7v2', fhir: 'FHIR', dicom: 'DICOM' };

/** The dictionary standard an interface declares, if it is one of those with a dictionary. */
export function interfaceStandard(node: Interface | undefined): { standard: Standard, version?: string } | undefined {
    const declared = node?.standard;
    const standard = declared?.name ? STANDARDS[declared.name.toLowerCase()] : undefined;
    return standard ? { standard, version: declared?.version === undefined ? undefined : String(declared.version) } : undefined;
}

/**
 * Looks one side of a mapping up in the field dictionaries. Only interfaces that declare HL7 v2, FHIR or DICOM
 * are checked (a REST or file payload has its own names); a path written in another of those standards (an
 * HL7 v2 field stored as a FHIR element), or a target field, is looked up in that standard's latest version.
 */
export function lookupMappedField(mapping: Mapping, side: 'source' | 'target'): MappedFieldLookup | undefined {
    let cached = LOOKUPS.get(mapping);
    if (!cached) {
        cached = { source: lookupSide(mapping, 'source'), target: lookupSide(mapping, 'target') };
        LOOKUPS.set(mapping, cached);
    }
    return cached[side];
}

type MappedFieldLookup = { standard: Standard, path: string, result: FieldLookup };

/** Lookups per mapping node: several rules ask about the same mapping in one validation. */
const LOOKUPS = new WeakMap<Mapping, { source?: MappedFieldLookup, target?: MappedFieldLookup }>();

function lookupSide(mapping: Mapping, side: 'source' | 'target'): MappedFieldLookup | undefined {
    const declared = interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface));
    const path = mapping[side];
    if (!declared || !path) {
        return undefined;
    }
    const standard = detectStandard(path);
    if (!standard || (standard === 'FHIR' && !/^[A-Z]/.test(path))) {
        return undefined; // not a dictionary path (FHIR types are capitalised)
    }
    // The declared version is what the sender speaks; the target side may be the receiver's newer version.
    const version = side === 'source' && standard === declared.standard ? declared.version : undefined;
    return { standard, path, result: lookupField(standard, version, path) };
}

function knownField(mapping: Mapping, side: 'source' | 'target'): FieldInfo | undefined {
    const found = lookupMappedField(mapping, side)?.result;
    return found?.status === 'known' ? found.field : undefined;
}

/**
 * What a mapping carries: the explicit `as <kind>` wins; otherwise the dictionary's kind of the source field,
 * or of the target field when the source says nothing specific (an HL7 v2 OBX-5 of varying type).
 */
export function mappingKind(mapping: Mapping): MappedKind | undefined {
    if (mapping.kind) {
        return mapping.kind;
    }
    const kinds = [knownField(mapping, 'source')?.kind, knownField(mapping, 'target')?.kind];
    return kinds.find(kind => kind !== undefined && kind !== 'other' && kind !== 'text') ?? kinds[0];
}
