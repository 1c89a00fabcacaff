import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { type LspClient, REPO_ROOT, useServer, withServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';
import { escapeHtml } from '../../language-server/generators/text.js';
import { previewParams } from '../../src/extension/preview-html.js';
import { ChecklistRequest, TestMatrixRequest } from '../../language-server/protocol/index.js';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

// interspec/testMatrix and interspec/checklist through the built server over stdio, on a copy of an example, sent
// with the protocol's typed requests as the extension sends them.
describe('lsp: the test matrix and checklist requests', function () {
    this.timeout(30000);
    let client: LspClient;
    let root: string;

    useServer(() => {
        root = path.join(mkdtempSync(path.join(tmpdir(), 'interspec-generate-')), 'lab-network');
        cpSync(path.join(REPO_ROOT, 'examples', 'lab-network'), root, { recursive: true });
        return root;
    }, started => { client = started; });

    it('returns the matrix of the workspace of any of its documents, in each format', async () => {
        const uri = client.uri('results.ispec');
        const json = await client.connection.sendRequest(TestMatrixRequest, { uri, format: 'json' });
        assert.equal(path.resolve(json.root), path.resolve(root));
        const matrix = JSON.parse(json.content);
        assert.ok(matrix.rows.length > 10);
        assert.ok(matrix.rows.every((row: { location?: { file: string } }) => row.location?.file.endsWith('.ispec')));
        const markdown = await client.connection.sendRequest(TestMatrixRequest, { uri: client.uri('org.ispec'), format: 'markdown' });
        assert.ok(matrix.rows.every((row: { id: string }) => markdown.content.includes(row.id)), 'the same rows in markdown');
    });

    it('returns the reviewer pages for the editor\'s preview under the webview\'s policy, rows linked to the spec by relative path', async () => {
        const nonce = 'bm9uY2Vub25jZW5vbmNl';
        const params = previewParams(client.uri('results.ispec'), nonce, 'https://file+.vscode-resource.vscode-cdn.net');
        for (const request of [TestMatrixRequest, ChecklistRequest]) {
            const method = request.method;
            const html = (await client.connection.sendRequest(request, params)).content;
            assert.ok(html.includes(`content="${escapeHtml(params.webview.contentSecurityPolicy)}"`), `${method}: the webview's policy`);
            assert.deepEqual([...html.matchAll(/<script([^>]*)>/g)].map(m => m[1]), [` nonce="${nonce}"`], `${method}: one script, with the nonce`);
            assert.deepEqual([...html.matchAll(/<style([^>]*)>/g)].map(m => m[1]), [` nonce="${nonce}"`]);
            assert.ok(!/\sstyle="/.test(html) && !/\son[a-z]+=/.test(html), `${method}: no inline style or handler the policy would block`);
            assert.ok(!html.includes(root), `${method}: no absolute path`);
            assert.match(html, /acquireVsCodeApi/);
            assert.match(html, /<h2>Decision|<h2>Decisions/, `${method}: the decision first`);
        }
        const matrix = (await client.connection.sendRequest(TestMatrixRequest, params)).content;
        const target = /<tbody id="TM-LabResults-Riverside-ORU_R01-downtime" class="spec-link[^"]*"[^>]* data-target="([^"]*)"/.exec(matrix);
        assert.ok(target, 'the row links back to the spec');
        const line = readFileSync(path.join(root, 'results.ispec'), 'utf8').split('\n').findIndex(text => text.startsWith('    on downtime')) + 1;
        assert.deepEqual(JSON.parse(target[1].replace(/&quot;/g, '"')), { uri: 'results.ispec', line });
    });

    it('opens the preview at the element a code lens names: one heading marked, scrolled to by the page\'s own script', async () => {
        const nonce = 'bm9uY2Vub25jZW5vbmNl';
        const matrix = (await client.connection.sendRequest(TestMatrixRequest, previewParams(client.uri('results.ispec'), nonce, 'x', 'LabResults'))).content;
        assert.equal(matrix.match(/id="interspec-focus"/g)?.length, 1, 'one element marked');
        assert.match(matrix, /<tbody class="interface" id="interspec-focus" data-element="LabResults"><tr><th colspan="\d+">Interface LabResults /);
        assert.match(matrix, /getElementById\('interspec-focus'\)[\s\S]*scrollIntoView/);
        const checklist = (await client.connection.sendRequest(ChecklistRequest, previewParams(client.uri('results.ispec'), nonce, 'x', 'RiversidePilot'))).content;
        assert.match(checklist, /<h2 id="interspec-focus" data-element="RiversidePilot">Gate RiversidePilot/);
        for (const focus of ['Nowhere', '"><script>alert(1)</script>']) {
            const html = (await client.connection.sendRequest(TestMatrixRequest, previewParams(client.uri('results.ispec'), nonce, 'x', focus))).content;
            assert.ok(!html.includes('id="interspec-focus"') && !html.includes('<script>alert'), `focus ${focus}: nothing marked`);
        }
    });

    it('returns the checklist of every gate or of one', async () => {
        const uri = client.uri('gates.ispec');
        const all = JSON.parse((await client.connection.sendRequest(ChecklistRequest, { uri, format: 'json' })).content);
        assert.ok(all.checklists.length >= 1);
        const gate = all.checklists[0].gate;
        const one = JSON.parse((await client.connection.sendRequest(ChecklistRequest, { uri, format: 'json', gate })).content);
        assert.deepEqual(one.checklists.map((checklist: { gate: string }) => checklist.gate), [gate]);
    });

    it('answers bad params with an error, not a crash', async () => {
        const uri = client.uri('gates.ispec');
        await assert.rejects(client.connection.sendRequest('interspec/testMatrix', { uri, format: 'pdf' }), /unknown format 'pdf'/);
        await assert.rejects(client.connection.sendRequest(ChecklistRequest, { uri, format: 'json', gate: 'NoSuchGate' }), /Unknown gate 'NoSuchGate'/);
        const matrix = await client.connection.sendRequest(TestMatrixRequest, { uri, format: 'csv' });
        assert.ok(matrix.content.length > 0, 'still answering');
    });

    it('works for a workspace without gates', async () => {
        await withServer(() => writeWorkspace({ 'a.ispec': 'team T\n' }), async other => {
            const result = await other.connection.sendRequest(ChecklistRequest, { uri: other.uri('a.ispec'), format: 'markdown' });
            assert.equal(typeof result.content, 'string');
        });
    });
});
