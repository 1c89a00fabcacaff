import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { checkFiles, writeWorkspace } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { segmentsAndTags, structureRules } from './workspaces.js';

describe('repetition', () => {
    docExamples('repetition');

    describe('repeating sources into single-valued targets', () => {
        const { findings, about } = structureRules;

        about('repetition');

        it('flags a repeating HL7 v2 field into a single-valued FHIR element, not a named repetition', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['PID-3 -> Observation.subject as identifier']), ['5 repetition']);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['PID-11 -> Patient.birthDate as text']), ['5 repetition']);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['PID-3[1] -> Observation.subject identifier authority "MRN"']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['PID-3 -> Patient.identifier identifier authority "MRN"']), []);
        });

        it('leaves OBX-5 alone: whether it repeats depends on OBX-2', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-5 -> Observation.valueQuantity.value as quantity units UCUM']), []);
        });

        it('flags a FHIR R4 element below a repeating one into a single-valued target', async () => {
            assert.deepEqual(await findings('FHIR R4', 'Patient', ['Patient.identifier.value -> PID-2.1']), ['5 repetition']);
            assert.deepEqual(await findings('FHIR R4', 'Patient', ['Patient.name.family -> PID-2.1 identifier authority "MRN"']), ['5 repetition']);
            assert.deepEqual(await findings('FHIR R4', 'Patient', ['Patient.identifier[0].value -> PID-2.1 identifier authority "MRN"']), []);
            assert.deepEqual(await findings('FHIR R4', 'Patient', ['Patient.birthDate -> PID-7 timezone "UTC"']), []);
        });

        it('does not check a DICOM source (its multiplicity is a value count, with no repetition to name)', async () => {
            assert.deepEqual(await findings('DICOM "2024b"', 'C-STORE', ['OtherPatientIDs -> Patient.birthDate as text']), []);
        });

        it('flags a repeating HL7 v2 field or FHIR element into a DICOM attribute of VM 1, not one of VM 1-n', async () => {
            const authority = 'identifier authority "urn:oid:2.16.840.1.113883.2.1.4.1"';
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['PID-3 -> PatientID as identifier']), ['5 repetition']);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['PID-3.1 -> (0010,0020) as identifier']), ['5 repetition']);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['PID-11 -> (0010,1040)']), ['5 repetition']);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3[authority = "NHS"] -> PatientID ${authority}`]), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3[1] -> PatientID ${authority}`]), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3 -> OtherPatientIDs ${authority}`]), []);
            assert.deepEqual(await findings('FHIR R4', 'Patient', ['Patient.identifier.value -> PatientID']), ['5 repetition']);
            assert.deepEqual(await findings('FHIR R4', 'Patient', [`Patient.identifier[0].value -> PatientID ${authority}`]), []);
        });
    });

    describe('a repetition the spec or the standard already chooses', () => {
        const { findings, about } = structureRules;

        about('repetition');

        it('takes an identifier authority as the choice of repetition, for the field and its components in the message', async () => {
            const authority = 'identifier authority "KHA-EMPI (enterprise MRN)"';
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3 -> (0010,0020) ${authority}`, 'PID-3.4 -> (0010,0021)']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', [`PID-3.1 -> (0010,0020) ${authority}`]), []);
            // Without the authority, the issuer's repetition is still not chosen.
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['PID-3.4 -> (0010,0021)']), ['5 repetition']);
        });

        it('takes a FHIRPath filter, an extension URL, an identifier authority and a code map on codings as the choice', async () => {
            const ihi = 'Patient.identifier.where("system = \'http://ns.electronichealth.net.au/id/hi/ihi/1.0\'").value';
            assert.deepEqual(await findings('FHIR R4', 'Bundle', [`${ihi} -> PID-2.1 identifier authority "IHI"`]), []);
            assert.deepEqual(await findings('FHIR R4', 'Bundle', ['Encounter.extension("https://example.org/fhir/eta").valueDateTime -> PV2-8 timezone "UTC"']), []);
            assert.deepEqual(await findings('FHIR R4', 'Bundle', ['Encounter.identifier.value -> OBR-3 identifier authority "Ambulance incident number"']), []);
            assert.deepEqual(await findings('FHIR R4', 'Bundle', ['Observation.code.coding.code -> OBX-3 codes { "8867-4" -> "8867-4" }']), []);
            // The map picks a coding, not one of several reasons (Encounter.reasonCode repeats), nor an identifier without authority.
            assert.deepEqual(await findings('FHIR R4', 'Bundle', ['Encounter.reasonCode.coding.code -> PV2-3 codes { "230690007" -> STROKE }']), ['5 repetition']);
            assert.deepEqual(await findings('FHIR R4', 'Bundle', ['Observation.code.coding.code -> OBX-3']), ['5 repetition']);
            // How often an extension of one URL occurs is its definition's: a target picked by URL may hold several.
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORU^R01', ['OBX-8 -> DiagnosticReport.extension("https://example.org/fhir/flag").valueCode']), []);
        });

        it('leaves a repeating field copied into the same field, and PID-5 (the legal name is the first repetition)', async () => {
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ADT^A01', ['PV1-45 -> PV1-45 timezone "UTC"']), []);
            assert.deepEqual(await findings('HL7v2 "2.5.1"', 'ORM^O01', ['PID-5 -> (0010,0010)']), []);
        });
    });

    describe('a repetition chosen by its assigning authority', () => {
        const { findings, feed } = segmentsAndTags;

        it('is one mapping with its authority, needs no index, and keeps that authority\'s spelling', async () => {
            assert.deepEqual(await findings({
                'a.ispec': feed('HL7v2 "2.5.1"', 'ADT^A01', [
                    '        PID-3[authority = "NHS"] -> Patient.identifier:NHSNumber.value',
                    '        PID-3[authority="VALLEY-MRN"].1 -> Patient.identifier[0].value',
                    ''
                ].join('\n'))
            }, ['known-fields', 'repetition', 'patient-identity', 'master-data', 'type-compatibility']), []);
        });

        it('flags a selector on a field without authority, on a FHIR path, and a contradicting authority', async () => {
            const found = await findings({
                'a.ispec': feed('HL7v2 "2.5.1"', 'ADT^A01', [
                    '        PID-5[authority = "NHS"] -> Patient.name.text',
                    '        PID-3[authority = "NHS"] -> Patient.identifier[authority = "NHS"]',
                    '        PID-3[authority = "NHS"] -> Patient.identifier[1] identifier authority "VALLEY-MRN"',
                    ''
                ].join('\n'))
            }, ['repetition', 'patient-identity']);
            assert.deepEqual(found.map(f => f.split(':').slice(0, 2).join(':')), [
                'a.ispec:5 warning repetition', 'a.ispec:6 warning repetition', 'a.ispec:7 error patient-identity'
            ], found.join('\n'));
            assert.match(found[0], /PID-5 \(XPN\) carries no assigning authority/);
            assert.match(found[1], /FHIR selects an identifier by its system/);
            assert.match(found[2], /selects the repetition issued by "NHS" but declares authority "VALLEY-MRN"/);
        });
    });

    describe('an identifier taken whole where the other feeds of that system select its repetition', () => {
        const head = 'team Ops\nsystem Cabinets { kind other owner Ops }\nsystem PIS { kind other owner Ops }\nsystem EHR { kind EHR owner Ops }\nsystem GP { kind EHR owner Ops }\n';
        const feed = (name: string, from: string, to: string, type: string, mappings: string[]) =>
            `interface ${name} {\n    from ${from} to ${to}\n    standard HL7v2 "2.5.1"\n    owner Ops\n    message ${type} {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`;
        /** `line severity message` of the rule's findings. */
        async function found(body: string): Promise<string[]> {
            const { findings } = await checkFiles({ 'a.ispec': head + body });
            assert.deepEqual(findings.filter(f => f.code === 'syntax' || f.code === 'unresolved-reference').map(f => f.message), []);
            return findings.filter(f => f.code === 'repetition').map(f => `${f.line} ${f.severity} ${f.message}`);
        }
        const toPharmacy = feed('ToPharmacy', 'Cabinets', 'PIS', 'RDS^O13', ['PID-3[authority = "EMPI"] -> PID-3']);

        it('is a warning naming the selector the sender\'s other feeds use', async () => {
            const whole = await found(toPharmacy + feed('ToMAR', 'Cabinets', 'EHR', 'RDS^O13', ['PID-3 -> MedicationDispense.subject.identifier.value identifier authority "MRN (Maple Shore General)"']));
            assert.equal(whole.length, 1, whole.join('\n'));
            assert.match(whole[0], /^19 warning PID-3 is taken whole here, as one identifier \(authority "MRN \(Maple Shore General\)"\), but PID-3 of Cabinets repeats and 'ToPharmacy' \(RDS\^O13\) selects a repetition of it \(PID-3\[authority = "EMPI"\]\): without a selector this mapping takes the first repetition/);
        });

        it('counts a component as its field: a selected component elsewhere, a component taken whole here', async () => {
            const component = await found(feed('ToPharmacy', 'Cabinets', 'PIS', 'RDS^O13', ['PID-3[authority = "EMPI"].1 -> PID-3.1'])
                + feed('Worklist', 'Cabinets', 'EHR', 'ORM^O01', ['PID-3.1 -> (0010,0020) identifier authority "EMPI"']));
            assert.equal(component.length, 1, component.join('\n'));
            assert.match(component[0], /^19 warning PID-3\.1 is taken whole here.*\(PID-3\[authority = "EMPI"\]\.1\)/);
        });

        it('is a warning where a selected repetition is copied into the sender\'s field: a copy of every repetition said to be one identifier', async () => {
            const copied = await found(feed('Orders', 'EHR', 'PIS', 'OML^O21', ['PID-3[authority = "CHI"] -> PID-3'])
                + feed('Results', 'PIS', 'EHR', 'ORU^R01', ['PID-3 -> PID-3 identifier authority "CHI (Community Health Index)"']));
            assert.equal(copied.length, 1, copied.join('\n'));
            assert.match(copied[0], /^19 warning PID-3 is taken whole here.*PID-3 of PIS repeats and 'Orders' \(OML\^O21\) selects a repetition of it \(PID-3\[authority = "CHI"\]\)/);
            // The receiver selecting from the copy when it sends it on (a RIS's worklist) says nothing against the copy.
            const received = await found(feed('Orders', 'EHR', 'PIS', 'OMI^O23', ['PID-3 -> PID-3 identifier authority "MRN (urn:oid:1.2.3)"'])
                + feed('Worklist', 'PIS', 'GP', 'ORM^O01', ['PID-3[authority = "MRN"].1 -> (0010,0020)']));
            assert.deepEqual(received, []);
        });

        it('says nothing when no other feed of that system selects, another takes the same identifier whole, or the others select by index', async () => {
            const bare = 'PID-3 -> (0010,0020) identifier authority "MRN"';
            assert.deepEqual(await found(feed('Alone', 'Cabinets', 'EHR', 'ORM^O01', [bare])), [], 'the accepted case: the authority names the repetition');
            assert.deepEqual(await found(feed('Alone', 'Cabinets', 'EHR', 'ORM^O01', [bare]) + feed('Other', 'PIS', 'EHR', 'ORM^O01', ['PID-3[authority = "EMPI"] -> PID-3'])), [], 'another sender selects');
            assert.deepEqual(await found(toPharmacy + feed('A', 'Cabinets', 'EHR', 'ORM^O01', [bare]) + feed('B', 'Cabinets', 'EHR', 'ORU^R01', ['PID-3 -> Patient.identifier.value identifier authority "M.R.N."'])), [],
                'the team reads the MRN whole throughout');
            assert.deepEqual(await found(feed('A', 'Cabinets', 'EHR', 'ORM^O01', [bare]) + feed('B', 'Cabinets', 'PIS', 'ORM^O01', ['PID-3[2] -> PID-3'])), [], 'an index: the order is known');
            assert.deepEqual(await found(toPharmacy + feed('Copy', 'Cabinets', 'EHR', 'ADT^A01', ['PID-3 -> PID-3'])), [], 'a copy of every repetition');
            assert.deepEqual(await found(feed('One', 'Cabinets', 'EHR', 'ADT^A01', ['PID-3 -> PID-3 identifier authority "MRN"']) + feed('Two', 'PIS', 'EHR', 'ADT^A01', ['PID-3[authority = "EMPI"] -> PID-3'])), [],
                'two senders\' copies into one receiver');
        });

        it('the quick fix writes the selector, one fix per selector when the others use several', async () => {
            const body = feed('ToMAR', 'Cabinets', 'EHR', 'RDS^O13', ['PID-3 -> MedicationDispense.subject.identifier.value identifier authority "EMPI"']);
            assert.deepEqual(await fixesOf(head + toPharmacy + body), [['Select the repetition the other feeds select (PID-3[authority = "EMPI"])', 'PID-3[authority = "EMPI"]']]);
            const two = feed('ToLab', 'Cabinets', 'GP', 'RDS^O13', ['PID-3[authority = "MRN"] -> PID-3']);
            assert.deepEqual((await fixesOf(head + toPharmacy + two + body)).map(([, text]) => text), ['PID-3[authority = "EMPI"]', 'PID-3[authority = "MRN"]']);
        });
    });
});

/** The quick fixes offered for the `repetition` finding of a.ispec: [title, the new text of the mapping's source]. */
async function fixesOf(text: string): Promise<Array<[string, string]>> {
    const root = writeWorkspace({ 'a.ispec': text });
    try {
        const workspace = await buildEditorWorkspace([root]);
        const document = workspace.documents.find(d => d.uri.fsPath === path.join(root, 'a.ispec')) as LangiumDocument;
        const diagnostic = (document.diagnostics ?? []).find((d: Diagnostic) => d.code === 'repetition');
        assert.ok(diagnostic, 'no repetition finding');
        const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.textDocument.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) as CodeAction[];
        return actions.filter(a => a.edit && !a.title.startsWith('Suppress')).map(a => [a.title, a.edit!.changes![document.textDocument.uri].map(edit => edit.newText).join('')]);
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}
