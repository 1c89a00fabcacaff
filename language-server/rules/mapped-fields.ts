import type { FieldInfo } from '../dictionaries/index.js';
import type { Mapping } from '../language/generated/ast.js';
import { lookupMappedField } from '../model/field-kinds.js';

/**
 * What the rules that read the field dictionaries' structure data (message-structure, type-compatibility,
 * repetition, required-targets) know of a mapped path. Each stays silent where the dictionary cannot say
 * (Z-segments, OBX-5 of varying type, unknown paths, standards without a dictionary): a false finding costs more
 * than a miss.
 */

/** The dictionary entry of one side of a mapping, when the dictionary knows the path. */
export function knownField(mapping: Mapping, side: 'source' | 'target'): FieldInfo | undefined {
    const lookup = lookupMappedField(mapping, side)?.result;
    return lookup?.status === 'known' ? lookup.field : undefined;
}
