/**
 * Which column of a mapping sheet holds what: headers are recognised case-insensitively and loosely (`HL7 Field`,
 * `v2 field`, `Source field`, `FHIR element`, `Value map`, `Units`, `Time zone`, …), `--columns value=header` names
 * the rest, and the HL7 v2-to-FHIR implementation guide's own layout (two header rows, `Identifier`,
 * `FHIR Attribute`, `Computable ANTLR`, `Vocabulary Mapping`, … as in github.com/HL7/v2-to-fhir `mappings/segments`)
 * is recognised by its headers.
 */
import { ImportError } from '../import-error.js';
import { oneLine } from '../spec-text.js';
import type { SheetRow } from './read-table.js';

/**
 * What a column holds. `other` columns are carried as `Header: value` notes; `ignore` ones (the v2-to-FHIR guide's
 * sort order, v2 data type, cardinalities) and `name` (the standard's name of the field) restate the standard and are
 * written only in the TODO of a row that gives no mapping.
 */
export type ColumnRole =
    | 'source' | 'segment' | 'field' | 'target' | 'resource' | 'codes' | 'units' | 'sourceUnits' | 'targetUnits'
    | 'timezone' | 'authority' | 'kind' | 'message' | 'condition' | 'notes' | 'version' | 'name' | 'component'
    | 'sourceCode' | 'targetCode' | 'sourceSystem' | 'targetSystem'
    | 'conditionFhirpath' | 'narrative' | 'extension' | 'datatypeMap' | 'assignment' | 'other' | 'ignore';

/** The keys `--columns` takes, and the role each names. */
export const COLUMN_OPTION_KEYS: Readonly<Record<string, ColumnRole>> = {
    source: 'source', target: 'target', codes: 'codes', units: 'units', 'source-units': 'sourceUnits',
    'target-units': 'targetUnits', timezone: 'timezone', authority: 'authority', kind: 'kind', message: 'message',
    condition: 'condition', notes: 'notes', version: 'version', segment: 'segment', field: 'field', component: 'component',
    'source-code': 'sourceCode', 'target-code': 'targetCode',
    resource: 'resource'
};

/** The sheet's layout: which row holds the headers, and each column's header and role. */
export interface SheetLayout {
    /** Index (in the rows) of the last header row; data rows follow it. */
    headerIndex: number;
    headers: string[];
    roles: ColumnRole[];
    /** Whether this is the HL7 v2-to-FHIR implementation guide's segment map layout. */
    guide: boolean;
    /**
     * Whether this is the guide's concept map layout (`mappings/codesystems/HL7 Concept Map_ …`): one code pair per
     * row, for a field the sheet does not name.
     */
    codes?: boolean;
}

const EXACT: Array<[ColumnRole, string[]]> = [
    ['version', ['version', 'hl7 version', 'v2 version', 'hl7 v2 version', 'message version', 'standard version']],
    ['message', ['message', 'message type', 'messages', 'event', 'trigger event', 'message event', 'msg type', 'message trigger', 'trigger']],
    ['timezone', ['time zone', 'timezone', 'tz', 'source time zone', 'source timezone']],
    ['authority', ['assigning authority', 'authority', 'identifier authority', 'id authority']],
    ['sourceUnits', ['source unit', 'source units', 'from unit', 'from units', 'v2 unit', 'v2 units', 'hl7 unit', 'hl7 units', 'sender unit', 'sender units']],
    ['targetUnits', ['target unit', 'target units', 'to unit', 'to units', 'fhir unit', 'fhir units', 'receiver unit', 'receiver units']],
    ['units', ['unit', 'units', 'uom', 'unit of measure', 'units of measure', 'unit conversion', 'units conversion', 'unit map']],
    ['codes', ['value map', 'code map', 'translation', 'translations', 'vocabulary mapping', 'vocabulary map', 'value mapping', 'code mapping', 'codes', 'code translation', 'value translation', 'terminology mapping', 'concept map', 'value set map', 'lookup']],
    ['kind', ['data type', 'datatype', 'kind', 'type', 'field kind', 'value kind']],
    ['condition', ['condition', 'conditions', 'when', 'condition if true', 'if', 'computable antlr']],
    ['name', ['field name', 'name', 'element name', 'v2 name', 'hl7 name', 'field description', 'hl7 field name', 'v2 field name']],
    ['notes', ['notes', 'note', 'comments', 'comment', 'remarks', 'remark', 'narrative', 'description', 'mapping notes', 'mapping comments']],
    ['segment', ['segment', 'seg', 'v2 segment', 'hl7 segment', 'source segment', 'segment id']],
    ['sourceCode', ['source code', 'source value', 'v2 code', 'hl7 code', 'hl7 v2 code', 'from code', 'local code', 'code in', 'input code', 'incoming code', 'sender code', 'source code value']],
    ['targetCode', ['target code', 'target value', 'fhir code', 'to code', 'standard code', 'code out', 'output code', 'outgoing code', 'receiver code', 'target code value', 'mapped code']],
    ['component', ['component', 'component number', 'comp', 'component no', 'component seq']],
    ['ignore', ['no', 'nr', 'row', 'row number', 'line', 'sort order', 'order', 'index', 'item']],
    ['field', ['field number', 'field no', 'field nr', 'seq', 'sequence', 'field seq', 'field sequence', 'position', 'field position']],
    ['source', ['source', 'hl7 field', 'v2 field', 'hl7 v2', 'hl7v2', 'source field', 'hl7 v2 field', 'hl7v2 field', 'source path', 'segment field', 'hl7 segment field', 'v2 segment field', 'field id', 'v2 path', 'hl7 path', 'hl7 element', 'v2 element', 'source element', 'from', 'hl7', 'v2', 'hl7 location', 'v2 location', 'source location', 'hl7 v2 element']],
    ['target', ['target', 'fhir element', 'fhir path', 'path', 'target field', 'fhir attribute', 'target element', 'target path', 'destination', 'destination field', 'fhir', 'to', 'fhir field', 'fhir resource element', 'fhir r4 element', 'fhir r4 path', 'target location']],
    ['resource', ['resource', 'fhir resource', 'target resource', 'resource type']]
];

/** A header as compared: lower case, anything but letters and digits as one space. */
export function normaliseHeader(header: string): string {
    return header.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The role a header names, or undefined. Exact names first, then what the header contains. A row-number column
 * (`#`, `No`, `Row`) is `ignore`: the row's own number is in every TODO already.
 */
export function headerRole(header: string): ColumnRole | undefined {
    if (/^\s*(#|n°|№)\s*$/i.test(header)) return 'ignore';
    const name = normaliseHeader(header);
    if (name === '') return undefined;
    for (const [role, names] of EXACT) if (names.includes(name)) return role;
    if (/\bresource\b/.test(name) && !/element|path|attribute|field/.test(name)) return 'resource';
    if (/\bunits?\b|\buom\b/.test(name)) return /\b(source|from|sender|v2|hl7)\b/.test(name) ? 'sourceUnits' : /\b(target|to|receiver|fhir)\b/.test(name) ? 'targetUnits' : 'units';
    if (/time ?zone/.test(name)) return 'timezone';
    if (/authority/.test(name)) return 'authority';
    if (/^(vocabulary|value|code|concept|terminology) ?map|translation/.test(name)) return 'codes';
    if (/comment|note|remark/.test(name)) return 'notes';
    if (/condition|\bwhen\b|^if\b/.test(name)) return 'condition';
    if (/^message|trigger event/.test(name)) return 'message';
    if (/\bfhir\b/.test(name) && /element|path|attribute|field|target/.test(name)) return 'target';
    if (/\b(target|destination)\b/.test(name) && /element|path|field|attribute/.test(name)) return 'target';
    if (/\b(hl7|v2|source)\b/.test(name) && /field|element|path|location|segment field/.test(name)) return 'source';
    // `Source (HL7 v2)`, `Target (FHIR R4)`, `Destination element`: a side named first, whatever follows.
    if (/^(source|from|inbound|input)\b/.test(name) && !/\b(code|value|system|table)s?\b/.test(name)) return 'source';
    if (/^(target|destination|to|outbound|output)\b/.test(name) && !/\b(code|value|system|table)s?\b/.test(name)) return 'target';
    return undefined;
}

/**
 * The layout of a sheet: the header row (the first of the first ten rows naming a source or target column, or the
 * columns `--columns` names), each column's role. Throws `ImportError` when no header row names where the mappings
 * are, or when `--columns` names a column the header row lacks.
 */
export function findLayout(file: string, rows: SheetRow[], columns: Record<string, string> = {}): SheetLayout {
    if (rows.length === 0) throw new ImportError(file, 'the file holds no rows: export the mapping sheet with its header row', 1, 1);
    const guide = rows.slice(0, 10).findIndex(row => {
        const names = row.cells.map(normaliseHeader);
        const target = names.some(name => name.startsWith('fhir attribute') || name === 'primary target');
        // Some of the guide's sheets leave `Sort Order` and `Identifier` unheaded (AL1[AllergyIntolerance]).
        return target && (names.includes('identifier') || names.includes('computable antlr'));
    });
    if (guide >= 0) {
        const names = rows[guide].cells.map(normaliseHeader);
        const identifiers = rows.slice(guide + 1).map(row => row.cells[names.indexOf('identifier')] ?? '').filter(Boolean);
        if (names.includes('primary target') || names.includes('segment map')) {
            throw new ImportError(file, 'this is an HL7 v2-to-FHIR message map (segments to resources), not a field mapping: import the segment maps it names ("HL7 Segment - FHIR R4_ PID[Patient] - …csv")', rows[guide].line, 1);
        }
        if (identifiers.length > 0 && identifiers.every(id => /^[A-Z][A-Z0-9]{1,3}\.\d+/.test(id))) {
            throw new ImportError(file, `this is an HL7 v2-to-FHIR data type map (the components of ${identifiers[0].replace(/\..*/, '')}), not a field mapping: an interface maps fields; import the segment maps ("HL7 Segment - FHIR R4_ …csv")`, rows[guide].line, 1);
        }
        return guideLayout(file, rows, guide, columns);
    }
    const codeSheet = rows.slice(0, 10).findIndex(row => {
        const names = row.cells.map(normaliseHeader);
        return names[0] === 'code' && names.filter(name => name === 'code').length === 2 && names.includes('code system');
    });
    if (codeSheet >= 0) return guideCodeLayout(rows, codeSheet);
    const wanted = Object.values(columns).filter(value => !/^([A-Za-z]{1,2}|\d+)$/.test(value.trim())).map(normaliseHeader);
    const byPosition = Object.keys(columns).length > 0 && wanted.length === 0;
    const candidates = rows.slice(0, 10).map((row, index) => {
        const headers = row.cells.map(cell => oneLine(cell));
        const names = headers.map(normaliseHeader);
        return { index, headers, roles: assignRoles(headers), named: wanted.filter(header => names.includes(header)).length };
    });
    const layout = (candidate: typeof candidates[number]): SheetLayout => ({
        headerIndex: candidate.index, headers: candidate.headers, guide: false,
        roles: applyColumnOptions(file, { ...rows[candidate.index], cells: candidate.headers }, candidate.roles, columns)
    });
    if (wanted.length > 0) {
        // The row holding most of the headers --columns names; a header it lacks is then reported by name.
        const best = candidates.reduce<typeof candidates[number] | undefined>((found, candidate) => candidate.named > (found?.named ?? 0) ? candidate : found, undefined);
        if (best) return layout(best);
    } else if (byPosition && candidates.length > 0) {
        return layout(candidates[0]);
    }
    for (const candidate of candidates) {
        const roles = candidate.roles;
        const recognised = roles.includes('source') || roles.includes('target') || roles.includes('segment');
        if (recognised && roles.filter(role => role !== 'other').length >= 2) return layout(candidate);
    }
    const first = rows[0];
    throw new ImportError(file, `no header row names the source and target columns (looked for headers such as "HL7 field", "Source", "FHIR element", "Target" in the first ${Math.min(rows.length, 10)} rows); name them with --columns source=<header>,target=<header>`, first?.line ?? 1, 1);
}

/** Roles by header; a role already taken makes a later column `other` (its values become notes). */
function assignRoles(headers: string[]): ColumnRole[] {
    const taken = new Set<ColumnRole>();
    const roles = headers.map(header => headerRole(header) ?? 'other');
    const hasSegment = roles.includes('segment');
    return roles.map((role, index) => {
        let resolved = role;
        if (role === 'other' && hasSegment && normaliseHeader(headers[index]) === 'field') resolved = 'field';
        if (resolved === 'notes' || resolved === 'other' || resolved === 'ignore') return resolved;
        if (taken.has(resolved)) return 'other';
        taken.add(resolved);
        return resolved;
    });
}

/**
 * `--columns value=header`: the header text (case-insensitive, loosely), a column letter (`C`) or a 1-based column
 * number names the column; the role it had before becomes `other`.
 */
function applyColumnOptions(file: string, headerRow: SheetRow, roles: ColumnRole[], columns: Record<string, string>): ColumnRole[] {
    const result = [...roles];
    for (const [key, header] of Object.entries(columns)) {
        const role = COLUMN_OPTION_KEYS[key.toLowerCase()];
        if (!role) {
            throw new ImportError(file, `--columns: "${key}" is not a value the csv import reads (use ${Object.keys(COLUMN_OPTION_KEYS).join(', ')})`);
        }
        const index = columnIndex(headerRow.cells, header);
        if (index === undefined) {
            throw new ImportError(file, `--columns ${key}=${header}: no column is headed "${header}" (the headers are ${headerRow.cells.filter(Boolean).map(cell => `"${cell}"`).join(', ')})`, headerRow.line, 1);
        }
        if (role !== 'notes') result.forEach((existing, i) => { if (existing === role) result[i] = 'other'; });
        result[index] = role;
    }
    return result;
}

function columnIndex(headers: string[], name: string): number | undefined {
    const wanted = normaliseHeader(name);
    const exact = headers.findIndex(header => normaliseHeader(header) === wanted);
    if (exact >= 0) return exact;
    if (/^[A-Za-z]{1,2}$/.test(name.trim())) {
        const letters = name.trim().toUpperCase();
        const index = [...letters].reduce((sum, ch) => sum * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        if (index < Math.max(headers.length, 1) + 26) return index;
    }
    if (/^\d+$/.test(name.trim()) && Number(name) >= 1) return Number(name) - 1;
    return undefined;
}

/**
 * The HL7 v2-to-FHIR guide's layout: a group row (`HL7 v2`, `Condition (IF True)`, `HL7 FHIR`, `Comments`) above
 * the header row. The v2 `Data Type` and the cardinalities restate the standards and are not carried; the FHIR
 * `Data Type` gives the mapping's kind where it names one.
 */
function guideLayout(file: string, rows: SheetRow[], index: number, columns: Record<string, string>): SheetLayout {
    const row = rows[index].cells;
    const above = index > 0 ? rows[index - 1].cells : [];
    const width = Math.max(row.length, above.length);
    const headers: string[] = [];
    const roles: ColumnRole[] = [];
    let afterAttribute = false;
    const data = rows.slice(index + 1, index + 40);
    const unheadedSource = row.some(cell => normaliseHeader(cell) === 'identifier') ? -1 : [0, 1, 2, 3].find(column =>
        !row[column]?.trim() && data.filter(r => /^[A-Z][A-Z0-9]{2}([-.]\d+)*$/.test(r.cells[column] ?? '')).length > data.length / 2);
    // The first `Data Type` is the v2 one, unless the v2 columns are unheaded.
    let dataTypes = unheadedSource !== undefined && unheadedSource >= 0 ? 1 : 0;
    for (let column = 0; column < width; column++) {
        const own = oneLine(row[column] ?? '') || (column === unheadedSource ? 'Identifier' : '');
        const header = own || oneLine(above[column] ?? '');
        headers.push(header);
        const name = normaliseHeader(own);
        let role: ColumnRole;
        if (name === 'identifier') role = 'source';
        else if (name.startsWith('fhir attribute')) role = 'target';
        else if (name === 'name') role = 'name';
        else if (name === 'sort order' || name.startsWith('cardinality')) role = 'ignore';
        else if (name === 'data type') role = dataTypes++ === 0 ? 'ignore' : 'kind';
        else if (name === 'computable antlr') role = 'condition';
        else if (name === 'computable fhirpath') role = 'conditionFhirpath';
        else if (name === 'narrative') role = 'narrative';
        else if (name === 'data type mapping') role = 'datatypeMap';
        else if (name.startsWith('vocabulary mapping')) role = 'codes';
        else if (name === 'assignment') role = 'assignment';
        else if (name === '' && afterAttribute) role = 'extension';
        else if (own) role = headerRole(own) ?? 'other';
        else if (headerRole(header) === 'notes') role = 'notes';
        // An unheaded column of numbers under a group label is the sheet's sort order.
        else if (data.every(r => /^\d*$/.test(r.cells[column] ?? ''))) role = 'ignore';
        else role = 'other';
        afterAttribute = name.startsWith('fhir attribute');
        // Unheaded, the columns after the identifier are still the guide's Name, Data Type, Cardinality - Min/Max.
        if (!own && unheadedSource !== undefined && unheadedSource >= 0 && column > unheadedSource && column <= unheadedSource + 4) {
            role = column === unheadedSource + 1 ? 'name' : 'ignore';
        }
        roles.push(role);
    }
    return { headerIndex: index, headers, roles: applyColumnOptions(file, { ...rows[index], cells: headers }, roles, columns), guide: true };
}

/**
 * The guide's concept map layout: `HL7 v2` group (`Code`, `Text`, `Code System`), `Condition (IF True)`, `HL7 FHIR`
 * group (`Code`, `Display`, `Code System`), `Comments`. `Text` and `Display` restate the code systems.
 */
function guideCodeLayout(rows: SheetRow[], index: number): SheetLayout {
    const row = rows[index].cells;
    const above = index > 0 ? rows[index - 1].cells : [];
    const headers: string[] = [];
    const roles: ColumnRole[] = [];
    let codes = 0;
    let systems = 0;
    for (let column = 0; column < Math.max(row.length, above.length); column++) {
        const own = oneLine(row[column] ?? '');
        headers.push(own || oneLine(above[column] ?? ''));
        const name = normaliseHeader(own);
        let role: ColumnRole;
        if (name === 'code') role = codes++ === 0 ? 'sourceCode' : 'targetCode';
        else if (name === 'code system') role = systems++ === 0 ? 'sourceSystem' : 'targetSystem';
        else if (name === 'text' || name === 'display') role = 'name';
        else if (name === 'computable antlr' || name === 'computable') role = 'condition';
        else if (name === 'computable fhirpath') role = 'conditionFhirpath';
        else if (name === 'narrative') role = 'narrative';
        else role = headerRole(headers[column]) ?? 'other';
        roles.push(role);
    }
    return { headerIndex: index, headers, roles, guide: true, codes: true };
}
