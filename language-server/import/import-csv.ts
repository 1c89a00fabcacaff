/**
 * `interspec import csv`: mapping spreadsheets exported as CSV, in the layouts teams keep them (a row per mapping
 * with headers such as `HL7 field`, `FHIR element`, `Value map`, `Units`, `Time zone`, `Notes`) and in the HL7
 * v2-to-FHIR implementation guide's own segment map layout (github.com/HL7/v2-to-fhir `mappings/segments`).
 * One interface per sheet, or one for all sheets with `--interface`.
 */
import type { Draft, DraftInterface, DraftMessage, DraftSystem, DraftTodo } from './draft.js';
import type { ImportInput, ImportKind, ImportOptions } from './import-kind.js';
import { findLayout } from './csv/headers.js';
import { readTable } from './csv/read-table.js';
import { PLACEHOLDER_MESSAGE, type SheetResult } from './csv/sheet-parts.js';
import { guideFileName, sheetToMessages } from './csv/sheet-to-draft.js';
import { hl7FieldPath, toName } from './spec-text.js';

/** The stub names written when `--from`/`--to` are not given. */
export const SOURCE_STUB = 'SourceSystem';
export const TARGET_STUB = 'TargetSystem';

/**
 * Reads mapping sheets (CSV) into a draft. Throws `ImportError` for a file that is not CSV (with the line and
 * column where it stops being CSV) or whose header row cannot be found.
 */
export function readCsv(inputs: ImportInput[], options: ImportOptions): Draft {
    const sheets = inputs.map(input => {
        const rows = readTable(input.name, input.content);
        const layout = findLayout(input.name, rows, options.columns ?? {});
        return { input, layout, result: sheetToMessages(input.name, rows, layout, options.columns ?? {}) };
    });
    const source = options.from ? toName(options.from) : SOURCE_STUB;
    const target = options.to ? toName(options.to) : TARGET_STUB;
    const groups: Array<{ name: string; sheets: typeof sheets }> = options.interfaceName
        ? [{ name: toName(options.interfaceName), sheets }]
        : sheets.map(sheet => ({ name: interfaceName(sheet.input.name), sheets: [sheet] }));
    const used = new Set<string>();
    const interfaces = groups.map(group => {
        let name = group.name;
        for (let n = 2; used.has(name); n++) name = `${group.name}${n}`;
        used.add(name);
        return sheetInterface(name, group.sheets.map(sheet => ({ file: sheet.input.name, guide: sheet.layout.guide, result: sheet.result })), source, target, options);
    });
    const systems: DraftSystem[] = [{ name: source }, ...(target !== source ? [{ name: target }] : [])];
    return { kind: 'csv', inputs: inputs.map(input => input.name), interfaces, systems, teams: [], todos: [] };
}

/**
 * `lab-results_mapping.csv` gives `LabResultsMapping`; a guide sheet `… PID[Patient] - PID.csv` gives `PIDPatient`,
 * `HL7 Concept Map_ AdministrativeSex - Sheet1.csv` gives `AdministrativeSex`.
 */
function interfaceName(file: string): string {
    const naming = guideFileName(file);
    if (naming.segment && naming.resourceSpec) return toName(`${naming.segment} ${naming.resourceSpec.replace(/[-.]/g, ' ')}`);
    const base = (file.split('/').pop() ?? file).replace(/\.[^.]*$/, '');
    const conceptMap = /Concept Map_\s*(.+?)\s+-\s/.exec(base);
    if (conceptMap) return toName(conceptMap[1].replace(/[-_.[\]/]+/g, ' '), 'Mapping');
    return toName(base.replace(/[-_.]+/g, ' '), 'Mapping');
}

function sheetInterface(name: string, sheets: Array<{ file: string; guide: boolean; result: SheetResult }>, source: string, target: string, options: ImportOptions): DraftInterface {
    const files = sheets.map(sheet => sheet.file);
    const header: DraftTodo['from'] = { file: files[0], where: 'header' };
    const todos: DraftTodo[] = [];
    const notes: string[] = [];
    if (!options.from) todos.push({ text: `the sheet names no sending system: replace ${SOURCE_STUB} (or import again with --from <System>)`, from: header });
    if (!options.to) todos.push({ text: `the sheet names no receiving system: replace ${TARGET_STUB} (or import again with --to <System>)`, from: header });
    const versions = [...new Set(sheets.flatMap(sheet => sheet.result.versions))];
    const sources = sheets.flatMap(sheet => sheet.result.sources);
    const targets = sheets.flatMap(sheet => sheet.result.targets);
    const standard = sourceStandard(sources);
    const version = versions.length === 1 && /^\d+(\.\d+)*$|^[A-Za-z]\w*$/.test(versions[0].replace(/^v/i, '')) ? versions[0].replace(/^v/i, '') : undefined;
    if (!version) {
        todos.push({ text: versions.length > 1
            ? `the sheet names several versions (${versions.join(', ')}): split the interface, or keep the one the sender speaks`
            : `name the ${standard === 'HL7v2' ? 'HL7 v2' : standard} version the sender speaks (standard ${standard} <version>): field checks need it`, from: header });
    }
    const fhirVersions = [...new Set(sheets.map(sheet => guideFileName(sheet.file).fhirVersion).filter(Boolean))];
    const targetStandard = targetStandardOf(targets, standard);
    if (targetStandard) notes.push(`targets are ${targetStandard}${fhirVersions.length > 0 ? ` ${fhirVersions.join(', ')}` : ''} paths${sheets.some(sheet => sheet.guide) ? ' (HL7 v2-to-FHIR implementation guide layout)' : ''}`);
    notes.push(...sheets.flatMap(sheet => sheet.result.notes));
    const messages = mergeMessages(sheets.flatMap(sheet => sheet.result.messages));
    return {
        name,
        doc: `Imported from ${files.join(', ')} by interspec import csv.`,
        source, target,
        standard: { name: standard, ...(version ? { version } : {}) },
        messages, notes, todos
    };
}

/** HL7v2 when most sources are HL7 v2 fields, FHIR when they are FHIR paths, else HL7v2 (the sheets this reads). */
function sourceStandard(sources: string[]): string {
    const v2 = sources.filter(source => hl7FieldPath(source) === source).length;
    const fhir = sources.filter(source => /^[A-Z][a-z][A-Za-z]*\./.test(source)).length;
    return fhir > v2 ? 'FHIR' : 'HL7v2';
}

function targetStandardOf(targets: string[], standard: string): string | undefined {
    const v2 = targets.filter(t => hl7FieldPath(t) === t).length;
    const fhir = targets.filter(t => /^[A-Z][a-z][A-Za-z]*\./.test(t)).length;
    if (fhir > v2 && standard !== 'FHIR') return 'FHIR';
    if (v2 > fhir && standard !== 'HL7v2') return 'HL7 v2';
    return undefined;
}

/** Messages of the same type from several sheets become one, in first-seen order. */
function mergeMessages(messages: DraftMessage[]): DraftMessage[] {
    const merged = new Map<string, DraftMessage>();
    for (const message of messages) {
        const existing = merged.get(message.type);
        if (!existing) {
            merged.set(message.type, { ...message, mappings: [...message.mappings], groups: [...(message.groups ?? [])], todos: [...(message.todos ?? [])] });
            continue;
        }
        existing.mappings.push(...message.mappings);
        for (const group of message.groups ?? []) {
            const same = existing.groups!.find(g => g.field === group.field && g.values.join(',') === group.values.join(','));
            if (same) same.mappings.push(...group.mappings); else existing.groups!.push(group);
        }
        const todos = message.type === PLACEHOLDER_MESSAGE ? (message.todos ?? []).filter(todo => todo.from.where !== undefined) : message.todos ?? [];
        existing.todos!.push(...todos);
        if (existing.title !== message.title) existing.title = undefined;
    }
    return [...merged.values()];
}

/** The `csv` import kind. */
export const csvImport: ImportKind = {
    name: 'csv',
    summary: 'a mapping sheet saved as CSV (your own headers, or the HL7 v2-to-FHIR guide\'s sheets)',
    read: readCsv
};
