/**
 * Cardinality of FHIR elements (ElementDefinition.min/max of the core StructureDefinitions, R4 and R5). Data:
 * data/fhir-r4-cardinality.json and data/fhir-r5-cardinality.json (only elements other than 0..1), built by
 * scripts/build-dictionaries.mjs; loaded only when first asked.
 */
import { loadData } from './load-data.js';
import { locateFhirElement, resolveFhirRelease } from './fhir.js';

interface CardinalityData {
    /** Type → element path below it → `min..max`, for every element that is not `0..1`. */
    cardinalities: Record<string, Record<string, string>>;
}

const loaded = new Map<string, CardinalityData>();

function load(release: 'R4' | 'R5'): CardinalityData {
    let data = loaded.get(release);
    if (!data) {
        data = release === 'R4'
            ? loadData<CardinalityData>(() => require('./data/fhir-r4-cardinality.json'), './data/fhir-r4-cardinality.json')
            : loadData<CardinalityData>(() => require('./data/fhir-r5-cardinality.json'), './data/fhir-r5-cardinality.json');
        loaded.set(release, data);
    }
    return data;
}

/** Members every resource or element has (added by the lookup, not in the data): their cardinality. */
const COMMON_MEMBERS: Record<string, string> = { contained: '0..*', extension: '0..*', modifierExtension: '0..*' };

/** An element's cardinality, `min..max` (`1..1`, `0..*`), from the type that defines it; undefined if unknown. */
export function fhirCardinality(version: string | undefined, path: string): { min: number, max: number | '*', text: string } | undefined {
    const release = resolveFhirRelease(version);
    const located = release ? locateFhirElement(version, path) : undefined;
    if (!release || !located) return undefined;
    const own = load(release).cardinalities[located.type];
    const last = located.elementPath.slice(located.elementPath.lastIndexOf('.') + 1);
    const text = (own && Object.hasOwn(own, located.elementPath) ? own[located.elementPath] : undefined) ?? COMMON_MEMBERS[last] ?? '0..1';
    const [min, max] = text.split('..');
    return { min: Number(min), max: max === '*' ? '*' : Number(max), text };
}

/** The top-level elements of a resource that must be present (min ≥ 1): `Observation` → status, code. */
export function requiredFhirElements(version: string | undefined, resource: string): string[] {
    const release = resolveFhirRelease(version);
    const own = release ? load(release).cardinalities[resource] : undefined;
    if (!own) return [];
    return Object.entries(own).filter(([path, text]) => !path.includes('.') && !text.startsWith('0')).map(([path]) => path);
}
