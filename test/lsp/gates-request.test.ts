import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Range } from 'vscode-languageserver-protocol';
import { ChecklistRequest, GatesRequest, REQUESTS, type GateInfo } from '../../language-server/protocol/index.js';
import { LspClient, REPO_ROOT } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/** The text a range covers. */
function textAt(text: string, range: Range): string {
    const lines = text.split('\n');
    assert.equal(range.start.line, range.end.line, 'a name is on one line');
    return lines[range.start.line].slice(range.start.character, range.end.character);
}

/** Asks until the answer satisfies `done` (the server rebuilds after a change on its own schedule). */
async function until<T>(ask: () => Promise<T>, done: (answer: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 15000;
    let answer = await ask();
    while (!done(answer)) {
        assert.ok(Date.now() < deadline, `timed out waiting for ${what}: ${JSON.stringify(answer)}`);
        await new Promise(resolve => setTimeout(resolve, 100));
        answer = await ask();
    }
    return answer;
}

// interspec/gates through the built server over stdio: the gates of the workspace from its index, which the
// extension's checklist command offers to pick from.
describe('lsp: the gates request', function () {
    this.timeout(60000);
    let client: LspClient;
    let root: string;

    before(async () => {
        root = path.join(mkdtempSync(path.join(tmpdir(), 'interspec-gates-')), 'lab-network');
        cpSync(path.join(REPO_ROOT, 'examples', 'lab-network'), root, { recursive: true });
        client = await LspClient.start(root);
    });
    after(async () => {
        await client.stop();
    });

    it('lists every gate of the workspace of any of its documents: name, title, sites, file and the range of its name', async () => {
        const result = await client.connection.sendRequest(GatesRequest, { uri: client.uri('results.ispec') });
        assert.equal(path.resolve(result.root), path.resolve(root));
        const text = readFileSync(path.join(root, 'gates.ispec'), 'utf8');
        assert.deepEqual(result.gates.map(gate => [gate.name, gate.title, gate.sites, gate.file]), [
            ['HillcrestGoLive', 'Hillcrest go-live', ['Hillcrest'], 'gates.ispec'],
            ['LakesideGoLive', 'Lakeside go-live', ['Lakeside'], 'gates.ispec'],
            ['RiversidePilot', 'Riverside pilot go-live', ['Riverside'], 'gates.ispec']
        ]);
        for (const gate of result.gates) {
            assert.equal(fileURLToPath(gate.location.uri), path.join(root, 'gates.ispec'));
            assert.equal(textAt(text, gate.location.range), gate.name);
            assert.match(text.split('\n')[gate.location.range.start.line], new RegExp(`^gate ${gate.name} `));
        }
        // The same gates the checklist request writes a checklist for.
        const checklists = JSON.parse((await client.connection.sendRequest(ChecklistRequest, { uri: client.uri('org.ispec'), format: 'json' })).content);
        assert.deepEqual(checklists.checklists.map((checklist: { gate: string }) => checklist.gate).sort(), result.gates.map(gate => gate.name));
    });

    it('follows unsaved edits; a name declared twice is listed once, a gate without a name not at all', async () => {
        const uri = await client.open('gates.ispec');
        const text = readFileSync(path.join(root, 'gates.ispec'), 'utf8');
        const added = `${text}\ngate ZetaGoLive {\n    sites Riverside, Hillcrest\n}\n`;
        await client.change(uri, added);
        const ask = async () => (await client.connection.sendRequest(GatesRequest, { uri })).gates;
        const gates = await until(ask, list => list.some(gate => gate.name === 'ZetaGoLive'), 'the new gate');
        const zeta = gates.find(gate => gate.name === 'ZetaGoLive')!;
        assert.deepEqual([zeta.title, zeta.sites, zeta.file], [undefined, ['Riverside', 'Hillcrest'], 'gates.ispec']);
        assert.equal(textAt(added, zeta.location.range), 'ZetaGoLive');
        assert.ok(!('title' in zeta), 'no title key when the gate has none');

        const other = await client.open('zz-more.ispec', 'import "sites.ispec"\ngate RiversidePilot {\n    site Riverside\n}\ngate {\n');
        await client.waitForDiagnostics(other, diagnostics => diagnostics.some(diagnostic => diagnostic.code === 'duplicate-name'), 15000);
        const again = await ask();
        assert.deepEqual(again.map(gate => gate.name), ['HillcrestGoLive', 'LakesideGoLive', 'RiversidePilot', 'ZetaGoLive']);
        assert.equal(again.find(gate => gate.name === 'RiversidePilot')!.file, 'gates.ispec', 'the first declaration, by path');
        await client.change(uri, text);
        await until(ask, list => !list.some(gate => gate.name === 'ZetaGoLive'), 'the gate to go away');
    });

    it('answers every request of the protocol, and bad params with an error, not a crash', async () => {
        const uri = client.uri('gates.ispec');
        for (const request of REQUESTS) {
            await client.connection.sendRequest(request.method, { uri, format: 'json' });
        }
        await assert.rejects(client.connection.sendRequest(GatesRequest.method, {}), /expected \{ uri: string \}/);
        await assert.rejects(client.connection.sendRequest(GatesRequest.method, null), /expected \{ uri: string \}/);
        assert.equal((await client.connection.sendRequest(GatesRequest, { uri })).gates.length >= 3, true, 'still answering');
    });

    it('keeps to the root of the document: a folder with its own interspec.yaml has its own gates', async () => {
        const workspace = writeWorkspace({
            'a.ispec': 'site North\ngate NorthGoLive "North" {\n    site North\n}\n',
            'branch/interspec.yaml': '',
            'branch/b.ispec': 'site South\nsite East\ngate SouthGoLive {\n    sites South, East\n}\n',
            'empty/interspec.yaml': '',
            'empty/c.ispec': 'team T\n'
        });
        const other = await LspClient.start(workspace);
        try {
            const top = await other.connection.sendRequest(GatesRequest, { uri: other.uri('a.ispec') });
            assert.deepEqual(top.gates.map((gate: GateInfo) => [gate.name, gate.sites, gate.file]), [['NorthGoLive', ['North'], 'a.ispec']]);
            const branch = await other.connection.sendRequest(GatesRequest, { uri: other.uri('branch/b.ispec') });
            assert.equal(path.resolve(branch.root), path.join(workspace, 'branch'));
            assert.deepEqual(branch.gates.map((gate: GateInfo) => [gate.name, gate.title, gate.sites, gate.file]), [['SouthGoLive', undefined, ['South', 'East'], 'b.ispec']]);
            assert.deepEqual((await other.connection.sendRequest(GatesRequest, { uri: other.uri('empty/c.ispec') })).gates, []);
        } finally {
            await other.stop();
        }
    });
});
