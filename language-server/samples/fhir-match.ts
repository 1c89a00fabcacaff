import type { Interface } from '../language/generated/ast.js';
import { fhirResourceTypes } from './fhir-check.js';
import type { FhirResource } from './read/index.js';

/**
 * Which interface a FHIR resource belongs to: the interfaces whose mappings name elements of the resource's type
 * on their FHIR side (the target of an X -> FHIR mapping, the source where the interface declares FHIR).
 */

export type FhirMatchResult =
    | { kind: 'matched', iface: Interface }
    /** No interface maps the type; `candidates` are those that map FHIR elements, each with the types it maps. */
    | { kind: 'unmatched', candidates: Array<{ iface: Interface, reason: string }> }
    | { kind: 'ambiguous', candidates: Interface[] };

/** Why a resource does not belong to an interface, or undefined when it does. */
export function fhirMismatch(resource: FhirResource, iface: Interface): string | undefined {
    const types = fhirResourceTypes(iface);
    if (types.includes(resource.resourceType)) return undefined;
    return `its mappings name ${types.length > 0 ? types.join(', ') : 'no FHIR element'}, not ${resource.resourceType}`;
}

/** Matches one resource among the interfaces of a workspace. */
export function matchFhirResource(resource: FhirResource, interfaces: readonly Interface[]): FhirMatchResult {
    const fits: Interface[] = [];
    const candidates: Array<{ iface: Interface, reason: string }> = [];
    for (const iface of interfaces) {
        const types = fhirResourceTypes(iface);
        if (types.length === 0) continue;
        if (types.includes(resource.resourceType)) fits.push(iface);
        else candidates.push({ iface, reason: `its mappings name ${types.join(', ')}, not ${resource.resourceType}` });
    }
    if (fits.length === 1) return { kind: 'matched', iface: fits[0] };
    if (fits.length > 1) return { kind: 'ambiguous', candidates: fits };
    return { kind: 'unmatched', candidates };
}
