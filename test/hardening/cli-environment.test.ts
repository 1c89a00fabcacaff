import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BIN, isOneLineError, runCli } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';

const SPEC = 'team T\nsystem A { kind X owner T }\nsystem B { kind X owner T }\nsite S { timezone "UTC" }\ninterface F { from A to B owner T sites S message ORU^R01 }\n';

/** Runs the CLI from a folder that was removed after the shell entered it (a CI step after `rm -rf` of its folder). */
function runInRemovedFolder(args: string[]): { status: number | null, stderr: string, stdout: string } {
    const parent = writeWorkspace({ 'spec.ispec': SPEC });
    const gone = path.join(parent, 'gone');
    mkdirSync(gone);
    const result = spawnSync('sh', ['-c', 'cd "$1" && rmdir "$1" && shift && exec "$@"', 'sh', gone, process.execPath, BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Faults issue 29 does not list: what the machine around the CLI does wrong. Each ends with one line naming the
 * problem and exit 2, never a stack trace, and never a run that quietly reads less than it was given.
 */
describe('hardening: the CLI in a broken environment', function () {
    this.timeout(300_000);

    it('a current folder that was removed: one line and exit 2 (it was a Node stack trace and exit 1, even for --version)', () => {
        for (const args of [['check'], ['--version'], ['gate', 'Go', '/tmp']]) {
            const run = runInRemovedFolder(args);
            assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
            assert.ok(isOneLineError(run.stderr), run.stderr);
            assert.match(run.stderr, /^interspec: the current folder no longer exists \(ENOENT\); cd to an existing folder\n$/);
        }
    });

    it('interspec.yaml a symbolic link to nothing, or a loop of links: exit 2 naming it (the defaults were used silently)', () => {
        const strict = 'rules:\n  site-baseline: error\n';
        const root = writeWorkspace({ 'spec.ispec': SPEC, 'shared/strict.yaml': strict }, false);
        symlinkSync('shared/strict.yaml', path.join(root, 'interspec.yaml'));
        // The link to a real file is followed: its rules apply (site-baseline is an error, so check exits 1).
        assert.equal(runCli(['check'], { cwd: root }).status, 1);
        rmSync(path.join(root, 'shared'), { recursive: true });
        const dangling = runCli(['check'], { cwd: root });
        assert.equal(dangling.status, 2, `a dangling link: ${dangling.stdout}${dangling.stderr}`);
        assert.ok(isOneLineError(dangling.stderr), dangling.stderr);
        assert.match(dangling.stderr, /^interspec: interspec\.yaml:1:1: cannot read the configuration file: no such file or directory \(ENOENT\)/);
        rmSync(path.join(root, 'interspec.yaml'));
        symlinkSync('interspec.yaml', path.join(root, 'interspec.yaml'));
        const loop = runCli(['gate', 'Go'], { cwd: root });
        assert.equal(loop.status, 2, `a loop: ${loop.stdout}${loop.stderr}`);
        assert.match(loop.stderr, /^interspec: interspec\.yaml:1:1: cannot read the configuration file: too many (levels of )?symbolic links/);
    });

    it('a dangling interspec.yaml in a subfolder still makes it a workspace root of its own (its files were checked under the parent\'s rules)', () => {
        const root = writeWorkspace({ 'spec.ispec': SPEC, 'sub/more.ispec': SPEC.replace(/\bT\b/g, 'U').replace(/\bF\b/, 'G') }, true);
        symlinkSync('../nowhere.yaml', path.join(root, 'sub', 'interspec.yaml'));
        const run = runCli(['check', 'sub'], { cwd: root });
        assert.equal(run.status, 2, run.stdout + run.stderr);
        assert.match(run.stderr, /^interspec: sub\/interspec\.yaml:1:1: cannot read the configuration file/);
    });

    it('a git revision whose files git cannot read: exit 2 naming the revision (the diff compared with an empty spec)', () => {
        const root = writeWorkspace({ 'spec.ispec': SPEC });
        const git = (...args: string[]) => {
            const result = spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: root, encoding: 'utf8' });
            assert.equal(result.status, 0, result.stderr);
            return result.stdout.trim();
        };
        git('init', '-q');
        git('add', '-A');
        git('commit', '-qm', 'one');
        const blob = git('rev-parse', 'HEAD:spec.ispec');
        writeFileSync(path.join(root, 'spec.ispec'), SPEC + 'team Other\n');
        git('commit', '-qam', 'two');
        // The first commit's spec blob is corrupt (a disk error, an interrupted fetch, a partial clone offline).
        const object = path.join(root, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
        rmSync(object, { force: true });
        writeFileSync(object, 'garbage');
        const run = runCli(['diff', 'HEAD~1', '--format', 'json'], { cwd: root });
        assert.equal(run.status, 2, `exit ${run.status}: ${run.stdout.slice(0, 300)}${run.stderr}`);
        assert.ok(isOneLineError(run.stderr), run.stderr);
        assert.match(run.stderr, /^interspec: HEAD~1: git cannot read spec\.ispec of commit [0-9a-f]{12}: .+\n$/);
        assert.equal(run.stdout, '');
        // A revision that does not have the folder is still an empty spec, not an error.
        mkdirSync(path.join(root, 'later'));
        writeFileSync(path.join(root, 'later', 'spec.ispec'), `${SPEC}// a blob of its own\n`);
        writeFileSync(path.join(root, 'later', 'interspec.yaml'), '# a workspace of its own\n');
        git('add', '-A');
        git('commit', '-qm', 'three');
        const fresh = runCli(['diff', 'HEAD~1', 'HEAD', '-w', 'later', '--format', 'json'], { cwd: root });
        assert.equal(fresh.status, 0, fresh.stderr);
        assert.equal(JSON.parse(fresh.stdout).summary.testCasesAdded, 1, 'HEAD~1 has no later/: every test case is added');
        assert.deepEqual(readdirSync(root).filter(name => name.endsWith('.tmp')), []);
    });
});
