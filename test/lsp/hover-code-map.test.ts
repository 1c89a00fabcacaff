import { strict as assert } from 'node:assert';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { type LspClient, positionOf, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * Hover on a code of a code map (issue #27): what the code means in the table of the side it stands on, from
 * the dictionaries' code meanings (HL7 table 0085, FHIR ObservationStatus), over stdio against the built server.
 */

const SPEC = `team LabIT
system LIS { kind LIS owner LabIT }
system EHR { kind EHR owner LabIT }
change-authority LabIT

interface LabResults {
    from LIS to EHR
    standard HL7v2 2.5.1
    owner LabIT
    message ORU^R01 {
        OBX-11 -> Observation.status codes { F -> final, C -> corrected, "P" -> preliminary } receives F, C, P
        OBR-25 -> OBR-25 codes {
                      F -> F,
                      X -> C
                  }
        OBX-8 -> Observation.interpretation codes { ZZ -> N }
        OBX-3 -> Observation.code codes {
                      Modality -> "1234-5"
                  }
    }
}
`;

async function hoverAt(client: LspClient, uri: string, needle: string, offset: number, occurrence = 0): Promise<string | undefined> {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(SPEC, needle, offset, occurrence) });
    return hover ? (hover.contents as MarkupContent).value : undefined;
}

describe('lsp: hover on a code of a code map', function () {
    this.timeout(30000);
    let client: LspClient;
    let uri: string;

    useServer(() => writeWorkspace({ 'results.ispec': SPEC }), async started => {
        client = started;
        uri = await client.open('results.ispec');
        await client.waitForDiagnostics(uri);
    });

    it('an entry\'s source: the HL7 v2 table value\'s description, with the table and field', async () => {
        const text = await hoverAt(client, uri, '{ F -> final', 2);
        assert.ok(text);
        assert.match(text, /^`F` — Final results/);
        assert.match(text, /HL7 table 0085, OBX-11 Observation Result Status/);
    });

    it('an entry\'s target: the FHIR code\'s display in its required value set', async () => {
        const text = await hoverAt(client, uri, 'F -> final', 7);
        assert.ok(text);
        assert.match(text, /^`final` — Final\n/);
        assert.match(text, /FHIR value set observation-status, Observation\.status .*\(FHIR R4\)/);
    });

    it('a quoted code, a `receives` code and a code on a line of its own in a multi-line map', async () => {
        assert.match((await hoverAt(client, uri, '"P" -> preliminary', 1))!, /^`P` — Preliminary/);
        assert.match((await hoverAt(client, uri, 'receives F, C, P', 12))!, /^`C` — Record coming over is a correction/);
        // OBR-25 is table 0123 (result status), not OBX-11's 0085: its X is the order's cancellation.
        assert.match((await hoverAt(client, uri, 'X -> C', 0))!, /^`X` — No results available; Order canceled\.\n\nHL7 table 0123, OBR-25 Result Status/);
        assert.match((await hoverAt(client, uri, 'X -> C', 5))!, /^`C` — Correction/);
    });

    it('a code its table does not list says so; the mapping\'s paths keep their field hover', async () => {
        assert.match((await hoverAt(client, uri, 'ZZ -> N', 0))!, /^`ZZ` is not a code of HL7 table 0078, OBX-8/);
        assert.match((await hoverAt(client, uri, 'OBX-11 ->', 2))!, /^\*\*OBX-11\*\* — Observation Result Status/);
    });

    it('a code of a field without a fixed table is never read as a path (`Modality` is a DICOM keyword)', async () => {
        // The hover may hold the doc of a rule whose finding covers the code; never the DICOM attribute.
        assert.doesNotMatch(await hoverAt(client, uri, 'Modality ->', 2) ?? '', /DICOM PS3\.6|VR: `CS`/);
    });
});
