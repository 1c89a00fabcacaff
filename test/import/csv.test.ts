import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ImportError, writeDraft, type Draft, type DraftMapping } from '../../language-server/import/index.js';
import { readCsv } from '../../language-server/import/import-csv.js';
import { readCodes, readCondition, readMessageType, readUnits } from '../../language-server/import/csv/cells.js';
import { REPO } from '../cli/run-cli.js';
import { assertDraftSound } from './draft-soundness.js';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import', 'csv');
const GUIDE_OBX = 'HL7 Segment - FHIR R4_ OBX[Observation] - OBX.csv';
const GUIDE_PID = 'HL7 Segment - FHIR R4_ PID[Patient] - PID.csv';
const GUIDE_CODES = 'HL7 Concept Map_ ObservationResultStatusCodesInterpretation - Sheet1.csv';

function fixture(name: string): { name: string; content: Uint8Array } {
    return { name, content: readFileSync(path.join(FIXTURES, name)) };
}

function inline(name: string, text: string | Uint8Array): { name: string; content: Uint8Array } {
    return { name, content: typeof text === 'string' ? Buffer.from(text, 'utf8') : text };
}

function allMappings(draft: Draft): DraftMapping[] {
    return draft.interfaces.flatMap(i => i.messages.flatMap(m => [...m.mappings, ...(m.groups ?? []).flatMap(g => g.mappings)]));
}

/** TODOs that stand for a whole row (`row N`), not for one value of a mapping. */
function rowTodos(draft: Draft): number {
    return draft.interfaces.flatMap(i => i.messages.flatMap(m => m.todos ?? [])).filter(todo => /^row \d+$/.test(todo.from.where ?? '')).length;
}

/** The data rows of a sheet, read independently of the importer: non-empty records after `headerRows`. */
function dataRows(name: string, headerRows: number, delimiter = ','): string[][] {
    const records = parse(readFileSync(path.join(FIXTURES, name)), { delimiter, bom: true, relax_column_count: true, relax_quotes: true }) as string[][];
    return records.filter(record => record.some(cell => cell.trim() !== '')).slice(headerRows);
}

function importError(read: () => unknown): ImportError {
    try {
        read();
    } catch (error) {
        assert.ok(error instanceof ImportError, `an ImportError, not ${String(error)}`);
        return error;
    }
    assert.fail('expected an ImportError');
}

describe('import csv: mapping sheets', function () {
    this.timeout(300000);

    it('reads a sheet with a BOM, usual headers and line breaks in cells into mappings that parse, resolve and carry every code, unit and time zone', async () => {
        const draft = readCsv([fixture('lab-results-mapping.csv')], { from: 'LIS', to: 'EHR', interfaceName: 'LabResults' });
        const files = writeDraft(draft);
        await assertDraftSound(files);
        const rows = dataRows('lab-results-mapping.csv', 1);
        const header = (parse(readFileSync(path.join(FIXTURES, 'lab-results-mapping.csv')), { bom: true }) as string[][])[0];
        const column = (name: string) => header.indexOf(name);
        const mappings = allMappings(draft);
        assert.equal(mappings.length + rowTodos(draft), rows.length, 'every data row is a mapping or a row TODO');
        const pairs = rows.flatMap(row => row[column('Value Map')].split(/[\n;]/).filter(part => /=|->|:/.test(part)));
        assert.equal(mappings.reduce((sum, m) => sum + (m.codes?.length ?? 0), 0), pairs.length, 'every code pair of the sheet');
        assert.equal(mappings.filter(m => m.units).length, rows.filter(row => row[column('Units')].trim()).length, 'every unit');
        assert.equal(mappings.filter(m => m.timezone).length, rows.filter(row => row[column('Time Zone')].trim()).length, 'every time zone');
        assert.equal(mappings.filter(m => m.authority).length, rows.filter(row => row[column('Assigning Authority')].trim()).length, 'every authority');
        assert.deepEqual(draft.interfaces.map(i => [i.name, i.source, i.target, i.standard.name, i.standard.version]), [['LabResults', 'LIS', 'EHR', 'HL7v2', '2.5.1']]);
        assert.deepEqual(draft.interfaces[0].messages.map(m => m.type), ['ORU^R01', 'ORM^O01'], 'rows grouped into messages by the Message column');
        const text = files[0].text;
        assert.match(text, /OBR-25 -> DiagnosticReport\.status as code codes \{\n\s+F -> final,\n\s+C -> corrected,\n\s+P -> preliminary,\n\s+X -> cancelled\n\s+\} receives F, C, P, X/, 'one pair per line in a cell');
        assert.match(text, /PID-8 -> Patient\.gender as code codes \{\n\s+M -> male,/, 'F=final; C=corrected form');
        assert.match(text, /OBX-3 -> Observation\.code as code codes \{\n\s+GLU -> "2345-7",/, 'F:final form');
        assert.match(text, /when OBX-2 = NM \{\n(\s+\/\/.*\n)*\s+OBX-5 -> Observation\.valueQuantity\.value as quantity units "mg\/dL" -> "mmol\/L" factor 0\.0555/);
        assert.match(text, /when OBX-2 = ST, TX \{/);
        assert.match(text, /PID-3 -> Patient\.identifier as identifier identifier authority "VALLEY-MRN"/);
        assert.match(text, /PID-5 -> Patient\.name/, 'PID.5 is written PID-5');
        assert.match(text, /\/\/ condition: IF OBX-2 NOT VALUED\n\s+NTE-3 -> Observation\.note\.text/, 'a condition that is no when group is a note');
        assert.match(text, /\/\/ TODO \(lab-results-mapping\.csv:\d+ row 17\): not mapped: the source "OBX-16 \/ OBX-25" is not a field path/);
        assert.match(text, /\/\/ TODO \(lab-results-mapping\.csv:\d+ row 20\): code map entries not read as "code -> code": XX/);
        assert.doesNotMatch(text, /SourceSystem|TargetSystem/, '--from and --to name the systems');
    });

    it('without --from/--to writes stub systems and says so; a title row above the headers is kept as a note', async () => {
        const draft = readCsv([fixture('adt-segments.csv')], {});
        const files = writeDraft(draft);
        await assertDraftSound(files);
        assert.deepEqual(draft.systems.map(s => s.name), ['SourceSystem', 'TargetSystem']);
        const text = files.find(f => f.path === 'adt-segments.ispec')!.text;
        assert.match(text, /from SourceSystem to TargetSystem/);
        assert.match(text, /TODO \(adt-segments\.csv header\): the sheet names no sending system/);
        assert.match(text, /TODO \(adt-segments\.csv\): the sheet names no message type/);
        assert.match(text, /\/\/ adt-segments\.csv row 1: Lab ADT feed mapping/);
        assert.match(text, /PV1-2 -> Encounter\.class codes \{ I -> IMP, O -> AMB, E -> EMER \}/, 'segment and field as two columns, `;` delimiter');
        assert.match(text, /\/\/ column 6: visit number, extra cell past the headers\n\s+PV1-19 -> Encounter\.identifier/, 'a cell past the headers is kept');
        assert.equal(allMappings(draft).length + rowTodos(draft), dataRows('adt-segments.csv', 2, ';').length);
    });

    it('takes --columns for headers it does not know (tab-separated)', async () => {
        assert.match(importError(() => readCsv([fixture('analyser.tsv')], {})).located, /^analyser\.tsv:1:1: no header row names the source and target columns/);
        const draft = readCsv([fixture('analyser.tsv')], { columns: { source: 'Quelle', target: 'ziel', units: 'C', notes: 'Kommentar' } });
        await assertDraftSound(writeDraft(draft));
        const [first, second] = allMappings(draft);
        assert.deepEqual([first.source, first.target, first.units, first.notes], ['OBX-5', 'Observation.valueQuantity.value', { source: 'mmol/L' }, ['Natrium']]);
        assert.deepEqual([second.source, second.target, second.notes], ['OBX-11', 'Observation.status', ['Status F -> final']]);
        const unknown = importError(() => readCsv([fixture('analyser.tsv')], { columns: { source: 'Herkunft', target: 'Ziel' } }));
        assert.match(unknown.message, /--columns source=Herkunft: no column is headed "Herkunft" \(the headers are "Quelle", "Ziel", "Einheit", "Kommentar"\)/);
    });

    for (const [name, segment, resource] of [[GUIDE_OBX, 'OBX', 'Observation'], [GUIDE_PID, 'PID', 'Patient']] as const) {
        it(`reads the HL7 v2-to-FHIR guide's own layout: ${segment}[${resource}]`, async () => {
            const draft = readCsv([fixture(name)], {});
            const files = writeDraft(draft);
            await assertDraftSound(files);
            const rows = dataRows(name, 2);
            const mappings = allMappings(draft);
            assert.equal(mappings.length + rowTodos(draft), rows.length, 'every data row is a mapping or a row TODO');
            assert.ok(mappings.length > rows.length / 2, `most rows map (${mappings.length} of ${rows.length})`);
            assert.ok(mappings.every(m => m.source.startsWith(`${segment}-`) && m.target.startsWith(`${resource}.`)), 'attributes are relative to the resource in brackets');
            const vocabulary = rows.filter(row => row[15]?.trim()).length;
            const named = mappings.flatMap(m => m.todos ?? []).filter(todo => /names the concept map/.test(todo.text)).length;
            const inRowTodos = draft.interfaces[0].messages.flatMap(m => m.todos ?? []).filter(todo => /Vocabulary Mapping \(IS, ID, CE, CNE, CWE\): /.test(todo.text)).length;
            assert.ok(named > 0);
            assert.equal(named + inRowTodos, vocabulary, 'each Vocabulary Mapping is a TODO naming the concept map (or part of its row\'s TODO)');
            assert.match(files[0].text, new RegExp(`interface ${segment}${resource} \\{`));
            assert.match(files[0].text, /\/\/ targets are FHIR R4 paths \(HL7 v2-to-FHIR implementation guide layout\)/);
        });
    }

    it('turns the guide\'s IF conditions into when groups and keeps the others as notes', () => {
        const draft = readCsv([fixture(GUIDE_OBX)], {});
        const message = draft.interfaces[0].messages[0];
        const nm = message.groups!.find(g => g.field === 'OBX-2' && g.values.join() === 'NM');
        assert.ok(nm, 'IF OBX-2 EQUALS "NM" is when OBX-2 = NM');
        assert.ok(nm.mappings.some(m => m.source === 'OBX-5' && m.target === 'Observation.valueQuantity.value'));
        assert.ok(message.groups!.some(g => g.values.join() === 'ST,FT,TX'), 'IF OBX-2 IN ("ST", "FT", "TX")');
        assert.ok(message.mappings.some(m => (m.notes ?? []).some(note => /^condition: IF OBX-25 NOT VALUED$/.test(note))));
    });

    it('reads the guide\'s concept map sheets as one code map, on the fields --columns names or on placeholder paths', async () => {
        const rows = dataRows(GUIDE_CODES, 2);
        const placeholder = readCsv([fixture(GUIDE_CODES)], {});
        await assertDraftSound(writeDraft(placeholder));
        const [mapping] = allMappings(placeholder);
        assert.deepEqual([placeholder.interfaces[0].name, mapping.source, mapping.target], ['ObservationResultStatusCodesInterpretation', 'PLACEHOLDER-1', 'PLACEHOLDER.target-1']);
        const pairs = rows.filter(row => row[0] && row[6]);
        assert.deepEqual(mapping.codes, pairs.map(row => ({ source: row[0], target: row[6] })), 'every pair of the sheet');
        assert.deepEqual(mapping.receives, rows.filter(row => row[0]).map(row => row[0]), 'every v2 code');
        const rowTodos = mapping.todos!.filter(todo => /^row \d+$/.test(todo.from.where ?? '')).length;
        assert.equal(pairs.length + rowTodos, rows.length, 'every row is a pair or a TODO');
        assert.ok(mapping.todos!.some(todo => /its codes are HL7 v2 table 0085/.test(todo.text)));
        const named = readCsv([fixture(GUIDE_CODES)], { columns: { source: 'OBX-11', target: 'Observation.status' }, interfaceName: 'Results' });
        assert.deepEqual(allMappings(named).map(m => [m.source, m.target, m.codes!.length]), [['OBX-11', 'Observation.status', pairs.length]]);
        assert.match(importError(() => readCsv([fixture(GUIDE_CODES)], { columns: { source: 'Code' } })).message, /this is a concept map sheet, so --columns names the field paths of its code map: give both/);
        assert.match(importError(() => readCsv([fixture(GUIDE_CODES)], { columns: { source: 'v2 code', target: 'FHIR code' } })).message, /--columns source=v2 code: this is a concept map sheet/);
    });

    it('reads a guide sheet whose Sort Order and Identifier columns are unheaded, and keeps a whole-segment source as a TODO', async () => {
        const sheet = [
            'HL7 v2,,,,,,Condition (IF True),,,HL7 FHIR,,,Comments',
            ',,,,,,Computable ANTLR,Computable FHIRPath,Narrative,FHIR Attribute,,Data Type,',
            '0,AL1,,,,,,,,clinicalStatus.coding.code,,code,always active',
            '3,AL1-3,Allergen Code,CWE,1,1,,,,code,,CodeableConcept,',
            ''
        ].join('\n');
        const draft = readCsv([inline('HL7 Segment - FHIR R4_ AL1[AllergyIntolerance] - AL1.csv', sheet)], {});
        await assertDraftSound(writeDraft(draft));
        assert.deepEqual(allMappings(draft).map(m => [m.source, m.target, m.notes]), [['AL1-3', 'AllergyIntolerance.code', []]]);
        assert.match(draft.interfaces[0].messages[0].todos![1].text, /^not mapped: the source "AL1" is a whole segment, not a field \(Identifier: AL1; FHIR Attribute: clinicalStatus\.coding\.code; Data Type: code; Comments: always active\)$/);
    });

    it('says what the guide\'s data type and message maps are instead of importing them', () => {
        const header = 'HL7 v2,,,,,,Condition (IF True),,,HL7 FHIR\nSort Order,Identifier,Name,Data Type,Cardinality - Min,Cardinality - Max,Computable ANTLR,Computable FHIRPath,Narrative,FHIR Attribute/ Data Type\n';
        const dataType = importError(() => readCsv([inline('HL7 Data Type - FHIR R4_ CWE[CodeableConcept] - Sheet1.csv', `${header}1,CWE.1,Identifier,ST,0,1,,,,coding[1].code\n`)], {}));
        assert.match(dataType.located, /^HL7 Data Type - FHIR R4_ CWE\[CodeableConcept\] - Sheet1\.csv:2:1: this is an HL7 v2-to-FHIR data type map \(the components of CWE\)/);
        const message = importError(() => readCsv([inline('m.csv', 'Sort Order,Identifier,Syntax,Name,Primary Target,Segment Map\n1,ADT_A01.MSH,MSH,Message Header,Bundle,MSH[Bundle]\n')], {}));
        assert.match(message.message, /message map \(segments to resources\)/);
    });

    it('gives one ImportError with line and column for a quoted cell that never closes', () => {
        const error = importError(() => readCsv([fixture('malformed.csv')], {}));
        assert.equal(error.located, 'malformed.csv:3:20: this quoted cell is never closed: the file ends inside it (a `"` opens a cell that may hold line breaks; a quote inside a cell is written `""`)');
        const late = importError(() => readCsv([inline('late.csv', 'Source;Target\n"PID-3";"Patient.identifier"\n"PID-5";"multi\nline";"x\n')], {}));
        assert.deepEqual([late.line, late.column], [4, 7], 'the cell that opens on line 4, in a record that starts on line 3');
    });

    it('reports a file with no header row or no rows at all', () => {
        assert.equal(importError(() => readCsv([inline('empty.csv', '\r\n\r\n')], {})).located, 'empty.csv:1:1: the file holds no rows: export the mapping sheet with its header row');
        const workbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]);
        assert.match(importError(() => readCsv([inline('mapping.xlsx', workbook)], {})).located, /^mapping\.xlsx:1:1: this is a spreadsheet workbook/);
        assert.match(importError(() => readCsv([inline('numbers.csv', '1,2\n3,4\n')], {})).message, /--columns source=<header>,target=<header>/);
    });

    it('reads tab, UTF-16 and Windows-1252 exports the same', () => {
        const text = 'HL7 field\tFHIR path\tComments\nOBX-11\tObservation.status\tRésultat\n';
        const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
        const latin = Buffer.from(text.replace('é', '\u00e9'), 'latin1');
        for (const content of [Buffer.from(text), utf16, latin]) {
            const [mapping] = allMappings(readCsv([inline('sheet.csv', content)], {}));
            assert.deepEqual([mapping.source, mapping.target, mapping.notes], ['OBX-11', 'Observation.status', ['Résultat']]);
        }
    });

    it('keeps rows that repeat a mapping or a code as TODOs instead of writing a duplicate', async () => {
        const sheet = 'HL7 field,FHIR element,Value map,Notes\nOBX-11,Observation.status,"F=final; F=amended",first\nOBX-11,Observation.status,,second row\n';
        const draft = readCsv([inline('dup.csv', sheet)], {});
        const files = writeDraft(draft);
        await assertDraftSound(files);
        assert.equal(allMappings(draft).length + rowTodos(draft), 2);
        assert.match(files[0].text, /TODO \(dup\.csv:2 row 2\): code F is mapped twice: F -> amended not written/);
        assert.match(files[0].text, /TODO \(dup\.csv:3 row 3\): not mapped: the same mapping as row 2/);
    });

    it('reads what other sheets do: sep= line, row numbers, component columns, sides named first, several message types per row', async () => {
        const sheet = [
            'sep=;',
            '#;Messages;Segment;Seq;Component;Source (HL7 v2.5.1);Target (FHIR R4);Applies when',
            '1;ORU^R01, OUL^R22;OBX;3;1;;Observation.code.coding.code;',
            '2;ORU^R01;;;;OBX-5;Observation.valueQuantity.value;when OBX-2 = NM',
            '3;ORU^R01/OUL^R22;PID;3;;;Patient.identifier;',
            ''
        ].join('\r\n');
        const draft = readCsv([inline('other.csv', sheet)], {});
        await assertDraftSound(writeDraft(draft));
        const [oru, oul] = draft.interfaces[0].messages;
        assert.deepEqual([oru.type, oul.type], ['ORU^R01', 'OUL^R22']);
        assert.deepEqual(oru.mappings.map(m => `${m.source} -> ${m.target} ${m.from.line}`), ['OBX-3.1 -> Observation.code.coding.code 3', 'PID-3 -> Patient.identifier 5']);
        assert.deepEqual(oul.mappings.map(m => `${m.source} -> ${m.target}`), ['OBX-3.1 -> Observation.code.coding.code', 'PID-3 -> Patient.identifier'], 'a row naming two message types maps in both');
        assert.deepEqual(oru.groups!.map(g => [g.field, g.values, g.mappings.map(m => m.source)]), [['OBX-2', ['NM'], ['OBX-5']]], 'a column headed "Applies when" holds conditions');
        assert.ok(allMappings(draft).every(m => !(m.notes ?? []).some(note => note.startsWith('#'))), 'the row-number column is not carried');
    });

    it('reads n/a, none and - in option columns as empty', () => {
        const sheet = 'HL7 field,FHIR element,Units,Time zone,Value map,Authority\nOBX-5,Observation.valueString,n/a,-,None,—\nOBX-3,Observation.code,,,NA=2951-2,\n';
        const [value, code] = allMappings(readCsv([inline('na.csv', sheet)], {}));
        assert.deepEqual([value.units, value.timezone, value.codes, value.authority, value.todos], [undefined, undefined, undefined, undefined, []]);
        assert.deepEqual(code.codes, [{ source: 'NA', target: '2951-2' }], 'NA as a code is a code');
    });

    it('reads a target resource column beside a relative element, and a segment column beside a field number', async () => {
        const sheet = 'Source Segment,Source Field,Target FHIR Resource,Target FHIR Element,Segment.Field\nPID,3,Patient,identifier,\nPID,8,Patient,gender,\nOBX,11,Observation,status,\n';
        const draft = readCsv([inline('split.csv', sheet)], {});
        await assertDraftSound(writeDraft(draft));
        assert.deepEqual(allMappings(draft).map(m => `${m.source} -> ${m.target}`), ['PID-3 -> Patient.identifier', 'PID-8 -> Patient.gender', 'OBX-11 -> Observation.status']);
        const [first] = allMappings(readCsv([inline('joined.csv', 'Segment.Field,FHIR R4 Path\nPID.3,Patient.identifier\n')], {}));
        assert.deepEqual([first.source, first.target], ['PID-3', 'Patient.identifier']);
    });

    it('reads code-per-row sheets: pairs under the mapping of the rows above, or of an earlier row with the same fields', async () => {
        const draft = readCsv([fixture('status-codes-per-row.csv')], {});
        const files = writeDraft(draft);
        await assertDraftSound(files);
        const [status, report] = allMappings(draft);
        assert.deepEqual(status.codes, [{ source: 'F', target: 'final' }, { source: 'C', target: 'corrected' }, { source: 'X', target: 'cancelled' }]);
        assert.deepEqual(status.receives, ['F', 'C', 'X']);
        assert.deepEqual(report.codes, [{ source: 'F', target: 'final' }, { source: 'P', target: 'preliminary' }]);
        assert.deepEqual(report.todos!.map(todo => `${todo.from.where}: ${todo.text}`), [
            'row 7: code P is mapped twice: P -> partial not written (kept P -> preliminary)',
            'row 8: code Z with no target code (no FHIR status yet)'
        ]);
        assert.deepEqual(report.notes, ['P -> partial: second target for P'], 'the comment of a pair row is kept');
        assert.equal(allMappings(draft).length, 2);
        const pairs = dataRows('status-codes-per-row.csv', 1).filter(row => row[2] && row[3]).length;
        assert.equal(status.codes!.length + report.codes!.length + 1, pairs, 'every pair, the repeated P as a TODO');
        assert.equal(files.find(f => f.path === 'status-codes-per-row.ispec') !== undefined, true);
    });

    it('gives byte-identical drafts for the same sheets', () => {
        const inputs = [fixture('lab-results-mapping.csv'), fixture(GUIDE_PID)];
        assert.deepEqual(writeDraft(readCsv(inputs, {})), writeDraft(readCsv(inputs, {})));
    });

    it('reads code maps, units, conditions and message types in the forms sheets use', () => {
        assert.deepEqual(readCodes('F=final; C=corrected').codes, [{ source: 'F', target: 'final' }, { source: 'C', target: 'corrected' }]);
        assert.deepEqual(readCodes('F -> final\nC => corrected\r\nX → cancelled').codes.map(c => c.target), ['final', 'corrected', 'cancelled']);
        assert.deepEqual(readCodes('"F": "final", C:corrected').codes, [{ source: 'F', target: 'final' }, { source: 'C', target: 'corrected' }]);
        assert.deepEqual(readCodes('F=final; oops'), { codes: [{ source: 'F', target: 'final' }], unread: ['oops'] });
        assert.deepEqual(readUnits('mg/dL -> mmol/L'), { source: 'mg/dL', target: 'mmol/L' });
        assert.deepEqual(readUnits('mg/dL to mmol/L (x 0.0555)'), { source: 'mg/dL', target: 'mmol/L', factor: 0.0555 });
        assert.deepEqual(readUnits('10*9/L'), { source: '10*9/L' });
        assert.deepEqual(readCondition('OBX-2 = NM'), { field: 'OBX-2', values: ['NM'] });
        assert.deepEqual(readCondition('IF OBX-2 IN ("ST", "FT", "TX")'), { field: 'OBX-2', values: ['ST', 'FT', 'TX'] });
        assert.deepEqual(readCondition('obx.2 == SN or NM'), { field: 'OBX-2', values: ['SN', 'NM'] });
        assert.equal(readCondition('IF OBX-25 NOT VALUED'), undefined);
        assert.equal(readCondition('IF OBX-2 EQUALS "SN" AND OBX-5.3 EQUALS "-"'), undefined);
        assert.equal(readMessageType('ORU_R01'), 'ORU^R01');
        assert.equal(readMessageType('adt^a01^adt_a01'), 'ADT^A01^ADT_A01');
        assert.equal(readMessageType('results'), undefined);
    });
});
