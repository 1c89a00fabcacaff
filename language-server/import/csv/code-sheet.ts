/**
 * The HL7 v2-to-FHIR guide's concept map sheets (github.com/HL7/v2-to-fhir `mappings/codesystems/HL7 Concept Map_ …
 * .csv`): one code pair per row for a field the sheet does not name.
 */
import type { DraftMapping, DraftMessage, Provenance } from '../draft.js';
import { ImportError } from '../import-error.js';
import { hl7FieldPath, isFieldPath } from '../spec-text.js';
import type { ColumnRole, SheetLayout } from './headers.js';
import type { SheetRow } from './read-table.js';
import { addPair, PLACEHOLDER_MESSAGE, placeholderPaths, rowNotes, type SheetResult } from './sheet-parts.js';

/**
 * The guide's concept map sheet (`HL7 Concept Map_ AdministrativeSex - Sheet1.csv`): every row is a code pair of one
 * code map, on the field `--columns source=…,target=…` names, else on placeholder paths with a TODO that names the
 * HL7 v2 table of the `Code System` column. A row without a FHIR code is a TODO; `receives` lists every v2 code.
 */
export function codeSheet(file: string, rows: SheetRow[], layout: SheetLayout, columns: Record<string, string>, result: SheetResult): SheetResult {
    const header = rows[layout.headerIndex];
    const headerFrom: Provenance = { file, line: header.line, where: 'header' };
    const path = (key: 'source' | 'target'): string | undefined => {
        const value = columns[key];
        if (value === undefined) return undefined;
        const read = hl7FieldPath(value) ?? (isFieldPath(value.trim()) ? value.trim() : undefined);
        if (!read) throw new ImportError(file, `--columns ${key}=${value}: this is a concept map sheet, so --columns names the field paths of its code map (e.g. source=OBX-11,target=Observation.status)`);
        return read;
    };
    const given = { source: path('source'), target: path('target') };
    if ((given.source === undefined) !== (given.target === undefined)) {
        throw new ImportError(file, '--columns: this is a concept map sheet, so --columns names the field paths of its code map: give both source=<field> and target=<element> (e.g. source=OBX-11,target=Observation.status)');
    }
    const paths = given.source && given.target ? { source: given.source, target: given.target } : placeholderPaths(1);
    const mapping: DraftMapping = { ...paths, codes: [], receives: [], notes: [], todos: [], from: headerFrom };
    const role = (name: ColumnRole) => layout.roles.indexOf(name);
    const value = (row: SheetRow, name: ColumnRole) => role(name) >= 0 ? (row.cells[role(name)] ?? '').trim() : '';
    const data = rows.slice(layout.headerIndex + 1);
    const sourceSystems = [...new Set(data.map(row => value(row, 'sourceSystem')).filter(Boolean))];
    const targetSystems = [...new Set(data.map(row => value(row, 'targetSystem')).filter(Boolean))];
    const base = (file.split('/').pop() ?? file).replace(/\.[^.]*$/, '');
    const mapName = /Concept Map_\s*(.+?)\s+-\s/.exec(base)?.[1] ?? base;
    mapping.notes!.push(`concept map ${mapName} (HL7 v2-to-FHIR layout): ${sourceSystems.join(', ') || '(code system not stated)'} -> ${targetSystems.join(', ') || '(code system not stated)'}`);
    if (!given.source || !given.target) {
        const table = sourceSystems.map(system => /(?:HL7|v2-)(\d{4})/i.exec(system)?.[1]).find(Boolean);
        mapping.todos!.push({ text: `PLACEHOLDER paths: name the field this code map translates${table ? ` (its codes are HL7 v2 table ${table}; more than one field may use it)` : ''} and the element it fills, or import again with --columns source=<field>,target=<element>`, from: headerFrom });
    }
    for (const row of data) {
        result.dataRows++;
        const from: Provenance = { file, line: row.line, where: `row ${row.row}` };
        const source = value(row, 'sourceCode');
        const target = value(row, 'targetCode');
        const text = value(row, 'name');
        const notes: string[] = [];
        const condition = value(row, 'condition');
        if (condition) notes.push(`condition: ${condition}`);
        if (value(row, 'conditionFhirpath')) notes.push(`condition (FHIRPath): ${value(row, 'conditionFhirpath')}`);
        if (value(row, 'narrative')) notes.push(`condition: ${value(row, 'narrative')}`);
        if (targetSystems.length > 1 && value(row, 'targetSystem')) notes.push(`code system ${value(row, 'targetSystem')}`);
        notes.push(...rowNotes(row, layout));
        if (!source) {
            mapping.todos!.push({ text: `a row with no v2 code: ${row.cells.filter(Boolean).join('; ')}`, from });
            continue;
        }
        if (!mapping.receives!.includes(source)) mapping.receives!.push(source);
        if (!target) {
            mapping.todos!.push({ text: `code ${source}${text ? ` (${text})` : ''}: no FHIR code in the sheet${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`, from });
            continue;
        }
        addPair(mapping, source, target, from, notes);
        result.pairRows++;
    }
    if (mapping.codes!.length === 0) delete mapping.codes;
    result.sources.push(mapping.source);
    result.targets.push(mapping.target);
    const message: DraftMessage = {
        type: PLACEHOLDER_MESSAGE, title: `concept map ${mapName}`, mappings: [mapping], groups: [],
        todos: [{ text: `a concept map sheet names no message: replace ${PLACEHOLDER_MESSAGE} with the message type that carries the field (e.g. ORU^R01)`, from: { file } }]
    };
    result.messages = [message];
    return result;
}
