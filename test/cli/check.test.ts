import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeWorkspace } from '../support/workspace.js';
import { RULE_SPEC } from './fixtures.js';
import { BIN, isOneLineError, runCli } from './run-cli.js';

function withoutColorVariables(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    return env;
}

/** A small workspace with structural problems on known lines. */
function brokenWorkspace(): string {
    return writeWorkspace({
        'org.ispec': 'team LabIT "Laboratory IT"\n',
        'lab.ispec': 'import "org.ispec"\nsystem LIS { owner LabITT }\n',
        'sub/ok.ispec': 'team Other\n'
    });
}

describe('cli: check', function () {
    // Each test runs the built CLI several times; a loaded CI machine needs more than the default timeout.
    this.timeout(120_000);

    it('prints stylish output grouped by file without colour when not a terminal, and exits 1 on errors', () => {
        const root = brokenWorkspace();
        const result = runCli(['check'], { cwd: root });
        assert.equal(result.status, 1, result.stderr);
        assert.equal(result.stderr, '');
        assert.doesNotMatch(result.stdout, /\u001b\[/);
        const lines = result.stdout.split('\n');
        assert.equal(lines[0], 'lab.ispec');
        assert.match(lines[1], /^ {2}2:20 +error +Unknown team or role 'LabITT'\. Did you mean 'LabIT'\? +unresolved-reference$/);
        assert.match(result.stdout, /✖ 3 files checked: 1 problem \(1 error\)\n$/);
    });

    it('colours stylish output with FORCE_COLOR and not with NO_COLOR', () => {
        const root = brokenWorkspace();
        assert.match(runCli(['check'], { cwd: root, env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[31merror/);
        assert.doesNotMatch(runCli(['check'], { cwd: root, env: { NO_COLOR: '1' } }).stdout, /\u001b\[/);
    });

    it('colours stylish output on a terminal unless NO_COLOR is set', function () {
        // util-linux `script` gives the CLI a pseudo-terminal, as an interactive shell would.
        if (spawnSync('script', ['--version']).status !== 0) {
            this.skip();
        }
        const root = writeWorkspace({ 'a.ispec': RULE_SPEC });
        const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check`;
        const onTerminal = (env: NodeJS.ProcessEnv) => spawnSync('script', ['-qec', command, '/dev/null'], {
            cwd: root, encoding: 'utf8', env: { ...withoutColorVariables(), ...env }
        }).stdout;
        assert.match(onTerminal({}), /\u001b\[33mwarning\u001b\[39m/);
        assert.doesNotMatch(onTerminal({ NO_COLOR: '1' }), /\u001b\[/);
    });

    it('exits 0 on a clean workspace and accepts files, folders and globs', () => {
        const root = writeWorkspace({ 'a.ispec': 'team A\n', 'nested/b.ispec': 'import "../a.ispec"\nrole B { team A }\n' });
        for (const args of [['check'], ['check', 'nested'], ['check', 'nested/b.ispec'], ['check', '**/*.ispec']]) {
            const result = runCli(args, { cwd: root });
            assert.equal(result.status, 0, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
            assert.match(result.stdout, /no problems/);
        }
        const only = runCli(['check', 'nested', '--format', 'json'], { cwd: root });
        assert.deepEqual(JSON.parse(only.stdout).files, ['nested/b.ispec']);
    });

    it('writes several formats at once, each -o taking the --format before it', () => {
        const root = brokenWorkspace();
        const result = runCli(['check', '--format', 'json', '-o', 'reports/out.json', '--format', 'github', '--format', 'markdown', '-o', 'summary.md'], { cwd: root });
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stdout, /^::error file=lab\.ispec,line=2,col=20,endLine=2,endColumn=26,title=unresolved-reference::Unknown team/);
        const json = JSON.parse(readFileSync(path.join(root, 'reports/out.json'), 'utf8'));
        assert.deepEqual(json.summary, { files: 3, errors: 1, warnings: 0, infos: 0, suppressed: 0 });
        assert.deepEqual(json.findings[0], {
            file: 'lab.ispec', line: 2, column: 20, endLine: 2, endColumn: 26, severity: 'error',
            rule: 'unresolved-reference', message: "Unknown team or role 'LabITT'. Did you mean 'LabIT'?"
        });
        const summary = readFileSync(path.join(root, 'summary.md'), 'utf8');
        assert.match(summary, /^## Interspec check\n/);
        assert.match(summary, /\| ❌ error \| `lab\.ispec:2:20` \| \[`unresolved-reference`\]\(/);
    });

    it('gives the same bytes on every run, in every format', () => {
        const root = brokenWorkspace();
        const formats = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'];
        const run = (folder: string) => {
            const args = ['check', ...formats.flatMap(format => ['--format', format, '-o', `${folder}/${format}.out`])];
            assert.equal(runCli(args, { cwd: root }).status, 1);
            return formats.map(format => readFileSync(path.join(root, folder, `${format}.out`), 'utf8'));
        };
        const first = run('first');
        assert.deepEqual(run('second'), first);
        assert.ok(first.every(text => text.length > 0));
    });

    it('fails on warnings only with --fail-on warning or --max-warnings, and never on suppressed findings', () => {
        const root = writeWorkspace({ 'a.ispec': RULE_SPEC });
        const status = (...args: string[]) => runCli(['check', ...args], { cwd: root }).status;
        assert.equal(status(), 0);
        assert.equal(status('--fail-on', 'error'), 0);
        assert.equal(status('--fail-on', 'warning'), 1);
        assert.equal(status('--fail-on', 'info'), 1);
        assert.equal(status('--max-warnings', '1'), 0);
        assert.equal(status('--max-warnings', '0'), 1);
        const onlySuppressed = writeWorkspace({ 'a.ispec': RULE_SPEC.replace(/interface Feed .*\n/, '') });
        assert.equal(runCli(['check', '--fail-on', 'info'], { cwd: onlySuppressed }).status, 0);
    });

    it('shows warnings, counts suppressed findings, and hides warnings with --quiet', () => {
        const root = writeWorkspace({ 'a.ispec': RULE_SPEC });
        const normal = runCli(['check'], { cwd: root }).stdout;
        assert.match(normal, /4:11 +warning +Nobody approves changes .* +change-authority\n/);
        assert.doesNotMatch(normal, /Quiet/, 'suppressed findings are not listed in stylish output');
        assert.match(normal, /1 problem \(1 warning\), 1 suppressed\n$/);
        const quiet = runCli(['check', '--quiet'], { cwd: root }).stdout;
        assert.doesNotMatch(quiet, /warning +Nobody/);
        const github = runCli(['check', '--format', 'github'], { cwd: root }).stdout;
        assert.equal(github.split('\n').length, 2, 'one annotation: the suppressed finding is left out');
        assert.match(github, /^::warning file=a\.ispec,line=4,col=11,endLine=4,endColumn=15,title=change-authority::/);
    });

    it('keeps --format json and sarif output parseable when a unit has blanks (the UCUM library logs those to stdout)', () => {
        // Found by npm run fuzz: a mutated units line made the library print "Unit requested for unit string …".
        const root = writeWorkspace({
            'a.ispec': 'team T { on-call 24x7 }\nsystem A { kind LIS owner T }\nsystem B { kind EHR owner T }\n'
                + 'interface I {\n    from A to B\n    standard HL7v2 2.5.1\n    owner T\n    message ORU^R01 {\n'
                + '        OBX-5 -> Observation.valueQuantity.value units "mg / dL" -> "mmol / L" factor 0.0555\n    }\n}\n'
        });
        for (const format of ['json', 'sarif']) {
            const result = runCli(['check', '--format', format], { cwd: root });
            assert.doesNotMatch(result.stdout, /Unit requested/);
            const parsed = JSON.parse(result.stdout);
            assert.match(JSON.stringify(parsed), /not a UCUM unit/, `${format} still reports the unit`);
        }
    });

    it('rejects bad usage with one line on stderr and exit 2', () => {
        const root = brokenWorkspace();
        writeFileSync(path.join(root, 'notes.txt'), 'not a spec');
        const cases: Array<[string[], RegExp]> = [
            [['check', '--bogus'], /unknown option '--bogus'/],
            [['check', '--format', 'xml'], /expected one of stylish, json, sarif, github, junit, markdown/],
            [['check', '--fail-on', 'fatal'], /argument 'fatal' is invalid\. expected one of error, warning, info\.$/m],
            [['check', '--fail-on', 'warnings'], /expected one of error, warning, info; did you mean 'warning'\?/],
            [['check', '--format', 'sarf'], /expected one of stylish, json, sarif, github, junit, markdown; did you mean 'sarif'\?/],
            [['check', '--max-warnings', 'many'], /expected a whole number/],
            [['check', '--format', 'json', '--format', 'sarif'], /only one format can go to standard output/],
            [['check', 'missing-folder'], /missing-folder: no such file or folder/],
            [['check', 'notes.txt'], /notes\.txt: not an \.ispec file/],
            [['check', 'nothing/**/*.ispec'], /no \.ispec file matches this pattern/],
            [['frobnicate'], /unknown command 'frobnicate'/]
        ];
        for (const [args, message] of cases) {
            const result = runCli(args, { cwd: root });
            assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
            assert.ok(isOneLineError(result.stderr), `${args.join(' ')}: ${JSON.stringify(result.stderr)}`);
            assert.match(result.stderr, message);
        }
    });

    it('reports an unreadable spec file as one line and exit 2', function () {
        const root = writeWorkspace({ 'a.ispec': 'team A\n', 'secret.ispec': 'team B\n' });
        chmodSync(path.join(root, 'secret.ispec'), 0o000);
        // root reads any file: run the CLI as an unprivileged user then.
        const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
        if (process.getuid?.() === 0) {
            chmodSync(root, 0o755);
        }
        const result = runCli(['check'], { cwd: root, spawn: asNobody });
        assert.equal(result.status, 2, result.stdout + result.stderr);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /secret\.ispec: permission denied/);
    });

    it('refuses to write a report where it cannot', () => {
        const root = brokenWorkspace();
        mkdirSync(path.join(root, 'taken.json'));
        const result = runCli(['check', '--format', 'json', '-o', 'taken.json'], { cwd: root });
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /taken\.json: is a folder/);
        if (process.platform === 'linux') {
            // Creating folders under /proc fails forever with ENOENT: one line and exit 2, not a hang.
            const proc = runCli(['check', '--format', 'sarif', '-o', '/proc/interspec-nope/out.sarif'], { cwd: root });
            assert.equal(proc.status, 2);
            assert.ok(isOneLineError(proc.stderr), proc.stderr);
        }
    });

    it('prints help with examples and the version', () => {
        const help = runCli(['check', '--help']);
        assert.equal(help.status, 0);
        assert.match(help.stdout, /Examples:/);
        assert.match(help.stdout, /--fail-on <severity>/);
        assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
    });

    it('reports evidence-file problems as findings with file:line:col: malformed, conflicting, misdated, skipped', () => {
        const spec = 'team LabIT\nsystem LIS { kind LIS owner LabIT }\n';
        const entry = (id: string, status: string, date: string) => `  - id: ${id}\n    status: ${status}\n    by: QA\n    date: ${date}\n`;
        const root = writeWorkspace({
            'spec.ispec': spec,
            'evidence/malformed.yaml': 'evidence:\n  - id: [unclosed\n',
            'evidence/conflict.yaml': 'evidence:\n' + entry('Go.Sim', 'failed', '2026-10-01') + entry('Go.Sim', 'passed', '2026-10-01'),
            'evidence/future.yaml': 'evidence:\n' + entry('Go.Other', 'passed', '9999-12-31')
        });
        writeFileSync(path.join(root, 'evidence/upper.YAML'), 'evidence: []\n');
        const result = runCli(['check', '--format', 'github', root]);
        assert.equal(result.status, 1, result.stdout + result.stderr);
        for (const [file, code] of [['malformed.yaml', 'evidence-invalid'], ['conflict.yaml', 'evidence-conflict'], ['future.yaml', 'evidence-date'], ['upper.YAML', 'evidence-skipped']]) {
            assert.match(result.stdout, new RegExp(`^::error file=evidence/${file.replace('.', '\\.')},line=\\d+,col=\\d+.*${code}`, 'm'), `${file}\n${result.stdout}`);
        }
        // Every format places them; SARIF names an artifact for each (no index -1).
        const sarif = JSON.parse(runCli(['check', '--format', 'sarif', root]).stdout);
        const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId.startsWith('evidence-'));
        assert.ok(results.length >= 4);
        assert.ok(results.every((r: { locations: Array<{ physicalLocation: { artifactLocation: { index: number } } }> }) => r.locations[0].physicalLocation.artifactLocation.index >= 0));
        // Clean evidence adds nothing: the spec alone passes.
        assert.equal(runCli(['check', writeWorkspace({ 'spec.ispec': spec, 'evidence/ok.yaml': 'evidence: []\n' })]).status, 0);
    });
});
