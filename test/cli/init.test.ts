import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO, isOneLineError, runCli } from './run-cli.js';
import { STARTER_FINDING, STARTER_SPEC } from '../../src/cli/templates/starter.js';

function emptyFolder(): string {
    return mkdtempSync(path.join(tmpdir(), 'interspec-init-'));
}

/** The fenced workflow in docs/ci.md, between its markers. */
function documentedWorkflow(): string {
    const doc = readFileSync(path.join(REPO, 'docs/ci.md'), 'utf8');
    const match = /<!-- interspec-workflow:start -->\n```yaml\n([\s\S]*?)```\n<!-- interspec-workflow:end -->/.exec(doc);
    assert.ok(match, 'docs/ci.md has the workflow between its markers');
    return match[1];
}

describe('cli: init', function () {
    // Each test runs the built CLI several times; a loaded CI machine needs more than the default timeout.
    this.timeout(120_000);

    it('creates a workspace whose starter spec has exactly the one finding the walkthrough fixes, a warning check passes', () => {
        const folder = emptyFolder();
        const result = runCli(['init', 'ws'], { cwd: folder });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /created ws\/interspec\.yaml\ncreated ws\/integration\.ispec\ncreated ws\/\.github\/workflows\/interspec\.yml\n/);
        assert.match(result.stdout, /\nNext: interspec check ws\nIt reports one warning on purpose \(exception-escalation, the 'on out-of-order' handler of integration\.ispec\)/);
        const check = runCli(['check', 'ws', '--format', 'json'], { cwd: folder });
        assert.equal(check.status, 0, `a warning does not fail check at its default --fail-on error\n${check.stdout}${check.stderr}`);
        const findings = JSON.parse(check.stdout).findings as Array<{ rule: string, severity: string, line: number }>;
        assert.deepEqual(findings.map(f => [f.rule, f.severity]), [[STARTER_FINDING.rule, STARTER_FINDING.severity]], check.stdout);
        // The finding sits on the handler the file's comment explains, right under that comment.
        const lines = readFileSync(path.join(folder, 'ws', 'integration.ispec'), 'utf8').split('\n');
        assert.match(lines[findings[0].line - 1], new RegExp(`^\\s*on ${STARTER_FINDING.handler} "[^"]+"$`));
        assert.match(lines.slice(findings[0].line - 4, findings[0].line - 1).join('\n'), new RegExp(`exception-escalation[\\s\\S]*Ctrl\\+\\.[\\s\\S]*"${STARTER_FINDING.fix}"`));
        assert.equal(runCli(['check', 'ws', '--fail-on', 'warning'], { cwd: folder }).status, 1, 'and it is a real finding');
    });

    it('names its systems, site, interface and gate as examples, so a user\'s first system EHR or site Main is free', () => {
        const names = [...STARTER_SPEC.matchAll(/^(system|site|interface|gate) (\w+)/gm)].map(match => `${match[1]} ${match[2]}`);
        assert.deepEqual(names, ['system DemoLIS', 'system DemoEHR', 'site DemoHospital', 'interface DemoResults', 'gate DemoGoLive']);
        const folder = emptyFolder();
        assert.equal(runCli(['init'], { cwd: folder }).status, 0);
        writeFileSync(path.join(folder, 'mine.ispec'), 'team Mine\nsystem EHR "Our EHR" { kind EHR owner Mine }\nsystem LIS "Our LIS" { kind LIS owner Mine }\nsite Main "Main hospital" { hosts EHR, LIS }\n');
        const check = runCli(['check', '--format', 'json'], { cwd: folder });
        const rules = (JSON.parse(check.stdout).findings as Array<{ rule?: string, code?: string, message: string }>).map(f => `${f.rule ?? f.code}: ${f.message}`);
        assert.ok(!rules.some(rule => /duplicate|declared (twice|more than once)|already declared/i.test(rule)), rules.join('\n'));
    });

    it('writes the same GitHub workflow that docs/ci.md shows', () => {
        const folder = emptyFolder();
        assert.equal(runCli(['init'], { cwd: folder }).status, 0);
        const written = readFileSync(path.join(folder, '.github/workflows/interspec.yml'), 'utf8');
        assert.equal(written, documentedWorkflow());
        const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
        assert.ok(written.includes(`uses: interspec/interspec/.github/actions/setup-interspec@v${version}`), 'the workflow installs this version');
        assert.ok(!/npm install --global interspec@/.test(written), 'not from an npm package that is not published');
    });

    it('refuses to overwrite an existing file, and then writes nothing', () => {
        const folder = emptyFolder();
        writeFileSync(path.join(folder, 'interspec.yaml'), '# mine\n');
        const result = runCli(['init'], { cwd: folder });
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /interspec\.yaml: already exists/);
        assert.equal(readFileSync(path.join(folder, 'interspec.yaml'), 'utf8'), '# mine\n');
        assert.ok(!existsSync(path.join(folder, 'integration.ispec')));
    });

    it('writes a workflow whose steps pass, in order, on a fresh folder', function () {
        this.timeout(600_000);
        const folder = emptyFolder();
        assert.equal(runCli(['init'], { cwd: folder }).status, 0);
        const workflow = parseYaml(readFileSync(path.join(folder, '.github/workflows/interspec.yml'), 'utf8')) as Workflow;
        const action = parseYaml(readFileSync(path.join(REPO, '.github/actions/setup-interspec/action.yml'), 'utf8')) as { runs: { using: string, steps: Step[] } };
        assert.equal(action.runs.using, 'composite');
        const installed = mkdtempSync(path.join(tmpdir(), 'interspec-prefix-'));
        const summary = path.join(folder, 'step-summary.md');
        const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: summary, PATH: `${path.join(installed, 'bin')}${path.delimiter}${process.env.PATH}` };
        const ran: string[] = [];
        for (const [jobName, job] of Object.entries(workflow.jobs)) {
            if (job.if?.includes('go-live/')) {
                continue; // Runs only on go-live/<gate> branches; a fresh workspace is on none.
            }
            for (const step of job.steps) {
                if (step.uses?.startsWith('interspec/interspec/.github/actions/setup-interspec@')) {
                    // The action at this commit: the same install, from the tarball of this (already built) checkout.
                    const install = action.runs.steps.find(s => s.run?.includes('npm pack'))!;
                    assert.match(install.run!, /npm run build/);
                    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', installed], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').at(-1)!;
                    execFileSync('npm', ['install', '--global', '--prefix', installed, '--prefer-offline', '--no-audit', '--no-fund', path.join(installed, tarball)], { cwd: installed, encoding: 'utf8' });
                    ran.push(`${jobName}: ${step.uses}`);
                } else if (step.uses?.startsWith('actions/checkout@') || step.uses?.startsWith('actions/setup-node@')) {
                    ran.push(`${jobName}: ${step.uses}`); // The fresh folder is the checkout; Node is this Node.
                } else if (step.uses?.startsWith('github/codeql-action/upload-sarif@')) {
                    assert.ok(existsSync(path.join(folder, step.with!.sarif_file)), `${step.with!.sarif_file} to upload`);
                    ran.push(`${jobName}: ${step.uses}`);
                } else if (step.uses?.startsWith('actions/upload-artifact@')) {
                    assert.ok(existsSync(path.join(folder, step.with!.path)), `${step.with!.path} to upload`);
                    ran.push(`${jobName}: ${step.uses}`);
                } else if (step.run !== undefined) {
                    const result = spawnSync('bash', ['-e', '-c', step.run], { cwd: folder, env, encoding: 'utf8' });
                    assert.equal(result.status, 0, `${jobName}: ${step.name ?? step.run}\n${result.stdout}${result.stderr}`);
                    ran.push(`${jobName}: ${step.name ?? step.run}`);
                } else {
                    assert.fail(`${jobName}: a step this test cannot run: ${JSON.stringify(step)}`);
                }
            }
        }
        assert.ok(ran.some(step => step.includes('setup-interspec')), ran.join('\n'));
        assert.match(readFileSync(summary, 'utf8'), /## Interspec check[\s\S]*# Go-live checklist[\s\S]*# Test matrix summary/);
    });
});

interface Step { name?: string, uses?: string, run?: string, with?: Record<string, string>, if?: string }
interface Workflow { jobs: Record<string, { if?: string, steps: Step[] }> }
