import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/** The server still answers a real request about a healthy file. */
async function assertAlive(client: LspClient): Promise<void> {
    const uri = await client.open('org.ispec', 'team LabIT "Laboratory IT"\n');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.some(s => s.name === 'LabIT'), `no LabIT symbol in ${JSON.stringify(symbols)}`);
    assert.equal(client.hasExited, false, client.stderr);
}

describe('lsp: robustness (the server never stops answering)', function () {
    this.timeout(60000);
    let client: LspClient;
    let root: string;

    useServer(() => root = writeWorkspace({ 'org.ispec': 'team LabIT "Laboratory IT"\n', 'lab.ispec': 'import "org.ispec"\nsystem LIS { owner LabIT }\n' }),
        started => { client = started; });

    it('survives garbage text and still answers every feature on it', async () => {
        const garbage = '}}{{ \u0000 "unterminated \n interface interface -> -> ( ) @@@ \uffff\n'.repeat(50);
        const uri = await client.open('garbage.ispec', garbage);
        const diagnostics = await client.waitForDiagnostics(uri, d => d.length > 0);
        assert.ok(diagnostics.length > 0);
        const position = { line: 3, character: 5 };
        await client.request('textDocument/hover', { textDocument: { uri }, position });
        await client.request('textDocument/completion', { textDocument: { uri }, position });
        await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        await client.request('textDocument/foldingRange', { textDocument: { uri } });
        await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
        await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        await client.request('textDocument/codeLens', { textDocument: { uri } });
        await assertAlive(client);
    });

    it('survives a huge line', async () => {
        const huge = 'team T ' + '"x'.padEnd(300000, 'x') + '"\n' + 'system S { owner T '.repeat(2000) + '\n';
        const uri = await client.open('huge.ispec', huge);
        await client.waitForDiagnostics(uri, () => true, 40000);
        await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 150000 } });
        await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        await assertAlive(client);
    });

    it('survives a file deleted from disk while other files import it', async () => {
        rmSync(path.join(root, 'org.ispec'));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('org.ispec'), type: 3 }] });
        const lab = await client.waitForDiagnostics(client.uri('lab.ispec'), d => d.length > 0);
        assert.ok(lab.length > 0, 'the import of the deleted file is reported');
        await client.request('textDocument/hover', { textDocument: { uri: client.uri('org.ispec') }, position: { line: 0, character: 6 } }).catch(() => undefined);
        await assertAlive(client);
    });

    it('answers requests about unknown documents without crashing', async () => {
        const textDocument = { uri: 'file:///nowhere/at/all.ispec' };
        const position = { line: 10, character: 10 };
        const requests: Array<[string, object]> = [
            ['textDocument/hover', { textDocument, position }],
            ['textDocument/completion', { textDocument, position }],
            ['textDocument/definition', { textDocument, position }],
            ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
            ['textDocument/rename', { textDocument, position, newName: 'X' }],
            ['textDocument/documentSymbol', { textDocument }],
            ['textDocument/foldingRange', { textDocument }],
            ['textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }],
            ['textDocument/semanticTokens/full', { textDocument }],
            ['textDocument/codeLens', { textDocument }],
            ['interspec/testMatrix', { uri: textDocument.uri, format: 'markdown' }],
            ['interspec/checklist', { uri: textDocument.uri, format: 'markdown' }],
            ['interspec/noSuchRequest', {}]
        ];
        for (const [method, params] of requests) {
            // An error response is fine; a crash or silence is not.
            await client.request(method, params).catch(() => undefined);
        }
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri('lab.ispec') }, position: { line: 99, character: 0 } });
        assert.equal(hover, null);
        await assertAlive(client);
    });
});
