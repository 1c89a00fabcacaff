import type { Hover } from 'vscode-languageserver';
import { lookupField } from '../dictionaries/index.js';
import { isInterface, type Interface } from '../language/generated/ast.js';
import { fhirMappedValues, fhirVersionOf } from '../samples/fhir-check.js';
import { matchFhirResource } from '../samples/fhir-match.js';
import { readFhirJson, type FhirNode, type FhirResource, type TextRange } from '../samples/read/index.js';
import { mappingFeedLine } from './sample-mapping-line.js';
import type { SampleResults } from './sample-results.js';

/**
 * Hover in an open FHIR sample (a `.json` or `.ndjson` file an interface's `samples` lists): the element under the
 * cursor by its path (`Observation.valueQuantity.unit`) with its short description and type from the FHIR
 * definitions of the interface's release (FHIR R4 or R5 StructureDefinitions), and the mapping lines of the spec
 * that read it or an element it is part of. Null where the cursor is on no element, or the file is no listed sample.
 *
 * `position` is 0-based (LSP); the reader's positions are 1-based (samples/read/positions.ts).
 */
export async function fhirSampleHover(results: SampleResults, file: string, text: string, position: { line: number, character: number }): Promise<Hover | null> {
    const listing = await results.interfaceListing(file);
    if (listing === undefined) return null;
    const line = position.line + 1;
    const column = position.character + 1;
    const { resources } = readFhirJson(text);
    for (const resource of resources) {
        const node = deepestAt(resource.root, line, column);
        if (!node || node === resource.root) continue;
        const iface = interfaceOf(results, file, resource, listing);
        const version = iface ? fhirVersionOf(iface) : undefined;
        const elementPath = node.path;
        const lines = [`**${elementPath}**${describe(version, elementPath)}`];
        if (iface) {
            const feeding = fhirMappedValues({ file, resource, iface, version }, () => true)
                .filter(mapped => contains(mapped.node.range, node.range))
                .map(mapped => mapped.mapping);
            for (const mapping of [...new Set(feeding)]) lines.push(mappingFeedLine(results.rootOf(file), mapping, iface));
            if (feeding.length === 0) lines.push(`no mapping of interface ${iface.name} reads this element`);
        }
        return { contents: { kind: 'markdown', value: lines.join('\n\n') }, range: toLspRange(node.range) };
    }
    return null;
}

/** The innermost node whose text holds the 1-based position (a property's name counts as its value's). */
function deepestAt(node: FhirNode, line: number, column: number): FhirNode | undefined {
    if (!holds(node.range, line, column) && !(node.nameRange && holds(node.nameRange, line, column))) return undefined;
    for (const child of node.children) {
        const found = deepestAt(child, line, column);
        if (found) return found;
    }
    return node;
}

/** Whether a range holds a 1-based position, its end included (the cursor just after a value still names it). */
function holds(range: TextRange, line: number, column: number): boolean {
    const after = line > range.start.line || (line === range.start.line && column >= range.start.column);
    const before = line < range.end.line || (line === range.end.line && column <= range.end.column);
    return after && before;
}

/** Whether `outer` spans `inner` (a mapping of `Observation.valueQuantity` reads its `.unit`). */
function contains(outer: TextRange, inner: TextRange): boolean {
    return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

/** ` "Actual result" (Quantity)` from the FHIR definitions, or '' for a path they do not know. */
function describe(version: string | undefined, elementPath: string): string {
    const found = lookupField('FHIR', version, elementPath);
    return found.status === 'known' ? ` "${found.field.name}" (${found.field.dataType}${found.field.table ? `, value set ${found.field.table}` : ''})` : '';
}

/** The interface whose `samples` list the file (by name), else the one the resource matches among the root's. */
function interfaceOf(results: SampleResults, file: string, resource: FhirResource, listing: string): Interface | undefined {
    const interfaces = results.documentsOf(results.rootOf(file)).flatMap(document => document.parseResult.value.elements.filter(isInterface));
    const listed = interfaces.find(iface => iface.name === listing);
    if (listed) return listed;
    const matched = matchFhirResource(resource, interfaces);
    return matched.kind === 'matched' ? matched.iface : undefined;
}

/** A reader range (1-based) as an LSP range (0-based). */
function toLspRange(range: TextRange): Hover['range'] {
    return {
        start: { line: range.start.line - 1, character: range.start.column - 1 },
        end: { line: range.end.line - 1, character: range.end.column - 1 }
    };
}
