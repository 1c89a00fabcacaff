import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { type LspClient, positionOf, useServer, withServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';
import { FILES, LAB, ORG } from './fixture.js';

const unresolved = (name: string) => (diagnostics: Diagnostic[]) => diagnostics.some(d => d.severity === 1 && d.message.includes(`'${name}'`));
/** Errors that are not rule findings: unresolved names, missing imports, syntax (the fixture has rule findings). */
const errors = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.severity === 1 && !(d.data as { ruleId?: string } | undefined)?.ruleId);

async function completionLabels(client: LspClient, uri: string, text: string, marker: string): Promise<CompletionItem[]> {
    const position = positionOf(text, marker, marker.length);
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
    return Array.isArray(result) ? result : result?.items ?? [];
}

// LSP: after `didClose` the document's truth is the file on disk; a document without a file no longer exists.
describe('lsp: document lifecycle (didClose)', function () {
    this.timeout(30000);
    let client: LspClient;

    useServer(() => writeWorkspace(FILES), started => { client = started; }, { perTest: true });

    it('goes back to the file on disk when a changed document is closed without saving', async () => {
        const lab = await client.open('lab.ispec');
        await client.waitForDiagnostics(lab, d => errors(d).length === 0);
        const org = await client.open('org.ispec');
        const edited = ORG.replace('team LabIT "Laboratory IT"', 'team LabOps "Discarded title"');
        await client.change(org, edited);
        await client.waitForDiagnostics(lab, unresolved('LabIT'));
        await client.close(org);
        const after = await client.waitForDiagnostics(lab, d => !unresolved('LabIT')(d));
        assert.deepEqual(errors(after), []);
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: lab }, position: positionOf(LAB, 'owner LabIT', 8) });
        const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
        assert.match(text, /Laboratory IT/);
        assert.doesNotMatch(text, /Discarded/);
    });

    it('forgets a never-saved document on close: its diagnostics are cleared and completion stops offering it', async () => {
        const draftText = 'team DraftTeam "Draft"\ninterface Draft "Never saved" {\n    from LIS to EHR\n}\n';
        const draft = await client.open('draft.ispec', draftText);
        const published = await client.waitForDiagnostics(draft, d => d.length > 0);
        assert.ok(published.length > 0, 'the draft has findings while open');
        const probe = 'import "org.ispec"\nimport "systems.ispec"\nsystem X {\n    owner \n}\n';
        const lab = await client.open('probe.ispec', probe);
        await client.waitForDiagnostics(lab);
        const beforeClose = await completionLabels(client, lab, probe, 'owner ');
        assert.ok(beforeClose.some(item => item.label === 'DraftTeam'), 'offered while the draft is open');

        await client.close(draft);
        await client.waitForDiagnostics(draft, d => d.length === 0);
        const owners = await completionLabels(client, lab, probe, 'owner ');
        assert.ok(!owners.some(item => item.label === 'DraftTeam'), `a closed unsaved file is not offered: ${owners.map(i => i.label).join(', ')}`);
        const importText = 'import "';
        const other = await client.open('probe2.ispec', importText);
        await client.waitForDiagnostics(other);
        const files = await completionLabels(client, other, importText + '\n', 'import "');
        assert.ok(files.length > 0 && !files.some(item => String(item.label).includes('draft')), `import candidates: ${files.map(i => i.label).join(', ')}`);
    });
});

// A client that opens a single file sends no workspace folder; the server finds the root from the file.
describe('lsp: without a workspace folder', function () {
    this.timeout(30000);

    it('resolves imports beside the file (no interspec.yaml: the file\'s folder is the root)', async () => {
        await withServer(() => writeWorkspace(FILES, false), async client => {
            const lab = await client.open('lab.ispec');
            const diagnostics = await client.waitForDiagnostics(lab, d => !d.some(x => /Cannot find|import/i.test(x.message) && x.severity === 1));
            assert.deepEqual(errors(diagnostics), [], JSON.stringify(diagnostics));
        }, { noWorkspaceFolder: true });
    });

    it('finds the root from the nearest interspec.yaml above the file', async () => {
        const files = {
            'interspec.yaml': '',
            'org.ispec': FILES['org.ispec'],
            'systems.ispec': FILES['systems.ispec'],
            'sites/lab.ispec': LAB.replace('import "org.ispec"\nimport "systems.ispec"', 'import "../org.ispec"\nimport "../systems.ispec"')
        };
        await withServer(() => writeWorkspace(files), async client => {
            const lab = await client.open('sites/lab.ispec', files['sites/lab.ispec']);
            const diagnostics = await client.waitForDiagnostics(lab, d => !d.some(x => /Cannot find/.test(x.message)));
            assert.deepEqual(errors(diagnostics), [], JSON.stringify(diagnostics));
            const definition = await client.request<Array<{ uri?: string, targetUri?: string }> | null>('textDocument/definition', {
                textDocument: { uri: lab }, position: positionOf(files['sites/lab.ispec'], 'owner LabIT', 8)
            });
            assert.equal(definition?.[0]?.targetUri ?? definition?.[0]?.uri, client.uri('org.ispec'));
        }, { noWorkspaceFolder: true });
    });
});
