/**
 * What the sheet readers share: the placeholder message and paths written where an input names no message or field,
 * the result of one sheet, and how a code pair and a row's free notes join a mapping.
 */
import type { DraftMapping, DraftMessage, Provenance } from '../draft.js';
import type { SheetLayout } from './headers.js';
import type { SheetRow } from './read-table.js';

/** The message type written when the sheet names none: a placeholder the TODO above it asks to replace. */
export const PLACEHOLDER_MESSAGE = 'TODO';

/** What one sheet gave: its messages, the versions its rows name, and notes for the interface. */
export interface SheetResult {
    messages: DraftMessage[];
    versions: string[];
    notes: string[];
    /** How many data rows the sheet has (rows after the header row with any cell filled). */
    dataRows: number;
    /** Rows that only add a code pair to the mapping of an earlier row (code-per-row sheets). */
    pairRows: number;
    /** Sources and targets of the mappings, to tell the standards apart. */
    sources: string[];
    targets: string[];
}

/**
 * The placeholder paths of the n-th code map (1-based) whose field no input names (a ConceptMap, the guide's concept
 * map sheets): they parse, and say what they are.
 */
export function placeholderPaths(n: number): { source: string; target: string } {
    return { source: `PLACEHOLDER-${n}`, target: `PLACEHOLDER.target-${n}` };
}

/** The row's notes: its notes columns as they are, and every column the importer does not know as `Header: value`. */
export function rowNotes(row: SheetRow, layout: SheetLayout): string[] {
    const notes: string[] = [];
    row.cells.forEach((value, index) => {
        const role = layout.roles[index] ?? 'other';
        if (!value) return;
        if (role === 'notes') notes.push(value);
        if (role === 'other') notes.push(`${layout.headers[index] || `column ${index + 1}`}: ${value}`);
    });
    return notes;
}

/**
 * Adds `source -> target` to the mapping's code map and `receives`. A code already mapped to another target keeps
 * its first target (a code map holds one per code) and the second is a TODO; a pair with one side empty is a TODO.
 */
export function addPair(mapping: DraftMapping, source: string, target: string, from: Provenance, notes: string[] = []): void {
    const todos = mapping.todos ??= [];
    const remark = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    if (source === '' || target === '') {
        todos.push({ text: `${source === '' ? `target code ${target} with no source code` : `code ${source} with no target code`}${remark}`, from });
        return;
    }
    if (notes.length > 0) (mapping.notes ??= []).push(...notes.map(note => `${source} -> ${target}: ${note}`));
    const codes = mapping.codes ??= [];
    const receives = mapping.receives ??= [];
    const first = codes.find(code => code.source === source);
    if (first && first.target !== target) {
        todos.push({ text: `code ${source} is mapped twice: ${source} -> ${target} not written (kept ${source} -> ${first.target})`, from });
    } else if (!first) {
        codes.push({ source, target });
        if (!receives.includes(source)) receives.push(source);
    }
}
