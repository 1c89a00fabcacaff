/**
 * Faults issue 29 does not list (its "Done when": other devices, other signals, other evidence orderings, other
 * hostile strings), as scenarios of the fault harness (test/faults/scenarios.ts includes them; `npm run faults`
 * prints them). Each runs the built CLI as CI does:
 *
 * - names at the file system's limits: a 255-byte output name (its temporary file must fit too), a name over
 *   NAME_MAX, a path through a file, a FIFO where `--out` writes, a FIFO named like a spec or the configuration;
 * - few file descriptors (`ulimit -n 20`) on a 200-file workspace with 60 evidence files;
 * - a reader that takes one line and leaves (`| head -1`) for every command and format;
 * - evidence whose order or id cannot be trusted: each is NO-GO with the reason, never GO;
 * - hostile strings (bidi controls, zero-width characters, NUL, CR, markup, GitHub references, formula starts,
 *   a 5,000-character line) in every output format;
 * - inputs that are not what they seem: a FIFO where the CLI reads (import, a sample, the cache), a spec or a
 *   configuration that is a symbolic link (also to nothing), a current folder that was removed.
 *
 * All but the FIFO scenario are `long` (npm run faults and .ci/run only): their kinds have faster tests in
 * `npm test` (test/hardening/long-names.test.ts, test/generators/evidence-*.test.ts, test/generators/escaping.test.ts).
 */
import { type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { specWithText } from '../support/hostile-spec.js';
import { rollout } from '../support/synthetic-workspace.js';
import type { Fault, FaultOutcome } from './scenarios.js';

/** What the harness lends these scenarios (defined in scenarios.ts). */
export interface Harness {
    cli: (args: string[], options: { cwd: string, shell?: string, started?: (child: ChildProcess) => void, stdout?: 'pipe' | 'first-line' }) => Promise<{ status: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, ms: number, timedOut: boolean }>;
    workspace: (files?: Record<string, string>) => string;
    verdict: (problems: Array<string | undefined>, detail: string) => FaultOutcome;
    clip: (text: string) => string;
    spec: string;
}

const TRACE = /\n\s+at |internal error/;

export function unlistedFaults(h: Harness): Fault[] {
    return [...limits(h), ...fewDescriptors(h), ...firstLineReaders(h), ...evidenceOrderings(h), ...hostileStrings(h), ...oddInputs(h)];
}

function limits(h: Harness): Fault[] {
    return [
        {
            group: 'names at the limits', long: true, name: '-o a 255-byte name is written (its temporary name is cut to fit); 256 bytes or a path through a file: exit 2, one line',
            run: async () => {
                const root = h.workspace({ 'spec.ispec': h.spec, 'afile': 'mine\n' });
                const problems: Array<string | undefined> = [];
                for (const name of ['r'.repeat(255), '\u00e9'.repeat(127)]) {
                    const run = await h.cli(['check', '--format', 'json', '-o', name], { cwd: root });
                    problems.push(run.status === 1 ? undefined : `${Buffer.byteLength(name)} bytes: exit ${run.status}: ${h.clip(run.stderr)}`);
                }
                const long = await h.cli(['check', '--format', 'json', '-o', 'r'.repeat(256)], { cwd: root });
                problems.push(/^interspec: r{256}: name too long \(ENAMETOOLONG\)\n$/.test(long.stderr) && long.status === 2 ? undefined : `256 bytes: exit ${long.status}: ${h.clip(long.stderr)}`);
                const through = await h.cli(['matrix', '--out', 'afile/reports'], { cwd: root });
                problems.push(/^interspec: afile(\/reports)?: not a folder \(ENOTDIR\)\n$/.test(through.stderr) && through.status === 2 ? undefined : `through a file: exit ${through.status}: ${h.clip(through.stderr)}`);
                problems.push(readFileSync(path.join(root, 'afile'), 'utf8') === 'mine\n' ? undefined : 'afile changed');
                problems.push(readdirSync(root).some(name => name.endsWith('.tmp')) ? 'a temporary file is left' : undefined);
                return h.verdict(problems, '255 bytes written; 256: ENAMETOOLONG; through a file: ENOTDIR');
            }
        },
        {
            group: 'names at the limits', name: 'a FIFO nobody reads where --out writes, or named like a spec or interspec.yaml: no hang',
            run: async () => {
                const root = h.workspace();
                const { spawnSync } = await import('node:child_process');
                mkdirSync(path.join(root, 'reports'));
                const fifo = (file: string) => spawnSync('mkfifo', [path.join(root, file)]).status === 0;
                if (!fifo('reports/test-matrix.md')) return { outcome: 'skip', detail: 'no mkfifo' };
                const out = await h.cli(['matrix', '--out', 'reports'], { cwd: root });
                rmSync(path.join(root, 'reports/test-matrix.md'));
                fifo('other.ispec');
                const spec = await h.cli(['check'], { cwd: root });
                rmSync(path.join(root, 'other.ispec'));
                rmSync(path.join(root, 'interspec.yaml'));
                fifo('interspec.yaml');
                const config = await h.cli(['check'], { cwd: root });
                return h.verdict([
                    out.timedOut || spec.timedOut || config.timedOut ? 'hung' : undefined,
                    /^interspec: reports\/test-matrix\.md: is a FIFO, not a regular file\n$/.test(out.stderr) && out.status === 2 ? undefined : `--out: exit ${out.status}: ${h.clip(out.stderr)}`,
                    spec.status === 2 && /^interspec: other\.ispec: not a regular file/.test(spec.stderr) ? undefined : `spec FIFO: exit ${spec.status}: ${h.clip(spec.stderr)}`,
                    config.status === 2 && /interspec\.yaml.*not a regular file/.test(config.stderr) ? undefined : `interspec.yaml FIFO: exit ${config.status}: ${h.clip(config.stderr)}`
                ], '--out target refused, a FIFO .ispec and a FIFO interspec.yaml refused (exit 2, one line)');
            }
        }
    ];
}

function fewDescriptors(h: Harness): Fault[] {
    return [{
        group: 'few file descriptors', long: true,
        name: 'ulimit -n 20 on 200 spec files and 60 evidence files: every command runs (below about 19, Node itself cannot start)',
        run: async () => {
            const files = rollout(200, 4, 2);
            for (let i = 0; i < 60; i++) files[`evidence/e${i}.yaml`] = `evidence:\n  - { id: X${i}, status: pending }\n`;
            const root = h.workspace(files);
            const problems: Array<string | undefined> = [];
            for (const args of [['check', '--format', 'sarif', '-o', 'r.sarif'], ['matrix', '--out', 'reports'], ['checklist', '--out', 'reports'], ['gate', 'GoLive1'], ['diff', '.', '.']]) {
                const run = await h.cli(args, { cwd: root, shell: 'ulimit -n 20;' });
                problems.push(run.timedOut ? `${args[0]}: hung` : run.status === 0 || run.status === 1 ? undefined : `${args[0]}: exit ${run.status}: ${h.clip(run.stderr)}`);
                problems.push(/EMFILE/.test(run.stderr) || TRACE.test(run.stderr) ? `${args[0]}: ${h.clip(run.stderr)}` : undefined);
            }
            return h.verdict(problems, 'check, matrix, checklist, gate, diff: exit 0 or 1, no EMFILE');
        }
    }];
}

/** Every command and format that writes to standard output. */
const COMMANDS: string[][] = [
    ...['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'].map(format => ['check', '--format', format]),
    ...['markdown', 'csv', 'json', 'html', 'text'].map(format => ['matrix', '--format', format]),
    ['matrix', '--format', 'markdown', '--summary'],
    ...['markdown', 'html', 'json', 'text'].map(format => ['checklist', '--format', format]),
    ['gate', 'GoLive1'], ['gate', 'GoLive1', '--format', 'json'], ['rules'], ['rules', '--format', 'json'],
    ['diff', '.', '.'], ['diff', '.', '.', '--format', 'json'], ['--help'], ['--version'], ['help', 'check']
];

function firstLineReaders(h: Harness): Fault[] {
    return [{
        group: 'closed standard output', long: true,
        name: `| head -1 for every command and format (${COMMANDS.length}): the output so far, then EPIPE exit 2 or the command's own exit; never a trace, a NO-GO never 0`,
        run: async () => {
            const root = h.workspace(rollout(40, 4, 2));
            const problems: Array<string | undefined> = [];
            const seen: string[] = [];
            for (const args of COMMANDS) {
                const run = await h.cli(args, { cwd: root, stdout: 'first-line' });
                const label = args.join(' ');
                seen.push(`${label}: ${run.status}`);
                if (run.timedOut) { problems.push(`${label}: hung`); continue; }
                if (!run.stdout.includes('\n')) problems.push(`${label}: not even a first line`);
                if (TRACE.test(run.stderr)) problems.push(`${label}: ${h.clip(run.stderr)}`);
                if (run.status === 2 && !/^interspec: standard output: the reader closed the pipe \(EPIPE\)$/m.test(run.stderr)) problems.push(`${label}: exit 2: ${h.clip(run.stderr)}`);
                if (args[0] === 'gate' && run.status === 0) problems.push(`${label}: a NO-GO exited 0`);
            }
            return h.verdict(problems, seen.join(', '));
        }
    }];
}

/** Gate Go's ids in the harness's small spec, with `standard` added and gate-coverage off so that it can be GO. */
const GO_SPEC = (spec: string) => spec.replace('message ORU^R01 }', 'standard HL7v2 "2.5.1" message ORU^R01 }');
const NORMAL = 'TM-Feed-North-ORU_R01-normal';
const GO_IDS = ['Go.Sim', 'Go.data-meaning.Feed', 'Go.load-test.North', 'Go.monitoring.Feed', 'Go.ownership.Feed', 'Go.readiness.hypercare'];

function evidenceOrderings(h: Harness): Fault[] {
    const entry = (id: string, status: string, date?: string) => `  - id: ${JSON.stringify(id)}\n    status: ${status}\n    by: QA\n${date ? `    date: ${date}\n` : ''}`;
    const base = 'evidence:\n' + GO_IDS.map(id => entry(id, 'passed', '2026-10-01')).join('');
    const cases: Array<[string, Record<string, string>, RegExp]> = [
        ['same date, passed and failed', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') + entry(NORMAL, 'failed', '2026-10-02') }, /Conflicting evidence/],
        ['a zoned timestamp beside a date', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') + entry(NORMAL, 'failed', '"2026-10-02T10:00:00+02:00"') }, /date: must match pattern/],
        ['a timestamp without a zone', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02T10:00:00') }, /date: must match pattern/],
        ['waived, then failed a day later', { 'evidence/run.yaml': base + entry(NORMAL, 'waived', '2026-10-02') + entry(NORMAL, 'failed', '2026-10-03') }, /has failed/],
        ['waived and failed on one date', { 'evidence/run.yaml': base + entry(NORMAL, 'waived', '2026-10-02') + entry(NORMAL, 'failed', '2026-10-02') }, /Conflicting evidence/],
        ['one id in two files, passed and failed on one date', { 'evidence/a.yaml': base + entry(NORMAL, 'passed', '2026-10-02'), 'evidence/b.yaml': 'evidence:\n' + entry(NORMAL, 'failed', '2026-10-02') }, /Conflicting evidence/],
        ['passed, then an undated pending in another file', { 'evidence/a.yaml': base + entry(NORMAL, 'passed', '2026-10-02'), 'evidence/b.yaml': 'evidence:\n' + entry(NORMAL, 'pending') }, /whose order the dates cannot tell/],
        ['a failed in a second YAML document', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') + '---\n' + 'evidence:\n' + entry(NORMAL, 'failed', '2026-10-03') }, /multiple documents/],
        ['one entry with status twice', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02').replace('status: passed', 'status: failed\n    status: passed') }, /keys must be unique/],
        ['a failed for the id with a zero-width space', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') + entry('TM-Feed\u200B-North-ORU_R01-normal', 'failed', '2026-10-03') }, /invisible characters \(U\+200B\)/],
        ['a failed for the id behind a bidi override', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') + entry(`\u202E${NORMAL}`, 'failed', '2026-10-03') }, /invisible characters \(U\+202E\)/],
        ['a failed for the id with a no-break space', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') + entry(`${NORMAL}\u00A0`, 'failed', '2026-10-03') }, /id: must match pattern/],
        ['a failed for the id with a Cyrillic \u0435', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') + entry('TM-Fe\u0435d-North-ORU_R01-normal', 'failed', '2026-10-03') }, /look-alike characters \(U\+0435\)/],
        ['a failed for the id with a word processor\'s hyphens (U+2010)', { 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') + entry(NORMAL.replace(/-/g, '\u2010'), 'failed', '2026-10-03') }, /look-alike characters \(U\+2010\)/],
        ['a failed for a criterion id with a decomposed accent (NFD)', { 'evidence/run.yaml': base + entry('Go.Sim\u0301', 'failed', '2026-10-03') }, /look-alike characters \(U\+0301\)/]
    ];
    return [{
        group: 'evidence orderings', long: true, name: `${cases.length} orderings and ids the dates or the eye cannot tell apart: NO-GO with the reason, never GO`,
        run: async () => {
            const problems: Array<string | undefined> = [];
            const passing = h.workspace({ 'spec.ispec': GO_SPEC(h.spec), 'interspec.yaml': 'rules:\n  gate-coverage: off\n', 'evidence/run.yaml': base + entry(NORMAL, 'passed', '2026-10-02') });
            const control = await h.cli(['gate', 'Go'], { cwd: passing });
            if (control.status !== 0) return { outcome: 'fail', detail: `the passing workspace is not GO: ${h.clip(control.stdout + control.stderr)}` };
            for (const [label, files, reason] of cases) {
                const root = h.workspace({ 'spec.ispec': GO_SPEC(h.spec), 'interspec.yaml': 'rules:\n  gate-coverage: off\n', ...files });
                const run = await h.cli(['gate', 'Go'], { cwd: root });
                problems.push(run.status === 1 && /^Go: NO-GO/.test(run.stdout) ? undefined : `${label}: exit ${run.status}: ${h.clip(run.stdout)}`);
                problems.push(reason.test(run.stdout + run.stderr) ? undefined : `${label}: no reason matching ${reason}: ${h.clip(run.stdout)}`);
                problems.push(TRACE.test(run.stderr) ? `${label}: ${h.clip(run.stderr)}` : undefined);
            }
            return h.verdict(problems, `all ${cases.length} NO-GO with the reason (the same workspace with one passed entry is GO)`);
        }
    }];
}

/** A string that tries every output language at once (before the spec's string escaping). */
const HOSTILE = '=HYPERLINK("http://x")\u202Eevil\u2066x\u2069\u200D\u200B\u0000NUL <b>b</b><script>alert(1)</script> #12 GH-3 octo/repo#4 @bob '
    + 'deadbeefcafebabe1234567890abcdef12345678 ![px](https://evil.example/p.png) | pipe\r\nCR `tick` ]]> &amp; ' + 'L'.repeat(5000);

function hostileStrings(h: Harness): Fault[] {
    return [{
        group: 'hostile strings', long: true, name: 'bidi controls, zero-width characters, NUL, CR LF, markup, GitHub references, formula starts and a 5,000-character line in every output format',
        run: async () => {
            const text = HOSTILE.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
            const spec = specWithText(text, { authority: '+', downtime: '-', gate: '@' });
            const root = h.workspace({ 'spec.ispec': spec });
            const problems: Array<string | undefined> = [];
            const outputs: Array<[string, string[]]> = [
                ...['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'].map((f): [string, string[]] => [`check ${f}`, ['check', '--format', f]]),
                ...['markdown', 'csv', 'json', 'html', 'text'].map((f): [string, string[]] => [`matrix ${f}`, ['matrix', '--format', f]]),
                ['matrix summary', ['matrix', '--format', 'markdown', '--summary']],
                ...['markdown', 'html', 'json', 'text'].map((f): [string, string[]] => [`checklist ${f}`, ['checklist', '--format', f]]),
                ['gate text', ['gate', 'Go']]
            ];
            for (const [label, args] of outputs) {
                const run = await h.cli(args, { cwd: root });
                const out = run.stdout;
                const format = args[2] ?? 'text';
                if (run.timedOut || TRACE.test(run.stderr) || (run.status !== 0 && run.status !== 1)) { problems.push(`${label}: exit ${run.status}: ${h.clip(run.stderr)}`); continue; }
                if (/json|sarif/.test(format)) {
                    try { JSON.parse(out); } catch (error) { problems.push(`${label}: not JSON: ${String(error)}`); }
                    continue; // JSON carries the exact strings, escaped by JSON itself.
                }
                // Text a person reads shows bidi controls and NUL as escapes, never raw (Trojan Source).
                if (/[\u202A-\u202E\u2066-\u2069\u0000]/.test(out)) problems.push(`${label}: a raw bidi control or NUL`);
                if (format === 'junit' && /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(out)) problems.push(`${label}: a character XML 1.0 forbids`);
                if ((format === 'markdown' || label === 'matrix summary') && /<b>|<script|(?<![\\`&#;])(?:#12|GH-3|@bob|\]\()/.test(out)) problems.push(`${label}: raw markup, a reference, a mention or a link: ${h.clip(/.{0,40}(?:<b>|<script|#12|GH-3|@bob|\]\().{0,40}/.exec(out)?.[0] ?? '')}`);
                if (format === 'html' && /<b>|<script>alert/.test(out)) problems.push(`${label}: raw markup`);
                if (format === 'csv') {
                    const starts = csvCells(out.replace(/^\uFEFF/, '')).filter(cell => /^[=+\-@\t\r]/.test(cell));
                    if (starts.length) problems.push(`${label}: cells a spreadsheet runs as formulas: ${h.clip(starts.slice(0, 3).join(' | '))}`);
                }
            }
            return h.verdict(problems, `${outputs.length} outputs: JSON parses; no raw bidi control or NUL; no markup, reference or mention in Markdown or HTML; no formula start in CSV`);
        }
    }];
}

/**
 * Inputs that are not what they seem (faults found on 2026-12-07, docs/robustness.md): each read of a FIFO hung for
 * ever (past SIGTERM), a linked spec was left out and its gate said GO (a link to a file is now read through; one to nothing refused), a dangling interspec.yaml was no
 * configuration, a removed current folder was a Node stack trace. Faster tests: test/hardening/fifo-inputs,
 * import-inputs, spec-links and cli-environment.
 */
function oddInputs(h: Harness): Fault[] {
    return [{
        group: 'inputs that are not what they seem', long: true,
        name: 'a FIFO to import, as a sample (SARIF), named .ispec with --cache, as the cache; a .ispec linked to nothing; a dangling interspec.yaml; a removed current folder',
        run: async () => {
            const { spawnSync } = await import('node:child_process');
            const { symlinkSync } = await import('node:fs');
            const root = h.workspace({ 'spec.ispec': h.spec, 'm.csv': 'source,target\nPID-3,Patient.identifier\n' });
            const fifo = (file: string) => spawnSync('mkfifo', [path.join(root, file)]).status === 0;
            if (!fifo('f.csv')) return { outcome: 'skip', detail: 'no mkfifo' };
            fifo('s.hl7');
            const problems: Array<string | undefined> = [];
            const expect = async (label: string, args: string[], status: number, message: RegExp | undefined, cwd = root) => {
                const run = await h.cli(args, { cwd });
                if (run.timedOut) { problems.push(`${label}: hung`); return; }
                problems.push(run.status === status ? undefined : `${label}: exit ${run.status}, expected ${status}: ${h.clip(run.stderr)}`);
                problems.push(TRACE.test(run.stderr) ? `${label}: ${h.clip(run.stderr)}` : undefined);
                problems.push(!message || message.test(run.stderr) ? undefined : `${label}: expected ${message}: ${h.clip(run.stderr)}`);
            };
            await expect('import a FIFO', ['import', 'csv', 'f.csv', '--interface', 'X'], 2, /^interspec: f\.csv: not a regular file/);
            await expect('a FIFO sample, SARIF', ['check', '--samples', 's.hl7', '--format', 'sarif'], 1, undefined);
            fifo('cache');
            await expect('a FIFO cache', ['check', '--cache', '--cache-location', 'cache'], 1, /cannot read the cache \(not a regular file\)/);
            fifo('x.ispec');
            await expect('a FIFO .ispec with --cache', ['check', '--cache'], 2, /^interspec: x\.ispec: not a regular file/);
            rmSync(path.join(root, 'x.ispec'));
            symlinkSync(path.join(root, 'nowhere.ispec'), path.join(root, 'linked.ispec'));
            await expect('a .ispec linked to nothing', ['gate', 'Go'], 2, /^interspec: linked\.ispec: a symbolic link to nothing/);
            rmSync(path.join(root, 'linked.ispec'));
            rmSync(path.join(root, 'interspec.yaml'));
            symlinkSync('nowhere.yaml', path.join(root, 'interspec.yaml'));
            await expect('a dangling interspec.yaml', ['check'], 2, /^interspec: interspec\.yaml:1:1: cannot read the configuration file: no such file/);
            const gone = path.join(root, 'gone');
            mkdirSync(gone);
            const removed = await h.cli(['check'], { cwd: gone, shell: `cd "${gone}" && rmdir "${gone}" &&` });
            problems.push(removed.status === 2 && /^interspec: the current folder no longer exists \(ENOENT\)/.test(removed.stderr) ? undefined : `a removed current folder: exit ${removed.status}: ${h.clip(removed.stderr)}`);
            return h.verdict(problems, '7 inputs: each refused at once with one line (exit 2), or read without the FIFO; no hang, no trace');
        }
    }];
}

/** Reads standard output up to its first line, then closes it: `| head -1`. */
export function readFirstLine(child: ChildProcess, collect: (text: string) => void): void {
    let seen = '';
    child.stdout!.on('data', chunk => {
        if (seen.includes('\n')) return;
        seen += String(chunk);
        collect(String(chunk));
        if (seen.includes('\n')) child.stdout!.destroy();
    });
}

/** The cells of a CSV text (RFC 4180: quoted cells with doubled quotes, CRLF or LF rows). */
function csvCells(text: string): string[] {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === ',' || c === '\n') { cells.push(cell.replace(/\r$/, '')); cell = ''; } else cell += c;
    }
    cells.push(cell);
    return cells;
}
