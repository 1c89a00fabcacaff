import { hl7v2ValueTypeKind } from '../dictionaries/hl7v2.js';
import { isMappingGroup, type Mapping, type MappingGroup, type Message } from '../language/generated/ast.js';
import type { MappedKind } from './field-kinds.js';

/** The `when` group a mapping sits in, if any. */
export function mappingCondition(mapping: Mapping): MappingGroup | undefined {
    return isMappingGroup(mapping.$container) ? mapping.$container : undefined;
}

/**
 * The kind a conditional mapping carries when its source has a varying type: inside `when OBX-2 = NM { OBX-5 -> … }`
 * OBX-5 is a quantity, with `CWE, CE` a code, with `ST` text (HL7 table 0125, Value type, gives the codes).
 * Undefined outside a group, for a source of fixed type (`sourceDataType` is not `VARIES`), or when the codes name
 * types of different kinds.
 */
export function conditionalKind(mapping: Mapping, sourceDataType: string | undefined): MappedKind | undefined {
    const group = mappingCondition(mapping);
    if (!group || sourceDataType !== 'VARIES' || !isValueTypeField(group.condition.field)) return undefined;
    const kinds = new Set(group.condition.values.map(value => hl7v2ValueTypeKind(String(value))));
    const [kind] = kinds;
    return kinds.size === 1 && kind !== undefined ? kind : undefined;
}

/** The HL7 v2 fields that give the data type of a varying field: OBX-2 for OBX-5 (and MFA-6 for MFA-5). */
export function isValueTypeField(path: string): boolean {
    return /^(OBX-2|MFA-6)$/i.test(path.trim());
}

/** A message's mappings, those inside `when` groups included, in the order written (groups after plain mappings). */
export function messageMappings(message: Message): Mapping[] {
    return [...message.mappings, ...(message.groups ?? []).flatMap(group => group.mappings)];
}

/** `OBX-2 = NM, SN`: a group's condition as written, for messages and matrix rows. */
export function conditionText(group: MappingGroup): string {
    return `${group.condition.field} = ${group.condition.values.join(', ')}`;
}
