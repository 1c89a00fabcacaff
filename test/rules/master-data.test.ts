import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { checkFiles } from '../support/workspace.js';
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

        it('takes names of one model that each carry their site (CaptureNord, CaptureSued) as per-site naming, and one name retyped with a site tag as retyped', async () => {
            const site = (name: string, title: string, device: string) => `site ${name} "${title}" {\n    timezone "UTC"\n    baseline { device ${device} "Capture stations" model "CS-3" version 3.4 hosts none network 1 Gbps }\n}\n`;
            const files = (a: string, b: string) => ({
                'a.ispec': `import "org.ispec"\n${site('Nordstadt', 'Klinikum Nordstadt', a)}`,
                'b.ispec': `import "org.ispec"\n${site('Camelback', 'Camelback Rehabilitation Hospital', b)}`
            });
            assert.deepEqual(await found('master-data', files('CaptureNord', 'CaptureRehab')), []);
            assert.deepEqual((await found('master-data', files('Capture', 'CaptureRehab'))).map(f => f.split(' ')[0]), ['b.ispec:4']);
            assert.deepEqual((await found('master-data', files('CaptureNord', 'Stations'))).map(f => f.split(' ')[0]), ['b.ispec:4']);
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

        it('leaves two senders of different kinds each on its own table (a gateway\'s parameters, a laboratory\'s panel)', async () => {
            const { findings: all } = await checkFiles({
                'org.ispec': 'team LabIT\nsystem Gateway { kind device-gateway }\nsystem RefLab { kind LIS }\nsystem OtherLab { kind LIS }\nsystem EHR { kind EHR }\nchange-authority LabIT\n',
                'tables.ispec': 'import "org.ispec"\ncodetable Parameters { owner LabIT source Gateway version "1" codes QB, QD, UFV }\n'
                    + 'codetable LabPanel { owner LabIT source RefLab version "1" file "panel.csv" }\ncodetable OtherPanel { owner LabIT source OtherLab version "1" file "other.csv" }\n',
                'a.ispec': 'import "tables.ispec"\ninterface Treatments {\n    from Gateway to EHR standard HL7v2 "2.6" owner LabIT\n    message ORU^R01 {\n        OBX-3 -> OBX-3 codes table Parameters\n    }\n}\n',
                'b.ispec': 'import "tables.ispec"\ninterface Labs {\n    from RefLab to EHR standard HL7v2 "2.6" owner LabIT\n    message ORU^R01 {\n        OBX-3 -> OBX-3 codes table LabPanel\n    }\n}\n',
                'c.ispec': 'import "tables.ispec"\ninterface OtherLabs {\n    from OtherLab to EHR standard HL7v2 "2.6" owner LabIT\n    message ORU^R01 {\n        OBX-3 -> OBX-3 codes table OtherPanel\n    }\n}\n'
            });
            const found = all.filter(f => f.code === 'master-data').map(f => `${f.relative}:${f.line} ${f.message}`);
            // The two laboratories (one kind) still diverge; the gateway's own table is another vocabulary.
            assert.equal(found.length, 1, found.join('\n'));
            assert.match(found[0], /^c\.ispec:5 OBX-3 at EHR takes its codes from code table 'LabPanel' in Labs but from 'OtherPanel' here/);
        });

        it('leaves two senders of different kinds whose tables share no code on their own tables, whoever masters them', async () => {
            const files = (outcomes: string) => ({
                'org.ispec': 'team LabIT\nsystem LIS { kind LIS }\nsystem Colpo { kind colposcopy }\nsystem Register { kind screening-register }\nchange-authority LabIT\n',
                'tables.ispec': 'import "org.ispec"\ncodetable Observations { owner LabIT source LIS version "1" codes HPV, CYT, ACTION }\n'
                    + `codetable Outcomes { owner LabIT source Register version "1" codes ${outcomes} }\n`,
                'a.ispec': 'import "tables.ispec"\ninterface Results {\n    from LIS to Register standard HL7v2 "2.5.1" owner LabIT\n    message ORU^R01 {\n        OBX-3 -> OBX-3 codes table Observations\n    }\n}\n',
                'b.ispec': 'import "tables.ispec"\ninterface ColpoOutcomes {\n    from Colpo to Register standard HL7v2 "2.5.1" owner LabIT\n    message ORU^R01 {\n        OBX-3 -> OBX-3 codes table Outcomes\n    }\n}\n'
            });
            const found = async (outcomes: string) => (await checkFiles(files(outcomes))).findings.filter(f => f.code === 'master-data').map(f => `${f.relative}:${f.line}`);
            // A laboratory's observations and a clinic's outcomes: different things observed, not one coded twice.
            assert.deepEqual(await found('DISCHARGE, TREAT, REVIEW-12M'), []);
            // A code in both tables: the same vocabulary kept twice, the divergence the check is for.
            assert.deepEqual(await found('DISCHARGE, TREAT, HPV'), ['b.ispec:5']);
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

    describe('identifier authorities across interfaces', () => {
        const { found } = workspaceGraph;
        const iface = (name: string, from: string, to: string, message: string, mappings: string[]) =>
            `import "org.ispec"\ninterface ${name} {\n    from ${from} to ${to}\n    standard HL7v2 2.5.1\n    owner Ops\n    message ${message} {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`;

        it('reports one authority name given two OIDs, and leaves an OID beside a FHIR system URI alone', async () => {
            const files = (oid: string) => ({
                'a.ispec': iface('Archive', 'LIS', 'PACS', 'ORU^R01', [`PID-3 -> PID-3 identifier authority "personnummer or reserve number; Issuer of Patient ID = urn:oid:${oid}"`]),
                'b.ispec': iface('Viewer', 'LIS', 'EHR', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "personnummer (urn:oid:1.2.752.129.2.1.3.1) or reserve number"',
                    'PID-18 -> PID-18 identifier authority "LIS visit (https://lis.example/id/visit)"'])
            });
            assert.deepEqual(await found('master-data', files('1.2.752.129.2.1.3.1')), []);
            const split = await found('master-data', files('1.2.752.129.2.1.3.3'));
            assert.deepEqual(split.map(f => f.split(' ')[0]), ['a.ispec:7', 'b.ispec:7']);
            assert.match(split[0], /"personnummer or reserve number" is 1\.2\.752\.129\.2\.1\.3\.3 here but 1\.2\.752\.129\.2\.1\.3\.1 in Viewer/);
            const fhir = { ...files('1.2.752.129.2.1.3.1'), 'c.ispec': iface('Portal', 'LIS', 'EHR', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "personnummer (system http://electronichealth.se/identifier/personnummer)"']) };
            assert.deepEqual(await found('master-data', fhir), []);
        });

        it('reports the minority when most interfaces agree, and keeps names of one system\'s several namespaces apart', async () => {
            const files = {
                'a.ispec': iface('One', 'LIS', 'EHR', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "NHI (urn:oid:2.16.840.1.113883.2.18.2)"',
                    'OBR-3 -> OBR-3 identifier authority "LIS filler (urn:oid:1.2.3.4.5.2)"', 'SPM-2 -> SPM-2 identifier authority "LIS specimen (urn:oid:1.2.3.4.5.3)"']),
                'b.ispec': iface('Two', 'LIS', 'PACS', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "NHI (urn:oid:2.16.840.1.113883.2.18.2)"']),
                'c.ispec': iface('Three', 'EHR', 'PACS', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "NHI (urn:oid:2.16.840.1.113883.2.18.9)"'])
            };
            const minority = await found('master-data', files);
            assert.deepEqual(minority.map(f => f.split(' ')[0]), ['c.ispec:7']);
            // One system's accession and specimen numbers are two namespaces, each with its own OID.
            const namespaces = {
                'a.ispec': iface('One', 'LIS', 'EHR', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "NHI"', 'OBR-3 -> OBR-3 identifier authority "LIS (urn:oid:1.2.3.4.5.2)"']),
                'b.ispec': iface('Two', 'LIS', 'PACS', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "NHI"', 'SPM-2 -> SPM-2 identifier authority "LIS (urn:oid:1.2.3.4.5.3)"'])
            };
            assert.deepEqual(await found('master-data', namespaces), []);
        });

        it('reports a result interface that returns the placer number under another authority than its orders', async () => {
            const files = (resultAuthority: string) => ({
                'a.ispec': iface('Orders', 'EHR', 'LIS', 'ORM^O01', ['PID-3 -> PID-3 identifier authority "NHI"', 'ORC-2 -> ORC-2 identifier authority "WCH-PLACER"']),
                'b.ispec': iface('Results', 'LIS', 'EHR', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "NHI"', `OBR-2 -> OBR-2 identifier authority "${resultAuthority}"`,
                    'OBR-3 -> OBR-3 identifier authority "LAB-ACCESSION"'])
            });
            assert.deepEqual(await found('master-data', files('WCH-PLACER')), []);
            assert.deepEqual(await found('master-data', files('WCH-PLACER, echoed by the LIS')), []);
            const wrong = await found('master-data', files('CASCADE-PLACER'));
            assert.deepEqual(wrong.map(f => f.split(' ')[0]), ['b.ispec:8']);
            assert.match(wrong[0], /OBR-2 returns the placer order number under "CASCADE-PLACER", but EHR sends its orders to LIS with the placer number under "WCH-PLACER" \(Orders\)/);
        });
    });

    describe('code tables mastered by an end of the interface', () => {
        const { orders } = codeTables;

        it('reports, as an info, a field filled from a table a third system masters; a table of the sender or the receiver is right', async () => {
            const { findings: all } = await checkFiles({
                'org.ispec': codeTables.ORG + 'system Pumps { kind X }\n',
                'tables.ispec': codeTables.TABLES + 'codetable PumpLibrary { owner LabIT source Pumps version "v14" file "pumps.csv" }\ncodetable EhrTable { owner LabIT source EHR version "1" file "ehr.csv" }\n',
                'a.ispec': orders('Orders', 'EHR', ['OBR-4 -> OBR-4 codes table LabCatalogue', 'SPM-4 -> SPM-4 codes table PumpLibrary', 'SPM-5 -> SPM-5 codes table EhrTable'])
            });
            const found = all.filter(f => f.code === 'master-data').map(f => `${f.relative}:${f.line} ${f.severity} ${f.message}`);
            assert.equal(found.length, 1, found.join('\n'));
            assert.match(found[0], /^a\.ispec:6 info SPM-4 takes its codes from code table 'PumpLibrary', whose source is Pumps, but 'Orders' runs from EHR to LIS/);
        });
    });
});
