import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { URI } from 'langium';
import type { CodeAction } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { writeWorkspace } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';

const ORG = 'team HIM\n'
    + 'role LabTechnologist { team HIM duties result-verification }\n'
    + 'role Clinician {\n    team HIM\n    duties ordering\n}\n'
    + 'role Porter "Porters"\n'
    + 'role Kiosk { shared }\n';

const data = (access: string) => 'import "org.ispec"\ndata Reports "Lab reports" {\n    owner HIM\n    classification PHI\n    retention 10y\n'
    + `    access ${access}\n    duties result-verification, result-review\n    audit "All reads logged"\n}\n`;

/**
 * The quick fixes the editor offers on the access-by-duty finding about `role` in `file` (data.ispec), and for each, the
 * files after applying it (every file its edit touches) and the findings of the rebuilt workspace.
 */
async function fixesFor(files: Record<string, string>, role: string, file = 'data.ispec') {
    const root = writeWorkspace(files);
    const workspace = await buildEditorWorkspace([root]);
    const document = workspace.documents.find(d => d.uri.fsPath === path.join(root, file))!;
    const diagnostic = (document.diagnostics ?? []).find(d => d.code === 'access-by-duty' && d.message.includes(`'${role}'`));
    assert.ok(diagnostic, `no access-by-duty finding on ${role}: ${document.diagnostics?.map(d => d.message).join('; ')}`);
    const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.textDocument.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    }) as CodeAction[];
    return Promise.all(actions.filter(action => !action.title.startsWith('Suppress')).map(async action => {
        const edited = { ...files };
        for (const [uri, edits] of Object.entries(action.edit!.changes!)) {
            const file = path.basename(URI.parse(uri).fsPath);
            edited[file] = TextDocument.applyEdits(TextDocument.create(uri, 'interspec', 0, edited[file]), edits);
        }
        const after = collectFindings((await buildWorkspace([writeWorkspace(edited)])).documents);
        return { title: action.title, preferred: action.isPreferred === true, files: edited, after: after.map(f => `${path.basename(f.file)}: ${f.code}: ${f.message}`) };
    }));
}

describe('access-by-duty', () => {
    docExamples('access-by-duty');

    it('fixes a role without the duty by giving it one of the data set\'s duties, in the file that declares the role, or by removing its access', async () => {
        const fixes = await fixesFor({ 'org.ispec': ORG, 'data.ispec': data('LabTechnologist, Clinician') }, 'Clinician');
        assert.deepEqual(fixes.map(fix => fix.title), [
            'Give Clinician the duty result-verification', 'Give Clinician the duty result-review', 'Remove Clinician\'s access to Reports'
        ]);
        assert.ok(fixes.every(fix => !fix.preferred), 'who may read patient data is the architect\'s choice: no fix is applied on its own');
        const [verification, , removal] = fixes;
        assert.match(verification.files['org.ispec'], /\nrole Clinician \{\n {4}team HIM\n {4}duties ordering, result-verification\n\}\n/);
        assert.equal(verification.files['data.ispec'], data('LabTechnologist, Clinician'));
        assert.match(removal.files['data.ispec'], /\n {4}access LabTechnologist\n/);
        assert.equal(removal.files['org.ispec'], ORG);
        for (const fix of fixes) {
            assert.deepEqual(fix.after, [], `${fix.title}: the finding is gone and nothing new is found`);
        }
    });

    it('opens a block on a role declared without one; does not remove the only role a PHI data set gives access to', async () => {
        const fixes = await fixesFor({ 'org.ispec': ORG, 'data.ispec': data('Porter') }, 'Porter');
        assert.deepEqual(fixes.map(fix => fix.title), ['Give Porter the duty result-verification', 'Give Porter the duty result-review']);
        assert.match(fixes[0].files['org.ispec'], /\nrole Porter "Porters" \{\n {4}duties result-verification\n\}\n/);
        assert.deepEqual(fixes[0].after, []);
    });

    it('removes a shared account from access, first in the list or not', async () => {
        const first = await fixesFor({ 'org.ispec': ORG, 'data.ispec': data('Kiosk, LabTechnologist') }, 'Kiosk', 'org.ispec');
        assert.deepEqual(first.map(fix => fix.title), ['Remove Kiosk\'s access to Reports']);
        assert.match(first[0].files['data.ispec'], /\n {4}access LabTechnologist\n/);
        assert.deepEqual(first[0].after, []);
        const last = await fixesFor({ 'org.ispec': ORG, 'data.ispec': data('LabTechnologist, Kiosk') }, 'Kiosk', 'org.ispec');
        assert.match(last[0].files['data.ispec'], /\n {4}access LabTechnologist\n/);
    });

    it('reports a shared account once, on the role\'s `shared` keyword, naming every PHI data set that grants it access', async () => {
        const other = data('Kiosk, LabTechnologist').replace('data Reports "Lab reports"', 'data Images "Images"');
        const root = writeWorkspace({ 'org.ispec': ORG, 'data.ispec': data('Kiosk, LabTechnologist'), 'images.ispec': other });
        const found = collectFindings((await buildWorkspace([root])).documents).filter(f => f.code === 'access-by-duty');
        assert.deepEqual(found.map(f => `${path.basename(f.file)}:${f.line}:${f.column}`), ['org.ispec:8:14'], 'one finding, on `shared`, none on the data sets');
        assert.match(found[0].message, /Role 'Kiosk' is a shared account with access to PHI data sets Images \(images\.ispec\) and Reports \(data\.ispec\)/);
    });
});
