import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { collectFindings, type Finding } from '../../language-server/model/findings.js';
import { BROKEN_SPEC_CODES } from '../../language-server/model/finding-codes.js';
import type { DraftFile } from '../../language-server/import/index.js';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { applyEdits } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * Asserts what every import kind promises of its drafts: written beside `workspace` (other files of the target
 * folder), they parse and resolve (no finding that marks a spec as broken: syntax, unresolved reference, broken
 * import), and the project's formatter leaves each draft file as it is. Returns every finding, with paths
 * relative to the folder, for the kind's own assertions.
 */
export async function assertDraftSound(files: readonly DraftFile[], workspace: Record<string, string> = {}): Promise<Array<Finding & { relative: string }>> {
    const all: Record<string, string> = { ...workspace };
    for (const file of files) all[file.path] = file.text;
    const root = writeWorkspace(all);
    const built = await buildEditorWorkspace([root]);
    const findings = collectFindings(built.documents).map(f => ({ ...f, relative: path.relative(root, f.file).split(path.sep).join('/') }));
    const broken = findings.filter(f => BROKEN_SPEC_CODES.has(f.code)).map(f => `${f.relative}:${f.line}:${f.column} ${f.code} ${f.message}`);
    assert.deepEqual(broken, [], `the draft must parse and resolve:\n${files.map(file => `--- ${file.path}\n${file.text}`).join('\n')}`);
    const formatter = built.services.lsp.Formatter;
    assert.ok(formatter, 'the editor services have a formatter');
    for (const file of files) {
        const document = built.documents.find(doc => path.relative(root, doc.uri.fsPath).split(path.sep).join('/') === file.path);
        assert.ok(document, `${file.path} was built`);
        const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        assert.equal(applyEdits(file.text, edits), file.text, `${file.path}: the formatter changes the draft`);
    }
    return findings;
}
