import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from './run-cli.js';

/** A starter workspace (`interspec init`) with complete evidence: its gate DemoGoLive is GO. */
function goWorkspace(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-verdicts-'));
    assert.equal(runCli(['init'], { cwd: root }).status, 0);
    const checklist = JSON.parse(runCli(['checklist', 'DemoGoLive', '--format', 'json'], { cwd: root }).stdout).checklists[0];
    const items = checklist.groups.flatMap((group: { items: Array<{ id: string, tests: string[] }> }) => group.items);
    const ids = [...new Set(items.flatMap((item: { id: string, tests: string[] }) => [item.id, ...item.tests]))] as string[];
    mkdirSync(path.join(root, 'evidence'));
    writeFileSync(path.join(root, 'evidence/main.yaml'), `evidence:\n${ids.map(id =>
        `  - id: ${id}\n    status: ${id.startsWith('TM-') ? 'passed' : 'done'}\n    by: Go-live team\n    date: 2026-10-01\n`).join('')}`);
    const go = runCli(['gate', 'DemoGoLive'], { cwd: root });
    assert.equal(go.status, 0, go.stdout + go.stderr);
    return root;
}

/**
 * Files a half-typed spec gives (a bare `on`, a keyword without its value, a nameless element, a half-written metric);
 * each once crashed a command. One workspace holds them all.
 */
const PARTIAL_FILES: Record<string, string> = {
    'bare-on.ispec': 'team T1\ninterface I1 {\n    owner T1\n    on\n',
    'no-standard-value.ispec': 'team T2\ninterface I2 {\n    owner T2\n    standard\n}\n',
    'nameless-gate.ispec': 'gate {}\n',
    'half-metric.ispec': 'site S {}\ngate G { site S }\ninterface I3 {\n    sites S\n    monitor {\n        metric m ))junk\n    }\n}\n',
    'version-no-name.ispec': 'team T4\ninterface I4 {\n    owner T4\n    standard 2.5.1\n}\n'
};

describe('cli: no verdict on a broken spec', function () {
    this.timeout(180_000);

    it('says NO-GO, naming the file and line, while another file has a syntax error (a stray quote) or an unresolved reference', () => {
        const root = goWorkspace();
        writeFileSync(path.join(root, 'broken.ispec'), 'import "integration.ispec"\ninterface Broken "A second feed" {\n'
            + '    from DemoLIS to DemoEHR\n    standard HL7v2 2.5.1"\n    owner LabIT\n    criticality critical\n}\n');
        const gate = runCli(['gate', 'DemoGoLive'], { cwd: root });
        assert.equal(gate.status, 1, gate.stdout + gate.stderr);
        assert.match(gate.stdout, /^DemoGoLive: NO-GO\n {2}- The spec itself is broken: 1 problem/);
        assert.match(gate.stdout, /broken\.ispec:4:25: .*closing double quote.* \(syntax\)/);
        const json = JSON.parse(runCli(['gate', 'DemoGoLive', '--format', 'json'], { cwd: root }).stdout);
        assert.equal(json.decision, 'NO-GO');

        for (const command of [['matrix'], ['checklist', 'DemoGoLive', '--format', 'json'], ['matrix', '--out', 'reports']]) {
            const result = runCli(command, { cwd: root });
            assert.equal(result.status, 1, `${command.join(' ')}: ${result.stderr}`);
            assert.match(result.stderr, /^broken\.ispec:4:25: .*\(syntax\)\ninterspec: the spec itself is broken \(1 problem above\)/, command.join(' '));
        }
        const checklist = JSON.parse(runCli(['checklist', 'DemoGoLive', '--format', 'json'], { cwd: root }).stdout).checklists[0];
        assert.equal(checklist.decision, 'NO-GO');
        assert.deepEqual(checklist.blockingFindings[0], {
            file: 'broken.ispec', line: 4, column: 25, code: 'syntax', message: 'This text has no closing double quote: add \'"\' at its end.'
        });

        // An unresolved reference outside the gate's scope breaks the spec as well.
        unlinkSync(path.join(root, 'broken.ispec'));
        writeFileSync(path.join(root, 'other.ispec'), 'import "integration.ispec"\nsystem Other { kind LIS owner NoSuchTeam }\n');
        const unresolved = runCli(['gate', 'DemoGoLive'], { cwd: root });
        assert.equal(unresolved.status, 1, unresolved.stdout);
        assert.match(unresolved.stdout, /other\.ispec:2:31: .*NoSuchTeam.* \(unresolved-reference\)/);
    });

    it('checks and generates from half-typed files without a crash: syntax errors, no internal error, no verdict', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-partial-'));
        writeFileSync(path.join(root, 'interspec.yaml'), '');
        for (const [name, spec] of Object.entries(PARTIAL_FILES)) {
            writeFileSync(path.join(root, name), spec);
        }
        const check = runCli(['check', '--format', 'json'], { cwd: root });
        assert.equal(check.status, 1, check.stderr);
        assert.equal(check.stderr, '', 'no stack trace');
        assert.ok(!check.stdout.includes('internal-error'), check.stdout);
        const findings = (JSON.parse(check.stdout) as { findings: Array<{ file: string, rule: string }> }).findings;
        for (const name of Object.keys(PARTIAL_FILES)) {
            assert.ok(findings.some(finding => finding.file === name && finding.rule === 'syntax'), `${name}: ${check.stdout}`);
        }
        for (const command of [['matrix', '--format', 'csv'], ['checklist', '--format', 'markdown'], ['checklist', '--format', 'html'], ['gate', 'G']]) {
            const result = runCli(command, { cwd: root });
            assert.ok(!/internal error|\n\s+at /.test(result.stderr), `${command.join(' ')}: ${result.stderr}`);
            assert.equal(result.status, 1, `${command.join(' ')}: ${result.stdout}${result.stderr}`);
            assert.match(command[0] === 'gate' ? result.stdout : result.stderr, /[Tt]he spec itself is broken/);
        }
    });
});
