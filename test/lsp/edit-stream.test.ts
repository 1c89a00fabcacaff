import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { CONTENT_MODIFIED, editStream, REQUEST_CANCELLED } from '../support/edit-stream.js';
import { type LspClient, useServer } from '../support/lsp-client.js';
import { manyFiles } from '../support/synthetic-workspace.js';
import { writeWorkspace } from '../support/workspace.js';

describe('lsp: a stream of edits (every request is answered)', function () {
    this.timeout(600000);
    let client: LspClient;
    let root: string;

    useServer(() => root = writeWorkspace(manyFiles(20)), started => { client = started; });
    after(() => {
        rmSync(root, { recursive: true, force: true });
    });

    it('answers or cancels every request sent among 1,000 unpaced edits, then publishes the final text\'s diagnostics', async () => {
        const uri = await client.open('feeds/feed-0001.ispec');
        const initial = JSON.stringify(await client.waitForDiagnostics(uri, () => true, 120000));
        // Line 1 is `interface Feed10 "Results feed 10" {`: the edits type inside its title.
        const { results, errors, open } = await editStream(client, uri, 1, 1000, 300000);
        assert.equal(open, 0, `${open} requests never answered (results ${results}, errors ${JSON.stringify([...errors])})\n${client.stderr}`);
        const unexpected = [...errors].filter(([code]) => code !== CONTENT_MODIFIED && code !== REQUEST_CANCELLED);
        assert.deepEqual(unexpected, [], 'only "content modified" or "cancelled" errors');
        assert.ok(results > 0, 'some requests got a result');
        // 1,000 edits (500 typed, 500 deleted) give back the original text: its diagnostics come back too.
        await client.waitForDiagnostics(uri, d => JSON.stringify(d) === initial, 120000);
        const symbols = await client.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } });
        assert.ok(symbols.some(s => s.name === 'Feed10'), JSON.stringify(symbols.map(s => s.name)));
        assert.equal(client.hasExited, false);
    });
});
