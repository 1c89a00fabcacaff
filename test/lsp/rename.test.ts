import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AnnotatedTextEdit, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { type LspClient, positionOf, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';
import { FILES, LAB, ORG } from './fixture.js';

const EVIDENCE = `evidence:
  - id: NorthGoLive.ExceptionsTested
    status: passed
  - id: "TM-LabResults-North-ORU_R01-downtime"
    status: pending
  - id: NorthGoLive.ownership.LabResults
    status: done
  - id: OtherGate.ExceptionsTested
    status: done
`;

async function failure(promise: Promise<unknown>): Promise<string> {
    try {
        await promise;
    } catch (error) {
        return (error as Error).message;
    }
    assert.fail('expected the request to be refused');
}

describe('lsp: rename refuses what would break the spec and asks before touching evidence ids', function () {
    this.timeout(30000);
    let client: LspClient;
    let root: string;
    let lab: string;

    useServer(() => root = writeWorkspace({ ...FILES, 'evidence/north.yaml': EVIDENCE }), async started => {
        client = started;
        lab = await client.open('lab.ispec');
        await client.waitForDiagnostics(lab);
    });

    const rename = (needle: string, offset: number, newName: string, text = LAB, uri = () => lab) =>
        client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri() }, position: positionOf(text, needle, offset), newName });

    it('prepareRename gives the name\'s range, and a clear message where nothing can be renamed', async () => {
        const range = await client.request<Range>('textDocument/prepareRename', { textDocument: { uri: lab }, position: positionOf(LAB, 'owner LabIT', 7) });
        assert.deepEqual(range.start, positionOf(LAB, 'owner LabIT', 6));
        const message = await failure(client.request('textDocument/prepareRename', { textDocument: { uri: lab }, position: positionOf(LAB, 'criticality critical', 2) }));
        assert.match(message, /Only the name of a declared element/);
    });

    it('refuses a name that is not an identifier, a keyword, and a name taken in scope', async () => {
        assert.match(await failure(rename('owner LabIT', 7, 'Lab IT')), /'Lab IT' is not a valid name/);
        assert.match(await failure(rename('owner LabIT', 7, 'team')), /'team' is a keyword/);
        assert.match(await failure(rename('owner LabIT', 7, 'LabTech')), /'LabTech' is already the name of role in org\.ispec/);
        assert.match(await failure(rename('owner LabIT', 7, 'LIS')), /already the name of system in systems\.ispec/);
        assert.match(await failure(rename('gate NorthGoLive', 5, 'LabResults')), /already the name of interface/);
    });

    it('refuses a criterion name its gate already has, and allows one another gate uses', async () => {
        const text = LAB.replace('    criterion ExceptionsTested', '    criterion Other "x" { question ownership }\n    criterion ExceptionsTested');
        await client.change(lab, text);
        await client.waitForDiagnostics(lab);
        assert.match(await failure(rename('criterion ExceptionsTested', 10, 'Other', text)), /'Other' is already the name of criterion.*within their gate/);
        await client.change(lab, LAB);
        await client.waitForDiagnostics(lab);
    });

    it('renaming a criterion offers the evidence ids that use it as changes to confirm, and writes nothing', async () => {
        const edit = await rename('criterion ExceptionsTested', 10, 'ExceptionsSimulated');
        assert.equal(edit.changes, undefined);
        const byFile = new Map((edit.documentChanges as TextDocumentEdit[]).map(change => [path.basename(change.textDocument.uri), change.edits as AnnotatedTextEdit[]]));
        const evidence = byFile.get('north.yaml') ?? [];
        assert.deepEqual(evidence.map(e => e.newText), ['NorthGoLive.ExceptionsSimulated']);
        assert.deepEqual(evidence[0].range.start, positionOf(EVIDENCE, 'NorthGoLive.ExceptionsTested'));
        assert.ok(evidence.every(e => e.annotationId && edit.changeAnnotations?.[e.annotationId]?.needsConfirmation === true));
        assert.ok((byFile.get('lab.ispec') ?? []).every(e => e.newText === 'ExceptionsSimulated' && !e.annotationId), 'spec edits are not annotated');
        assert.equal(readFileSync(path.join(root, 'evidence', 'north.yaml'), 'utf8'), EVIDENCE, 'the server never writes evidence');
    });

    it('renaming a gate or an interface offers every evidence id built from its name', async () => {
        const gate = await rename('gate NorthGoLive', 5, 'NorthPilot');
        const gateIds = (gate.documentChanges as TextDocumentEdit[]).find(c => c.textDocument.uri.endsWith('north.yaml'))!.edits.map(e => e.newText);
        assert.deepEqual(gateIds, ['NorthPilot.ExceptionsTested', 'NorthPilot.ownership.LabResults']);
        const iface = await rename('interface LabResults', 10, 'LabReports');
        const ifaceIds = (iface.documentChanges as TextDocumentEdit[]).find(c => c.textDocument.uri.endsWith('north.yaml'))!.edits.map(e => e.newText);
        assert.deepEqual(ifaceIds, ['TM-LabReports-North-ORU_R01-downtime', 'NorthGoLive.ownership.LabReports']);
    });

    it('still renames a team everywhere with plain edits when no evidence uses it', async () => {
        const edit = await rename('owner LabIT', 7, 'LabOps');
        const all = Object.values(edit.changes ?? {}).flat();
        assert.equal(all.length, 6);
        assert.ok(ORG.includes('LabIT'));
    });
});
