import { existsSync } from 'node:fs';
import { appendFile, open, rm, rmdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { ensureFolder } from '../ensure-folder.js';
import { githubWorkflow } from '../templates/github-workflow.js';
import { STARTER_CONFIG, STARTER_FINDING, STARTER_SPEC, STARTER_SPEC_FILE } from '../templates/starter.js';
import { ExitCode, UserError, ioError } from '../user-error.js';
import { trackCreatedFolders, trackTemporary, untrackTemporary } from '../temporaries.js';
import { StreamOutput } from '../write-layer.js';
import { CACHE_FILE_NAME } from '../../../language-server/engine/check-cache.js';
import { readRegularFile } from '../../../language-server/util/limits.js';

/**
 * `check --cache` writes `.interspec-cache` in the workspace root: a `.gitignore` there ignores it. An existing
 * `.gitignore` gets the line appended (unless it already ignores the file); none is created with that line. A
 * created file joins `written` (removed again if a later step fails). Returns what was done.
 */
async function ignoreCache(root: string, written: string[]): Promise<'created' | 'updated' | undefined> {
    const file = path.join(root, '.gitignore');
    // A FIFO or a device is refused at once: its read never ended.
    const existing = await readRegularFile(file, 'files init updates').then(bytes => bytes.toString('utf8'), (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
    });
    if (existing === undefined) {
        const handle = await open(file, 'wx');
        trackTemporary(file);
        written.push(file);
        try {
            await handle.writeFile(`${CACHE_FILE_NAME}\n`);
        } finally {
            await handle.close();
        }
        return 'created';
    }
    const ignored = existing.split(/\r?\n/).some(line => /^\/?\.interspec-cache\/?\s*$/.test(line.trim()));
    if (ignored) return undefined;
    await appendFile(file, `${existing.length > 0 && !existing.endsWith('\n') ? '\n' : ''}${CACHE_FILE_NAME}\n`);
    return 'updated';
}

/** The nearest folder at or above `start` with a `.git`, if any. */
function findRepositoryRoot(start: string): string | undefined {
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, '.git'))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            return undefined;
        }
    }
}

export interface InitOptions {
    dir: string;
    cwd: string;
    version: string;
    stdout: NodeJS.WritableStream;
}

/** The files `interspec init` writes, relative to the new workspace. */
export function initFiles(version: string): Array<[string, string]> {
    return [
        ['interspec.yaml', STARTER_CONFIG],
        [STARTER_SPEC_FILE, STARTER_SPEC],
        ['.github/workflows/interspec.yml', githubWorkflow(version)]
    ];
}

/**
 * `interspec init [dir]`: a workspace whose `interspec check` passes (exit 0, with the starter's one deliberate
 * warning), with a CI workflow; never overwrites.
 */
export async function runInit(options: InitOptions): Promise<number> {
    const root = path.resolve(options.cwd, options.dir);
    const files = initFiles(options.version);
    for (const [name] of files) {
        const target = path.join(root, name);
        if (await stat(target).catch(() => undefined)) {
            throw new UserError(`${path.relative(options.cwd, target) || target}: already exists; interspec init never overwrites (nothing was written)`);
        }
    }
    // All or nothing: a file that cannot be written (a full disk, a read-only folder) removes the files and
    // folders this run made, so a second `interspec init` does not stop at a half-written workspace.
    const written: string[] = [];
    const created: string[] = [];
    let gitignore: 'created' | 'updated' | undefined;
    try {
        for (const [name, content] of files) {
            const target = path.join(root, name);
            const folders = await ensureFolder(path.dirname(target));
            trackCreatedFolders(folders);
            created.push(...folders);
            // Created exclusively: a file that appeared since the check above is never ours to remove.
            const handle = await open(target, 'wx');
            trackTemporary(target);
            written.push(target);
            try {
                await handle.writeFile(content);
            } finally {
                await handle.close();
            }
        }
        gitignore = await ignoreCache(root, written);
    } catch (error) {
        for (const file of written) await rm(file, { force: true }).catch(() => undefined);
        for (const folder of [...created].reverse()) await rmdir(folder).catch(() => undefined);
        written.forEach(untrackTemporary);
        trackCreatedFolders(created, true);
        throw ioError(error, options.cwd) ?? error;
    }
    written.forEach(untrackTemporary);
    trackCreatedFolders(created, true);
    const stdout = new StreamOutput(options.stdout);
    for (const target of written) {
        await stdout.write(`created ${path.relative(options.cwd, target) || target}\n`);
    }
    if (gitignore === 'updated') {
        await stdout.write(`updated ${path.relative(options.cwd, path.join(root, '.gitignore'))}: ignores ${CACHE_FILE_NAME}\n`);
    }
    const where = path.relative(options.cwd, root) || '.';
    const repository = findRepositoryRoot(root);
    if (repository !== undefined && repository !== root) {
        const workflow = path.relative(options.cwd, path.join(root, '.github/workflows/interspec.yml'));
        await stdout.write(`\nGitHub reads workflows only from the repository root: move ${workflow} to ${path.relative(options.cwd, path.join(repository, '.github/workflows')) || '.github/workflows'}/ and add \`working-directory: ${path.relative(repository, root).split(path.sep).join('/')}\` under each job's \`defaults: run:\`.\n`);
    }
    await stdout.write(`\nNext: interspec check ${where === '.' ? '' : where}\n`.replace(/ \n$/, '\n'));
    // The starter's one finding is there on purpose (templates/starter.ts): say so before check reports it.
    await stdout.write(`It reports one warning on purpose (${STARTER_FINDING.rule}, the 'on ${STARTER_FINDING.handler}' handler of ${STARTER_SPEC_FILE}): the comment above it says how to fix it, and the editor's walkthrough does it with a quick fix.\n`);
    await stdout.flush();
    return ExitCode.Clean;
}
