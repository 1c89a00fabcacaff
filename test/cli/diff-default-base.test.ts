import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SpecDiff } from '../../language-server/generators/index.js';
import { REPO, isOneLineError, runCli } from './run-cli.js';

function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.email=test@example.org', '-c', 'user.name=Test', ...args], { cwd, encoding: 'utf8' }).trim();
}

function edit(file: string, from: string, to: string): void {
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `${file} holds ${from}`);
    writeFileSync(file, text.replace(from, to));
}

const temporaries: string[] = [];

function temporary(prefix: string): string {
    const folder = mkdtempSync(path.join(tmpdir(), prefix));
    temporaries.push(folder);
    return folder;
}

/**
 * examples/lab-network in `specs/` committed on `branch`; then a `feature` branch (checked out) that adds a
 * `cancellation` handler to CourierManifests (2 test cases, one per site), while `branch` moves on without it and
 * takes Hillcrest off LabResults. Compared with the merge base, the feature adds exactly its 2 test cases and
 * removes none; compared with the tip of `branch`, it would also bring back every Hillcrest row.
 */
function repository(branch: string): string {
    const repo = temporary('interspec-diff-default-');
    git(repo, 'init', '-q', '-b', branch);
    cpSync(path.join(REPO, 'examples/lab-network'), path.join(repo, 'specs'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'spec');
    git(repo, 'checkout', '-q', '-b', 'feature');
    edit(path.join(repo, 'specs/logistics.ispec'), '    on recovery',
        '    on cancellation "A cancelled pick-up is taken off the manifest; reception is told" escalate SpecimenLogistics within 1h\n    on recovery');
    git(repo, 'commit', '-qam', 'feature');
    git(repo, 'checkout', '-q', branch);
    edit(path.join(repo, 'specs/results.ispec'), '    sites Riverside, Hillcrest\n    affects OrderingClinician, WardNurse, LabSupervisor',
        '    sites Riverside\n    affects OrderingClinician, WardNurse, LabSupervisor');
    git(repo, 'commit', '-qam', 'default branch moves on');
    git(repo, 'checkout', '-q', 'feature');
    return repo;
}

const ADDED = ['TM-CourierManifests-Hillcrest-ShipmentEvent-cancellation', 'TM-CourierManifests-Lakeside-ShipmentEvent-cancellation'];

describe('interspec diff with no base', function () {
    this.timeout(120_000);
    after(() => temporaries.forEach(folder => rmSync(folder, { recursive: true, force: true })));

    it('compares the working tree with the merge base of HEAD and main, and says so in one line', () => {
        const repo = repository('main');
        const result = runCli(['diff', '-w', 'specs', '--format', 'json'], { cwd: repo });
        assert.equal(result.status, 0, result.stderr);
        const mergeBase = git(repo, 'merge-base', 'HEAD', 'main');
        assert.equal(result.stderr, `interspec: comparing with the merge base of HEAD and main (${mergeBase.slice(0, 12)}), the default branch\n`);
        const diff = JSON.parse(result.stdout) as SpecDiff;
        assert.equal(diff.base, `merge base with main (${mergeBase.slice(0, 12)})`);
        assert.equal(diff.head, 'working tree');
        // The feature's own change only: main's later removal of Hillcrest is not shown as rows this branch adds.
        assert.deepEqual(diff.testCases.added.map(t => t.id), ADDED);
        assert.deepEqual(diff.testCases.removed, []);
        // The same as naming the range by hand.
        const explicit = runCli(['diff', 'main...HEAD', '-w', 'specs', '--format', 'json'], { cwd: repo });
        assert.deepEqual((JSON.parse(explicit.stdout) as SpecDiff).testCases, diff.testCases);
    });

    it('takes the target of origin/HEAD before main, and master when there is no main', () => {
        const repo = repository('main');
        // A remote whose default branch is `trunk`, at the first commit (so its merge base differs from main's).
        const first = git(repo, 'rev-list', '--max-parents=0', 'HEAD');
        git(repo, 'update-ref', 'refs/remotes/origin/trunk', first);
        git(repo, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
        const remote = runCli(['diff', '-w', 'specs', '--format', 'json'], { cwd: repo });
        assert.equal(remote.status, 0, remote.stderr);
        assert.match(remote.stderr, /^interspec: comparing with the merge base of HEAD and origin\/trunk \([0-9a-f]{12}\), the default branch\n$/);
        assert.deepEqual((JSON.parse(remote.stdout) as SpecDiff).testCases.added.map(t => t.id), ADDED);

        const legacy = repository('master');
        const master = runCli(['diff', '-w', 'specs'], { cwd: legacy });
        assert.equal(master.status, 0, master.stderr);
        assert.match(master.stderr, /merge base of HEAD and master /);
        assert.match(master.stdout, /Comparing `merge base with master \([0-9a-f]{12}\)` → `working tree`/);
        assert.match(master.stdout, /Test cases: \*\*2\*\* added, \*\*0\*\* removed/);
    });

    it('says in one line to pass a base outside a repository, or when there is no default branch (exit 2)', () => {
        const outside = temporary('interspec-diff-nogit-');
        const noRepo = runCli(['diff'], { cwd: outside });
        assert.equal(noRepo.status, 2);
        assert.ok(isOneLineError(noRepo.stderr), noRepo.stderr);
        assert.match(noRepo.stderr, /no base given and not in a git repository; pass a base/);
        assert.equal(noRepo.stdout, '');

        const develop = repository('develop');
        const noBranch = runCli(['diff', '-w', 'specs'], { cwd: develop });
        assert.equal(noBranch.status, 2);
        assert.ok(isOneLineError(noBranch.stderr), noBranch.stderr);
        assert.match(noBranch.stderr, /no default branch \(origin\/HEAD, main or master\) in this repository; pass a base/);
    });
});
