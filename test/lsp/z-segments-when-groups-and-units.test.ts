import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, DocumentSymbol, Hover, MarkupContent, Position, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const ORG = 'team Ops\nsystem LIS { kind LIS owner Ops }\nsystem EHR { kind EHR owner Ops }\n';
const SEGMENTS = 'segment ZPI "Patient extras" {\n    field 1 CWE "Religion" table "0006"\n    field 2 CX repeating "Previous identifiers"\n}\n';
const FEED = `import "org.ispec"
interface Feed {
    from LIS to EHR
    standard HL7v2 2.5.1
    owner Ops
    message ORU^R01 {
        ZPI-2[1] -> Patient.identifier[1] identifier authority "previous MRN"
        when OBX-2 = NM {
            OBX-5 -> Observation.valueQuantity.value units per OBX-3 {
                "2345-7": "mg/dL" -> "mmol/L" factor 0.0555 molar-mass 180.16
            }
        }
    }
}
`;

function positionOf(text: string, needle: string, delta = 0): Position {
    const offset = text.indexOf(needle) + delta;
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** name[children] as a compact string, to compare outlines. */
function outline(symbols: DocumentSymbol[] | undefined): string {
    return (symbols ?? []).map(s => s.children ? `${s.name}[${outline(s.children)}]` : s.name).join(', ');
}

describe('lsp: Z-segments, when-groups and units per analyte in the editor', function () {
    this.timeout(60000);
    let client: LspClient;
    let uri: string;

    useServer(() => writeWorkspace({ 'org.ispec': ORG, 'segments.ispec': SEGMENTS, 'feed.ispec': FEED }), async started => {
        client = started;
        await client.open('segments.ispec');
        uri = await client.open('feed.ispec');
        await client.waitForDiagnostics(uri);
    });

    it('shows when-groups with their mappings, and a Z-segment with its fields, in the outline', async () => {
        const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        assert.equal(outline(symbols), 'imports[org.ispec], Feed[ORU^R01[ZPI-2[1] -> Patient.identifier[1], when OBX-2 = NM[OBX-5 -> Observation.valueQuantity.value]]]');
        const segmentsUri = uri.replace('feed.ispec', 'segments.ispec');
        const segments = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: segmentsUri } });
        assert.equal(outline(segments), 'ZPI[ZPI-1, ZPI-2]');
    });

    it('hovers a declared Z-segment field with its declared type, components and repetition', async () => {
        const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(FEED, 'ZPI-2[1]', 2) });
        const text = (result?.contents as MarkupContent | undefined)?.value ?? '';
        assert.match(text, /\*\*ZPI-2\*\* — Previous identifiers/);
        assert.match(text, /data type: `CX` \(1 ID Number ST;/);
        assert.match(text, /repeats/);
        assert.match(text, /Z-segment ZPI \(Patient extras\), declared in this workspace/);
    });

    it('hovers the field of a repetition chosen by its authority', async () => {
        const text = FEED.replace('ZPI-2[1] -> Patient.identifier[1] identifier authority "previous MRN"', 'PID-3[authority = "NLMINBIZA"] -> Patient.identifier:BSN.value');
        await client.change(uri, text);
        const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'PID-3[authority', 2) });
        assert.match((result?.contents as MarkupContent | undefined)?.value ?? '', /\*\*PID-3\*\* — Patient Identifier List/);
        await client.change(uri, FEED);
    });

    it('completes a declared Z-segment and its fields', async () => {
        const complete = async (line: string, character: number) => {
            const text = FEED.replace('        ZPI-2[1] -> Patient.identifier[1] identifier authority "previous MRN"\n', `        ${line}\n`);
            await client.change(uri, text);
            const position = positionOf(text, line, character);
            const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
            return (Array.isArray(result) ? result : result?.items ?? []).map(item => `${item.label} ${item.detail ?? ''}`.trim());
        };
        assert.ok((await complete('Z', 1)).includes('ZPI Patient extras'));
        assert.deepEqual(await complete('ZPI-', 4), ['ZPI-1 Religion (CWE)', 'ZPI-2 Previous identifiers (CX)']);
        await client.change(uri, FEED);
    });

    it('formats a per-analyte block and a when-group one level deeper per block, and a Z-segment like any element', async () => {
        const messy = FEED.replace('                "2345-7": "mg/dL"', '"2345-7" :  "mg/dL"').replace('            OBX-5 -> Observation', '  OBX-5 -> Observation');
        await client.change(uri, messy);
        const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        assert.equal(applyEdits(messy, edits), FEED.replace('"2345-7": "mg/dL"', '"2345-7":  "mg/dL"'));
        await client.change(uri, FEED);
    });
});
