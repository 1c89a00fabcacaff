import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { trackTemporaryTree } from './temporaries.js';
import { UserError, ioError } from './user-error.js';

/** Runs git in `cwd`; returns stdout, or undefined when git fails (not a repository, unknown revision). */
function git(args: string[], cwd: string, encoding: 'utf8' | 'buffer' = 'utf8'): string | Buffer | undefined {
    const result = runGit(args, cwd, encoding);
    return result.status === 0 ? result.stdout : undefined;
}

function runGit(args: string[], cwd: string, encoding: 'utf8' | 'buffer') {
    const result = spawnSync('git', args, { cwd, encoding: encoding === 'utf8' ? 'utf8' : undefined, maxBuffer: 256 * 1024 * 1024 });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new UserError('git is not installed; give two folders to compare instead of revisions');
    }
    return result;
}

/** Runs git where a failure means the revision cannot be read: its stdout, or a UserError with git's last line. */
function gitOrFail(args: string[], cwd: string, encoding: 'utf8' | 'buffer', what: string): string | Buffer {
    const result = runGit(args, cwd, encoding);
    if (result.status === 0) {
        return result.stdout;
    }
    const said = String(result.stderr ?? '').trim().split('\n').pop()?.replace(/^(fatal|error): /, '') || (result.error?.message ?? `exit ${result.status ?? result.signal}`);
    throw new UserError(`${what}: ${said}`);
}

/** The repository root of `cwd`, or undefined outside a git repository. */
export function repositoryRoot(cwd: string): string | undefined {
    const out = git(['rev-parse', '--show-toplevel'], cwd) as string | undefined;
    return out?.trim() || undefined;
}

/** The commit a revision names (`origin/main`, `HEAD~1`, a tag), or undefined when it names none. */
export function resolveCommit(revision: string, cwd: string): string | undefined {
    if (revision.startsWith('-')) {
        return undefined;
    }
    const out = git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd) as string | undefined;
    return out?.trim() || undefined;
}

/**
 * The branch `interspec diff` compares with when given no base: the target of `origin/HEAD` (the remote's default
 * branch, as `git clone` or `git remote set-head origin --auto` records it) as `origin/<name>`, else the local
 * branch `main`, else `master`; undefined when there is none of them (or `cwd` is not in a repository).
 */
export function defaultBranch(cwd: string): string | undefined {
    const remoteHead = (git(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], cwd) as string | undefined)?.trim();
    if (remoteHead?.startsWith('refs/remotes/') && resolveCommit(remoteHead, cwd)) {
        return remoteHead.slice('refs/remotes/'.length);
    }
    return ['main', 'master'].find(name => resolveCommit(`refs/heads/${name}`, cwd));
}

/** The merge base of two commits (what `git diff A...B` compares B with). */
export function mergeBase(a: string, b: string, cwd: string): string {
    const out = (git(['merge-base', a, b], cwd) as string | undefined)?.trim();
    if (!out) {
        throw new UserError(`${a}...${b}: the revisions have no common ancestor`);
    }
    return out;
}

/** A folder holding the spec files of one commit, read with git itself; `dispose` removes it. */
export interface Checkout { folder: string, dispose(): void }

/**
 * Writes the spec files (`.ispec`, `.yaml`, `.yml`) and captured samples (`.hl7`, `.json`, `.ndjson`) under `subfolder`
 * of `commit` into a temporary folder, with
 * their paths inside the repository, using `git ls-tree` and `git cat-file`; the working tree is not touched.
 * Returns the folder that corresponds to `subfolder`, which does not exist when the commit has no such folder.
 * Throws a UserError naming `label` (the revision as the user wrote it), the file and git's message when git cannot
 * list or read the commit's files (a corrupt object, a partial clone offline): a diff against a spec with files
 * missing would report them all as added, and their findings as introduced.
 */
export function checkoutSpec(repository: string, commit: string, subfolder: string, label = commit.slice(0, 12)): Checkout {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-diff-'));
    const dispose = () => {
        rmSync(root, { recursive: true, force: true });
        trackTemporaryTree(root, true);
    };
    // Removed when a signal ends the run, and at once when a file cannot be written (a full /tmp).
    trackTemporaryTree(root);
    const prefix = subfolder.split(path.sep).join('/');
    const read = (args: string[], encoding: 'utf8' | 'buffer', what: string) => {
        try {
            return gitOrFail(args, repository, encoding, `${label}: git cannot read ${what} of commit ${commit.slice(0, 12)}`);
        } catch (error) {
            dispose();
            throw error;
        }
    };
    // A folder the commit does not have is listed as nothing (exit 0): an empty spec, not an error.
    const listing = read(['ls-tree', '-r', '-z', '--name-only', commit, '--', prefix === '' ? '.' : prefix], 'utf8', 'the files') as string;
    // Specs, configuration and evidence, and the captured samples (HL7 v2, FHIR JSON and NDJSON) whose observations
    // the test matrix carries: without them every observed row of the revision would read as changed.
    for (const file of listing.split('\0').filter(name => /\.(ispec|ya?ml|hl7|json|ndjson)$/.test(name))) {
        const content = read(['cat-file', 'blob', `${commit}:${file}`], 'buffer', file) as Buffer;
        const target = path.join(root, ...file.split('/'));
        try {
            mkdirSync(path.dirname(target), { recursive: true });
            writeFileSync(target, content);
        } catch (error) {
            dispose();
            throw ioError(error, process.cwd(), `a copy of ${commit.slice(0, 12)}:${file} in ${tmpdir()}`) ?? error;
        }
    }
    return { folder: path.join(root, subfolder), dispose };
}
