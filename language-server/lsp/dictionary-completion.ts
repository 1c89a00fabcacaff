/**
 * Completion from the field dictionaries (HL7 v2, FHIR, DICOM) for the interface's declared standard and
 * version: standards and versions after `standard`, message types after `message`, segments, fields,
 * components, resources, element paths, tags and keywords in a mapping (the target side ranked by the kind of
 * the source field, and by the standard the message's targets are written in), `->` after a mapping's source and
 * `=` after a `when` field, and the codes of the field's table or required value set in a code map with what each
 * code means.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { listFields, lookupField, type FieldInfo, type FieldKind, type Standard } from '../dictionaries/index.js';
import type { DeclaredSegments } from '../model/declared-segments.js';
import { fhirCardinality } from '../dictionaries/fhir-cardinality.js';
import { listFhirResources } from '../dictionaries/fhir.js';
import { hl7v2FieldUsage, hl7v2Versions, listHl7v2Messages, lookupHl7v2Message } from '../dictionaries/hl7v2-messages.js';
import { listHl7v2Segments } from '../dictionaries/hl7v2-segments.js';
import { interfaceContextAt, type InterfaceContext } from './dictionary-context.js';
import { codeMeanings } from '../dictionaries/code-meanings.js';
import { commonStandard, pathStandard } from './mapping-target-standard.js';

/** What dictionary completion offers at a position; `merge` asks the caller to keep the grammar's keywords too. */
export interface DictionaryCompletion {
    items: CompletionItem[];
    merge: boolean;
    /** More matches exist than were returned: the editor should ask again as the user types. */
    incomplete?: boolean;
}

/** The versions each standard is published in, newest first where users most likely want it. */
const FHIR_VERSIONS: ReadonlyArray<[string, string]> = [['4.0.1', 'FHIR R4'], ['R4', 'FHIR R4'], ['4.3.0', 'FHIR R4B'], ['R4B', 'FHIR R4B'], ['5.0.0', 'FHIR R5'], ['R5', 'FHIR R5']];
const STANDARDS: ReadonlyArray<[Standard, string]> = [['HL7v2', 'HL7 Version 2 messaging'], ['FHIR', 'HL7 FHIR resources'], ['DICOM', 'DICOM attributes (PS3.6)']];
/** Lists as long as DICOM's keywords are cut here; the list is marked incomplete so the editor asks again. */
const MAX_ITEMS = 300;

const PATH_CHARS = String.raw`[\w.\-()\[\],^]`;

/** What the workspace knows beyond the text of the document, asked only where completion needs it. */
export interface WorkspaceHints {
    /** The Z-segments the workspace declares. */
    segments?: DeclaredSegments;
    /** The standard a receiving system takes, from the workspace's other interfaces into it (receiverStandard). */
    receiverStandard?: (system: string, except?: string) => Standard | undefined;
}

/** Dictionary completion at `offset`, or undefined where the dictionaries have nothing to say. Never throws on partial text. */
export function dictionaryCompletion(document: TextDocument, offset: number, hints: WorkspaceHints = {}): DictionaryCompletion | undefined {
    try {
        zSegments = hints.segments;
        receiverHint = hints.receiverStandard;
        return complete(document, offset);
    } catch {
        return undefined;
    } finally {
        zSegments = undefined;
        receiverHint = undefined;
    }
}

/** The Z-segments the workspace declares, for the completion being computed (set per call; completion is synchronous). */
let zSegments: DeclaredSegments | undefined;
/** The receiving system's standard, for the completion being computed (set per call like zSegments). */
let receiverHint: WorkspaceHints['receiverStandard'];

function complete(document: TextDocument, offset: number): DictionaryCompletion | undefined {
    const text = document.getText();
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    if (/\/\/|\/\*/.test(before.replace(/"(\\.|[^"\\])*"/g, '""'))) return undefined;
    const range = (typed: string): Range => ({ start: document.positionAt(offset - typed.length), end: document.positionAt(offset) });
    const context = interfaceContextAt(text, offset);
    if (!context) return undefined;

    let match = /^\s*standard\s+(\w*)$/.exec(before);
    if (match) return { items: standardItems(range(match[1])), merge: false };
    match = /^\s*standard\s+(\w+)\s+("?[\w.-]*)$/.exec(before);
    if (match) {
        const items = versionItems(match[1], range(match[2]), match[2].startsWith('"'));
        return items ? { items, merge: false } : undefined;
    }
    match = /^\s*message\s+([\w^]*)$/.exec(before);
    if (match) {
        if (context.standard !== 'HL7v2') return undefined;
        return { items: messageItems(context, range(match[1])), merge: false };
    }
    if (!context.messageType) return undefined;

    // Code map entries: after `codes {` or a `,` in it, before the entry's `->`.
    const codeMap = codeMapContext(text, offset);
    if (codeMap) {
        // The target side is looked up like the rules do: in the declared version only when it is the declared standard's source.
        const field = codeMap.side === 'source' ? sourceField(context, codeMap.source) : targetField(context, codeMap.target);
        return { items: codeItems(context, field, range(codeMap.typed), codeMap.side === 'source' ? 'entry' : 'value'), merge: false };
    }

    // After a `when` field, its comparison, then the field's codes; after a mapping's source (with a repetition
    // chosen by authority, `PID-3[authority = "NHS"]`), the arrow. The grammar's keywords there hold no letter, so
    // Langium proposes nothing.
    match = new RegExp(`^\\s*when\\s+${PATH_CHARS}+\\s+$`).exec(before);
    if (match) return { items: [operatorItem('=', 'the field holds one of the codes that follow', range(''))], merge: false };
    match = new RegExp(`^\\s*when\\s+(${PATH_CHARS}+)\\s*=\\s*((?:(?:"[^"]*"|[\\w.-]+)\\s*,\\s*)*)("?[\\w.-]*)$`).exec(before);
    if (match) {
        const listed = new Set(match[2].split(',').map(code => code.trim().replace(/^"|"$/g, '')).filter(Boolean));
        const field = sourceField(context, match[1]);
        return { items: field ? codeItems(context, field, range(match[3]), 'value').filter(item => !listed.has(item.label)) : [], merge: false };
    }
    match = new RegExp(`^\\s*(${PATH_CHARS}+(?:\\[\\s*authority\\s*=\\s*"[^"]*"\\s*\\])?)\\s+(-?)$`).exec(before);
    if (match && !/^(when|suppress)$/.test(match[1])) {
        return { items: [operatorItem('->', `maps ${match[1]} to a target field`, range(match[2]), true)], merge: false };
    }
    match = new RegExp(`^(\\s*)(${PATH_CHARS}*)$`).exec(before);
    if (match) {
        const typed = match[2];
        const items = pathItems(context, typed, range(typed), undefined);
        // A bare word may also be the start of `suppress`: keep the grammar's keywords.
        return { items: items.items, merge: !/[-.(]/.test(typed), incomplete: items.incomplete };
    }
    match = new RegExp(`^\\s*(${PATH_CHARS}+)\\s*->\\s*(${PATH_CHARS}*)$`).exec(before);
    if (match) {
        const source = sourceField(context, match[1]);
        const items = pathItems(context, match[2], range(match[2]), source?.kind, targetStandard(context));
        return { items: items.items, merge: false, incomplete: items.incomplete };
    }
    return undefined;
}

/** An operator of a mapping line; `->` asks the editor for the target's completion at once. */
function operatorItem(operator: string, detail: string, range: Range, thenTarget = false): CompletionItem {
    return {
        label: operator, kind: CompletionItemKind.Operator, detail, sortText: '0', filterText: operator,
        textEdit: { range, newText: `${operator} ` },
        command: thenTarget ? { title: 'target', command: 'editor.action.triggerSuggest' } : undefined
    };
}

/**
 * The standard the mapping being written most likely targets: the one most of the message's other mappings target
 * (an HL7 v2 to FHIR message maps into FHIR), else the one the receiving system takes elsewhere in the workspace,
 * else the interface's declared standard.
 */
function targetStandard(context: InterfaceContext): Standard | undefined {
    return commonStandard(context.messageTargets)
        ?? (context.targetSystem ? receiverHint?.(context.targetSystem, context.name) : undefined)
        ?? context.standard;
}

function standardItems(range: Range): CompletionItem[] {
    return STANDARDS.map(([name, detail], index) => ({
        label: name, kind: CompletionItemKind.EnumMember, detail, sortText: String(index),
        textEdit: { range, newText: name }
    }));
}

function versionItems(standard: string, range: Range, quoted: boolean): CompletionItem[] | undefined {
    // Versions are written bare where the grammar reads them as one token (2.5.1, 2.7, R4), else quoted.
    const quote = (version: string) => (quoted || !/^\d+(\.\d+)*$|^[A-Za-z]\w*$/.test(version) ? `"${version}"` : version);
    switch (standard.toLowerCase()) {
        case 'hl7v2': {
            const versions = hl7v2Versions().reverse();
            return versions.map((version, index) => ({
                label: version, kind: CompletionItemKind.Constant, detail: `HL7 v${version}`,
                sortText: String(index).padStart(2, '0'), filterText: quoted ? `"${version}` : version,
                textEdit: { range, newText: quote(version) }
            }));
        }
        case 'fhir':
            return FHIR_VERSIONS.map(([version, detail], index) => ({
                label: version, kind: CompletionItemKind.Constant, detail,
                sortText: String(index).padStart(2, '0'), filterText: quoted ? `"${version}` : version,
                textEdit: { range, newText: quote(version) }
            }));
        case 'dicom': {
            // The attribute dictionary is cumulative; the version names the edition the interface conforms to.
            const year = new Date().getUTCFullYear();
            return [`${year}a`, `${year - 1}e`, `${year - 1}d`, `${year - 1}c`, `${year - 1}b`].map((edition, index) => ({
                label: edition, kind: CompletionItemKind.Constant, detail: 'DICOM edition (the attribute dictionary is cumulative)',
                sortText: String(index), filterText: `"${edition}`, textEdit: { range, newText: `"${edition}"` }
            }));
        }
        default:
            return undefined;
    }
}

function messageItems(context: InterfaceContext, range: Range): CompletionItem[] {
    return listHl7v2Messages(context.version).map((message) => ({
        label: message.type,
        kind: CompletionItemKind.Event,
        detail: message.description,
        labelDetails: { description: message.structure },
        documentation: { kind: 'markdown', value: `Structure \`${message.structure}\` (HL7 v${message.version}):\n\n\`${message.syntax}\`` },
        textEdit: { range, newText: message.type }
    }));
}

/** The dictionary entry of a mapping's source path, if the dictionaries know it. */
function sourceField(context: InterfaceContext, path: string): FieldInfo | undefined {
    const standard = pathStandard(path);
    if (!standard) return undefined;
    const version = standard === context.standard ? context.version : undefined;
    const found = (standard === 'HL7v2' ? zSegments?.lookup(version, path) : undefined) ?? lookupField(standard, version, path);
    return found.status === 'known' ? found.field : undefined;
}

function targetField(context: InterfaceContext, path: string): FieldInfo | undefined {
    const standard = pathStandard(path);
    const found = standard ? lookupField(standard, undefined, path) : undefined;
    return found?.status === 'known' ? found.field : undefined;
}

/**
 * Paths for what is typed: the fields of a segment, the elements of a resource, DICOM tags, or for a bare word the
 * segments, resources and keywords. `target` is the standard a mapping's target side most likely takes
 * (targetStandard), else (a mapping's source) the interface's declared standard. Its names lead: for HL7 v2 the
 * message's own segments (`a`) and the declared Z-segments (`b`), for FHIR the resources (`a`, those the message
 * maps into first); then the message's own segments (`b`), Z-segments (`c`), FHIR resources (`d`), other segments
 * (`e`).
 */
function pathItems(context: InterfaceContext, typed: string, range: Range, sourceKind: FieldKind | undefined, target?: Standard): { items: CompletionItem[], incomplete?: boolean } {
    const standard = pathStandard(typed);
    const version = (target: Standard) => (target === context.standard ? context.version : undefined);
    const rank = (field: FieldInfo) => rankFor(sourceKind, field);
    if (standard === 'HL7v2') {
        // A declared Z-segment's fields, as its `segment` declaration gives them.
        const fields = [...listFields('HL7v2', version('HL7v2'), typed), ...(zSegments?.list(version('HL7v2'), typed) ?? [])];
        return { items: fields.map((field, index) => hl7v2Item(field, version('HL7v2'), range, rank(field) + String(index).padStart(3, '0'))) };
    }
    if (standard === 'FHIR') {
        return { items: listFields('FHIR', version('FHIR'), typed).map((field) => fhirItem(field, version('FHIR'), range, rank(field) + field.path)) };
    }
    if (standard === 'DICOM') {
        return dicomItems(listFields('DICOM', undefined, typed), range, rank, true);
    }
    // A bare word: segments (those of the message's structure first), FHIR resources, DICOM keywords.
    const lead = target ?? context.standard;
    const items: CompletionItem[] = [];
    const hl7Version = version('HL7v2');
    const structure = context.standard === 'HL7v2' && context.messageType ? lookupHl7v2Message(hl7Version, context.messageType) : undefined;
    const inStructure = typeof structure === 'object' ? structure.segments : new Set<string>();
    if (context.standard === 'HL7v2' || /^[A-Z]{0,3}$/.test(typed)) {
        for (const segment of listHl7v2Segments(hl7Version)) {
            if (!segment.id.startsWith(typed.toUpperCase())) continue;
            const own = inStructure.has(segment.id);
            if (context.standard !== 'HL7v2' && !own) continue;
            items.push({
                label: segment.id, kind: CompletionItemKind.Module, detail: segment.name,
                labelDetails: { description: own ? `in ${structure && typeof structure === 'object' ? structure.structure : 'the message'}` : 'segment' },
                sortText: (own ? (lead === 'HL7v2' ? 'a' : 'b') : 'e') + segment.id,
                textEdit: { range, newText: `${segment.id}-` },
                command: { title: 'fields', command: 'editor.action.triggerSuggest' }
            });
        }
    }
    if (context.standard === 'HL7v2') {
        for (const segment of zSegments?.names() ?? []) {
            if (!segment.name.startsWith(typed.toUpperCase())) continue;
            items.push({
                label: segment.name, kind: CompletionItemKind.Module, detail: segment.title ?? 'Z-segment',
                labelDetails: { description: 'Z-segment (declared)' },
                sortText: (lead === 'HL7v2' ? 'b' : 'c') + segment.name,
                textEdit: { range, newText: `${segment.name}-` },
                command: { title: 'fields', command: 'editor.action.triggerSuggest' }
            });
        }
    }
    if (context.standard === 'FHIR' || lead === 'FHIR' || sourceKind !== undefined || context.standard === 'HL7v2') {
        // The resources the message already maps into come first among them.
        const used = new Set(context.messageTargets.filter(path => pathStandard(path) === 'FHIR').map(path => /^[A-Za-z]+/.exec(path)![0]));
        for (const resource of listFhirResources(version('FHIR'))) {
            if (!resource.startsWith(typed)) continue;
            items.push({
                label: resource, kind: CompletionItemKind.Class, detail: 'FHIR resource',
                labelDetails: used.has(resource) ? { description: 'mapped in this message' } : undefined,
                sortText: (lead === 'FHIR' ? 'a' : 'd') + (used.has(resource) ? '0' : '1') + resource,
                textEdit: { range, newText: `${resource}.` },
                command: { title: 'elements', command: 'editor.action.triggerSuggest' }
            });
        }
    }
    if (context.standard === 'DICOM' && typed.length > 0) {
        const dicom = dicomItems(listFields('DICOM', undefined, typed), range, rank);
        return { items: [...items, ...dicom.items], incomplete: dicom.incomplete };
    }
    return { items };
}

/**
 * Target ranking by the source field's kind: elements of the same kind first, and for an identifier the
 * Identifier elements (and their value) before a resource's logical `id`.
 */
function rankFor(sourceKind: FieldKind | undefined, field: FieldInfo): string {
    if (!sourceKind || sourceKind === 'other' || field.kind !== sourceKind) return '2';
    if (sourceKind === 'identifier' && field.standard === 'FHIR' && field.dataType === 'id') return '1';
    return '0';
}

function hl7v2Item(field: FieldInfo, version: string | undefined, range: Range, sortText: string): CompletionItem {
    const numbers = /^[A-Z0-9]{3}-(\d+)$/.exec(field.path);
    const usage = numbers ? hl7v2FieldUsage(version, field.path.slice(0, 3), Number(numbers[1])) : undefined;
    const usageText = usage ? ` ${usage.optionality === 'R' ? 'required' : 'optional'}${usage.repeats ? ', repeating' : ''}` : '';
    return {
        label: field.path,
        kind: CompletionItemKind.Field,
        detail: `${field.name} (${field.dataType})`,
        labelDetails: { detail: ` ${field.name}`, description: `${field.dataType}${usageText}` },
        documentation: field.table ? `Table ${field.table}` : undefined,
        sortText,
        filterText: field.path,
        textEdit: { range, newText: field.path }
    };
}

function fhirItem(field: FieldInfo, version: string | undefined, range: Range, sortText: string): CompletionItem {
    const cardinality = fhirCardinality(version, field.path.replace(/\[x\]$/, ''))?.text;
    return {
        label: field.path.slice(field.path.lastIndexOf('.') + 1),
        kind: CompletionItemKind.Field,
        detail: `${field.dataType}${cardinality ? ` ${cardinality}` : ''}`,
        labelDetails: { description: `${field.dataType}${cardinality ? ` ${cardinality}` : ''}` },
        documentation: field.name,
        sortText,
        filterText: field.path,
        textEdit: { range, newText: field.path }
    };
}

function dicomItems(fields: FieldInfo[], range: Range, rank: (field: FieldInfo) => string, byTag = false): { items: CompletionItem[], incomplete?: boolean } {
    // Typed as a tag, the tag is written; typed as a keyword, the keyword.
    const items = fields.slice(0, MAX_ITEMS).map((field, index) => ({
        label: byTag ? field.path : field.name,
        kind: CompletionItemKind.Field,
        detail: `${byTag ? field.name : field.path} ${field.dataType}${field.retired ? ' (retired)' : ''}`,
        labelDetails: { description: `${byTag ? field.name : field.path} ${field.dataType}` },
        sortText: rank(field) + (field.retired ? '1' : '0') + String(index).padStart(5, '0'),
        filterText: byTag ? field.path : field.name,
        tags: field.retired ? [1] : undefined,
        textEdit: { range, newText: byTag ? field.path : field.name }
    } satisfies CompletionItem));
    return { items, incomplete: fields.length > MAX_ITEMS };
}

/** Inside `codes { … }` at the start of an entry: the mapping's source path and what is typed so far. */
function codeMapContext(text: string, offset: number): { source: string, target: string, side: 'source' | 'target', typed: string } | undefined {
    const before = text.slice(0, offset);
    const open = before.lastIndexOf('{');
    if (open < 0 || before.lastIndexOf('}') > open) return undefined;
    const head = /(^|\n)\s*([^\s>]+)\s*->\s*(\S+)[^\n{]*\bcodes\s*$/.exec(before.slice(0, open));
    if (!head) return undefined;
    const inside = before.slice(open + 1);
    const entry = /(?:^|,)\s*("?[\w./*-]*)$/.exec(inside);
    if (entry) return { source: head[2], target: head[3], side: 'source', typed: entry[1] };
    // After an entry's `->`: the target field's codes.
    const target = /(?:^|,)\s*(?:"[^"]*"|[\w./*-]+)\s*->\s*("?[\w./*-]*)$/.exec(inside);
    return target ? { source: head[2], target: head[3], side: 'target', typed: target[1] } : undefined;
}

/**
 * The codes of the field's table (HL7 v2) or required value set (FHIR), each with what it means: a short form as
 * the label's detail (`F  Final results`), the whole text as documentation. `entry` writes a code map entry's
 * source (`F -> `), `value` the code alone (an entry's target, a `when` value).
 */
function codeItems(context: InterfaceContext, field: FieldInfo | undefined, range: Range, write: 'entry' | 'value'): CompletionItem[] {
    if (!field) return [];
    const where = field.table ? `${field.standard === 'HL7v2' ? 'HL7 table' : 'FHIR value set'} ${field.table}` : undefined;
    const meanings = codeMeanings(field, field.standard === context.standard ? context.version : undefined);
    return (field.codes ?? []).map((code, index) => {
        const bare = /^[_a-zA-Z]\w*$|^\d+(\.\d+)?$/.test(code);
        const meaning = meanings.get(code);
        return {
            label: code, kind: CompletionItemKind.EnumMember,
            labelDetails: { detail: meaning ? ` ${shortMeaning(meaning)}` : undefined, description: where },
            detail: meaning ?? where,
            documentation: meaning ? { kind: 'markdown', value: `\`${code}\`: ${meaning}${where ? `\n\n${where} (${field.path})` : ''}` } : undefined,
            sortText: String(index).padStart(4, '0'),
            insertTextFormat: InsertTextFormat.PlainText,
            textEdit: { range, newText: write === 'entry' ? `${bare ? code : `"${code}"`} -> ` : (bare ? code : `"${code}"`) }
        };
    });
}

/** A code's meaning cut to its first clause for the list ("Final results; Can only be changed…" → "Final results"), at most 60 characters. */
function shortMeaning(meaning: string): string {
    const clause = /^(.{3,}?)[;.](\s|$)/.exec(meaning)?.[1] ?? meaning;
    return clause.length > 60 ? `${clause.slice(0, 59).trimEnd()}…` : clause;
}
