import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';

const ORG = 'team LabIT\nsystem LIS { kind X }\nsystem EHR { kind X }\nsystem Clinic { kind X }\nchange-authority LabIT\n';

const TABLES = `import "org.ispec"
codetable LabCatalogue "Laboratory test catalogue" { owner LabIT source LIS version "2026-03" file "catalogue.csv" }
codetable SpecimenTypes { owner LabIT source LIS version "2026-01" codes BLD, SER, PLAS }
codetable OldCatalogue { owner LabIT source LIS version "2019-01" file "old.csv" }
`;

function orders(name: string, from: string, mappings: string[]): string {
    return `import "tables.ispec"\ninterface ${name} {\n    from ${from} to LIS standard HL7v2 "2.5.1" owner LabIT\n    message OML^O21 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`;
}

/** `file:line code` of the rule findings of a workspace with the code tables and the given files. */
async function findings(files: Record<string, string>): Promise<string[]> {
    const { findings: found } = await checkFiles({ 'org.ispec': ORG, 'tables.ispec': TABLES, ...files });
    return found.map(f => `${f.relative}:${f.line} ${f.code}`);
}

describe('rules: governed code tables', () => {
    it('takes `codes table` as the code map of a catalogue-sized field', async () => {
        assert.deepEqual(await findings({ 'a.ispec': orders('Orders', 'EHR', ['OBR-4 -> OBR-4 codes table LabCatalogue', 'OBX-3 -> OBX-3 codes table LabCatalogue']) }), []);
        assert.deepEqual(await findings({ 'a.ispec': orders('Orders', 'EHR', ['OBR-4 -> OBR-4']) }), ['a.ispec:5 coded-values']);
    });

    it('asks each table for its owner, source system and version', async () => {
        const { findings: found } = await checkFiles({
            'org.ispec': ORG,
            'tables.ispec': 'import "org.ispec"\ncodetable Exams { codes CT-HEAD, MR-KNEE }\ncodetable Drugs { owner LabIT source EHR version "TODO" }\n'
        });
        assert.deepEqual(found.map(f => `${f.line} ${f.code}: ${f.message}`), [
            '2 coded-values: Code table \'Exams\' lacks an owner (`owner <team or role>`), its source system (`source <system>`) and a version or date (`version "2026-03"`); a governed code table says who maintains it, where it comes from and which edition the interfaces use.',
            '3 coded-values: Code table \'Drugs\' lacks a version or date (`version "2026-03"`); a governed code table says who maintains it, where it comes from and which edition the interfaces use.'
        ]);
    });

    it('master-data: the sites\' interfaces into one field use one table', async () => {
        const clean = await findings({
            'a.ispec': orders('HospitalOrders', 'EHR', ['OBR-4 -> OBR-4 codes table LabCatalogue']),
            'b.ispec': orders('ClinicOrders', 'Clinic', ['OBR-4 -> OBR-4 codes table LabCatalogue'])
        });
        assert.deepEqual(clean, []);
        const split = await findings({
            'a.ispec': orders('HospitalOrders', 'EHR', ['OBR-4 -> OBR-4 codes table LabCatalogue']),
            'b.ispec': orders('ClinicOrders', 'Clinic', ['OBR-4 -> OBR-4 codes table OldCatalogue'])
        });
        assert.deepEqual(split, ['b.ispec:5 master-data']);
    });

    it('master-data: a code map into a table-governed field maps to codes of the table', async () => {
        const files = (target: string) => ({
            'a.ispec': orders('HospitalOrders', 'EHR', ['SPM-4 -> SPM-4 codes table SpecimenTypes']),
            'b.ispec': orders('ClinicOrders', 'Clinic', [`SPM-4 -> SPM-4 codes { B -> BLD, S -> ${target} } receives B, S`])
        });
        assert.deepEqual(await findings(files('SER')), []);
        assert.deepEqual(await findings(files('SERUM')), ['b.ispec:5 master-data']);
    });
});

describe('matrix: code tables and declared units make handled rows', () => {
    it('gives a code-table mapping one handled row naming the table and its version, and a units mapping no code row', async () => {
        const { matrixRows } = await import('../../language-server/generators/matrix.js');
        const { inputFromFiles } = await import('../generators/generator-support.js');
        const input = await inputFromFiles({
            'org.ispec': `${ORG}site North { timezone "UTC" }\n`,
            'tables.ispec': TABLES,
            'a.ispec': orders('Orders', 'EHR', ['OBR-4 -> OBR-4 codes table LabCatalogue', 'OBX-6 -> OBX-6 units UCUM']).replace('owner LabIT', 'owner LabIT sites North')
        });
        const rows = [...matrixRows(input)].filter(row => /-(code|units)-/.test(row.id));
        assert.deepEqual(rows.map(row => `${row.id} ${row.handled}`), ['TM-Orders-North-OML_O21-code-OBR-4 true', 'TM-Orders-North-OML_O21-units-OBX-6 true']);
        assert.match(rows[0].preconditions, /code table LabCatalogue \(version 2026-03\)/);
    });
});
