import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exampleRoots } from '../generators/generator-support.js';
import { parse } from 'yaml';
import { isOneLineError, runCli } from './run-cli.js';

/** A fresh workspace made by `interspec init` (one critical interface, one gate: DemoGoLive). */
function starterWorkspace(): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'interspec-generate-'));
    assert.equal(runCli(['init'], { cwd: folder }).status, 0);
    return folder;
}

describe('cli: matrix, checklist and gate', function () {
    // Each test runs the built CLI several times; a loaded CI machine needs more than the default timeout.
    this.timeout(120_000);

    it('streams the test matrix and checklists to standard output in each format', () => {
        const root = starterWorkspace();
        const markdown = runCli(['matrix'], { cwd: root });
        assert.equal(markdown.status, 0, markdown.stderr);
        assert.match(markdown.stdout, /^# Test matrix\n/);
        assert.match(markdown.stdout, /`TM-DemoResults-DemoHospital-ORU_R01-normal`/);
        const csv = runCli(['matrix', '--format', 'csv'], { cwd: root }).stdout;
        assert.ok(csv.split('\n')[0].includes(','), csv.slice(0, 200));
        const json = JSON.parse(runCli(['checklist', 'DemoGoLive', '--format', 'json'], { cwd: root }).stdout);
        assert.equal(json.checklists[0].gate, 'DemoGoLive');
        assert.match(runCli(['checklist', '--format', 'html'], { cwd: root }).stdout, /^<!DOCTYPE html>/i);
    });

    it('writes artifacts into --out, reports them, and overwrites only its own unchanged files', () => {
        const root = starterWorkspace();
        const first = runCli(['matrix', '--format', 'csv', '--out', 'reports'], { cwd: root });
        assert.equal(first.status, 0, first.stderr);
        assert.match(first.stdout, /^wrote reports\/test-matrix\.csv \(test matrix, csv, \d+ bytes\)/);
        const checklist = runCli(['checklist', 'DemoGoLive', '--out', 'reports'], { cwd: root });
        assert.equal(checklist.status, 0, checklist.stderr);
        assert.match(checklist.stdout, /^wrote reports\/checklist-DemoGoLive\.md/);
        const manifest = JSON.parse(readFileSync(path.join(root, 'reports/.interspec-generated.json'), 'utf8'));
        assert.deepEqual(Object.keys(manifest.files), ['checklist-DemoGoLive.md', 'test-matrix.csv']);
        const written = readFileSync(path.join(root, 'reports/test-matrix.csv'), 'utf8');
        assert.equal(written, runCli(['matrix', '--format', 'csv'], { cwd: root }).stdout, 'the file holds what stdout shows');

        // Unchanged: overwritten without a word. Edited or foreign: refused, untouched, exit 2.
        assert.equal(runCli(['matrix', '--format', 'csv', '--out', 'reports'], { cwd: root }).status, 0);
        writeFileSync(path.join(root, 'reports/test-matrix.csv'), written + 'my note\n');
        const edited = runCli(['matrix', '--format', 'csv', '--out', 'reports'], { cwd: root });
        assert.equal(edited.status, 2);
        assert.ok(isOneLineError(edited.stderr), edited.stderr);
        assert.match(edited.stderr, /reports\/test-matrix\.csv: refusing to overwrite, the file was edited/);
        assert.equal(readFileSync(path.join(root, 'reports/test-matrix.csv'), 'utf8'), written + 'my note\n');
        writeFileSync(path.join(root, 'reports/test-matrix.html'), '<p>mine</p>');
        const foreign = runCli(['matrix', '--format', 'html', '--out', 'reports'], { cwd: root });
        assert.equal(foreign.status, 2);
        assert.match(foreign.stderr, /reports\/test-matrix\.html: refusing to overwrite a file interspec did not write/);
        assert.equal(readFileSync(path.join(root, 'reports/test-matrix.html'), 'utf8'), '<p>mine</p>');
        const forced = runCli(['matrix', '--format', 'html', '--out', 'reports', '--force'], { cwd: root });
        assert.equal(forced.status, 0, forced.stderr);
        assert.match(readFileSync(path.join(root, 'reports/test-matrix.html'), 'utf8'), /^<!DOCTYPE html>/i);
    });

    it('refuses a manifest it did not write', () => {
        const root = starterWorkspace();
        mkdirSync(path.join(root, 'reports'));
        writeFileSync(path.join(root, 'reports/.interspec-generated.json'), '{"files": 3}');
        const result = runCli(['matrix', '--out', 'reports'], { cwd: root });
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /\.interspec-generated\.json: not a manifest interspec wrote/);
    });

    it('says NO-GO with reasons and exits 1, then GO and 0 once the evidence is complete', () => {
        const root = starterWorkspace();
        const noGo = runCli(['gate', 'DemoGoLive'], { cwd: root });
        assert.equal(noGo.status, 1, noGo.stderr);
        // Sentences under their go-live question, naming items by title, not by internal id: a reader who is not the
        // spec's author can act on them.
        assert.match(noGo.stdout, /^DemoGoLive: NO-GO\n {2}[A-Z][^\n]*\?\n {4}- [^\n]+ is still pending[.:]/);
        assert.doesNotMatch(noGo.stdout, /DemoGoLive\.\w/);

        const checklist = JSON.parse(runCli(['checklist', 'DemoGoLive', '--format', 'json'], { cwd: root }).stdout).checklists[0];
        const items = checklist.groups.flatMap((group: { items: Array<{ id: string, tests?: string[] }> }) => group.items);
        const ids = [...new Set(items.flatMap((item: { id: string, tests?: string[] }) => [item.id, ...(item.tests ?? [])]))] as string[];
        const evidence = ids.map(id => `  - id: ${id}\n    status: ${id.startsWith('TM-') ? 'passed' : 'done'}\n    by: Go-live team\n    date: 2026-10-01\n`).join('');
        mkdirSync(path.join(root, 'evidence'));
        writeFileSync(path.join(root, 'evidence/main.yaml'), `evidence:\n${evidence}`);
        const go = runCli(['gate', 'DemoGoLive', '--format', 'json'], { cwd: root });
        assert.equal(go.status, 0, go.stdout + go.stderr);
        assert.equal(go.stderr, '');
        const decision = JSON.parse(go.stdout);
        assert.equal(decision.gate, 'DemoGoLive');
        assert.equal(decision.decision, 'GO');
        assert.equal(parse(readFileSync(path.join(root, 'evidence/main.yaml'), 'utf8')).evidence.length, ids.length, 'evidence is never rewritten');
    });

    it('rejects an unknown gate, a bad format and a missing workspace with one line and exit 2', () => {
        const root = starterWorkspace();
        const cases: Array<[string[], RegExp]> = [
            [['gate', 'Nope'], /Unknown gate 'Nope'; the workspace declares: DemoGoLive/],
            [['checklist', 'Nope'], /Unknown gate 'Nope'/],
            [['gate'], /missing required argument 'gate'/],
            [['matrix', '--format', 'pdf'], /argument 'pdf' is invalid\. expected one of markdown, csv, json, html, text\./],
            [['checklist', '--format', 'csv'], /argument 'csv' is invalid\. expected one of markdown, html, json, text\./],
            [['matrix', '--format', 'htm'], /expected one of markdown, csv, json, html, text; did you mean 'html'\?/],
            [['gate', 'DemoGoLiv'], /Unknown gate 'DemoGoLiv'; the workspace declares: DemoGoLive\. Did you mean 'DemoGoLive'\?/],
            [['matrix', '--summary', '--format', 'csv'], /--summary is a mode of the Markdown matrix/],
            [['matrix', '-w', 'nowhere'], /nowhere: no such file or folder/],
            [['matrix', 'nowhere'], /nowhere: no such file or folder/]
        ];
        for (const [args, message] of cases) {
            const result = runCli(args, { cwd: root });
            assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
            assert.ok(isOneLineError(result.stderr), `${args.join(' ')}: ${JSON.stringify(result.stderr)}`);
            assert.match(result.stderr, message);
        }
    });

    it('takes paths like check (and -w as before), for matrix, checklist and gate', () => {
        const root = starterWorkspace();
        const parent = path.dirname(root);
        const name = path.basename(root);
        const byPath = runCli(['matrix', name, '--format', 'json'], { cwd: parent });
        assert.equal(byPath.status, 0, byPath.stderr);
        assert.equal(runCli(['matrix', '-w', name, '--format', 'json'], { cwd: parent }).stdout, byPath.stdout);
        assert.equal(runCli(['matrix', `${name}/*.ispec`, '--format', 'json'], { cwd: parent }).stdout, byPath.stdout);
        const checklist = runCli(['checklist', name], { cwd: parent });
        assert.equal(checklist.status, 0, checklist.stderr);
        assert.match(checklist.stdout, /# Go-live checklist: DemoGoLive/);
        assert.equal(runCli(['checklist', 'DemoGoLive', name], { cwd: parent }).stdout, checklist.stdout);
        assert.notEqual(runCli(['gate', 'DemoGoLive', name], { cwd: parent }).status, 2);
    });

    it('never exits 0 on a folder without specs', () => {
        const empty = mkdtempSync(path.join(tmpdir(), 'interspec-nospec-'));
        for (const args of [['matrix'], ['checklist'], ['gate', 'DemoGoLive'], ['check']]) {
            const result = runCli(args, { cwd: empty });
            assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
            assert.ok(isOneLineError(result.stderr), result.stderr);
            assert.match(result.stderr, /no \.ispec files found/);
        }
    });

    it('writes a Markdown matrix summary that fits a pull-request comment for every example', () => {
        for (const root of exampleRoots()) {
            const result = runCli(['matrix', root, '--summary']);
            assert.equal(result.status, 0, result.stderr);
            assert.ok(result.stdout.length <= 65_536, `${root}: ${result.stdout.length}`);
            assert.match(result.stdout, /## By interface[\s\S]*## By site[\s\S]*## By scenario[\s\S]*## Rows that need attention/);
        }
        const flawed = runCli(['matrix', 'examples/flawed', '--summary']).stdout;
        const attention = flawed.slice(flawed.indexOf('## Rows that need attention')).split('\n').filter(line => line.startsWith('| `TM-'));
        const firstPending = attention.findIndex(line => !line.includes('**unhandled**') && !line.includes('**failed**'));
        assert.ok(attention.length > 0 && firstPending > 0, 'unhandled rows come first');
        assert.ok(attention.slice(firstPending).every(line => !line.includes('**unhandled**')), 'no unhandled row after a pending one');
        const lab = runCli(['matrix', 'examples/lab-network', '--summary']).stdout;
        assert.match(lab, /…and \d+ more rows that need attention .*the full table is in `interspec matrix --format markdown --out DIR`/);
    });
});
