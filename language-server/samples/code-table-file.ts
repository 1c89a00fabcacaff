import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { AstUtils } from 'langium';
import type { CodeTable } from '../language/generated/ast.js';
import { readTable } from '../import/csv/read-table.js';

/**
 * The codes of a governed code table whose codes are kept in a file (`codetable T { file "catalogue/tests.csv" }`):
 * a CSV export of the catalogue, read with the importer's CSV reader (delimiter, encodings and quoting as a
 * spreadsheet writes them). The code column is the one whose header names a code (`code`, `loinc`, `snomed`,
 * `… code`), else the first column. Without such a header the first row is kept too: a header text such as `test`
 * among the codes cannot match a code a message carries, while dropping a first row of codes would report it.
 */

/** The largest code table file read: a laboratory catalogue of tens of thousands of rows is a few megabytes. */
const MAX_TABLE_BYTES = 32 * 1024 * 1024;
const CODE_HEADER = /^(code|codes|loinc|loinc[ _-]?(code|num)|snomed([ _-]?ct)?|cpt|id|.*[ _-]code)$/i;

const read = new WeakMap<CodeTable, ReadonlySet<string> | undefined>();

/**
 * The codes listed in a code table's `file`, relative to the spec that declares the table; undefined when the table
 * names no file, or the file is missing, not a regular file (a FIFO would block), larger than 32 MB or not CSV:
 * then no sample code is compared with the table (nothing is reported that the file might have contradicted).
 * Read once per parsed table.
 */
export function codeTableFileCodes(table: CodeTable): ReadonlySet<string> | undefined {
    if (read.has(table)) return read.get(table);
    let codes: ReadonlySet<string> | undefined;
    try {
        codes = table.file ? readCodes(tableFilePath(table, table.file)) : undefined;
    } catch {
        codes = undefined;
    }
    read.set(table, codes);
    return codes;
}

function tableFilePath(table: CodeTable, file: string): string | undefined {
    if (path.isAbsolute(file)) return undefined;
    const spec = AstUtils.getDocument(table).uri;
    return spec.scheme === 'file' ? path.resolve(path.dirname(spec.fsPath), file) : undefined;
}

function readCodes(file: string | undefined): ReadonlySet<string> | undefined {
    if (!file) return undefined;
    const info = statSync(file);
    if (!info.isFile() || info.size > MAX_TABLE_BYTES) return undefined;
    const rows = readTable(file, readFileSync(file));
    if (rows.length === 0) return undefined;
    const header = rows[0].cells.findIndex(cell => CODE_HEADER.test(cell));
    const column = Math.max(header, 0);
    const body = header >= 0 ? rows.slice(1) : rows;
    return new Set(body.map(row => row.cells[column] ?? '').filter(code => code !== ''));
}
