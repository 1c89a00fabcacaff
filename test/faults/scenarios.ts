/**
 * The fault harness (issue 29, item 4): what CI machines and real teams do to the tool on a bad day, each as a
 * scenario with the outcome the tool owes. `npm run faults` (scripts/faults.mjs) runs them all and prints a table;
 * test/faults/faults.test.ts runs them in `npm test`. Every scenario runs the built CLI or language server as a
 * child process, the way CI does:
 *
 * - a full device (`/dev/full` as standard output, standard error and `-o`), other devices, a FIFO, a file size
 *   limit hit mid-write (`ulimit -f`), a full and a read-only file system (tmpfs in a user namespace, when the
 *   machine allows one);
 * - a read-only folder (EACCES: run as `nobody` when the harness is root), a folder or a file where the other is
 *   expected, two outputs to one file;
 * - a closed standard output: the reader gone (EPIPE), or closed before the start;
 * - a process killed mid-write by each signal: the previous output survives byte for byte;
 * - a language server killed mid-edit: the client's restart gets the diagnostics a fresh server gives.
 *
 * Owed everywhere: no hang (each run has a deadline), no stack trace, exit 2 with one line naming the path and the
 * cause for an I/O failure, no partial file over a previous good one, no file beyond what was asked.
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
    chmodSync, closeSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync,
    symlinkSync, writeFileSync
} from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client.js';
import { rollout } from '../support/synthetic-workspace.js';
import { readFirstLine, unlistedFaults } from './unlisted.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(REPO, 'bin', 'interspec.cjs');
/** No run may take longer: a run that does is a hang. */
const DEADLINE_MS = 60_000;

export interface FaultOutcome { outcome: 'pass' | 'fail' | 'skip', detail: string }
export interface Fault {
    group: string;
    name: string;
    /** Another input of a kind `npm test` already covers: run by `npm run faults` only (it is in .ci/run). */
    long?: boolean;
    run: () => Promise<FaultOutcome>;
}

interface Run { status: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, ms: number, timedOut: boolean }

interface RunOptions {
    cwd: string;
    /** Standard output: captured (default), a file descriptor, a pipe whose reader closes at once, or after one line (`| head -1`). */
    stdout?: 'pipe' | 'reader-closed' | 'first-line' | number;
    stderr?: 'pipe' | number;
    /** Run the CLI under `sh -c` with this prefix, e.g. `ulimit -f 16;` or a redirection like `exec >&-;`. */
    shell?: string;
    uid?: number;
    gid?: number;
    /** Called once the process runs (to kill it mid-write). */
    started?: (child: ChildProcess) => void;
}

/** Runs the built CLI; never waits past DEADLINE_MS (the run is then killed and marked timed out). */
export function cli(args: string[], options: RunOptions): Promise<Run> {
    return new Promise(resolve => {
        const started = Date.now();
        const stdio: StdioOptions = ['ignore', typeof options.stdout === 'number' ? options.stdout : 'pipe', options.stderr ?? 'pipe'];
        const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
        delete env.FORCE_COLOR;
        const child = options.shell !== undefined
            ? spawn('sh', ['-c', `${options.shell} exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd: options.cwd, stdio, env, uid: options.uid, gid: options.gid })
            : spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, stdio, env, uid: options.uid, gid: options.gid });
        let stdout = '';
        let stderr = '';
        if (options.stdout === 'reader-closed') {
            child.stdout!.destroy();
        } else if (options.stdout === 'first-line') {
            readFirstLine(child, text => { stdout += text; });
        } else {
            child.stdout?.on('data', chunk => { stdout += String(chunk); });
        }
        child.stderr?.on('data', chunk => { stderr += String(chunk); });
        let timedOut = false;
        const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, DEADLINE_MS);
        options.started?.(child);
        child.on('close', (status, signal) => {
            clearTimeout(timer);
            resolve({ status, signal, stdout, stderr, ms: Date.now() - started, timedOut });
        });
    });
}

/** What every failing run owes: exit 2, one line on standard error naming the cause, no stack trace, no hang. */
function oneLineFailure(run: Run, cause: RegExp): string | undefined {
    if (run.timedOut) return `hung: killed after ${DEADLINE_MS / 1000} s`;
    if (run.status !== 2) return `exit ${run.status ?? run.signal}, expected 2; stderr: ${clip(run.stderr)}`;
    if (!/^interspec: [^\n]+\n$/.test(run.stderr)) return `expected one line on standard error, got: ${clip(run.stderr)}`;
    if (/\n\s+at |internal error/.test(run.stderr)) return `stack trace: ${clip(run.stderr)}`;
    if (!cause.test(run.stderr)) return `expected ${cause}, got: ${clip(run.stderr)}`;
    return undefined;
}

function clip(text: string): string {
    const flat = JSON.stringify(text);
    return flat.length > 400 ? `${flat.slice(0, 400)}…` : flat;
}

function noTrace(run: Run): string | undefined {
    if (run.timedOut) return 'hung';
    return /\n\s+at |internal error/.test(run.stderr) ? `stack trace: ${clip(run.stderr)}` : undefined;
}

/** Every file under a folder with the sha256 of its content (symbolic links by their target). */
function snapshot(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            const relative = path.relative(folder, full);
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile()) files[relative] = createHash('sha256').update(readFileSync(full)).digest('hex');
            else files[relative] = `(${entry.isSymbolicLink() ? 'link' : 'special'})`;
        }
    };
    walk(folder);
    return files;
}

function differences(before: Record<string, string>, after: Record<string, string>): string[] {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return names.filter(name => before[name] !== after[name])
        .map(name => before[name] === undefined ? `added ${name}` : after[name] === undefined ? `removed ${name}` : `changed ${name}`);
}

const SPEC = `team LabIT
system LIS { kind LIS owner LabIT }
system EHR { kind EHR owner LabIT }
site North { timezone "UTC" }
interface Feed { from LIS to EHR owner LabIT sites North message ORU^R01 }
gate Go { site North approver LabIT criterion Sim { question exceptions evidence "log" approver LabIT covers Feed } }
`;

/** A fresh small workspace (a gate that is NO-GO) in a temp folder, readable by everyone. */
function workspace(files: Record<string, string> = { 'spec.ispec': SPEC }): string {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-faults-'));
    writeFileSync(path.join(root, 'interspec.yaml'), '');
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), text);
    }
    chmodSync(root, 0o755);
    return root;
}

function pass(detail: string): FaultOutcome {
    return { outcome: 'pass', detail };
}

function verdict(problems: Array<string | undefined>, detail: string): FaultOutcome {
    const found = problems.filter((problem): problem is string => !!problem);
    return found.length ? { outcome: 'fail', detail: found.join('; ') } : pass(detail);
}

function withFd<T>(file: string, flags: string, use: (fd: number) => Promise<T>): Promise<T> {
    const fd = openSync(file, flags);
    return use(fd).finally(() => closeSync(fd));
}

/** Whether `unshare --user --map-root-user --mount` works here (it needs unprivileged user namespaces). */
let namespaces: boolean | undefined;
function canUseNamespaces(): boolean {
    namespaces ??= spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs none /mnt'], { encoding: 'utf8', timeout: 10_000 }).status === 0;
    return namespaces;
}

/**
 * Runs a shell script in a new user and mount namespace, where `$D` is a fresh tmpfs (size `size`) mounted over an
 * empty folder: the CLI sees a real file system fill up or turn read-only, without privileges on the machine.
 */
function inNamespace(size: string, script: string, cwd: string): { status: number | null, stdout: string, stderr: string } {
    const mountPoint = mkdtempSync(path.join(tmpdir(), 'interspec-fs-'));
    const result = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c',
        `set -u; D="$0"; mount -t tmpfs -o size=${size} none "$D" || exit 99; ${script}`, mountPoint],
    { cwd, encoding: 'utf8', timeout: DEADLINE_MS * 2, env: { ...process.env, NODE: process.execPath, BIN, SRC: cwd } });
    rmSync(mountPoint, { recursive: true, force: true });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// ---------------------------------------------------------------------------------------------------- scenarios

const FULL = '/dev/full';

function fullDevice(): Fault[] {
    const stdoutFull = (name: string, args: (root: string) => string[], long = false): Fault => ({
        group: 'full device', name, long,
        run: async () => {
            if (!existsSync(FULL)) return { outcome: 'skip', detail: 'no /dev/full here' };
            const root = workspace();
            const run = await withFd(FULL, 'w', fd => cli(args(root), { cwd: root, stdout: fd }));
            return verdict([oneLineFailure(run, /^interspec: standard output: no space left on the device \(ENOSPC\)$/m)], `exit 2 in ${run.ms} ms: ${run.stderr.trim()}`);
        }
    });
    return [
        // The issue's inputs.
        stdoutFull('check --format json > /dev/full', () => ['check', '--format', 'json']),
        {
            group: 'full device', name: 'check -o /dev/full (spun forever before)',
            run: async () => {
                if (!existsSync(FULL)) return { outcome: 'skip', detail: 'no /dev/full here' };
                const root = workspace();
                const run = await cli(['check', '-o', FULL], { cwd: root });
                const stray = readdirSync('/dev').filter(name => name.startsWith('.interspec') || name.startsWith('.full.'));
                return verdict([oneLineFailure(run, /^interspec: \/dev\/full: no space left on the device \(ENOSPC\)$/m), stray.length ? `left in /dev: ${stray.join(', ')}` : undefined],
                    `exit 2 in ${run.ms} ms: ${run.stderr.trim()}`);
            }
        },
        // The whole kind: every command's standard output on the full device.
        stdoutFull('matrix > /dev/full', () => ['matrix']),
        stdoutFull('matrix --format csv > /dev/full', () => ['matrix', '--format', 'csv'], true),
        stdoutFull('checklist --format html > /dev/full', () => ['checklist', '--format', 'html'], true),
        stdoutFull('gate Go > /dev/full (a NO-GO that cannot be printed is exit 2)', () => ['gate', 'Go']),
        stdoutFull('rules > /dev/full', () => ['rules'], true),
        stdoutFull('diff A B > /dev/full', root => ['diff', root, root], true),
        stdoutFull('check --format sarif > /dev/full', () => ['check', '--format', 'sarif'], true),
        stdoutFull('check --format github > /dev/full', () => ['check', '--format', 'github'], true),
        {
            group: 'full device', name: 'init DIR > /dev/full: the workspace is written, the report of it fails with exit 2',
            run: async () => {
                if (!existsSync(FULL)) return { outcome: 'skip', detail: 'no /dev/full here' };
                const root = mkdtempSync(path.join(tmpdir(), 'interspec-faults-'));
                const run = await withFd(FULL, 'w', fd => cli(['init', 'spec'], { cwd: root, stdout: fd }));
                return verdict([oneLineFailure(run, /standard output: no space left/)], `exit 2: ${run.stderr.trim()}`);
            }
        },
        {
            group: 'full device', name: '--help and --version > /dev/full',
            run: async () => {
                if (!existsSync(FULL)) return { outcome: 'skip', detail: 'no /dev/full here' };
                const root = workspace();
                const problems: Array<string | undefined> = [];
                for (const args of [['--help'], ['--version'], ['help', 'check']]) {
                    const run = await withFd(FULL, 'w', fd => cli(args, { cwd: root, stdout: fd }));
                    problems.push(oneLineFailure(run, /standard output: no space left/)?.replace(/^/, `${args.join(' ')}: `));
                }
                return verdict(problems, 'each exit 2 with one line');
            }
        },
        {
            group: 'full device', name: 'standard error on /dev/full (a broken spec\'s problems): exit 2, no hang',
            run: async () => {
                if (!existsSync(FULL)) return { outcome: 'skip', detail: 'no /dev/full here' };
                const root = workspace({ 'spec.ispec': SPEC + 'interface Broken { from Nowhere to EHR }\n' });
                const run = await withFd(FULL, 'w', fd => cli(['matrix'], { cwd: root, stderr: fd }));
                return verdict([run.timedOut ? 'hung' : undefined, run.status === 2 ? undefined : `exit ${run.status}`], `exit 2 in ${run.ms} ms`);
            }
        },
        {
            group: 'full device', name: '--out /dev/full: not a folder',
            run: async () => {
                const root = workspace();
                const run = await cli(['matrix', '--out', FULL], { cwd: root });
                return verdict([oneLineFailure(run, /^interspec: \/dev\/full: not a folder \(ENOTDIR\)$/m)], run.stderr.trim());
            }
        },
        {
            group: 'other devices', name: '-o /dev/null and /dev/zero are written directly; nothing is written beside them',
            run: async () => {
                const root = workspace();
                const before = readdirSync('/dev').sort().join(',');
                const problems: Array<string | undefined> = [];
                for (const device of ['/dev/null', '/dev/zero'].filter(existsSync)) {
                    const run = await cli(['check', '--format', 'sarif', '-o', device, '--format', 'json', '-o', 'r.json'], { cwd: root });
                    problems.push(run.status === 1 ? noTrace(run) : `${device}: exit ${run.status}: ${clip(run.stderr)}`);
                }
                const after = readdirSync('/dev').sort().join(',');
                problems.push(before === after ? undefined : 'the tool wrote into /dev');
                problems.push(existsSync(path.join(root, 'r.json')) ? undefined : 'r.json missing');
                return verdict(problems, 'exit 1 (the spec has findings), /dev unchanged');
            }
        },
        {
            group: 'other devices', name: 'a FIFO as -o is refused at once (writing would block until a reader comes)',
            run: async () => {
                const root = workspace();
                if (spawnSync('mkfifo', [path.join(root, 'pipe')]).status !== 0) return { outcome: 'skip', detail: 'no mkfifo' };
                const run = await cli(['check', '-o', 'pipe'], { cwd: root });
                return verdict([oneLineFailure(run, /^interspec: pipe: is a FIFO, not a regular file$/m)], `${run.ms} ms: ${run.stderr.trim()}`);
            }
        },
        {
            group: 'full file system', name: 'file size limit reached mid-write (ulimit -f, EFBIG): the previous matrix survives',
            run: async () => {
                const root = workspace(rollout(40, 4, 2));
                const first = await cli(['matrix', '--out', 'reports'], { cwd: root });
                if (first.status !== 0 && first.status !== 1) return { outcome: 'fail', detail: `first run: ${clip(first.stderr)}` };
                const before = snapshot(path.join(root, 'reports'));
                writeFileSync(path.join(root, 'feeds-001.ispec'), readFileSync(path.join(root, 'feeds-001.ispec'), 'utf8').replace('"Hold for review"', '"Hold for a records review"'));
                const run = await cli(['matrix', '--out', 'reports'], { cwd: root, shell: 'ulimit -f 64;' });
                const changed = differences(before, snapshot(path.join(root, 'reports')));
                return verdict([oneLineFailure(run, /^interspec: reports\/test-matrix\.md: file too large .*\(EFBIG\)$/m), changed.length ? `reports/ changed: ${changed.join(', ')}` : undefined],
                    `${run.stderr.trim()}; reports/ byte-identical`);
            }
        },
        ...namespaceFaults()
    ];
}

function namespaceFaults(): Fault[] {
    const skip = (): FaultOutcome => ({ outcome: 'skip', detail: 'needs unprivileged user namespaces (unshare --user --map-root-user --mount)' });
    // Inside: $NODE $BIN run the CLI; the previous output is written first, then the fault, then the second run.
    const script = (fault: string, command: string) => `
cd "$D" && cp -r "$SRC"/. . && "$NODE" "$BIN" ${command} >/dev/null 2>&1
before=$(cd "$D" && find reports -type f | sort | xargs sha256sum)
${fault}
E=$(mktemp); "$NODE" "$BIN" ${command} >/dev/null 2>"$E"; status=$?
after=$(cd "$D" && find reports -type f | sort | xargs sha256sum)
echo "status=$status"; echo "stderr=$(cat "$E")"; rm -f "$E"; [ "$before" = "$after" ] && echo same || { echo changed; echo "$before"; echo "$after"; }
ls -a reports | tr '\\n' ' '`;
    const parse = (output: string) => ({
        status: Number(/status=(\d+)/.exec(output)?.[1]), stderr: /stderr=(.*)/.exec(output)?.[1] ?? '', same: /^same$/m.test(output), listing: output.trim().split('\n').at(-1) ?? ''
    });
    return [
        {
            group: 'full file system', name: 'disk full mid-write (tmpfs, ENOSPC): the previous matrix and manifest survive, no temporary file',
            run: async () => {
                if (!canUseNamespaces()) return skip();
                const source = workspace(rollout(40, 4, 2));
                const result = inNamespace('2m', script(
                    // Change the spec, then fill the file system but for 16 KiB.
                    `sed -i 's/"Hold for review"/"Hold for a records review"/' feeds-001.ispec; head -c $(( $(df -k --output=avail . | tail -1) * 1024 - 16384 )) /dev/zero > filler 2>/dev/null || true`,
                    'matrix --out reports'), source);
                const out = parse(result.stdout);
                return verdict([
                    out.status === 2 ? undefined : `exit ${out.status}: ${clip(result.stdout + result.stderr)}`,
                    /^interspec: reports\/test-matrix\.md: no space left on the device \(ENOSPC\)$/.test(out.stderr) ? undefined : `stderr: ${out.stderr}`,
                    out.same ? undefined : 'reports/ changed',
                    /\.tmp/.test(out.listing) ? `temporary file left: ${out.listing}` : undefined
                ], `${out.stderr}; reports/ byte-identical: ${out.listing.trim()}`);
            }
        },
        {
            group: 'full file system', name: 'read-only file system (EROFS): exit 2, the previous matrix survives',
            run: async () => {
                if (!canUseNamespaces()) return skip();
                const source = workspace(rollout(10, 2, 1));
                const result = inNamespace('4m', script('mount -o remount,ro "$D"', 'matrix --out reports'), source);
                const out = parse(result.stdout);
                return verdict([
                    out.status === 2 ? undefined : `exit ${out.status}: ${clip(result.stdout + result.stderr)}`,
                    /^interspec: reports\/test-matrix\.md: read-only file system \(EROFS\)$/.test(out.stderr) ? undefined : `stderr: ${out.stderr}`,
                    out.same ? undefined : 'reports/ changed'
                ], `${out.stderr}; reports/ byte-identical`);
            }
        }
    ];
}

/** Runs as `nobody` when the harness is root (root writes through a 0555 folder), as itself otherwise. */
function unprivileged(): { uid?: number, gid?: number } {
    return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
}

function readOnlyFolder(): Fault[] {
    return [
        {
            group: 'read-only folder', name: 'matrix --out, check -o into a read-only folder: EACCES, the previous files survive',
            run: async () => {
                const root = workspace();
                const first = await cli(['matrix', '--out', 'reports'], { cwd: root });
                const check = await cli(['check', '--format', 'sarif', '-o', 'reports/r.sarif'], { cwd: root });
                if (first.status !== 0 || check.status !== 1) return { outcome: 'fail', detail: `first runs: ${clip(first.stderr + check.stderr)}` };
                writeFileSync(path.join(root, 'spec.ispec'), SPEC.replace('owner LabIT }\nsystem EHR', 'owner LabIT vendor "V" }\nsystem EHR'));
                chmodSync(path.join(root, 'reports'), 0o555);
                const before = snapshot(path.join(root, 'reports'));
                const matrix = await cli(['matrix', '--out', 'reports'], { cwd: root, ...unprivileged() });
                const sarif = await cli(['check', '--format', 'sarif', '-o', 'reports/r.sarif'], { cwd: root, ...unprivileged() });
                const changed = differences(before, snapshot(path.join(root, 'reports')));
                chmodSync(path.join(root, 'reports'), 0o755);
                return verdict([
                    oneLineFailure(matrix, /^interspec: reports\/test-matrix\.md: permission denied \(EACCES\)$/m),
                    oneLineFailure(sarif, /^interspec: reports\/r\.sarif: permission denied \(EACCES\)$/m),
                    changed.length ? `reports/ changed: ${changed.join(', ')}` : undefined
                ], `${matrix.stderr.trim()} | ${sarif.stderr.trim()}`);
            }
        },
        {
            group: 'read-only folder', name: 'init into a read-only folder: exit 2, nothing created',
            run: async () => {
                const root = workspace();
                mkdirSync(path.join(root, 'locked'), { mode: 0o555 });
                chmodSync(path.join(root, 'locked'), 0o555);
                const run = await cli(['init', 'locked/spec'], { cwd: root, ...unprivileged() });
                const left = readdirSync(path.join(root, 'locked'));
                return verdict([oneLineFailure(run, /permission denied \(EACCES\)$/m), left.length ? `left: ${left.join(', ')}` : undefined], run.stderr.trim());
            }
        }
    ];
}

function wrongTargets(): Fault[] {
    return [
        {
            group: 'folders and files', name: '-o an existing folder (EISDIR), with and without --force; --out an existing file (ENOTDIR)',
            run: async () => {
                const root = workspace({ 'spec.ispec': SPEC, 'reports/.keep': '', 'notes.txt': 'mine\n' });
                const before = snapshot(root);
                const folder = await cli(['check', '-o', 'reports'], { cwd: root });
                const forced = await cli(['check', '-o', 'reports', '--force'], { cwd: root });
                const file = await cli(['matrix', '--out', 'notes.txt'], { cwd: root });
                const changed = differences(before, snapshot(root));
                return verdict([
                    oneLineFailure(folder, /^interspec: reports: is a folder, not a file$/m), oneLineFailure(forced, /^interspec: reports: is a folder, not a file$/m),
                    oneLineFailure(file, /^interspec: notes\.txt: not a folder \(ENOTDIR\)$/m), changed.length ? `changed: ${changed.join(', ')}` : undefined
                ], 'each exit 2 with one line, nothing written');
            }
        },
        {
            group: 'folders and files', name: 'two outputs to one file (however spelt): exit 2, nothing written, no manifest',
            run: async () => {
                const problems: Array<string | undefined> = [];
                const cases: Array<[string, string[], (root: string) => void]> = [
                    ['the issue\'s input', ['check', '--format', 'json', '-o', 'r.out', '--format', 'sarif', '-o', 'r.out'], () => undefined],
                    ['./r.out and r.out', ['check', '--format', 'json', '-o', './r.out', '--format', 'sarif', '-o', 'r.out'], () => undefined],
                    ['sub/../r.out and r.out', ['check', '--format', 'json', '-o', 'sub/../r.out', '--format', 'junit', '-o', 'r.out'], root => mkdirSync(path.join(root, 'sub'))],
                    ['a linked folder', ['check', '--format', 'json', '-o', 'here/r.out', '--format', 'sarif', '-o', 'r.out'], root => symlinkSync('.', path.join(root, 'here'))],
                    ['two hard links of one file', ['check', '--format', 'json', '-o', 'a.out', '--format', 'sarif', '-o', 'b.out', '--force'], root => { writeFileSync(path.join(root, 'a.out'), 'x'); linkSync(path.join(root, 'a.out'), path.join(root, 'b.out')); }],
                    ['diff --json and -o', ['diff', '.', '.', '--json', 'd.json', '-o', 'd.json'], () => undefined],
                    ['-o the manifest itself', ['check', '--format', 'json', '-o', '.interspec-generated.json'], () => undefined]
                ];
                for (const [label, args, prepare] of cases) {
                    const root = workspace();
                    prepare(root);
                    const before = snapshot(root);
                    const run = await cli(args, { cwd: root });
                    const changed = differences(before, snapshot(root));
                    problems.push(oneLineFailure(run, /one file|manifest/)?.replace(/^/, `${label}: `));
                    problems.push(changed.length ? `${label}: ${changed.join(', ')}` : undefined);
                }
                return verdict(problems, `${cases.length} spellings, each exit 2 with one line and nothing written`);
            }
        }
    ];
}

function closedStdout(): Fault[] {
    const readerGone = (name: string, args: string[], long = false): Fault => ({
        group: 'closed standard output', name, long,
        run: async () => {
            const root = workspace(rollout(20, 2, 1));
            const run = await cli(args, { cwd: root, stdout: 'reader-closed' });
            return verdict([oneLineFailure(run, /^interspec: standard output: the reader closed the pipe \(EPIPE\)$/m)], `exit 2: ${run.stderr.trim()}`);
        }
    });
    return [
        readerGone('check: the reader closes the pipe (EPIPE)', ['check']),
        readerGone('matrix: the reader closes the pipe mid-stream', ['matrix'], true),
        readerGone('gate GoLive1 (NO-GO): EPIPE is exit 2, never 0', ['gate', 'GoLive1']),
        readerGone('rules: the reader closes the pipe', ['rules'], true),
        readerGone('checklist --format json: the reader closes the pipe', ['checklist', '--format', 'json'], true),
        {
            group: 'closed standard output', name: 'standard output closed before the start (>&-): as > /dev/null, no trace, no hang',
            run: async () => {
                const root = workspace();
                const closed = await cli(['gate', 'Go'], { cwd: root, shell: 'exec >&-;' });
                const devnull = await cli(['gate', 'Go'], { cwd: root, shell: 'exec >/dev/null;' });
                // Node opens /dev/null for a closed descriptor before any code runs: the output is discarded, as the
                // shell's own `> /dev/null` would.
                return verdict([noTrace(closed), closed.status === devnull.status ? undefined : `exit ${closed.status}, with > /dev/null ${devnull.status}`],
                    `exit ${closed.status} (NO-GO), as with > /dev/null`);
            }
        }
    ];
}

/** The signals a CI job, a terminal or a user can end a run with; SIGKILL cannot be caught. */
const SIGNALS: NodeJS.Signals[] = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];

function killedMidWrite(): Fault[] {
    return SIGNALS.map(signal => ({
        group: 'killed mid-write', name: `matrix --out killed by ${signal} while writing: the previous matrix survives byte for byte`,
        long: signal !== 'SIGKILL' && signal !== 'SIGTERM',
        run: async () => {
            const root = workspace(rollout(400, 10, 3));
            const first = await cli(['matrix', '--out', 'reports'], { cwd: root });
            if (first.status !== 0 && first.status !== 1) return { outcome: 'fail', detail: `first run: ${clip(first.stderr)}` };
            const reports = path.join(root, 'reports');
            const before = snapshot(reports);
            const feeds = path.join(root, 'feeds-001.ispec');
            writeFileSync(feeds, readFileSync(feeds, 'utf8').replace('"Hold for review"', '"Hold for a records review"'));
            let caught = false;
            const run = await cli(['matrix', '--out', 'reports'], {
                cwd: root, started: child => {
                    // Kill once the temporary file holds bytes: the run is mid-write.
                    const poll = setInterval(() => {
                        const temporary = readdirSync(reports).find(name => name.endsWith('.tmp'));
                        if (temporary && (statSync(path.join(reports, temporary), { throwIfNoEntry: false })?.size ?? 0) > 0) {
                            caught = true;
                            clearInterval(poll);
                            child.kill(signal);
                        }
                    }, 2);
                    child.on('close', () => clearInterval(poll));
                }
            });
            if (!caught) return { outcome: 'fail', detail: `the run ended (exit ${run.status}) before it could be killed mid-write` };
            const after = snapshot(reports);
            const left = Object.keys(after).filter(name => name.endsWith('.tmp'));
            const changed = differences(before, Object.fromEntries(Object.entries(after).filter(([name]) => !name.endsWith('.tmp'))));
            const problems = [
                changed.length ? `reports/ changed: ${changed.join(', ')}` : undefined,
                run.timedOut ? 'hung' : undefined
            ];
            if (signal !== 'SIGKILL') {
                problems.push(run.status === 128 + osConstants.signals[signal] ? undefined : `exit ${run.status ?? run.signal}, expected ${128 + osConstants.signals[signal]}`);
                problems.push(left.length ? `temporary file left: ${left.join(', ')}` : undefined);
                problems.push(/\n\s+at /.test(run.stderr) ? `stack trace: ${clip(run.stderr)}` : undefined);
            }
            // The next run finishes the job without --force and leaves nothing behind.
            const next = await cli(['matrix', '--out', 'reports'], { cwd: root });
            const final = readdirSync(reports);
            problems.push(next.status === 0 || next.status === 1 ? undefined : `next run: exit ${next.status}: ${clip(next.stderr)}`);
            problems.push(final.some(name => name.endsWith('.tmp')) ? `after the next run: ${final.join(', ')}` : undefined);
            problems.push(readFileSync(path.join(reports, 'test-matrix.md'), 'utf8').includes('Hold for a records review') ? undefined : 'the next run did not write the new matrix');
            return verdict(problems, `killed mid-write (${signal === 'SIGKILL' ? `a temporary file left: ${left.length}, removed by the next run` : `exit ${run.status}, no temporary file`}); reports/ byte-identical`);
        }
    }));
}

// ----------------------------------------------------------------------------------------------- language server

function sortedDiagnostics(diagnostics: Diagnostic[]): string {
    return JSON.stringify(diagnostics.map(d => ({ range: d.range, severity: d.severity, code: d.code, message: d.message, source: d.source }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
}

/** Diagnostics of `file` once they include `marker` and nothing new was published for `quietMs`. */
async function settledDiagnostics(client: LspClient, uri: string, marker: (diagnostics: Diagnostic[]) => boolean, quietMs = 1500): Promise<Diagnostic[]> {
    await client.waitForDiagnostics(uri, marker, 60_000);
    for (;;) {
        const current = client.diagnostics.get(uri);
        await new Promise(resolve => setTimeout(resolve, quietMs));
        if (client.diagnostics.get(uri) === current) return current ?? [];
    }
}

function killedServer(): Fault[] {
    const cases: Array<{ signal: NodeJS.Signals, during: 'change' | 'request' }> = [
        { signal: 'SIGKILL', during: 'change' }, { signal: 'SIGTERM', during: 'change' }, { signal: 'SIGKILL', during: 'request' }
    ];
    return cases.map(({ signal, during }, index) => ({
        long: index > 0,
        group: 'language server', name: `server killed by ${signal} mid-${during === 'change' ? 'edit' : 'request'}: the restart publishes the diagnostics a fresh server does; no file written`,
        run: async () => {
            if (!existsSync(path.join(REPO, 'out/bundle/server.cjs'))) return { outcome: 'skip', detail: 'run npm run build first' };
            const root = mkdtempSync(path.join(tmpdir(), 'interspec-faults-lsp-'));
            cpSync(path.join(REPO, 'examples/lab-network'), root, { recursive: true });
            const before = snapshot(root);
            const file = 'results.ispec';
            const original = readFileSync(path.join(root, file), 'utf8');
            // A user types a new interface at the end; the last text refers to a system nobody declares.
            const addition = '\ninterface Typed {\n    from LIS to Nowhere owner LabInformatics\n    message ORU^R01\n}\n';
            const texts = Array.from({ length: 12 }, (_, i) => original + addition.slice(0, Math.ceil(addition.length * (i + 1) / 12)));
            const finalText = texts[texts.length - 1];
            const marker = (diagnostics: Diagnostic[]) => diagnostics.some(d => /Nowhere/.test(d.message));
            const clients: LspClient[] = [];
            try {
                const victim = await LspClient.start(root);
                clients.push(victim);
                const uri = await victim.open(file);
                await victim.waitForDiagnostics(uri, () => true, 60_000);
                for (const text of texts.slice(0, 7)) await victim.change(uri, text);
                if (during === 'request') {
                    void victim.request('textDocument/completion', { textDocument: { uri }, position: { line: original.split('\n').length + 1, character: 4 } }).catch(() => undefined);
                }
                victim.process.kill(signal);
                await new Promise(resolve => victim.process.once('exit', resolve));
                // The client restarts the server and opens the document as the editor now holds it.
                const restarted = await LspClient.start(root);
                clients.push(restarted);
                await restarted.open(file, finalText);
                const afterRestart = sortedDiagnostics(await settledDiagnostics(restarted, uri, marker));
                const fresh = await LspClient.start(root);
                clients.push(fresh);
                await fresh.open(file, finalText);
                const reference = sortedDiagnostics(await settledDiagnostics(fresh, uri, marker));
                const changed = differences(before, snapshot(root));
                return verdict([
                    afterRestart === reference ? undefined : `diagnostics differ:\nrestart ${afterRestart}\nfresh   ${reference}`,
                    changed.length ? `files changed on disk: ${changed.join(', ')}` : undefined
                ], `${JSON.parse(afterRestart).length} diagnostics, identical; workspace files untouched`);
            } finally {
                for (const client of clients) await client.stop().catch(() => undefined);
            }
        }
    }));
}

/** Every scenario of the harness, in the order the table prints them. */
export function faults(): Fault[] {
    return [...fullDevice(), ...readOnlyFolder(), ...wrongTargets(), ...closedStdout(), ...killedMidWrite(), ...killedServer(),
        ...unlistedFaults({ cli, workspace, verdict, clip, spec: SPEC })];
}
