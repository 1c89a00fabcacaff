/**
 * Reads captured FHIR R4/R5 resources in JSON and keeps the line and column of every element, so a finding about a
 * sample can point at the element it is about.
 *
 * What it reads (FHIR "JSON Representation of Resources": R4 http://hl7.org/fhir/R4/json.html, R5
 * http://hl7.org/fhir/R5/json.html; the two are the same format):
 * - a single resource: a JSON object whose `resourceType` names its type;
 * - a Bundle: each `entry[i].resource` is yielded as a resource of its own, with the entry's `fullUrl`
 *   (http://hl7.org/fhir/R4/bundle.html); a Bundle inside an entry is yielded as one resource, not opened;
 * - NDJSON (newline-delimited JSON, one resource per line, as FHIR Bulk Data export writes it:
 *   http://hl7.org/fhir/uv/bulkdata/ and http://hl7.org/fhir/R4/nd-json.html).
 *
 * JSON is parsed by Microsoft's `jsonc-parser` (the parser of VS Code's JSON support), which gives the offset of
 * every value; comments and trailing commas, which JSON does not allow, are reported as syntax errors.
 *
 * Bad input never throws: it becomes a problem with line and column. A document with a syntax error yields its
 * problems and no resource (a check on half a resource would report elements as missing that are only unread);
 * in NDJSON that holds per line, and the other lines are read.
 *
 * Positions follow ./positions.ts (1-based line and column, 0-based offset, UTF-16 code units, exclusive ends, a
 * leading byte order mark not counted).
 */

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { TextDecoder } from 'node:util';
import { BOM, LineIndex, type ReadProblem, type TextPosition, type TextRange } from './positions.js';

/**
 * The kinds of problems the FHIR JSON reader reports:
 * - `json-syntax`: the text is not valid JSON (with jsonc-parser's error name, e.g. CommaExpected). Error.
 * - `not-a-resource`: a top-level value (or NDJSON line) that is not an object with a string `resourceType`. Error.
 * - `bundle-entry`: a Bundle entry without a `resource` object (for instance a resource put directly in `entry`). Error.
 * - `duplicate-property`: the same property twice in one object (JSON parsers keep one of them silently). Error.
 * - `invalid-characters`: bytes that are not UTF-8 (FHIR JSON is UTF-8), decoded as U+FFFD. Error.
 * - `empty`: the input holds no JSON at all. Error.
 * - `too-many-problems`: more than `maxProblems`; the rest are not listed. Warning.
 */
export type FhirProblemCode = 'json-syntax' | 'not-a-resource' | 'bundle-entry' | 'duplicate-property' | 'invalid-characters' | 'empty' | 'too-many-problems';

/** A problem found while reading FHIR JSON (see {@link FhirProblemCode}). */
export type FhirProblem = ReadProblem<FhirProblemCode>;

/** The JSON kind of a node. */
export type FhirNodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * One JSON value of a resource, as written: an object, an array, or a primitive. Properties of an object are its
 * children (each named by its property); items of an array are the array node's children (each with the array's
 * name and its `index`).
 */
export interface FhirNode {
    /** The JSON property name (`valueQuantity`, `_birthDate`); an array item has its array's name; a document root has its resourceType, or ''. */
    readonly name: string;
    /**
     * The element path without indices, from the nearest enclosing resource, as StructureDefinitions and mappings
     * name elements: `Observation.valueQuantity.unit`, `Patient.name.given`. A contained or entry resource starts
     * its own (`Medication.code`). Choice elements keep their JSON name (`valueQuantity`, not `value[x]`), and
     * primitive extensions theirs (`Patient._birthDate.extension`).
     */
    readonly path: string;
    /**
     * Where the node is in its document, with 0-based indices (FHIRPath's): `Bundle.entry[2].resource.component[0].code`
     * or, for a single resource, `Observation.component[0].code`. Unique within the document.
     */
    readonly location: string;
    /** 0-based place in its array, for an array item. */
    readonly index?: number;
    readonly kind: FhirNodeKind;
    /** For a primitive: the value as JSON.parse would give it (a number loses trailing zeros: see `raw`). */
    readonly value?: string | number | boolean | null;
    /** For a primitive: its JSON text as written (a string with its quotes and escapes; `1.50` keeps its zero, which a FHIR decimal means). */
    readonly raw?: string;
    /** Object properties or array items, in document order (empty for a primitive). */
    readonly children: readonly FhirNode[];
    /** The value's text: from `{`, `[`, `"` or the first character of a literal, to just after its end. */
    readonly range: TextRange;
    /** The property name's text, quotes included (absent for an array item and a document root). */
    readonly nameRange?: TextRange;
    readonly parent?: FhirNode;
}

/** A resource read from the input: one document, one NDJSON line, or one Bundle entry. */
export interface FhirResource {
    readonly resourceType: string;
    /** Its `id`, if it is a string. */
    readonly id?: string;
    /** The resource's object node. */
    readonly root: FhirNode;
    /** For a Bundle entry: the entry's `fullUrl`, if it is a string. */
    readonly fullUrl?: string;
    /** For a Bundle entry: which Bundle and entry it came from. */
    readonly bundle?: {
        /** 0-based index of the entry in `Bundle.entry`. */
        readonly entryIndex: number;
        /** The Bundle's `type` (collection, transaction, message, batch-response...). */
        readonly type?: string;
        readonly id?: string;
        /** The entry's node (`request`, `response`, `search` are its children). */
        readonly entry: FhirNode;
    };
    /** For NDJSON: the 1-based line of the resource. */
    readonly line?: number;
}

/** What one read gives. */
export interface FhirReadResult {
    /** How the input was read: one JSON document, or NDJSON (one resource per line). */
    readonly format: 'json' | 'ndjson';
    /** The resources, in order (a Bundle's entries in place of the Bundle). */
    readonly resources: FhirResource[];
    /** For a Bundle document: the Bundle itself, its entries' resources included in its tree. */
    readonly bundle?: FhirResource;
    /** Every problem, in order of position. */
    readonly problems: FhirProblem[];
}

/** How to read. */
export interface FhirReadOptions {
    /** `auto` (default): NDJSON if the first non-blank line is a whole JSON value and another non-blank line follows. */
    readonly format?: 'auto' | 'json' | 'ndjson';
    /** Problems listed; one `too-many-problems` stands for the rest. Default 1000. */
    readonly maxProblems?: number;
}

/** One thing read from a stream: a resource, or a problem. */
export type FhirReadItem = { readonly kind: 'resource'; readonly resource: FhirResource } | { readonly kind: 'problem'; readonly problem: FhirProblem };

const DEFAULT_MAX_PROBLEMS = 1000;

/** jsonc-parser's error names as a person reads them. */
const SYNTAX: Record<string, string> = {
    InvalidSymbol: 'a character that cannot start a JSON value',
    InvalidNumberFormat: 'a malformed number',
    PropertyNameExpected: 'a property name (in double quotes) is expected here',
    ValueExpected: 'a value is expected here',
    ColonExpected: 'a colon is expected here',
    CommaExpected: 'a comma is expected here',
    CloseBraceExpected: 'a closing brace } is expected here',
    CloseBracketExpected: 'a closing bracket ] is expected here',
    EndOfFileExpected: 'the JSON value has ended, yet more text follows',
    InvalidCommentToken: 'a comment (JSON has none)',
    UnexpectedEndOfComment: 'an unclosed comment',
    UnexpectedEndOfString: 'an unclosed string',
    UnexpectedEndOfNumber: 'a number cut short',
    InvalidUnicode: 'an invalid \\u escape',
    InvalidEscapeCharacter: 'an invalid escape in a string',
    InvalidCharacter: 'a control character inside a string'
};

class Problems {
    readonly list: FhirProblem[] = [];
    private dropped = false;

    constructor(private readonly limit: number) {}

    add(code: FhirProblemCode, message: string, at: TextPosition, severity: 'error' | 'warning' = 'error'): void {
        if (this.list.length < this.limit) {
            this.list.push({ code, severity, message, line: at.line, column: at.column, offset: at.offset });
        } else if (!this.dropped) {
            this.dropped = true;
            this.list.push({ code: 'too-many-problems', severity: 'warning', message: `more than ${this.limit} problems; the rest are not listed`, line: at.line, column: at.column, offset: at.offset });
        }
    }
}

interface MutableNode {
    name: string;
    path: string;
    location: string;
    index?: number;
    kind: FhirNodeKind;
    value?: string | number | boolean | null;
    raw?: string;
    children: FhirNode[];
    range: TextRange;
    nameRange?: TextRange;
    parent?: FhirNode;
}

/** The string value of property `name` of a JSON object node, if it is a string. */
function stringProperty(node: JsonNode, name: string): string | undefined {
    for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key?.value === name && value?.type === 'string') return value.value as string;
    }
    return undefined;
}

/** Builds the node tree of a JSON value; `text` is the text the offsets of `json` are in. */
function buildNode(json: JsonNode, text: string, index: LineIndex, problems: Problems, name: string, path: string, location: string, parent: FhirNode | undefined, nameNode?: JsonNode, arrayIndex?: number): FhirNode {
    const node: MutableNode = {
        name,
        path,
        location,
        kind: json.type === 'property' ? 'null' : json.type,
        children: [],
        range: index.rangeAt(json.offset, json.length),
        parent
    };
    if (arrayIndex !== undefined) node.index = arrayIndex;
    if (nameNode) node.nameRange = index.rangeAt(nameNode.offset, nameNode.length);
    if (json.type === 'object') {
        const seen = new Set<string>();
        const resourceType = stringProperty(json, 'resourceType');
        const base = resourceType !== undefined && parent !== undefined ? resourceType : path;
        for (const property of json.children ?? []) {
            const [key, value] = property.children ?? [];
            if (!key || !value || typeof key.value !== 'string') continue;
            const propertyName = key.value;
            if (seen.has(propertyName)) {
                problems.add('duplicate-property', `property '${propertyName}' appears twice in this object; JSON parsers keep one of them`, index.positionAt(key.offset));
            }
            seen.add(propertyName);
            node.children.push(buildNode(value, text, index, problems, propertyName, `${base}.${propertyName}`, `${location}.${propertyName}`, node, key));
        }
    } else if (json.type === 'array') {
        (json.children ?? []).forEach((item, i) => {
            node.children.push(buildNode(item, text, index, problems, name, path, `${location}[${i}]`, node, undefined, i));
        });
    } else {
        node.value = json.value as string | number | boolean | null;
        node.raw = text.slice(json.offset, json.offset + json.length);
    }
    return node;
}

/** The child named `name` of an object node. */
export function fhirChild(node: FhirNode, name: string): FhirNode | undefined {
    return node.kind === 'object' ? node.children.find(child => child.name === name) : undefined;
}

/**
 * Every element of a resource at an element path (e.g. `Observation.valueQuantity.unit`, `Patient.name.given`):
 * the nodes whose `path` is `path`, array items in place of their arrays (so `Patient.name.given` gives each
 * given name). Document order. Elements of contained resources have their own resource's paths.
 */
export function fhirElements(resource: FhirResource | FhirNode, path: string): FhirNode[] {
    const root = 'root' in resource ? resource.root : resource;
    const found: FhirNode[] = [];
    const visit = (node: FhirNode) => {
        if (node.path === path && node.kind !== 'array') found.push(node);
        for (const child of node.children) visit(child);
    };
    visit(root);
    return found;
}

/** Reads one JSON document (the whole input, or one NDJSON line); `base` is where `text` starts. */
function readDocument(text: string, base: TextPosition, problems: Problems, resources: FhirResource[], ndjsonLine: number | undefined): FhirResource | undefined {
    const index = new LineIndex(text, base);
    const errors: ParseError[] = [];
    const json = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
    for (const error of errors) {
        const name = printParseErrorCode(error.error);
        problems.add('json-syntax', `not valid JSON: ${SYNTAX[name] ?? name} (${name})`, index.positionAt(error.offset));
    }
    if (errors.length > 0) return undefined;
    if (!json) {
        problems.add('empty', ndjsonLine === undefined ? 'the input holds no JSON' : 'the line holds no JSON', base);
        return undefined;
    }
    const resourceType = json.type === 'object' ? stringProperty(json, 'resourceType') : undefined;
    if (resourceType === undefined) {
        problems.add('not-a-resource', `${json.type === 'object' ? 'a JSON object without a string resourceType' : `a JSON ${json.type}`}, not a FHIR resource`, index.positionAt(json.offset));
        return undefined;
    }
    const root = buildNode(json, text, index, problems, resourceType, resourceType, resourceType, undefined);
    const document: FhirResource = { resourceType, id: stringProperty(json, 'id'), root, line: ndjsonLine };
    if (resourceType !== 'Bundle') {
        resources.push(document);
        return undefined;
    }
    const bundleType = stringProperty(json, 'type');
    const entries = fhirChild(root, 'entry');
    for (const entry of entries?.kind === 'array' ? entries.children : []) {
        const resource = fhirChild(entry, 'resource');
        if (entry.kind !== 'object' || !resource || resource.kind !== 'object') {
            const what = entry.kind === 'object' && fhirChild(entry, 'resourceType') ? ' (it holds a resource directly; a Bundle entry holds its resource under "resource")' : '';
            problems.add('bundle-entry', `Bundle entry ${entry.index} has no resource object${what}; skipped`, entry.range.start);
            continue;
        }
        const type = fhirChild(resource, 'resourceType');
        if (type?.kind !== 'string') {
            problems.add('not-a-resource', `Bundle entry ${entry.index}'s resource has no string resourceType; skipped`, resource.range.start);
            continue;
        }
        const id = fhirChild(resource, 'id');
        const fullUrl = fhirChild(entry, 'fullUrl');
        resources.push({
            resourceType: type.value as string,
            id: id?.kind === 'string' ? (id.value as string) : undefined,
            root: resource,
            fullUrl: fullUrl?.kind === 'string' ? (fullUrl.value as string) : undefined,
            bundle: { entryIndex: entry.index!, type: bundleType, id: document.id, entry },
            line: ndjsonLine
        });
    }
    return document;
}

/** Text from the input: bytes decoded as UTF-8 (replacement characters reported), a leading BOM dropped. */
function decode(input: string | Uint8Array, problems: Problems): string {
    let text = typeof input === 'string' ? input : new TextDecoder('utf-8', { ignoreBOM: true }).decode(input);
    if (text.startsWith(BOM)) text = text.slice(1);
    const bad = text.indexOf('\ufffd');
    if (bad >= 0 && typeof input !== 'string') {
        problems.add('invalid-characters', 'bytes that are not UTF-8 (FHIR JSON is UTF-8), decoded as U+FFFD; the first is here', new LineIndex(text).positionAt(bad));
    }
    return text;
}

const LINE = /\r\n|\r|\n/g;

/** Whether the text is NDJSON: its first non-blank line is a whole JSON value and another non-blank line follows. */
function looksLikeNdjson(text: string): boolean {
    const lines = text.split(/\r\n|\r|\n/, 64).filter(line => line.trim() !== '');
    if (lines.length < 2) return false;
    const errors: ParseError[] = [];
    const first = parseTree(lines[0], errors, { disallowComments: true, allowTrailingComma: false });
    return errors.length === 0 && first?.type === 'object';
}

/** Reads the lines of NDJSON text; `start` is the position of the text's first character. */
function readNdjsonLines(text: string, start: TextPosition, problems: Problems, resources: FhirResource[]): void {
    let from = 0;
    let line = start.line;
    LINE.lastIndex = 0;
    for (;;) {
        const match = LINE.exec(text);
        const end = match ? match.index : text.length;
        const content = text.slice(from, end);
        if (content.trim() !== '') {
            readDocument(content, { line, column: 1, offset: start.offset + from }, problems, resources, line);
        }
        if (!match) return;
        from = end + match[0].length;
        line++;
    }
}

/**
 * Reads FHIR JSON: one resource, a Bundle (its entries' resources, with their fullUrl), or NDJSON.
 *
 * @param input text, or bytes (decoded as UTF-8; invalid bytes reported as `invalid-characters`).
 * @param options format and problem limit (see {@link FhirReadOptions}).
 * @returns the resources with element trees, the Bundle if the document is one, and the problems. Never throws on
 *   bad input.
 */
export function readFhirJson(input: string | Uint8Array, options: FhirReadOptions = {}): FhirReadResult {
    const problems = new Problems(Math.max(1, options.maxProblems ?? DEFAULT_MAX_PROBLEMS));
    const text = decode(input, problems);
    const resources: FhirResource[] = [];
    const format = options.format === 'ndjson' || (options.format !== 'json' && looksLikeNdjson(text)) ? 'ndjson' : 'json';
    let bundle: FhirResource | undefined;
    if (format === 'ndjson') {
        readNdjsonLines(text, { line: 1, column: 1, offset: 0 }, problems, resources);
    } else {
        bundle = readDocument(text, { line: 1, column: 1, offset: 0 }, problems, resources, undefined);
    }
    const list = problems.list.slice().sort((a, b) => a.offset - b.offset);
    return { format, resources, bundle, problems: list };
}

/**
 * Reads NDJSON from a stream of chunks (a bulk-data export file of any size), yielding each line's resources (a
 * Bundle line gives its entries) and problems as the line completes: memory stays bounded by one line and one
 * chunk. Positions are those in the whole stream; chunks may end anywhere (inside a line, a CRLF or a UTF-8
 * character).
 *
 * @param source chunks of bytes (UTF-8) or text.
 * @returns items in stream order. Rejects only if the source does.
 */
export async function* readFhirNdjsonStream(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: Pick<FhirReadOptions, 'maxProblems'> = {}): AsyncGenerator<FhirReadItem> {
    const problems = new Problems(Math.max(1, options.maxProblems ?? DEFAULT_MAX_PROBLEMS));
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let pending = '';
    let line = 1;
    let offset = 0;
    let first = true;
    let afterCR = false;
    let reportedInvalid = false;
    let sawBytes = false;
    const resources: FhirResource[] = [];
    function* flush(text: string): Generator<FhirReadItem> {
        if (text.trim() !== '') {
            const bad = text.indexOf('\ufffd');
            if (bad >= 0 && sawBytes && !reportedInvalid) {
                reportedInvalid = true;
                problems.add('invalid-characters', 'bytes that are not UTF-8 (FHIR JSON is UTF-8), decoded as U+FFFD; the first is here', { line, column: bad + 1, offset: offset + bad });
            }
            readDocument(text, { line, column: 1, offset }, problems, resources, line);
        }
        for (const problem of problems.list.splice(0)) yield { kind: 'problem', problem };
        for (const resource of resources.splice(0)) yield { kind: 'resource', resource };
    }
    const take = function* (chunk: string, final: boolean): Generator<FhirReadItem> {
        let text = chunk;
        if (first && text.length > 0) {
            first = false;
            if (text.startsWith(BOM)) text = text.slice(1);
        }
        let from = 0;
        if (afterCR && text.startsWith('\n')) {
            from = 1;
            offset += 1;
        }
        afterCR = false;
        for (;;) {
            LINE.lastIndex = from;
            const match = LINE.exec(text);
            if (!match) break;
            if (match[0] === '\r' && match.index === text.length - 1 && !final) {
                afterCR = true;
            }
            const content = pending + text.slice(from, match.index);
            pending = '';
            yield* flush(content);
            offset += content.length + match[0].length;
            line++;
            from = match.index + match[0].length;
        }
        pending += text.slice(from);
        if (final) {
            const content = pending;
            pending = '';
            yield* flush(content);
            offset += content.length;
        }
    };
    for await (const chunk of source) {
        if (typeof chunk !== 'string') sawBytes = true;
        yield* take(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), false);
    }
    yield* take(decoder.decode(), true);
}
