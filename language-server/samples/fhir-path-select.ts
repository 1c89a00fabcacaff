import type * as fhirpath from 'fhirpath';
import { fhirPathSteps, type FhirPathStep } from '../dictionaries/path-forms.js';
import { lazyRequire } from '../util/lazy-require.js';
import { fhirChild, fhirElements, type FhirNode } from './read/index.js';

/** fhirpath (with its ANTLR parser) loads on the first `where(…)` a sample meets, not with the samples. */
const fhirpathPackage = lazyRequire<typeof fhirpath>(() => require('fhirpath'), 'fhirpath');

/**
 * The elements of a resource a written FHIR path names, as a mapping writes it: a plain element path
 * (`Observation.valueQuantity.unit`: every such element, fhirElements) or one that picks repetitions on the way:
 * an index (`Patient.name[1].given`, 0-based as in FHIRPath), an extension by its URL
 * (`Patient.extension("https://…").valueCode`, FHIR R4 Extension.url) or a FHIRPath filter
 * (`Patient.identifier.where("system = 'urn:oid:…'").value`, evaluated on each repetition with the `fhirpath`
 * package: a repetition is kept when the criteria give `true`). A slice name (`extension:race`) picks nothing more
 * (what it means is in a profile). Returns the nodes, array items in place of arrays, in document order.
 */
export function selectFhirElements(root: FhirNode, written: string): FhirNode[] {
    const steps = fhirPathSteps(written.trim());
    if (!steps.some(step => step.selector === 'index' || step.selector === 'url' || step.selector === 'filter')) {
        return fhirElements(root, steps.map(step => step.name).join('.'));
    }
    let current = [root];
    for (const step of steps.slice(1)) current = current.flatMap(node => select(node, step));
    return current;
}

/** The repetitions of one step below a node that its selector keeps. */
function select(node: FhirNode, step: FhirPathStep): FhirNode[] {
    const child = fhirChild(node, step.name);
    let items = !child ? [] : child.kind === 'array' ? [...child.children] : [child];
    if (step.index !== undefined) items = items.slice(step.index, step.index + 1);
    if (step.url !== undefined) items = items.filter(item => { const url = fhirChild(item, 'url'); return url?.kind === 'string' && url.value === step.url; });
    for (const criteria of step.where ?? []) items = items.filter(item => holds(item, criteria));
    return items;
}

/** Whether FHIRPath `criteria` give `true` on an element (its JSON); criteria that do not evaluate keep nothing. */
function holds(node: FhirNode, criteria: string): boolean {
    try {
        // Synchronous: no async functions are enabled, so the result is an array, never a promise.
        const result = fhirpathPackage().evaluate(toJson(node) as object, criteria) as unknown[];
        return result.length === 1 && result[0] === true;
    } catch {
        return false; // not FHIRPath: known-fields reports the expression on the spec
    }
}

/** A node as the JSON it was read from. */
function toJson(node: FhirNode): unknown {
    switch (node.kind) {
        case 'object': return Object.fromEntries(node.children.map(child => [child.name, toJson(child)]));
        case 'array': return node.children.map(toJson);
        default: return node.value ?? null;
    }
}
