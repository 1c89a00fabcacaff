import { strict as assert } from 'node:assert';
import type { Location, LocationLink, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { type LspClient, positionOf, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';
import { FILES, LAB, ORG } from './fixture.js';

/** "file:line:character" of a location, relative to the workspace. */
function where(location: Location): string {
    return `${location.uri.split('/').pop()}:${location.range.start.line}:${location.range.start.character}`;
}

describe('lsp: go to definition, find references, rename across files', function () {
    this.timeout(30000);
    let client: LspClient;

    useServer(() => writeWorkspace(FILES), started => { client = started; });

    it('goes from a reference to the declaration in the imported file', async () => {
        const lab = await client.open('lab.ispec');
        const result = await client.request<Array<Location | LocationLink>>('textDocument/definition',
            { textDocument: { uri: lab }, position: positionOf(LAB, 'owner LabIT', 8) });
        assert.equal(result.length, 1);
        const link = result[0] as LocationLink;
        const target = 'targetUri' in link ? { uri: link.targetUri, range: link.targetSelectionRange } : result[0] as Location;
        const declaration = positionOf(ORG, 'team LabIT', 5);
        assert.equal(where(target), `org.ispec:${declaration.line}:${declaration.character}`);
    });

    it('goes to a declaration in the same file', async () => {
        const lab = await client.open('lab.ispec');
        const result = await client.request<LocationLink[]>('textDocument/definition',
            { textDocument: { uri: lab }, position: positionOf(LAB, 'covers LabResults', 9) });
        const declaration = positionOf(LAB, 'interface LabResults', 10);
        assert.equal(where({ uri: result[0].targetUri, range: result[0].targetSelectionRange }), `lab.ispec:${declaration.line}:${declaration.character}`);
    });

    it('finds every reference in every file that imports the declaration', async () => {
        const org = await client.open('org.ispec');
        const result = await client.request<Location[]>('textDocument/references',
            { textDocument: { uri: org }, position: positionOf(ORG, 'team LabIT', 6), context: { includeDeclaration: false } });
        const counts = new Map<string, number>();
        for (const location of result) {
            const file = location.uri.split('/').pop()!;
            counts.set(file, (counts.get(file) ?? 0) + 1);
        }
        assert.deepEqual([...counts.entries()].sort(), [['lab.ispec', 3], ['systems.ispec', 2]]);
    });

    it('renames across files: the declaration and every reference', async () => {
        const lab = await client.open('lab.ispec');
        const edit = await client.request<WorkspaceEdit>('textDocument/rename',
            { textDocument: { uri: lab }, position: positionOf(LAB, 'owner LabIT', 7), newName: 'LabOps' });
        const changes = edit.changes ?? {};
        const files = Object.keys(changes).map(uri => uri.split('/').pop()).sort();
        assert.deepEqual(files, ['lab.ispec', 'org.ispec', 'systems.ispec']);
        const all = Object.values(changes).flat();
        assert.ok(all.every(e => e.newText === 'LabOps'));
        assert.equal(all.length, 1 + 2 + 3);
        const orgEdit = changes[client.uri('org.ispec')][0];
        assert.deepEqual(orgEdit.range.start, positionOf(ORG, 'LabIT'));
    });
});
