import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { codeTables, mappedFields, sitesWithDevices, workspaceGraph } from './workspaces.js';

describe('coded-values', () => {
    docExamples('coded-values');

    describe('mapped fields and the field dictionaries', () => {
        const { mappingFindings } = mappedFields;

        it('asks a coded field from the dictionary for its code map', async () => {
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status']), ['5 coded-values']);
        });

        it('checks code map targets against the target field\'s HL7 table or required FHIR binding', async () => {
            const wrong = await mappingFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { F -> finished, P -> prelim } receives F, P']);
            assert.deepEqual(wrong, ['5 coded-values', '5 coded-values']);
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { F -> final, P -> preliminary } receives F, P']), []);
            assert.deepEqual(await mappingFindings('FHIR R4', ['Observation.status -> OBX-11 codes { final -> FINAL } receives final']), ['5 coded-values']);
            // A user-defined table (PV1-2, IS) takes local codes.
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PV1-2 -> PV1-2 codes { I -> INPT } receives I']), []);
            // Outside status and order control, HL7-defined tables are extended locally (OBR-24, table 0074).
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBR-24 -> OBR-24 codes { MR -> MR } receives MR']), []);
        });

        it('flags two source codes collapsed into one target code the target table distinguishes', async () => {
            const collapsed = await mappingFindings('HL7v2 "2.5.1"', ['OBR-25 -> OBR-25 codes { F -> F, P -> F } receives F, P']);
            assert.deepEqual(collapsed, ['5 coded-values']);
            assert.deepEqual(await mappingFindings('FHIR R4', ['MedicationRequest.status -> MedicationRequest.status codes { active -> active, on-hold -> active } receives active, on-hold']), ['5 coded-values']);
            // A source code the target table lacks may join another (a cross-standard map), and a one-to-one map is fine.
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { F -> final, P -> preliminary, R -> preliminary } receives F, P, R']), []);
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-11 -> OBX-11 codes { F -> F, P -> P } receives F, P']), []);
            // Outside status fields a receiver may lack a code of the set (a PMS with no asap priority).
            assert.deepEqual(await mappingFindings('FHIR R4', ['ServiceRequest.priority -> ServiceRequest.priority codes { routine -> routine, urgent -> urgent, asap -> urgent, stat -> stat } receives routine, urgent, asap, stat']), []);
        });

        it('flags a small fixed set mapped in part (FHIR request-priority), not a user-defined table nor a subset of a large status table', async () => {
            // HL7 table 0001 is user-defined (IS): its values are suggestions a site narrows.
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PID-8 -> Patient.gender codes { F -> female, M -> male, O -> other, U -> unknown } receives F, M, O, U']), []);
            assert.deepEqual(await mappingFindings('FHIR R4', ['ServiceRequest.priority -> TQ1-9 codes { routine -> R, urgent -> U, stat -> S } receives routine, urgent, stat']), ['5 coded-values']);
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PID-8 -> Patient.gender codes { F -> female, M -> male, O -> other, U -> unknown, A -> other, N -> unknown } receives F, M, O, U, A, N']), []);
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { F -> final, P -> preliminary } receives F, P']), []);
        });

        it('asks no code map of catalogue codes passed through unchanged (OBR-4 -> OBR-4, OBX-3 -> OBX-3) or into their text, but of a status table', async () => {
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBR-4 -> OBR-4', 'OBX-3 -> OBX-3', 'OBR-4 -> (0032,1060)']), []);
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['OBX-11 -> OBX-11']), ['5 coded-values']);
        });

        it('asks (an info) whether the receiver knows the codes of a coded field passed into the same field (PV1-3, a payload\'s items)', async () => {
            const feed = (standard: string, mappings: string[]) => `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ORU^R01 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`;
            const severities = async (standard: string, mappings: string[]) => (await checkFiles({ 'org.ispec': mappedFields.ORG, 'a.ispec': feed(standard, mappings) })).findings
                .filter(f => f.code === 'coded-values').map(f => `${f.line} ${f.severity}`);
            assert.deepEqual(await severities('HL7v2 "2.5.1"', ['PV1-3 -> PV1-3 as code', 'PV1-3.1 -> PV1-3.1 as code']), ['5 info', '6 info']);
            assert.deepEqual(await severities('REST 1.0.0 openapi "api.json"', ['selection.items -> order.items as code']), ['5 info']);
            // Into another field the codes must be translated: a map is asked for as before.
            assert.deepEqual(await severities('HL7v2 "2.5.1"', ['PV1-3.1 -> Encounter.location as code', 'OBX-11 -> Observation.status']), ['5 warning', '6 warning']);
        });
    });

    describe('correction and cancellation codes match their handlers', () => {
        const { found, ORG } = workspaceGraph;

        const results = (obx11: string, obr25: string, handlers: string) => ({
            'a.ispec': `import "org.ispec"\ninterface Results {\n    from LIS to EHR\n    owner Ops\n    message ORU^R01 {\n        OBR-25 -> DiagnosticReport.status codes { ${obr25}\n        OBX-11 -> Observation.status codes { ${obx11}\n    }\n${handlers}}\n`
        });

        const handlers = '    on correction "C supersedes the earlier value" escalate Ops within 1h\n    on cancellation "X withdraws the report" escalate Ops within 1h\n';

        it('a correction handler needs C in OBX-11 and OBR-25, a cancellation handler X in OBR-25 (tables 0085, 0123)', async () => {
            const missing = await found('coded-values', results('F -> final } receives F', 'F -> final } receives F', handlers));
            assert.deepEqual(missing.map(f => f.replace(/ .*?handles (\w+).*does not map (\w+).*/, ' $1 $2')).sort(), ['a.ispec:6 cancellations X', 'a.ispec:6 corrections C', 'a.ispec:7 corrections C']);
            assert.deepEqual(await found('coded-values', results('F -> final, C -> corrected } receives F, C', 'F -> final, C -> corrected, X -> cancelled } receives F, C, X', handlers)), []);
        });

        it('a code in the map but not in `receives` is named', async () => {
            const notReceived = await found('coded-values', results('F -> final, C -> corrected } receives F', 'F -> final, C -> corrected, X -> cancelled } receives F, C, X', handlers));
            assert.ok(notReceived.some(f => /does not list C in `receives`/.test(f)), notReceived.join('\n'));
        });

        it('a code a handler says arrives (OBX-11 = W) is in the code map of that field', async () => {
            const wrong = (obx11: string) => results(obx11, 'F -> final, C -> corrected } receives F, C',
                '    on correction "C supersedes the earlier value; results posted in error arrive as wrong (OBX-11 = W) and are removed" escalate Ops within 1h\n');
            const missing = await found('coded-values', wrong('F -> final, C -> corrected } receives F, C'));
            assert.deepEqual(missing.map(f => f.replace(/ .*says (\S+) arrives as (\w+).*/, ' $1 $2')), ['a.ispec:7 OBX-11 W']);
            assert.deepEqual(await found('coded-values', wrong('F -> final, C -> corrected, W -> entered-in-error } receives F, C, W')), []);
        });

        it('the same field from the same sender carries the same codes on every interface (sex A, F, M, N, O, U)', async () => {
            const two = (second: string) => ({
                'a.ispec': `import "org.ispec"\ninterface Admissions {\n    from LIS to EHR\n    standard HL7v2 "2.5.1"\n    owner Ops\n    message ADT^A01 {\n        PID-8 -> PID-8 codes { A -> A, F -> F, M -> M, N -> N, O -> O, U -> U } receives A, F, M, N, O, U\n    }\n}\n`
                    + `interface Orders {\n    from LIS to PACS\n    standard HL7v2 "2.5.1"\n    owner Ops\n    message ORM^O01 {\n        PID-8 -> PID-8 codes { ${second}\n    }\n}\n`
            });
            const missing = await found('coded-values', two('F -> F, M -> M, O -> O, U -> U } receives F, M, O, U'));
            assert.ok(missing.some(f => /^a\.ispec:\d+ LIS sends PID-8 as .* in 'Admissions', but the code map here does not map A and N/.test(f)), missing.join('\n'));
            assert.deepEqual(await found('coded-values', two('A -> A, F -> F, M -> M, N -> N, O -> O, U -> U } receives A, F, M, N, O, U')), []);
        });

        it('names the first other interface, in workspace order, that says a code arrives which the map lacks', async () => {
            const feed = (name: string, type: string, codes: string) => `interface ${name} {\n    from LIS to EHR\n    standard HL7v2 "2.5.1"\n    owner Ops\n    message ${type} {\n        PID-8 -> PID-8 codes { ${codes} }\n    }\n}\n`;
            const missing = await found('coded-values', {
                'a.ispec': 'import "org.ispec"\n'
                    + feed('First', 'ADT^A01', 'F -> F, M -> M, U -> U')
                    + feed('Second', 'ADT^A04', 'F -> F, M -> M, O -> O, U -> U')
                    + feed('Third', 'ADT^A08', 'F -> F, M -> M')
                    + feed('Fourth', 'ADT^A31', 'F -> F, M -> M')
            });
            const said = missing.filter(f => / sends PID-8 as /.test(f)).map(f => f.replace(/^a\.ispec:(\d+) .* in '(\w+)', but the code map here does not map ([\w ,]+?):.*/, '$1 $2 $3')).sort();
            // First lacks O (Second says it arrives); Third and Fourth lack U, which First says first (and O, which Second says later).
            assert.deepEqual(said, ['23 First U', '31 First U', '7 Second O'], missing.join('\n'));
        });

        it('a received correction or cancellation code needs its handler', async () => {
            const unhandled = await found('coded-values', results('F -> final, C -> corrected } receives F, C', 'F -> final, X -> cancelled } receives F, X', ''));
            assert.deepEqual(unhandled.map(f => f.replace(/ .*no `on (\w+)`.*/, ' $1')), ['a.ispec:6 cancellation', 'a.ispec:7 correction']);
        });

        it('FHIR DiagnosticReport.status: corrected, cancelled and entered-in-error', async () => {
            const fhir = (codes: string) => ({
                'a.ispec': `import "org.ispec"\ninterface Reports {\n    from LIS to EHR\n    owner Ops\n    standard FHIR R4\n    message DiagnosticReport {\n        DiagnosticReport.status -> DiagnosticReport.status codes { ${codes}\n    }\n${handlers}}\n`
            });
            const missing = await found('coded-values', fhir('final -> final, corrected -> corrected } receives final, corrected'));
            assert.ok(missing.some(f => /does not map cancelled and entered-in-error/.test(f)), missing.join('\n'));
            assert.deepEqual(await found('coded-values', fhir('final -> final, corrected -> corrected, cancelled -> cancelled, entered-in-error -> entered-in-error } receives final, corrected, cancelled, entered-in-error')), []);
            // Either cancellation code carries the cancellation: a sender that withdraws with entered-in-error only.
            assert.deepEqual(await found('coded-values', fhir('final -> final, corrected -> corrected, entered-in-error -> entered-in-error } receives final, corrected, entered-in-error')), []);
        });

        it('FHIR status: amended carries corrections too (corrected is a kind of amended), but receiving amended asks for no handler', async () => {
            const fhir = (codes: string, handler: string) => ({
                'a.ispec': `import "org.ispec"\ninterface Reports {\n    from LIS to EHR\n    owner Ops\n    standard FHIR R4\n    message Observation {\n        Observation.status -> Observation.status codes { ${codes}\n    }\n${handler}}\n`
            });
            const correction = '    on correction "Corrected results replace the earlier value in the chart" escalate Ops within 1h\n';
            // The sender corrects with amended, as the spec says it sends: asked (an info), not required.
            const broader = await found('coded-values', fhir('final -> final, amended -> amended, entered-in-error -> entered-in-error } receives final, amended, entered-in-error', correction));
            assert.equal(broader.length, 1, broader.join('\n'));
            assert.match(broader[0], /carries them as amended only: corrected \(a kind of amended\) is not mapped\. If the sender never sends corrected/);
            const { findings: all } = await checkFiles({ 'org.ispec': ORG, ...fhir('final -> final, amended -> amended, entered-in-error -> entered-in-error } receives final, amended, entered-in-error', correction) });
            assert.deepEqual(all.filter(f => f.code === 'coded-values').map(f => f.severity), ['info']);
            assert.deepEqual(await found('coded-values', fhir('final -> final, amended -> amended, corrected -> corrected, entered-in-error -> entered-in-error } receives final, amended, corrected, entered-in-error', correction)), []);
            const missing = await found('coded-values', fhir('final -> final, entered-in-error -> entered-in-error } receives final, entered-in-error', correction));
            assert.ok(missing.some(f => /does not map corrected/.test(f)), missing.join('\n'));
            // amended also means new information: received without an `on correction`, nothing is asked.
            assert.deepEqual(await found('coded-values', fhir('final -> final, amended -> amended } receives final, amended', '')), []);
        });
    });

    describe('on a feed of device measurements', () => {
        const { found, feed } = sitesWithDevices;

        const vitals = (from: string) => feed('    message ORU^R01 {\n        OBX-11 -> OBX-11 codes { R -> R, X -> X } receives R, X\n    }\n',
            '    on correction "Artefacts are marked invalid by the clinician in the receiving record" escalate Ops within 1h\n', 'HL7v2 "2.6"', from);

        it('a device or device gateway never sends C: its correction handler asks for no C; an LIS still does', async () => {
            assert.deepEqual(await found('coded-values', vitals('Gateway')), []);
            assert.deepEqual(await found('coded-values', vitals('Monitor')), []);
            const lis = await found('coded-values', vitals('LIS'));
            assert.ok(lis.some(f => /handles corrections, but the code map of OBX-11 does not map C/.test(f)), lis.join('\n'));
        });

        it('reads the medical-device marker, not only the kind: device middleware marked medical-device sends no C either', async () => {
            const files = vitals('Middleware');
            files['a.ispec'] = files['a.ispec'].replace('import "org.ispec"\n', 'import "org.ispec"\nsystem Middleware { kind middleware owner Ops medical-device }\n');
            assert.deepEqual(await found('coded-values', files), []);
            // A marked system that sends final results (a PDMS, an LIS as IVD software) validates them, and corrects them.
            files['a.ispec'] = files['a.ispec'].replace('codes { R -> R, X -> X } receives R, X', 'codes { F -> F, X -> X } receives F, X');
            const final = await found('coded-values', files);
            assert.ok(final.some(f => /handles corrections, but the code map of OBX-11 does not map C/.test(f)), final.join('\n'));
        });
    });

    describe('on a feed into the order filler', () => {
        const { found } = sitesWithDevices;

        const files = (orders: boolean) => ({
            'a.ispec': `import "org.ispec"\ninterface Reports {\n    from Speech to RIS\n    standard HL7v2 "2.5.1"\n    owner Ops\n    message ORU^R01 {\n        OBR-25 -> OBR-25 codes { P -> P, F -> F } receives P, F\n    }\n`
                + '    on cancellation "A draft for a cancelled study is discarded" escalate Ops within 1h\n}\n',
            'b.ispec': `import "org.ispec"\ninterface Orders {\n    from EHR to RIS\n    standard HL7v2 "2.5.1"\n    owner Ops\n    message ${orders ? 'OMI^O23' : 'ADT^A01'} {\n        PID-8 -> PID-8 codes { F -> F, M -> M } receives F, M\n    }\n}\n`
        });

        it('the filler cancels orders (OBR-25 X): a feed into it from a system that fills none carries no X', async () => {
            assert.deepEqual((await found('coded-values', files(true))).filter(f => f.startsWith('a.ispec')), []);
            const noFiller = (await found('coded-values', files(false))).filter(f => f.startsWith('a.ispec'));
            assert.ok(noFiller.some(f => /handles cancellations, but the code map of OBR-25 does not map X/.test(f)), noFiller.join('\n'));
        });
    });

    describe('pharmacy order control', () => {
        const { found, feed } = sitesWithDevices;

        const orders = (type: string, codes: string) => feed(`    message ${type} {\n        ORC-1 -> ORC-1 codes { ${codes} } receives ${codes.split(', ').map(entry => entry.split(' ')[0]).join(', ')}\n    }\n`);

        it('a medication order feed (OMP, RDE) maps DC: a started drug is discontinued, not cancelled; a lab order feed need not', async () => {
            const missing = await found('coded-values', orders('RDE^O11', 'NW -> NW, XO -> XO, CA -> CA'));
            assert.equal(missing.length, 1, missing.join('\n'));
            assert.match(missing[0], /sends medication orders \(RDE\^O11\) but the code map of ORC-1 does not map DC/);
            assert.equal((await found('coded-values', orders('OMP^O09', 'NW -> NW, CA -> CA'))).length, 1);
            assert.deepEqual(await found('coded-values', orders('RDE^O11', 'NW -> NW, XO -> XO, DC -> DC, CA -> CA')), []);
            assert.deepEqual(await found('coded-values', orders('OML^O21', 'NW -> NW, CA -> CA')), []);
        });

        it('asks a device that executes one job per order (a compounding robot) for no DC: it keeps no administration record', async () => {
            const files = orders('RDE^O11', 'NW -> NW, CA -> CA');
            files['a.ispec'] = files['a.ispec'].replace('import "org.ispec"\n', 'import "org.ispec"\nsystem Robot { kind compounding-robot owner Ops }\n').replace(/to EHR\b/, 'to Robot');
            assert.match(files['a.ispec'], /to Robot/);
            assert.deepEqual(await found('coded-values', files), []);
        });
    });

    describe('governed code tables', () => {
        const { ORG, orders, findings } = codeTables;

        it('takes `codes table` as the code map of a catalogue-sized field', async () => {
            assert.deepEqual(await findings({ 'a.ispec': orders('Orders', 'EHR', ['OBR-4 -> OBR-4 codes table LabCatalogue', 'OBX-3 -> OBX-3 codes table LabCatalogue']) }), []);
            // Passed through unchanged, the catalogue's codes need neither (the receiver reads them with their system).
            assert.deepEqual(await findings({ 'a.ispec': orders('Orders', 'EHR', ['OBR-4 -> OBR-4']) }), []);
            assert.deepEqual(await findings({ 'a.ispec': orders('Orders', 'EHR', ['OBR-4 -> OBR-4 as code']) }), []);
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
    });

    describe('matrix: code tables and declared units make handled rows', () => {
        const { ORG, TABLES, orders } = codeTables;

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

    describe('code maps against published equivalences and their own pattern', () => {
        /** `line severity message` of the coded-values findings of one interface with the given mapping lines. */
        async function codeFindings(standard: string, mappings: string[]): Promise<string[]> {
            const { findings } = await checkFiles({
                'org.ispec': 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n',
                'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message RDE^O11 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`
            });
            return findings.filter(f => f.code === 'coded-values').map(f => `${f.line} ${f.severity} ${f.message}`);
        }

        it('flags a SNOMED CT route mapped to another HL7 table 0162 route than its own (intrathecal to IV), in either direction', async () => {
            const wrong = await codeFindings('HL7v2 "2.5.1"', ['RXR-1 -> RXR-1 codes { "47625008" -> IV, "34206005" -> SC, "72607000" -> IV } receives "47625008", "34206005", "72607000"']);
            assert.equal(wrong.length, 1, wrong.join('\n'));
            assert.match(wrong[0], /^5 warning RXR-1 code 72607000 \(Intrathecal route\) is mapped to IV, the Intravenous route, like 47625008: .* name its route IT/);
            const back = await codeFindings('HL7v2 "2.5.1"', ['RXR-1 -> RXR-1 codes { IV -> "47625008", IT -> "47625008", PO -> "26643006" } receives IV, IT, PO']);
            assert.deepEqual(back.map(f => f.split(' ').slice(0, 2).join(' ')), ['5 warning']);
            assert.deepEqual(await codeFindings('HL7v2 "2.5.1"', ['RXR-1 -> RXR-1 codes { "47625008" -> IV, "34206005" -> SC, "72607000" -> IT } receives "47625008", "34206005", "72607000"']), []);
            // A map that pairs no code as the tables do is another code system: not judged.
            assert.deepEqual(await codeFindings('HL7v2 "2.5.1"', ['RXR-1 -> RXR-1 codes { "72607000" -> IV, "34206005" -> INJ } receives "72607000", "34206005"']), []);
        });

        it('notes, as an info, a code mapped to another code\'s target where every other code keeps its own code in its target', async () => {
            const collapsed = await codeFindings('HL7v2 "2.5.1"', ['RXR-2 -> RXR-2 codes { "20X" -> "SCAN-20X", "40X" -> "SCAN-40X", "40X-Z9" -> "SCAN-40X" } receives "20X", "40X", "40X-Z9"']);
            assert.equal(collapsed.length, 1, collapsed.join('\n'));
            assert.match(collapsed[0], /^5 info RXR-2 code 40X-Z9 is mapped to SCAN-40X, the target of 40X, while every other code keeps its own code/);
            assert.deepEqual(await codeFindings('HL7v2 "2.5.1"', ['RXR-2 -> RXR-2 codes { "20X" -> "SCAN-20X", "40X" -> "SCAN-40X", "40X-Z9" -> "SCAN-40X-Z9" } receives "20X", "40X", "40X-Z9"']), []);
            // Identity maps that merge one code (sex U into O) and maps with no pattern are intent the spec does not state.
            assert.deepEqual(await codeFindings('HL7v2 "2.5.1"', ['RXR-2 -> RXR-2 codes { F -> F, M -> M, O -> O, U -> O } receives F, M, O, U']), []);
            assert.deepEqual(await codeFindings('HL7v2 "2.5.1"', ['RXR-2 -> RXR-2 codes { ONLINE -> available, NEARLINE -> available, OFFLINE -> offline } receives ONLINE, NEARLINE, OFFLINE']), []);
        });

        it('flags a priority above routine mapped to routine (urgent to RF1-2 R), not a move to another urgent code nor timing critical', async () => {
            const dropped = await codeFindings('FHIR R4', ['ServiceRequest.priority -> RF1-2 codes { routine -> R, urgent -> R, asap -> A, stat -> S } receives routine, urgent, asap, stat']);
            assert.deepEqual(dropped.map(f => f.split(' ').slice(0, 2).join(' ')), ['5 warning']);
            assert.match(dropped[0], /ServiceRequest\.priority priority urgent is mapped to R, the routine priority/);
            assert.deepEqual(await codeFindings('FHIR R4', ['ServiceRequest.priority -> RF1-2 codes { routine -> R, urgent -> A, asap -> A, stat -> S } receives routine, urgent, asap, stat']), []);
            assert.deepEqual(await codeFindings('HL7v2 "2.5.1"', ['OBR-27.6 -> TQ1-9 codes { S -> S, A -> A, R -> R, T -> R } receives S, A, R, T']), []);
            assert.deepEqual(await codeFindings('HL7v2 "2.5.1"', ['TQ1-9 -> (0040,1003) codes { S -> STAT, A -> ROUTINE, R -> ROUTINE } receives S, A, R']).then(f => f.length), 1);
        });
    });
});
