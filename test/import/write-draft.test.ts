import { strict as assert } from 'node:assert';
import { writeDraft, type Draft } from '../../language-server/import/index.js';
import { codeText, hl7FieldPath, toName } from '../../language-server/import/spec-text.js';
import { assertDraftSound } from './draft-soundness.js';

/** A draft with values that would break naive text output: quotes, keywords, unit strings, odd codes. */
function awkwardDraft(): Draft {
    const from = { file: 'sheet.csv', line: 3, where: 'row 2' };
    return {
        kind: 'csv',
        inputs: ['sheet.csv'],
        systems: [{ name: 'LIS', title: 'Lab "core" system', applications: ['WINPATH'] }, { name: 'EHR' }],
        teams: ['LabIT'],
        todos: [],
        interfaces: [{
            name: 'LabResults',
            title: 'Results from the "new" LIS */ to the EHR',
            doc: 'Imported from sheet.csv */ with a comment closer',
            source: 'LIS',
            target: 'EHR',
            standard: { name: 'HL7v2', version: '2.5.1' },
            transport: { protocol: 'MLLP' },
            owner: 'LabIT',
            samples: ['captures/*.hl7'],
            messages: [{
                type: 'ORU^R01',
                title: 'Results',
                mappings: [
                    { source: 'PID-3', target: 'Patient.identifier', authority: 'MRN "main"', from },
                    { source: 'OBX-11', target: 'Observation.status', codes: [{ source: 'F', target: 'final' }, { source: 'C', target: 'corrected' }, { source: 'status', target: 'code' }, { source: 'when', target: 'import' }], receives: ['F', 'C'], notes: ['Status per HL7 table 0085\nsecond line'], from },
                    { source: 'OBX-6', target: 'Observation.valueQuantity.code', codes: [{ source: 'mg/dL', target: 'mg/dL' }, { source: '10*9/L', target: '10*9/L' }, { source: '007', target: '7' }, { source: '1.2.3', target: '15m' }], from },
                    { source: 'OBX-5', target: 'Observation.valueQuantity.value', kind: 'quantity', units: { source: 'mg/dL', target: 'mmol/L', factor: 0.0555 }, from },
                    { source: 'OBR-22', target: 'DiagnosticReport.issued', timezone: 'Europe/Amsterdam', from },
                    { source: 'OBX 3 (code)', target: 'Observation.code', from },
                    { source: 'OBX-3', target: 'Observation.code', codes: Array.from({ length: 12 }, (_, i) => ({ source: `CODE${i}`, target: `${1000 + i}-${i}` })), todos: [{ text: 'check the LOINC codes with the lab', from }], from }
                ],
                groups: [{ field: 'OBX-2', values: ['ST', 'TX'], mappings: [{ source: 'OBX-5', target: 'Observation.valueString', from }] }]
            }]
        }]
    };
}

describe('import: writing drafts', function () {
    this.timeout(120000);

    it('writes a draft that parses, resolves, and the formatter leaves as it is, whatever the values hold', async () => {
        const files = writeDraft(awkwardDraft());
        assert.deepEqual(files.map(file => file.path), ['lab-results.ispec', 'import-stubs.ispec']);
        await assertDraftSound(files);
        const results = files[0].text;
        assert.match(results, /^import "import-stubs.ispec"$/m);
        assert.match(results, /identifier authority "MRN \\"main\\""/);
        assert.match(results, /codes \{\n\s+F -> final,\n\s+C -> corrected,\n\s+status -> code,\n\s+"when" -> import\n\s+\} receives F, C/);
        assert.match(results, /"mg\/dL" -> "mg\/dL",\n\s+"10\*9\/L" -> "10\*9\/L",\n\s+"007" -> 7,\n\s+"1\.2\.3" -> "15m"/);
        assert.match(results, /units "mg\/dL" -> "mmol\/L" factor 0\.0555/);
        assert.match(results, /\/\/ Status per HL7 table 0085 second line/);
        assert.match(results, /\/\/ TODO \(sheet\.csv:3 row 2\): map OBX 3 \(code\) -> Observation\.code/, 'a path the language cannot read is kept as a TODO');
        assert.match(results, /\/\/ TODO \(sheet\.csv:3 row 2\): check the LOINC codes with the lab\n\s+OBX-3 -> Observation\.code codes \{\n/, 'a long code map is one entry per line');
        assert.match(results, /^\/\*\* Imported from sheet\.csv \* \/ with a comment closer \*\/$/m, 'no comment closer inside a comment');
        assert.match(files[1].text, /STUB/);
        assert.match(files[1].text, /application "WINPATH"/);
    });

    it('imports the files that declare systems and teams instead of stubbing them', async () => {
        const files = writeDraft(awkwardDraft(), { systems: new Map([['LIS', 'systems.ispec'], ['EHR', 'systems.ispec']]), teams: new Map([['LabIT', 'org.ispec']]) });
        assert.deepEqual(files.map(file => file.path), ['lab-results.ispec']);
        assert.match(files[0].text, /^import "org.ispec"\nimport "systems.ispec"$/m);
        await assertDraftSound(files, {
            'org.ispec': 'team LabIT "Laboratory IT"\n',
            'systems.ispec': 'import "org.ispec"\nsystem LIS { owner LabIT }\nsystem EHR { owner LabIT }\n'
        });
    });

    it('gives byte-identical files for the same draft', () => {
        assert.deepEqual(writeDraft(awkwardDraft()), writeDraft(awkwardDraft()));
    });

    it('reads HL7 v2 field references in the spellings sheets and engines use', () => {
        assert.equal(hl7FieldPath('PID-3'), 'PID-3');
        assert.equal(hl7FieldPath('pid.3.1'), 'PID-3.1');
        assert.equal(hl7FieldPath('OBX 5'), 'OBX-5');
        assert.equal(hl7FieldPath('PID:3-4-2'), 'PID-3.4.2');
        assert.equal(hl7FieldPath('OBX-05(1)'), 'OBX-5');
        assert.equal(hl7FieldPath('ZPI-2'), 'ZPI-2');
        assert.equal(hl7FieldPath('Patient.identifier'), undefined);
        assert.equal(hl7FieldPath('PID'), undefined);
    });

    it('makes names and codes the grammar reads', () => {
        assert.equal(toName('Lab System (LIS)'), 'LabSystemLIS');
        assert.equal(toName('3M HIS'), 'Imported3MHIS');
        assert.equal(toName('import'), 'Import');
        assert.equal(toName('PHI'), 'ImportedPHI', 'a keyword is never a name');
        assert.equal(toName(''), 'Imported');
        assert.equal(codeText('F'), 'F');
        assert.equal(codeText('status'), 'status', 'a keyword the grammar takes as a code stays bare');
        assert.equal(codeText('when'), '"when"', 'a keyword the grammar never takes as a code is quoted');
        assert.equal(codeText('2345-7'), '"2345-7"');
        assert.equal(codeText('12'), '12');
        assert.equal(codeText('a"b'), '"a\\"b"');
    });
});
