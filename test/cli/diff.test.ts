import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SpecDiff } from '../../language-server/generators/index.js';
import { exampleRoots, schemaValidator } from '../generators/generator-support.js';
import { REPO, isOneLineError, runCli } from './run-cli.js';

const LIMIT = 65_536;

function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.email=test@example.org', '-c', 'user.name=Test', ...args], { cwd, encoding: 'utf8' });
}

function edit(file: string, from: string, to: string): void {
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `${file} holds ${from}`);
    writeFileSync(file, text.replace(from, to));
}

/**
 * A repository with two commits of examples/lab-network: the second adds a `cancellation` handler to
 * CourierManifests, takes Hillcrest off LabResults, and gives MiniGate (GO in the first: its one item is done) a
 * criterion that is still pending, so it flips to NO-GO.
 */
function labRepository(): string {
    const repo = mkdtempSync(path.join(tmpdir(), 'interspec-diff-test-'));
    git(repo, 'init', '-q');
    cpSync(path.join(REPO, 'examples/lab-network'), path.join(repo, 'specs'), { recursive: true });
    writeFileSync(path.join(repo, 'specs/gates.ispec'), readFileSync(path.join(repo, 'specs/gates.ispec'), 'utf8')
        + '\ngate MiniGate "Mini" {\n    approver Programme\n    hypercare 7d support LabInformatics escalate Programme\n}\n');
    writeFileSync(path.join(repo, 'specs/evidence/mini.yaml'),
        'evidence:\n  - id: MiniGate.readiness.hypercare\n    status: done\n    by: Programme office\n    date: 2026-10-01\n');
    writeFileSync(path.join(repo, 'specs/interspec.yaml'), readFileSync(path.join(repo, 'specs/interspec.yaml'), 'utf8') + '\nrules:\n  gate-coverage: off\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
    git(repo, 'branch', 'base');
    edit(path.join(repo, 'specs/logistics.ispec'), '    on recovery', '    on cancellation "A cancelled pick-up is taken off the manifest; reception is told" escalate SpecimenLogistics within 1h\n    on recovery');
    edit(path.join(repo, 'specs/results.ispec'), '    sites Riverside, Hillcrest\n    affects OrderingClinician, WardNurse, LabSupervisor', '    sites Riverside\n    affects OrderingClinician, WardNurse, LabSupervisor');
    edit(path.join(repo, 'specs/gates.ispec'), 'escalate Programme\n}\n', 'escalate Programme\n    criterion Signed "Signed off" {\n        question compliance\n        evidence "Signature"\n        approver Programme\n    }\n}\n');
    git(repo, 'commit', '-qam', 'head');
    return repo;
}

describe('interspec diff', () => {
    let repo: string;
    before(() => { repo = labRepository(); });

    it('reports an added handler\'s test cases, a removed site\'s rows and a flipped gate between two git revisions', () => {
        const result = runCli(['diff', 'base...HEAD', '-w', 'specs', '--format', 'json'], { cwd: repo });
        assert.equal(result.status, 0, result.stderr);
        const diff = JSON.parse(result.stdout) as SpecDiff;
        const validate = schemaValidator('spec-diff.schema.json');
        assert.ok(validate(JSON.parse(result.stdout)), JSON.stringify(validate.errors));
        assert.deepEqual(diff.testCases.added.map(t => t.id), [
            'TM-CourierManifests-Hillcrest-ShipmentEvent-cancellation', 'TM-CourierManifests-Lakeside-ShipmentEvent-cancellation']);
        assert.ok(diff.testCases.removed.length > 40);
        assert.ok(diff.testCases.removed.every(t => t.interface === 'LabResults' && t.site === 'Hillcrest'));
        assert.deepEqual(diff.gates, [{ gate: 'MiniGate', before: 'GO', after: 'NO-GO' }]);
        assert.match(diff.base, /^base \([0-9a-f]{12}\)$/);
        // The working tree is not touched, and the same input gives the same bytes.
        assert.equal(git(repo, 'status', '--porcelain'), '');
        assert.equal(runCli(['diff', 'base...HEAD', '-w', 'specs', '--format', 'json'], { cwd: repo }).stdout, result.stdout);
    });

    it('writes Markdown for a pull-request comment with the counts, the flip and a pointer to the JSON', () => {
        const result = runCli(['diff', 'base..HEAD', '-w', 'specs', '-o', 'diff.md', '--json', 'diff.json'], { cwd: repo });
        assert.equal(result.status, 0, result.stderr);
        const markdown = readFileSync(path.join(repo, 'diff.md'), 'utf8');
        assert.match(markdown, /^<!-- interspec-diff -->\n/);
        assert.match(markdown, /Test cases: \*\*2\*\* added, \*\*\d+\*\* removed/);
        assert.match(markdown, /\| MiniGate \| ✅ GO \| ⛔ NO-GO \|/);
        assert.match(markdown, /`TM-CourierManifests-Lakeside-ShipmentEvent-cancellation`/);
        assert.ok(JSON.parse(readFileSync(path.join(repo, 'diff.json'), 'utf8')).summary.testCasesAdded === 2);
    });

    it('compares two folders, and a revision with the working tree', () => {
        const old = mkdtempSync(path.join(tmpdir(), 'interspec-diff-old-'));
        cpSync(path.join(REPO, 'examples/lab-network'), old, { recursive: true });
        const same = runCli(['diff', old, path.join(REPO, 'examples/lab-network')]);
        assert.equal(same.status, 0, same.stderr);
        assert.match(same.stdout, /No test case, finding or gate decision changed\./);
        const tree = runCli(['diff', 'base', '-w', 'specs', '--format', 'json'], { cwd: repo });
        assert.equal(JSON.parse(tree.stdout).head, 'working tree');
        assert.equal(JSON.parse(tree.stdout).summary.testCasesAdded, 2);
    });

    it('fits a pull-request comment for every example, even when everything is new', () => {
        const empty = mkdtempSync(path.join(tmpdir(), 'interspec-diff-empty-'));
        for (const root of exampleRoots()) {
            for (const args of [[empty, root]]) {
                const result = runCli(['diff', ...args]);
                assert.equal(result.status, 0, result.stderr);
                assert.ok(result.stdout.length <= LIMIT, `${root}: ${result.stdout.length} characters`);
                assert.match(result.stdout, /Test cases: \*\*\d+\*\* added/);
            }
        }
    });

    it('says clearly what is wrong with a revision, outside a repository, or without specs', () => {
        const bad = runCli(['diff', 'no-such-branch...HEAD', '-w', 'specs'], { cwd: repo });
        assert.equal(bad.status, 2);
        assert.ok(isOneLineError(bad.stderr), bad.stderr);
        assert.match(bad.stderr, /no-such-branch: not a folder, nor a revision/);
        const outside = mkdtempSync(path.join(tmpdir(), 'interspec-diff-outside-'));
        const noRepo = runCli(['diff', 'main...HEAD'], { cwd: outside });
        assert.equal(noRepo.status, 2);
        assert.match(noRepo.stderr, /revisions need a git repository/);
        const empty = runCli(['diff', outside, outside]);
        assert.equal(empty.status, 2);
        assert.match(empty.stderr, /no \.ispec files/);
    });
});
