import { DocumentState, URI } from 'langium';
import { createRequestHandler } from 'langium/lsp';
import type { Connection, Hover, HoverParams } from 'vscode-languageserver';
import { lookupField } from '../dictionaries/index.js';
import { isInterface, type Interface } from '../language/generated/ast.js';
import { interfaceStandard } from '../model/field-kinds.js';
import { matchInterface, specMessageOf } from '../samples/match.js';
import { readHl7v2, type Hl7Message, type Hl7Value } from '../samples/read/index.js';
import { mappedValues } from '../samples/sample-check.js';
import { isHl7v2SampleFile } from '../protocol/samples.js';
import type { InterspecServices } from './interspec-lsp-module.js';
import { fhirSampleHover } from './fhir-sample-hover.js';
import { mappingFeedLine } from './sample-mapping-line.js';
import type { SampleResults } from './sample-results.js';
import { isSampleUri } from './sample-documents.js';

/**
 * Hover in an open sample file. In HL7 v2: the value under the cursor's field (`OBX-11`, and its component
 * `PID-3.4`) with its name and data type from the HL7 v2 dictionary of the message's version (MSH-12), and the
 * mapping lines of the spec that read that value (conditions of `when` groups respected, as the sample rules
 * apply them). FHIR JSON samples get the same from `fhirSampleHover`. Takes over the connection's hover handler:
 * spec documents still get Langium's hover.
 */
export function registerSampleHover(connection: Connection, services: InterspecServices, results: SampleResults): void {
    const specHover = createRequestHandler(
        (language, document, params: HoverParams, token) => language.lsp?.HoverProvider?.getHoverContent(document, params, token),
        services.shared, DocumentState.Linked);
    connection.onHover(async (params, token) => {
        if (!isSampleUri(params.textDocument.uri)) return specHover(params, token);
        const document = services.shared.workspace.TextDocuments.get(params.textDocument.uri);
        if (!document) return null;
        const file = URI.parse(params.textDocument.uri).fsPath;
        try {
            return isHl7v2SampleFile(file)
                ? await sampleHover(services, results, file, document.getText(), params.position)
                : await fhirSampleHover(results, file, document.getText(), params.position);
        } catch (error) {
            connection.console.error(`Interspec: sample hover failed: ${error instanceof Error ? error.stack : String(error)}`);
            return null;
        }
    });
}

/** The hover at a 0-based position of an HL7 v2 sample's text, or null where there is no field value. */
export async function sampleHover(services: InterspecServices, results: SampleResults, file: string, text: string, position: { line: number, character: number }): Promise<Hover | null> {
    const line = position.line + 1;
    const column = position.character + 1;
    const { messages } = readHl7v2(text);
    const message = messages.find(candidate => candidate.segments.some(segment => segment.line === line));
    const segment = message?.segments.find(candidate => candidate.line === line);
    if (!message || !segment) return null;
    const field = segment.fields.find(candidate => contains(candidate, column));
    if (!field) return null;
    const repetition = field.repetitions.find(candidate => contains(candidate, column));
    const component = repetition && repetition.components.length > 1 ? repetition.components.find(candidate => contains(candidate, column)) : undefined;
    const fieldPath = `${segment.name}-${field.number}`;
    const version = message.header.version || undefined;
    const lines = [`**${fieldPath}**${describe(version, fieldPath)}`];
    if (component) {
        const componentPath = `${fieldPath}.${component.number}`;
        lines.push(`component **${componentPath}**${describe(version, componentPath)}`);
    }
    const iface = await interfaceOf(results, file, message);
    if (iface) {
        const spec = specMessageOf(iface, message);
        const sample = { file, message, iface, spec, version: version ?? interfaceStandard(iface)?.version };
        const feeding = mappedValues(sample, () => true)
            .filter(({ match }) => match.segment === segment && match.field.number === field.number && contains(match.value, column))
            .map(({ mapping }) => mapping);
        for (const mapping of [...new Set(feeding)]) lines.push(mappingFeedLine(results.rootOf(file), mapping, iface));
        if (feeding.length === 0) lines.push(`no mapping of interface ${iface.name} reads this value`);
    }
    return {
        contents: { kind: 'markdown', value: lines.join('\n\n') },
        range: { start: { line: position.line, character: field.column - 1 }, end: { line: position.line, character: field.endColumn - 1 } }
    };
}

/** Whether a value covers a 1-based column (its end included, so the cursor just after a value still names it). */
function contains(value: Hl7Value, column: number): boolean {
    return value.column <= column && column <= value.endColumn;
}

/** ` "Observation Result Status" (ID)` from the HL7 v2 dictionary, or '' for a path it does not know. */
function describe(version: string | undefined, fieldPath: string): string {
    const found = lookupField('HL7v2', version, fieldPath);
    return found.status === 'known' ? ` "${found.field.name}" (${found.field.dataType}${found.field.table ? `, table ${found.field.table}` : ''})` : '';
}

/** The interface whose `samples` list the file, else the one the message matches among the root's interfaces. */
async function interfaceOf(results: SampleResults, file: string, message: Hl7Message): Promise<Interface | undefined> {
    const root = results.rootOf(file);
    const interfaces = results.documentsOf(root).flatMap(document => document.parseResult.value.elements.filter(isInterface));
    const listing = await results.interfaceListing(file);
    if (listing) return interfaces.find(iface => iface.name === listing);
    const matched = matchInterface(message, interfaces);
    return matched.kind === 'matched' ? matched.iface : undefined;
}
