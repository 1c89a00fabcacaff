import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { buildWorkspace } from '../../../language-server/build-workspace.js';
import { collectFindings } from '../../../language-server/findings.js';
import { resolveWorkspaceFolders } from '../workspace-folders.js';
import { ExitCode, UserError } from '../user-error.js';

export interface CheckOptions {
    paths: string[];
    cwd: string;
    out: NodeJS.WritableStream;
}

/** `interspec check`: builds the workspaces of the given paths and prints their findings. */
export async function runCheck(options: CheckOptions): Promise<number> {
    const targets = options.paths.length > 0 ? options.paths : ['.'];
    const resolved: Array<{ absolute: string, isFile: boolean }> = [];
    for (const target of targets) {
        const absolute = path.resolve(options.cwd, target);
        const info = await stat(absolute).catch(() => undefined);
        if (!info) {
            throw new UserError(`${target}: no such file or folder`);
        }
        if (info.isFile() && !absolute.endsWith('.ispec')) {
            throw new UserError(`${target}: not an .ispec file`);
        }
        resolved.push({ absolute, isFile: info.isFile() });
    }
    const folders = resolveWorkspaceFolders(resolved);
    const workspace = await buildWorkspace(folders);
    const inScope = (file: string) => resolved.some(t => t.isFile ? t.absolute === file : file.startsWith(t.absolute + path.sep));
    const documents = workspace.documents.filter(d => inScope(d.uri.fsPath));
    if (documents.length === 0) {
        throw new UserError(`no .ispec files found in ${targets.join(', ')}`);
    }
    const findings = collectFindings(documents);
    for (const finding of findings) {
        const file = path.relative(options.cwd, finding.file) || finding.file;
        options.out.write(`${file}:${finding.line}:${finding.column} ${finding.severity} ${finding.message} [${finding.code}]\n`);
    }
    const errors = findings.filter(f => f.severity === 'error').length;
    const warnings = findings.filter(f => f.severity === 'warning').length;
    options.out.write(`${documents.length} file${documents.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
    return errors > 0 ? ExitCode.Findings : ExitCode.Clean;
}
