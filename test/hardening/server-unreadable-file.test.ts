import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LspClient, SERVER_BUNDLE, withServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const SPEC = 'team LabIT\nsystem LIS { kind LIS owner LabIT }\nsystem LIS { kind LIS owner LabIT }\n';

/**
 * The built server, started through a launcher that runs it as `nobody` when the tests run as root: root reads a
 * file whatever its mode, an editor's server (the user's own process) does not.
 */
function serverAsUser(): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'interspec-server-user-'));
    chmodSync(folder, 0o755);
    const launcher = path.join(folder, 'as-user.cjs');
    writeFileSync(launcher, `if (process.getuid && process.getuid() === 0) { process.setgid(65534); process.setuid(65534); }\nrequire(${JSON.stringify(SERVER_BUNDLE)});\n`);
    chmodSync(launcher, 0o644);
    return launcher;
}

/** Resolves with the request's result, or rejects when no answer comes within `ms` (the server stopped answering). */
function answerWithin<T>(request: Promise<T>, ms: number, what: string): Promise<T> {
    return Promise.race([request, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within ${ms / 1000} s`)), ms))]);
}

/**
 * Faults issue 29 does not list, in the language server: a spec file of the workspace that cannot be read when the
 * server starts (a file left by `docker run` as root, mode 0600, in the user's checkout). Before, the server's start
 * failed on it ("Error in WorkspaceManager initialization: EACCES") and never answered another request: hover,
 * completion, symbols and the gate preview all waited forever.
 */
describe('hardening: a spec file the language server cannot read', function () {
    this.timeout(120_000);

    it('the server still answers, builds the other files and says which file it could not read', async () => {
        const root = writeWorkspace({ 'a.ispec': SPEC, 'locked.ispec': 'team Locked\n' });
        chmodSync(root, 0o755);
        chmodSync(path.join(root, 'a.ispec'), 0o644);
        chmodSync(path.join(root, 'interspec.yaml'), 0o644);
        chmodSync(path.join(root, 'locked.ispec'), 0o000);
        await withServer(root, async (client: LspClient) => {
            const uri = await client.open('a.ispec');
            const symbols = await answerWithin(client.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } }), 30_000, 'documentSymbol');
            assert.deepEqual(symbols.map(symbol => symbol.name), ['LabIT', 'LIS', 'LIS']);
            const diagnostics = await client.waitForDiagnostics(uri, list => list.some(d => /LIS/.test(d.message)), 30_000);
            assert.ok(diagnostics.length > 0);
            const locked = await client.waitForDiagnostics(client.uri('locked.ispec'), list => list.length > 0, 30_000);
            assert.equal(locked.length, 1, JSON.stringify(locked));
            assert.match(locked[0].message, /^Cannot read this file: permission denied \(EACCES\)\. Its elements are left out/);
            assert.equal(locked[0].severity, 1);
        }, { serverBundle: serverAsUser() });
    });
});
