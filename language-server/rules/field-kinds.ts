import type { Mapping } from '../generated/ast.js';

export type MappedKind = 'identifier' | 'quantity' | 'timestamp' | 'code' | 'text' | 'other';

/**
 * What a mapping carries: the explicit `as <kind>` wins; otherwise the field dictionary's kind of the source
 * field, then of the target field.
 */
export function mappingKind(mapping: Mapping): MappedKind | undefined {
    return mapping.kind;
}
