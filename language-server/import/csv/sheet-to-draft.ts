/**
 * Turns the rows of one mapping sheet into messages of mappings: every data row becomes exactly one mapping (in its
 * message, or in a `when` group where its condition has that form) or one `// TODO (row N)` in its message, so
 * nothing is dropped without a trace.
 */
import type { DraftMapping, DraftMessage, DraftTodo, Provenance } from '../draft.js';
import { hl7FieldPath, isFieldPath, oneLine } from '../spec-text.js';
import { readCodes, readCondition, readKind, readMessageTypes, readUnits } from './cells.js';
import type { ColumnRole, SheetLayout } from './headers.js';
import type { SheetRow } from './read-table.js';
import { codeSheet } from './code-sheet.js';
import { addPair, PLACEHOLDER_MESSAGE, rowNotes, type SheetResult } from './sheet-parts.js';

/** What the sheet's file name says in the v2-to-FHIR guide's naming: `HL7 Segment - FHIR R4_ PID[Patient] - PID.csv`. */
export interface GuideFileName {
    fhirVersion?: string;
    segment?: string;
    /** The text in brackets: `Patient`, `Observation-Component`. */
    resourceSpec?: string;
    /** The FHIR resource the attributes are relative to: the first word in the brackets. */
    resource?: string;
}

/** Reads `FHIR R4_ PID[Patient]` from a v2-to-FHIR guide file name; empty when the name does not follow it. */
export function guideFileName(file: string): GuideFileName {
    const base = file.split('/').pop() ?? file;
    const match = /(?:FHIR\s+([A-Z]\d+[A-Z]?)_\s*)?\b([A-Z][A-Z0-9]{2})\[([^\]]+)\]/.exec(base);
    if (!match) return {};
    return { fhirVersion: match[1], segment: match[2], resourceSpec: match[3], resource: /^[A-Z][A-Za-z]+/.exec(match[3])?.[0] };
}

/**
 * The rows of a sheet as messages; the file name gives the FHIR resource the guide's attributes are relative to.
 * `columns` are `--columns`: for the guide's concept map sheets, `source` and `target` are the field paths.
 */
export function sheetToMessages(file: string, rows: SheetRow[], layout: SheetLayout, columns: Record<string, string> = {}): SheetResult {
    const result: SheetResult = { messages: [], versions: [], notes: [], dataRows: 0, pairRows: 0, sources: [], targets: [] };
    if (layout.codes) return codeSheet(file, rows, layout, columns, result);
    const naming = guideFileName(file);
    const first = layout.guide ? layout.headerIndex - 1 : layout.headerIndex;
    for (const row of rows.slice(0, Math.max(first, 0))) {
        result.notes.push(`${file} row ${row.row}: ${row.cells.filter(Boolean).join(' | ')}`);
    }
    const messages = new Map<string, DraftMessage>();
    const messageFor = (type: string): DraftMessage => {
        let message = messages.get(type);
        if (!message) {
            message = { type, mappings: [], groups: [], todos: [] };
            if (type === PLACEHOLDER_MESSAGE) {
                message.title = naming.segment && naming.resourceSpec ? `${naming.segment} to ${naming.resourceSpec}` : undefined;
                message.todos!.push({ text: `the sheet names no message type: replace ${PLACEHOLDER_MESSAGE} with the HL7 v2 message type (MSH-9, e.g. ORU^R01), or add a "Message" column`, from: { file } });
            }
            messages.set(type, message);
        }
        return message;
    };
    /** Source, target, message and group of each mapping written, with its row: a repeat is a TODO, not a duplicate. */
    const seen = new Map<string, number>();
    /** The mappings (one per message type) each key wrote, for code-per-row sheets that add a pair to them. */
    const written = new Map<string, DraftMapping[]>();
    let previous: DraftMapping[] = [];
    for (const row of rows.slice(layout.headerIndex + 1)) {
        result.dataRows++;
        const from: Provenance = { file, line: row.line, where: `row ${row.row}` };
        const cell = (role: ColumnRole): string => {
            const index = layout.roles.indexOf(role);
            return index >= 0 ? (row.cells[index] ?? '').trim() : '';
        };
        const version = cell('version');
        if (version && !result.versions.includes(version)) result.versions.push(version);
        const messageCell = cell('message');
        const messageTypes = messageCell ? readMessageTypes(messageCell) : [];
        const messageType = messageTypes[0];
        const message = messageFor(messageType ?? PLACEHOLDER_MESSAGE);
        const read = readRow(row, layout, naming, cell);
        if (messageCell && !messageType) read.notes.unshift(`message: ${messageCell}`);
        const sourceCode = cell('sourceCode');
        const targetCode = cell('targetCode');
        const pairRow = sourceCode !== '' || targetCode !== '';
        if (pairRow && !cell('source') && !cell('segment') && !cell('field') && !cell('target') && previous.length > 0) {
            // A code pair under the mapping of the rows above (a field cell merged over several rows exports blank).
            for (const mapping of previous) addPair(mapping, sourceCode, targetCode, from, rowNotes(row, layout));
            result.pairRows++;
            continue;
        }
        if (!read.source || !read.target) {
            message.todos!.push({ text: rowTodoText(read, row, layout), from });
            continue;
        }
        const condition = cell('condition');
        const when = condition ? readCondition(condition) : undefined;
        const key = [message.type, when ? `${when.field}=${when.values.join(',')}` : '', read.source, read.target].join('|');
        const earlier = seen.get(key);
        if (earlier !== undefined && pairRow) {
            for (const mapping of previous = written.get(key)!) addPair(mapping, sourceCode, targetCode, from, rowNotes(row, layout));
            result.pairRows++;
            continue;
        }
        if (earlier !== undefined) {
            message.todos!.push({ text: rowTodoText({ ...read, problems: [`the same mapping as row ${earlier}${when ? ` (when ${when.field} = ${when.values.join(', ')})` : ''}`] }, row, layout), from });
            continue;
        }
        seen.set(key, row.row);
        const mapping: DraftMapping = { source: read.source, target: read.target, from, notes: read.notes, todos: [] };
        fillOptions(mapping, row, layout, cell, from);
        if (pairRow) addPair(mapping, sourceCode, targetCode, from);
        if (!when && condition) mapping.notes!.unshift(`condition: ${condition}`);
        result.sources.push(mapping.source);
        result.targets.push(mapping.target);
        // A row naming several message types (`ORU^R01, OUL^R22`) maps the field in each of them.
        const others = messageTypes.slice(1).map(type => messageFor(type)).filter(other => !seen.has([other.type, ...key.split('|').slice(1)].join('|')));
        const copies: DraftMapping[] = [];
        for (const target of [message, ...others]) {
            seen.set([target.type, ...key.split('|').slice(1)].join('|'), row.row);
            const copy = target === message ? mapping : structuredClone(mapping);
            copies.push(copy);
            if (when) {
                const groupKey = `${when.field}=${when.values.join(',')}`;
                let group = target.groups!.find(g => `${g.field}=${g.values.join(',')}` === groupKey);
                if (!group) target.groups!.push(group = { field: when.field, values: when.values, mappings: [] });
                group.mappings.push(copy);
            } else {
                target.mappings.push(copy);
            }
        }
        written.set(key, copies);
        previous = copies;
    }
    result.messages = [...messages.values()];
    return result;
}

interface ReadRow {
    source?: string;
    target?: string;
    /** Why a side is missing, for the row's TODO. */
    problems: string[];
    notes: string[];
}

/** The row's source and target paths, and the notes their cells gave (the text of a cell that held more). */
function readRow(row: SheetRow, layout: SheetLayout, naming: GuideFileName, cell: (role: ColumnRole) => string): ReadRow {
    const read: ReadRow = { problems: [], notes: [] };
    const segment = cell('segment');
    const field = cell('field');
    let sourceText = cell('source');
    if (!sourceText && (segment || field)) sourceText = hl7FieldPath(field) ? field : segment && field ? `${segment}-${field}` : `${segment}${field}`;
    // `Source segment` + `Source field` where the field column holds the number only (`3`, `3.1`).
    if (segment && /^\d{1,3}(\.\d{1,3}){0,2}$/.test(sourceText)) sourceText = `${segment}-${sourceText}`;
    const component = cell('component');
    const withoutComponent = hl7FieldPath(sourceText);
    if (component && /^\d{1,3}$/.test(component) && withoutComponent && !withoutComponent.includes('.')) sourceText = `${withoutComponent}.${Number(component)}`;
    if (sourceText) {
        const path = readPath(sourceText);
        if (path) {
            read.source = path.path;
            if (path.note) read.notes.push(`source: ${path.note}`);
        } else {
            read.problems.push(/^[A-Z][A-Z0-9]{2}$/.test(sourceText.trim()) ? `the source "${sourceText.trim()}" is a whole segment, not a field` : `the source "${oneLine(sourceText)}" is not a field path`);
        }
    } else {
        read.problems.push('no source field');
    }
    let targetText = cell('target');
    const resource = cell('resource') || (layout.guide ? naming.resource : undefined);
    if (targetText) {
        if (resource && /^[a-z]/.test(targetText)) targetText = `${resource}.${targetText}`;
        const path = readPath(targetText);
        if (path) {
            read.target = path.path;
            if (path.note) read.notes.push(`target: ${path.note}`);
        } else {
            read.problems.push(`the target "${oneLine(targetText)}" is not a field path`);
        }
    } else {
        read.problems.push(cell('extension') ? `no FHIR element yet (proposed: ${cell('extension')})` : 'no target element');
    }
    return read;
}

/**
 * A field path from a cell: an HL7 v2 field in any spelling, a path the language reads (`Observation.status`), a
 * FHIR attribute with the guide's reference notation (`performer[2](Organization)` gives `performer[2]`), or the one
 * HL7 v2 field a longer text names (`PID-3 (MRN)`); the cell's full text is then a note.
 */
function readPath(text: string): { path: string; note?: string } | undefined {
    const trimmed = text.trim();
    if (/^[A-Z][A-Z0-9]{2}$/.test(trimmed)) return undefined; // a whole HL7 v2 segment, not a field
    const v2 = hl7FieldPath(trimmed);
    if (v2) return { path: v2 };
    if (isFieldPath(trimmed)) return { path: trimmed };
    const reference = /^([^()\s]+?)\s*\((.+)\)\s*$/.exec(trimmed);
    if (reference && isFieldPath(reference[1])) return { path: reference[1], note: trimmed };
    const fields = [...trimmed.matchAll(/\b[A-Z][A-Z0-9]{2}[-.]\d{1,3}(?:[-.]\d{1,3}){0,2}\b/g)].map(match => hl7FieldPath(match[0])).filter(Boolean);
    if (new Set(fields).size === 1) return { path: fields[0]!, note: oneLine(trimmed) };
    return undefined;
}

/** Code map, units, time zone, authority, kind and notes from the row's other cells. */
function fillOptions(mapping: DraftMapping, row: SheetRow, layout: SheetLayout, anyCell: (role: ColumnRole) => string, from: Provenance): void {
    // `n/a`, `none`, `-` in an option column say "nothing here", not a unit called n/a.
    const cell = (role: ColumnRole): string => {
        const value = anyCell(role);
        return /^(n\/a|none|-+|–|—|null|nil)$/i.test(value) ? '' : value;
    };
    const todos: DraftTodo[] = mapping.todos!;
    const notes: string[] = mapping.notes!;
    const codes = cell('codes');
    if (codes) {
        const read = readCodes(codes);
        for (const code of read.codes) addPair(mapping, code.source, code.target, from);
        if (read.unread.length === 1 && read.codes.length === 0) {
            todos.push({ text: `code map: the sheet names the concept map "${read.unread[0]}"; write its pairs as codes { … } (interspec import conceptmap reads a FHIR ConceptMap)`, from });
        } else if (read.unread.length > 0) {
            todos.push({ text: `code map entries not read as "code -> code": ${read.unread.join('; ')}`, from });
        }
    }
    const units = readUnits(cell('units'));
    const sourceUnit = cell('sourceUnits');
    const targetUnit = cell('targetUnits');
    if (units) {
        mapping.units = units;
    } else if (sourceUnit) {
        mapping.units = targetUnit ? { source: sourceUnit, target: targetUnit } : { source: sourceUnit };
    } else if (targetUnit) {
        todos.push({ text: `target unit "${targetUnit}" with no source unit: write units "<source unit>" -> "${targetUnit}"`, from });
    }
    const timezone = cell('timezone');
    if (timezone) mapping.timezone = timezone;
    const authority = cell('authority');
    if (authority) mapping.authority = authority;
    const kindCell = cell('kind');
    const kind = kindCell ? readKind(kindCell) : undefined;
    if (kind) mapping.kind = kind;
    else if (kindCell && !layout.guide) notes.push(`data type: ${kindCell}`);
    const labelled: Array<[ColumnRole, string]> = [
        ['conditionFhirpath', 'condition (FHIRPath)'], ['narrative', 'condition'], ['datatypeMap', 'data type map'],
        ['assignment', 'assignment'], ['extension', 'extension']
    ];
    for (const [role, label] of labelled) {
        const value = cell(role);
        if (value) notes.push(`${label}: ${value}`);
    }
    notes.push(...rowNotes(row, layout));
}

/** The TODO of a row that gives no mapping: why, and every filled cell of the row so nothing is lost. */
function rowTodoText(read: ReadRow, row: SheetRow, layout: SheetLayout): string {
    const cells = row.cells.map((value, index) => {
        if (!value || layout.roles[index] === 'ignore') return undefined;
        return `${layout.headers[index] || `column ${index + 1}`}: ${value}`;
    }).filter(Boolean);
    return `not mapped: ${read.problems.join(', ')}${cells.length > 0 ? ` (${cells.join('; ')})` : ''}`;
}
