/**
 * Reads a CSV export of a spreadsheet into rows of cells, each row with the line it starts on. Accepts what
 * spreadsheet programs write: `,`, `;` (Excel in locales with a decimal comma) or tab as the delimiter, a UTF-8 or
 * UTF-16 byte order mark, Windows-1252 text (older Excel "CSV" exports), Excel's `sep=;` first line, quoted cells
 * with line breaks inside, and rows of unequal length. The parsing itself is csv-parse's (RFC 4180 with relaxations).
 */
import { parse } from 'csv-parse/sync';
import { ImportError } from '../import-error.js';

/** One row of the sheet: its cells (trimmed), its 1-based row number and the line of the file it starts on. */
export interface SheetRow {
    cells: string[];
    /** 1-based record number, headers included: the row number a spreadsheet program shows. */
    row: number;
    /** 1-based line of the file where the row starts (differs from `row` when a cell holds a line break). */
    line: number;
}

/** The rows of a CSV file; throws `ImportError` with the line and column where the file stops being CSV. */
export function readTable(file: string, content: Uint8Array): SheetRow[] {
    if (content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04) {
        throw new ImportError(file, 'this is a spreadsheet workbook (.xlsx/.ods, a ZIP file), not CSV: save the mapping sheet as CSV (File > Save As > CSV UTF-8) and import that', 1, 1);
    }
    let text = decode(content).replace(/^\ufeff/, '');
    // Excel's `sep=;` first line names the delimiter; it is blanked (not removed) so line numbers stay the file's.
    const directive = /^sep=(.)[ \t]*(?=\r?\n|$)/i.exec(text);
    if (directive) text = text.slice(directive[0].length);
    const delimiter = directive ? directive[1] : detectDelimiter(text);
    const buffer = Buffer.from(text, 'utf8');
    const ends: number[] = [];
    let records: string[][];
    try {
        records = parse(buffer, {
            delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
            on_record: (record: string[], context: { bytes: number }) => {
                ends.push(context.bytes);
                return record;
            }
        }) as string[][];
    } catch (error) {
        throw csvError(file, buffer, delimiter, ends.at(-1) ?? 0, error);
    }
    const lineStarts = lineOffsets(buffer);
    const rows: SheetRow[] = [];
    records.forEach((cells, index) => {
        const start = skipLineBreaks(buffer, index === 0 ? 0 : ends[index - 1]);
        rows.push({ cells: cells.map(cell => cell.trim()), row: index + 1, line: lineAt(lineStarts, start).line });
    });
    return rows.filter(row => row.cells.some(cell => cell !== ''));
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM (Excel "Unicode text"), else Windows-1252. */
function decode(content: Uint8Array): string {
    if (content[0] === 0xff && content[1] === 0xfe) return new TextDecoder('utf-16le').decode(content.subarray(2));
    if (content[0] === 0xfe && content[1] === 0xff) return new TextDecoder('utf-16be').decode(content.subarray(2));
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
    } catch {
        return new TextDecoder('windows-1252').decode(content);
    }
}

/** The delimiter used most outside quotes in the first lines: `,`, `;` or tab (`,` when none appears). */
export function detectDelimiter(text: string): string {
    const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
    let quoted = false;
    let lines = 0;
    for (let i = 0; i < text.length && lines < 5; i++) {
        const ch = text[i];
        if (ch === '"') quoted = !quoted;
        else if (!quoted && ch === '\n') lines++;
        else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
    }
    let best = ',';
    for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
    return best;
}

/** The offset after the line breaks (empty lines) at `offset`. */
function skipLineBreaks(buffer: Buffer, offset: number): number {
    let at = offset;
    while (at < buffer.length && (buffer[at] === 0x0a || buffer[at] === 0x0d)) at++;
    return at;
}

function lineOffsets(buffer: Buffer): number[] {
    const starts = [0];
    for (let i = 0; i < buffer.length; i++) if (buffer[i] === 0x0a) starts.push(i + 1);
    return starts;
}

/** 1-based line and column (in characters) of a byte offset. */
function lineAt(starts: number[], offset: number, buffer?: Buffer): { line: number; column: number } {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid; else high = mid - 1;
    }
    const column = buffer ? buffer.subarray(starts[low], offset).toString('utf8').length + 1 : offset - starts[low] + 1;
    return { line: low + 1, column };
}

/**
 * csv-parse's error as an `ImportError` at the cell where the problem starts: the record starts where the last record
 * read ended, and csv-parse names the index of the cell (`column`), so the cell is found by walking the record.
 */
function csvError(file: string, buffer: Buffer, delimiter: string, recordStart: number, error: unknown): ImportError {
    const details = error as { code?: string; message?: string; column?: number | string | null };
    const start = skipLineBreaks(buffer, recordStart);
    const cell = typeof details.column === 'number' ? details.column : 0;
    const offset = cellOffset(buffer, start, delimiter.charCodeAt(0), cell);
    const { line, column } = lineAt(lineOffsets(buffer), offset, buffer);
    const message = details.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'this quoted cell is never closed: the file ends inside it (a `"` opens a cell that may hold line breaks; a quote inside a cell is written `""`)'
        : details.code === 'CSV_INVALID_CLOSING_QUOTE'
            ? 'text follows the closing quote of this cell (a quote inside a quoted cell is written `""`)'
            : `not a CSV file the importer can read: ${details.message ?? String(error)}`;
    return new ImportError(file, message, line, column);
}

/** The byte offset where cell `index` of the record starting at `start` begins. */
function cellOffset(buffer: Buffer, start: number, delimiter: number, index: number): number {
    let quoted = false;
    let cell = 0;
    for (let i = start; i < buffer.length; i++) {
        if (cell === index) return i;
        const byte = buffer[i];
        if (byte === 0x22) quoted = !quoted;
        else if (!quoted && byte === delimiter) cell++;
        else if (!quoted && byte === 0x0a) break;
    }
    return start;
}
