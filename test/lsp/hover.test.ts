import { strict as assert } from 'node:assert';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { type LspClient, positionOf, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';
import { FILES, LAB } from './fixture.js';

async function hoverText(client: LspClient, uri: string, needle: string, offset: number): Promise<string | undefined> {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(LAB, needle, offset) });
    return hover ? (hover.contents as MarkupContent).value : undefined;
}

describe('lsp: hover', function () {
    this.timeout(30000);
    let client: LspClient;
    let lab: string;

    useServer(() => writeWorkspace(FILES), async started => {
        client = started;
        lab = await client.open('lab.ispec');
        await client.waitForDiagnostics(lab);
    });

    it('shows the doc comment, kind, title and facts of an element declared in another file', async () => {
        const text = await hoverText(client, lab, 'owner LabIT', 8);
        assert.ok(text);
        assert.match(text, /^\*\*team\*\* `LabIT` — Laboratory IT/);
        assert.match(text, /Runs the laboratory systems,\s+day and night\./);
        assert.match(text, /- lead: A\. Chen/);
        assert.match(text, /\*declared in org\.ispec\*/);
    });

    it('summarises an interface where it is referenced: flow, standard, owner, criticality, messages, handlers', async () => {
        const text = await hoverText(client, lab, 'covers LabResults', 9);
        assert.ok(text);
        assert.match(text, /\*\*interface\*\* `LabResults` — Lab results to EHR/);
        assert.match(text, /Results flow back to the ordering clinician\./);
        for (const fact of ['flow: LIS → EHR', 'standard: HL7v2 2.5.1', 'owner: LabIT', 'criticality: critical', 'sites: North', 'messages: ORU^R01', 'handles: downtime']) {
            assert.ok(text.includes(`- ${fact}`), `${fact} missing in\n${text}`);
        }
        assert.doesNotMatch(text, /declared in/);
    });

    it('shows nothing on keywords and white space', async () => {
        assert.equal(await hoverText(client, lab, 'criticality critical', 2), undefined);
        assert.equal(await hoverText(client, lab, '\n\n/**', 1), undefined);
    });
});
