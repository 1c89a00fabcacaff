import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { codeTables, workspaceGraph } from './workspaces.js';

describe('master-data', () => {
    docExamples('master-data');

    describe('retyped master data', () => {
        const { found } = workspaceGraph;

        it('flags device models, device names, locations and exam codes that differ only in case, spacing or punctuation', async () => {
            const files = {
                'a.ispec': `import "org.ispec"\nsite North "North Hospital" {\n    timezone "UTC"\n    baseline { device CBCT "Cone-beam CT" model "Orion 3D" version 2.7 hosts none network 1 Gbps }\n}\n`,
                'b.ispec': `import "org.ispec"\nsite South "north  hospital" {\n    timezone "UTC"\n    baseline { device CBCT "Cone beam CT" model "Orion3D" version 2.7 hosts none network 1 Gbps }\n}\n`
                    + `codetable Exams {\n    owner Ops\n    source EHR\n    version 1\n    codes "CT HEAD", "US ABDO"\n}\ncodetable MoreExams {\n    owner Ops\n    source EHR\n    version 1\n    codes "CT-Head"\n}\n`
            };
            const retyped = (await found('master-data', files)).map(f => f.replace(/ differs from .*/, ''));
            assert.deepEqual(retyped, [
                "b.ispec:2 Location 'north  hospital'",
                "b.ispec:4 Device 'Cone beam CT'",
                "b.ispec:4 Device model 'Orion3D'",
                "b.ispec:16 Exam code 'CT-Head'"
            ]);
            const clean = { ...files, 'b.ispec': `import "org.ispec"\nsite South "South Hospital" {\n    timezone "UTC"\n    baseline { device CBCT "Cone-beam CT" model "Orion 3D" version 2.7 hosts none network 1 Gbps }\n}\n` };
            assert.deepEqual(await found('master-data', clean), []);
        });
    });

    describe('one target code per source code', () => {
        const { found } = workspaceGraph;

        const gases = (venousPh: string, condition = 'when SPM-4 = BLDV') => ({
            'a.ispec': `import "org.ispec"\ninterface Gases {\n    from LIS to EHR\n    owner Ops\n    message ORU^R01 {\n`
                + `        when SPM-4 = BLDA {\n            OBX-3 -> OBX-3 codes { pH -> "2744-1" } receives pH\n        }\n`
                + `        ${condition} {\n            OBX-3 -> OBX-3 codes { pH -> "${venousPh}" } receives pH\n        }\n    }\n}\n`
        });

        it('compares the branches of a code map under one `when` condition only: arterial and venous pH differ by design', async () => {
            assert.deepEqual(await found('master-data', gases('2746-6')), []);
            const disagree = await found('master-data', gases('2746-6', 'when SPM-4 = BLDA'));
            assert.equal(disagree.length, 1, disagree.join('\n'));
            assert.match(disagree[0], /Code pH of OBX-3 -> OBX-3 maps to '2746-6' here but to '2744-1'/);
        });
    });

    describe('one code table per shared field', () => {
        const { orders, findings } = codeTables;

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
});
