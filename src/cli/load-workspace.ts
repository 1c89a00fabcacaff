import * as path from 'node:path';
import type { BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { buildWorkspaceInThreads, specBytes, threadCount } from './parallel-check.js';
import { collectFindings, type Finding } from '../../language-server/model/findings.js';
import { isInside } from '../../language-server/language/interspec-workspace.js';
import { reportRoot } from './report-root.js';
import { UserError, ioError } from './user-error.js';
import { findConfigFolder, resolveWorkspaceFolders } from './workspace-folders.js';
import { resolveTargets } from './check-targets.js';

export interface LoadedWorkspace {
    built: BuiltWorkspace;
    /** Workspace folders that were loaded (each the folder of an `interspec.yaml`, or a checked folder). */
    folders: string[];
    /** The documents the user asked about, sorted by path. */
    documents: BuiltWorkspace['documents'];
    /** Findings of those documents, sorted. */
    findings: Finding[];
    /** The folder printed paths are relative to. */
    root: string;
}

export interface LoadOptions {
    configFile?: string;
    allowEmpty?: boolean;
    /**
     * Split validation over both cores when the workspace is large enough (parallel-check.ts; `INTERSPEC_THREADS` in
     * `env` forces it on or off). Notes of a worker that failed go to `onNote`. Default: one thread.
     */
    threads?: { env: NodeJS.ProcessEnv, onNote: (line: string) => void };
}

/**
 * Loads the workspaces that hold the given paths or globs (default: the current folder) and returns the
 * documents and findings inside them. Missing paths, globs that match nothing and unreadable files are user errors.
 */
export async function loadWorkspace(paths: string[], cwd: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
    // No path: the whole workspace the current folder belongs to, not only the folder below it.
    const targets = await resolveTargets(paths.length > 0 ? paths : [findConfigFolder(cwd) ?? cwd], cwd);
    const folders = resolveWorkspaceFolders(targets);
    let built: BuiltWorkspace;
    try {
        const configFile = options.configFile && path.resolve(cwd, options.configFile);
        const threads = options.threads ? threadCount(await specBytes(folders), options.threads.env) : 1;
        built = await buildWorkspaceInThreads(folders, { configFile, threads, onNote: options.threads?.onNote });
    } catch (error) {
        throw ioError(error, cwd) ?? error;
    }
    const inScope = (file: string) => targets.some(t => t.isFile ? t.absolute === file : isInside(file, t.absolute));
    const documents = built.documents.filter(d => inScope(d.uri.fsPath));
    if (documents.length === 0 && !options.allowEmpty) {
        throw new UserError(`no .ispec files found in ${paths.length > 0 ? paths.join(', ') : 'the current folder'}`);
    }
    return { built, folders, documents, findings: collectFindings(documents), root: reportRoot(folders) };
}
