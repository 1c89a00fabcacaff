import { stat } from 'node:fs/promises';
import { escapeTerminal } from '../../../language-server/util/escape.js';
import * as path from 'node:path';
import { diffMarkdown, diffSnapshots, emptySnapshot, snapshotOf, type SpecSnapshot } from '../../../language-server/generators/index.js';
import { checkoutSpec, defaultBranch, mergeBase, repositoryRoot, resolveCommit } from '../git-revision.js';
import { loadWorkspaceInput } from '../generator-input.js';
import { ExitCode, UserError } from '../user-error.js';
import { findConfigFolder } from '../workspace-folders.js';
import { OutputFiles, StreamOutput } from '../write-layer.js';

export interface DiffOptions {
    /**
     * A git revision range (`origin/main...HEAD`, `A..B`), a revision, or a folder; undefined: the merge base of
     * HEAD and the default branch (see defaultBranch), compared with the working tree.
     */
    base?: string;
    /** A revision or a folder; default: the working tree (or the range's end). */
    head?: string;
    /** The workspace folder inside the repository, for revisions (default: the current folder's workspace). */
    workspace?: string;
    format: 'markdown' | 'json';
    output?: string;
    /** Also write the full JSON here (the Markdown points to it). */
    json?: string;
    configFile?: string;
    cwd: string;
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
}

interface Side { label: string, folder?: string, dispose?: () => void }

/**
 * `interspec diff`: what a change does to the spec, between two revisions read with git (a range such as
 * `origin/main...HEAD`, or two revisions, or a revision and the working tree) or two folders; with no base, the
 * working tree against the merge base of HEAD and the default branch (named on standard error). Writes Markdown
 * that fits a pull-request comment, or the JSON of schemas/spec-diff.schema.json. Exit 0; 2 on bad revisions or
 * folders, or with no base outside a repository or without a default branch.
 */
export async function runDiff(options: DiffOptions): Promise<number> {
    const sides = await resolveSides(options);
    try {
        const [base, head] = [await snapshot(sides[0], options), await snapshot(sides[1], options)];
        if (!base.rows.length && !head.rows.length && !base.findings.length && !head.findings.length) {
            throw new UserError(`no .ispec files in ${sides[0].label} or ${sides[1].label}`);
        }
        const diff = diffSnapshots(base, head);
        const json = JSON.stringify(diff, undefined, 2) + '\n';
        const fullList = options.json !== undefined
            ? `\`${options.json}\``
            : `the JSON: \`${['interspec diff', options.base, options.head, '--format json'].filter(Boolean).join(' ')}\``;
        const text = options.format === 'json' ? json : diffMarkdown(diff, fullList);
        // Both reports through the write layer: checked first (one file for both is a usage error), renamed into
        // place together once both are complete.
        const files = new OutputFiles(options.cwd, false);
        for (const file of [options.json, options.output]) {
            if (file !== undefined) await files.plan(file);
        }
        const stdout = new StreamOutput(options.stdout);
        await files.run(async () => {
            if (options.json !== undefined) {
                await files.stage(options.json, sink => sink.write(json));
            }
            if (options.output !== undefined) {
                await files.stage(options.output, sink => sink.write(text));
            } else {
                await stdout.write(text);
                await stdout.flush();
            }
        });
        return ExitCode.Clean;
    } finally {
        sides.forEach(side => side.dispose?.());
    }
}

async function snapshot(side: Side, options: DiffOptions): Promise<SpecSnapshot> {
    if (side.folder === undefined || !(await isFolder(side.folder))) {
        return emptySnapshot(side.label);
    }
    try {
        const { input } = await loadWorkspaceInput([side.folder], options.cwd, options.configFile);
        return snapshotOf(input, side.label);
    } catch (error) {
        if (error instanceof UserError && /no \.ispec files/.test(error.message)) {
            return emptySnapshot(side.label);
        }
        throw error;
    }
}

async function resolveSides(options: DiffOptions): Promise<[Side, Side]> {
    const { base, head, cwd } = options;
    if (base === undefined) {
        return [defaultBaseSide(options), { label: 'working tree', folder: workspaceFolder(options) }];
    }
    const range = head === undefined ? /^(.*?)(\.\.\.?)(.*)$/.exec(base) : null;
    if (range && !(await isFolder(path.resolve(cwd, base)))) {
        const repository = requireRepository(cwd);
        const from = commit(range[1] || 'HEAD', cwd);
        const to = commit(range[3] || 'HEAD', cwd);
        const start = range[2] === '...' ? mergeBase(from, to, repository) : from;
        return [revisionSide(range[1] || 'HEAD', start, options), revisionSide(range[3] || 'HEAD', to, options)];
    }
    const baseSide = await side(base, options);
    if (head === undefined) {
        // One revision: compared with the spec as it is in the working tree.
        return [baseSide, { label: 'working tree', folder: workspaceFolder(options) }];
    }
    return [baseSide, await side(head, options)];
}

/**
 * No base given: the merge base of HEAD and the default branch, as a pull request would be compared (what the
 * branch changes, not what the default branch gained since). Which branch is said in one line on standard error.
 */
function defaultBaseSide(options: DiffOptions): Side {
    const passBase = 'pass a base: a revision (main), a range (origin/main...HEAD) or a folder';
    if (!repositoryRoot(options.cwd)) {
        throw new UserError(`no base given and not in a git repository; ${passBase}`);
    }
    const branch = defaultBranch(options.cwd);
    if (!branch) {
        throw new UserError(`no base given and no default branch (origin/HEAD, main or master) in this repository; ${passBase}`);
    }
    const head = resolveCommit('HEAD', options.cwd);
    if (!head) {
        throw new UserError(`no base given and HEAD has no commit yet; ${passBase}`);
    }
    const base = mergeBase('HEAD', branch, options.cwd);
    options.stderr.write(escapeTerminal(`interspec: comparing with the merge base of HEAD and ${branch} (${base.slice(0, 12)}), the default branch`) + '\n');
    return revisionSide(`merge base with ${branch}`, base, options);
}

async function side(name: string, options: DiffOptions): Promise<Side> {
    const folder = path.resolve(options.cwd, name);
    if (await isFolder(folder)) {
        return { label: path.relative(options.cwd, folder).split(path.sep).join('/') || '.', folder };
    }
    requireRepository(options.cwd);
    return revisionSide(name, commit(name, options.cwd), options);
}

function revisionSide(label: string, sha: string, options: DiffOptions): Side {
    const repository = requireRepository(options.cwd);
    const subfolder = path.relative(repository, workspaceFolder(options));
    if (subfolder.startsWith('..')) {
        throw new UserError(`${options.workspace ?? '.'}: not inside the git repository ${repository}`);
    }
    const checkout = checkoutSpec(repository, sha, subfolder, label);
    return { label: `${label} (${sha.slice(0, 12)})`, folder: checkout.folder, dispose: checkout.dispose };
}

function workspaceFolder(options: DiffOptions): string {
    const start = path.resolve(options.cwd, options.workspace ?? '.');
    return findConfigFolder(start) ?? start;
}

function commit(revision: string, cwd: string): string {
    const sha = resolveCommit(revision, cwd);
    if (!sha) {
        throw new UserError(`${revision}: not a folder, nor a revision of the git repository here`);
    }
    return sha;
}

function requireRepository(cwd: string): string {
    const root = repositoryRoot(cwd);
    if (!root) {
        throw new UserError('revisions need a git repository; run interspec diff inside one, or give two folders');
    }
    return root;
}

async function isFolder(file: string): Promise<boolean> {
    return (await stat(file).catch(() => undefined))?.isDirectory() === true;
}
