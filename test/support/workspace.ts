import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { collectFindings, type Finding } from '../../language-server/model/findings.js';

/** Writes files (path relative to a fresh temp folder -> content) to disk and returns the folder. */
export function writeWorkspace(files: Record<string, string>, withConfig = true): string {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-test-'));
    if (withConfig && !('interspec.yaml' in files)) {
        files = { 'interspec.yaml': '', ...files };
    }
    for (const [name, content] of Object.entries(files)) {
        const file = path.join(root, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
    }
    return root;
}

/** Builds a workspace written from `files` and returns it with its findings (paths relative to the root). */
export async function checkFiles(files: Record<string, string>): Promise<{ root: string, workspace: BuiltWorkspace, findings: Array<Finding & { relative: string }> }> {
    const root = writeWorkspace(files);
    const workspace = await buildWorkspace([root]);
    const findings = collectFindings(workspace.documents).map(f => ({ ...f, relative: path.relative(root, f.file).split(path.sep).join('/') }));
    return { root, workspace, findings };
}
