import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BIN, REPO, runCli, type CliResult } from './run-cli.js';

const LAB = path.join(REPO, 'examples/lab-network');
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[\d+m/g;
// eslint-disable-next-line no-control-regex
const HAS_SGR = /\u001b\[\d+m/;

/** Whether util-linux `script` is here to give the CLI a real pseudo-terminal. */
function hasScript(): boolean {
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    return probe.status === 0 && /util-linux/.test(probe.stdout);
}

function quote(arg: string): string {
    return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs the built CLI with standard output on a real pseudo-terminal of `columns` columns (`script -qfc`, the
 * terminal's size set with `stty`), as a user at a shell runs it; the terminal's CRLF line ends become LF. Colour
 * is off unless `env` sets it (NO_COLOR=1 by default, since a pseudo-terminal would get colour).
 */
function runInTerminal(args: string[], options: { columns?: number, env?: NodeJS.ProcessEnv, cwd?: string } = {}): CliResult {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
    for (const key of Object.keys(env)) {
        if (env[key] === undefined) delete env[key];
    }
    const command = `stty cols ${options.columns ?? 100} rows 50; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
    const result = spawnSync('script', ['-qfec', command, '/dev/null'], {
        cwd: options.cwd ?? REPO, env, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe']
    });
    return { status: result.status, stdout: String(result.stdout).replace(/\r\n/g, '\n'), stderr: String(result.stderr) };
}

function widest(text: string): number {
    return Math.max(...text.replace(SGR, '').split('\n').map(line => [...line].length));
}

describe('cli: matrix and checklist on a terminal', function () {
    this.timeout(180_000);
    before(function () {
        if (!hasScript()) this.skip();
    });
    const temporaries: string[] = [];
    after(() => temporaries.forEach(folder => rmSync(folder, { recursive: true, force: true })));

    it('a terminal gets text fitted to its width; a pipe, and --format markdown on a terminal, get Markdown', () => {
        const terminal = runInTerminal(['checklist', LAB], { columns: 60 });
        assert.equal(terminal.status, 0, terminal.stdout + terminal.stderr);
        assert.match(terminal.stdout, /^Go-live checklist: RiversidePilot \(Riverside pilot go-live\)\n=+\n\nDecision: NO-GO\n/);
        assert.ok(!terminal.stdout.includes('\\_') && !terminal.stdout.includes('&lt;') && !terminal.stdout.includes('**'));
        assert.ok(terminal.stdout.includes('TM-LabResults-Riverside-ORU_R01-out-of-order'));
        assert.ok(widest(terminal.stdout) <= 60 && widest(terminal.stdout) > 50, `the widest line has ${widest(terminal.stdout)} columns`);
        assert.ok(!HAS_SGR.test(terminal.stdout), 'NO_COLOR: no colour');

        const piped = runCli(['checklist', LAB]);
        assert.equal(piped.status, 0, piped.stderr);
        assert.match(piped.stdout, /^# Go-live checklist: RiversidePilot \(Riverside pilot go-live\)\n\n\*\*Decision: NO-GO\*\*\n/);
        assert.ok(piped.stdout.includes('TM-LabResults-Riverside-ORU\\_R01-out-of-order'));

        const asked = runInTerminal(['checklist', LAB, '--format', 'markdown']);
        assert.equal(asked.stdout, piped.stdout);
    });

    it('the matrix on a terminal names every test case, in colour unless NO_COLOR', () => {
        const ids = (JSON.parse(runCli(['matrix', LAB, '--format', 'json']).stdout) as { rows: Array<{ id: string }> }).rows.map(row => row.id);
        const coloured = runInTerminal(['matrix', LAB], { env: { NO_COLOR: undefined } });
        assert.equal(coloured.status, 0, coloured.stderr);
        assert.ok(HAS_SGR.test(coloured.stdout), 'a terminal gets colour');
        const text = coloured.stdout.replace(SGR, '');
        assert.ok(text.startsWith('Test matrix\n===========\n'));
        const lines = new Set(text.split('\n'));
        assert.deepEqual(ids.filter(id => !lines.has(id)), []);
        assert.ok(widest(text) <= 100);
        // The same layout as --format text at the terminal's width, colour aside.
        assert.equal(text, runCli(['matrix', LAB, '--format', 'text']).stdout);
    });

    it('--out and --summary stay Markdown on a terminal; --format text to a pipe or a file is 100 columns without colour', () => {
        const out = mkdtempSync(path.join(tmpdir(), 'interspec-terminal-'));
        temporaries.push(out);
        const written = runInTerminal(['matrix', LAB, '--out', out]);
        assert.equal(written.status, 0, written.stderr);
        assert.match(written.stdout, /^wrote .*test-matrix\.md \(test matrix, markdown, \d+ bytes\)/);
        const summary = runInTerminal(['matrix', LAB, '--summary']);
        assert.match(summary.stdout, /^# Test matrix summary\n\n/);

        const file = runInTerminal(['checklist', LAB, '--format', 'text', '--out', out], { columns: 50, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
        assert.equal(file.status, 0, file.stderr);
        const saved = readFileSync(path.join(out, 'checklist.txt'), 'utf8');
        assert.ok(!HAS_SGR.test(saved), 'no colour in a file');
        assert.ok(widest(saved) > 50 && widest(saved) <= 100, 'the default width, not the terminal\'s');
        assert.equal(saved, runCli(['checklist', LAB, '--format', 'text']).stdout);
    });
});
