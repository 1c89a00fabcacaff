import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type LspClient, REPO_ROOT, useServer } from '../support/lsp-client.js';
import { previewParams } from '../../src/extension/preview-html.js';
import { ChecklistRequest, GatesRequest, TestMatrixRequest } from '../../language-server/protocol/index.js';

/** LSP `MessageType`: 1 error, 2 warning, 3 info, 4 log. */
interface LogMessage { type: number, message: string }

/** A new interface typed at the end of a file, one character at a time, as an architect writes it. */
const TYPED = `
interface Orders "Orders to the LIS" {
    from HospitalEHR to LabSystem
    standard HL7v2 2.5.1
    owner LabIT
    message ORM^O01 "Orders" {
        PID-3 -> PID-3
    }
}
`;

// The previews and code lenses of a workspace being typed into ask for the whole root's matrix and checklist while
// the edited document is re-parsed. Nothing of that may reach the server log: the editor shows it in the output
// channel ("Attempted reference resolution before document reached ComputedScopes state" was logged 45 times in one
// session of issue 27).
describe('lsp: a typing session with the previews open leaves the server log empty', function () {
    this.timeout(300000);
    let client: LspClient;
    const log: LogMessage[] = [];

    useServer(() => {
        const root = path.join(mkdtempSync(path.join(tmpdir(), 'interspec-log-')), 'lab-network');
        cpSync(path.join(REPO_ROOT, 'examples', 'lab-network'), root, { recursive: true });
        return root;
    }, started => {
        client = started;
        client.connection.onNotification('window/logMessage', (params: LogMessage) => { log.push(params); });
    });

    it('logs no error or warning while a file is typed into with the previews, code lenses and hovers asking', async () => {
        const files = ['results.ispec', 'org.ispec'];
        const uris = await Promise.all(files.map(file => client.open(file)));
        await Promise.all(uris.map(uri => client.waitForDiagnostics(uri, () => true, 60000)));
        const [uri] = uris;
        const original = readFileSync(path.join(client.root, files[0]), 'utf8');
        const nonce = 'bm9uY2Vub25jZW5vbmNl';
        const pending: Array<Promise<unknown>> = [];
        const settle = (request: Promise<unknown>) => pending.push(request.catch(() => undefined));
        for (let i = 1; i <= TYPED.length; i++) {
            const text = original + TYPED.slice(0, i);
            await client.change(uri, text);
            const lines = text.split('\n');
            const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
            // The previews refresh on every change; code lenses, hovers, completion and symbols come with typing.
            settle(client.connection.sendRequest(TestMatrixRequest, previewParams(uri, nonce, 'x')));
            settle(client.connection.sendRequest(ChecklistRequest, previewParams(uri, nonce, 'x')));
            settle(client.connection.sendRequest(GatesRequest, { uri }));
            settle(client.request('textDocument/codeLens', { textDocument: { uri } }));
            settle(client.request('textDocument/codeLens', { textDocument: { uri: uris[1] } }));
            settle(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 8 } }));
            settle(client.request('textDocument/completion', { textDocument: { uri }, position }));
            settle(client.request('textDocument/documentSymbol', { textDocument: { uri } }));
            if (i % 8 === 0) {
                await new Promise(resolve => setTimeout(resolve, 15)); // a typist's pauses let some builds finish
            }
        }
        await Promise.all(pending);
        await client.change(uri, original);
        await client.waitForDiagnostics(uri, () => true, 60000);
        await client.connection.sendRequest(TestMatrixRequest, previewParams(uri, nonce, 'x'));
        const noisy = log.filter(entry => entry.type <= 2);
        assert.deepEqual(noisy.map(entry => entry.message.split('\n')[0]), [], `${noisy.length} error or warning lines in the server log`);
        assert.equal(client.hasExited, false);
    });
});
