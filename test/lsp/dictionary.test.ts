import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, Hover, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { applyEdits, type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const ORG = 'team Ops\nsystem LIS { kind LIS owner Ops }\nsystem EHR { kind EHR owner Ops }\n';

/** An HL7 v2.5.1 interface whose message block holds `body`; `|` marks the cursor. */
function hl7(body: string, message = 'ORU^R01', version = '2.5.1'): string {
    return `import "org.ispec"\ninterface Feed {\n    from LIS to EHR\n    standard HL7v2 ${version}\n    owner Ops\n    message ${message} {\n        ${body}\n    }\n}\n`;
}

function cursor(textWithCursor: string): { text: string, position: Position } {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
    const lines = text.slice(0, offset).split('\n');
    return { text, position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

describe('lsp: completion and hover from the HL7 v2, FHIR and DICOM dictionaries', function () {
    this.timeout(60000);
    let client: LspClient;
    let uri: string;

    useServer(() => writeWorkspace({ 'org.ispec': ORG, 'feed.ispec': hl7('') }), async started => {
        client = started;
        uri = await client.open('feed.ispec');
        await client.waitForDiagnostics(uri);
    });

    async function complete(textWithCursor: string): Promise<{ items: CompletionItem[], text: string, position: Position }> {
        const { text, position } = cursor(textWithCursor);
        await client.change(uri, text);
        const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
        return { items: Array.isArray(result) ? result : result?.items ?? [], text, position };
    }

    async function hover(textWithCursor: string): Promise<string> {
        const { text, position } = cursor(textWithCursor);
        await client.change(uri, text);
        const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        return result ? (result.contents as MarkupContent).value : '';
    }

    it('offers the standards after `standard`, and the HL7 v2 versions after `HL7v2 `', async () => {
        const standards = (await complete('interface Feed {\n    standard |\n}\n')).items.map(item => item.label);
        assert.deepEqual(standards, ['HL7v2', 'FHIR', 'DICOM']);
        const versions = (await complete('interface Feed {\n    standard HL7v2 |\n}\n')).items.map(item => item.label);
        for (const version of ['2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7.1']) assert.ok(versions.includes(version), `${version} in ${versions}`);
        const fhir = (await complete('interface Feed {\n    standard FHIR |\n}\n')).items.map(item => item.label);
        assert.ok(fhir.includes('R4') && fhir.includes('4.0.1') && fhir.includes('R5'), fhir.join(' '));
    });

    it('offers the v2.5.1 message types and trigger events after `message `, with their descriptions', async () => {
        const { items } = await complete(hl7('').replace('message ORU^R01 {', 'message |'));
        const byLabel = new Map(items.map(item => [item.label, item]));
        assert.equal(byLabel.get('ADT^A01')?.detail, 'Admit/visit notification');
        assert.equal(byLabel.get('ORU^R01')?.labelDetails?.description, 'ORU_R01');
        // OML^O33 (specimen-oriented orders) exists from v2.5 on; OML^O39 only from v2.7.
        assert.ok(byLabel.has('ADT^A04') && byLabel.has('OML^O33'));
        assert.ok(!byLabel.has('OML^O39'), 'a v2.7 message offered for v2.5.1');
    });

    it('lists OBX\'s fields with names, data types and optionality after `OBX-`', async () => {
        const { items, text } = await complete(hl7('OBX-|'));
        const obx3 = items.find(item => item.label === 'OBX-3');
        assert.ok(obx3, items.map(item => item.label).join(' '));
        assert.equal(obx3.detail, 'Observation Identifier (CE)');
        assert.match(obx3.labelDetails?.description ?? '', /^CE required/);
        assert.ok(items.every(item => String(item.label).startsWith('OBX-')));
        assert.ok(items.some(item => item.label === 'OBX-11' && /Observ(ation|e) Result Status/i.test(item.detail ?? '')));
        // Accepting it writes the path in place of what was typed.
        assert.match(applyEdits(text, [obx3.textEdit as never]), /\n {8}OBX-3\n/);
    });

    it('lists the components of PID-3 (CX) after `PID-3.`', async () => {
        const { items } = await complete(hl7('PID-3.|', 'ADT^A01'));
        assert.deepEqual(items.slice(0, 4).map(item => `${item.label} ${item.detail}`), [
            'PID-3.1 ID Number (ST)', 'PID-3.2 Check Digit (ST)', 'PID-3.3 Check Digit Scheme (ID)', 'PID-3.4 Assigning Authority (HD)'
        ]);
    });

    it('offers the segments of the message structure first at the start of a mapping', async () => {
        const { items } = await complete(hl7('P|', 'ADT^A01'));
        const sorted = [...items].filter(item => /^[A-Z0-9]{3}$/.test(String(item.label))).sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
        // ADT_A01 in v2.5.1 holds PID, PD1, PV1, PV2, PR1 and PDA; PCR or PRD belong to other messages.
        assert.deepEqual(sorted.slice(0, 6).map(item => item.label), ['PD1', 'PDA', 'PID', 'PR1', 'PV1', 'PV2']);
        assert.ok(sorted.slice(6).some(item => item.label === 'PRD'));
        const empty = (await complete(hl7('|', 'ADT^A01'))).items.map(item => item.label);
        assert.ok(empty.includes('PID') && empty.includes('Patient'), 'segments and FHIR resources before anything is typed');
    });

    it('offers element paths with types and cardinality after `Observation.`, and ranks Identifier elements first for an identifier', async () => {
        const { items } = await complete(hl7('OBX-3 -> Observation.|'));
        const status = items.find(item => item.label === 'status');
        assert.ok(status, items.map(item => item.label).join(' '));
        assert.equal(status.detail, 'code 1..1');
        assert.ok(items.some(item => item.label === 'valueQuantity'));
        const forIdentifier = (await complete(hl7('PID-3 -> Patient.|', 'ADT^A01'))).items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
        // Identifier elements first; the logical id (type id) after them; the rest after that.
        assert.deepEqual(forIdentifier.slice(0, 2).map(item => item.label), ['identifier', 'id']);
    });

    it('offers the codes of the field\'s table in a code map', async () => {
        const { items } = await complete(hl7('OBX-11 -> Observation.status codes { |', 'ORU^R01'));
        const labels = items.map(item => item.label);
        for (const code of ['F', 'C', 'X', 'P']) assert.ok(labels.includes(code), `${code} in ${labels}`);
        // The table beside each code; what the code means is its detail (completion-by-context.test.ts).
        assert.equal(items[0].labelDetails?.description, 'HL7 table 0085');
        assert.equal(items.find(item => item.label === 'F')?.textEdit?.newText, 'F -> ');
        // After `->`, the codes of the target element's required value set.
        const target = (await complete(hl7('OBX-11 -> Observation.status codes { F -> |', 'ORU^R01'))).items.map(item => item.label);
        for (const code of ['final', 'corrected', 'cancelled', 'preliminary']) assert.ok(target.includes(code), `${code} in ${target}`);
    });

    it('offers DICOM keywords with tag and VR in a DICOM interface', async () => {
        const { items } = await complete('import "org.ispec"\ninterface Img {\n    standard DICOM "2024b"\n    message C-STORE {\n        PatientI|\n    }\n}\n');
        const patientId = items.find(item => item.label === 'PatientID');
        assert.equal(patientId?.detail, '(0010,0020) LO');
        const { items: tags } = await complete('import "org.ispec"\ninterface Img {\n    standard DICOM "2024b"\n    message C-STORE {\n        (0010,002|\n    }\n}\n');
        const tag = tags.find(item => item.label === '(0010,0020)');
        assert.equal(tag?.detail, 'PatientID LO');
        assert.equal(tag?.textEdit?.newText, '(0010,0020)');
    });

    it('answers half-typed input without failing', async () => {
        for (const text of ['interface Feed {\n    standard HL7v2 2.5.1\n    message ORU^R01 {\n        PID-3 -> |', 'interface {\n message |', 'interface F { standard |', hl7('-> |'), hl7('OBX-3 -> Observation.status codes { "F|')]) {
            await complete(text);
        }
        const { items } = await complete(hl7('OBX-|'));
        assert.ok(items.length > 10, 'the server still answers');
    });

    it('shows "Patient Identifier List" with CX, optionality and repetition on hover of PID-3', async () => {
        const text = await hover(hl7('PID-|3 -> Patient.identifier identifier authority "MRN"', 'ADT^A01'));
        assert.match(text, /\*\*PID-3\*\* — Patient Identifier List/);
        assert.match(text, /data type: `CX` \(1 ID Number ST; 2 Check Digit ST/);
        assert.match(text, /optionality: required/);
        assert.match(text, /repetition: repeats/);
        assert.match(text, /read from HL7 v2\.5\.1/);
    });

    it('shows the segment structure of a message type, a FHIR element\'s cardinality and a DICOM tag\'s VR and VM', async () => {
        const message = await hover(hl7('PID-3 -> Patient.identifier', 'ADT^A|01'));
        assert.match(message, /\*\*ADT\^A01\*\* — Admit\/visit notification/);
        assert.match(message, /MSH \[\{SFT\}\] EVN PID \[PD1\]/);
        const element = await hover(hl7('OBX-11 -> Observation.st|atus'));
        assert.match(element, /\*\*Observation\.status\*\*/);
        assert.match(element, /cardinality: 1\.\.1 \(required\)/);
        assert.match(element, /final/);
        const tag = await hover('import "org.ispec"\ninterface Img {\n    standard DICOM "2024b"\n    message C-STORE {\n        (0010,00|20) -> Patient.identifier\n    }\n}\n');
        assert.match(tag, /\*\*PatientID\*\* \(0010,0020\)/);
        assert.match(tag, /VR: `LO`/);
        assert.match(tag, /VM: 1/);
    });

    it('says from which version a field exists where the declared version lacks it', async () => {
        const text = await hover(hl7('TQ1-|7 -> OBR-7 timezone "UTC"', 'ORU^R01', '2.3.1'));
        assert.match(text, /from v2\.5: not in HL7 v2\.3\.1/);
    });
});
