import { strict as assert } from 'node:assert';
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isOneLineError, runCli } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';

const SPEC = 'team T\nsystem A { kind X owner T }\n';

describe('hardening: safe writes', function () {
    this.timeout(120_000); // several CLI runs on a shared machine
    it('never follows a symlinked manifest or target out of the --out folder', () => {
        const root = writeWorkspace({ 'a.ispec': SPEC, 'outside/victim.txt': 'precious\n', 'reports/.keep': '' });
        const victim = path.join(root, 'outside/victim.txt');
        symlinkSync(victim, path.join(root, 'reports/.interspec-generated.json'));
        const refused = runCli(['matrix', '--out', 'reports'], { cwd: root });
        assert.equal(refused.status, 2, refused.stderr);
        assert.ok(isOneLineError(refused.stderr), refused.stderr);
        assert.match(refused.stderr, /\.interspec-generated\.json: the manifest is a symbolic link/);
        const forced = runCli(['matrix', '--out', 'reports', '--force'], { cwd: root });
        assert.equal(forced.status, 0, forced.stderr);
        assert.equal(readFileSync(victim, 'utf8'), 'precious\n', 'the file the link pointed to is untouched');
        assert.ok(!lstatSync(path.join(root, 'reports/.interspec-generated.json')).isSymbolicLink(), 'the link was replaced, not written through');

        const other = writeWorkspace({ 'a.ispec': SPEC, 'outside/victim.txt': 'precious\n', 'reports/.keep': '' });
        symlinkSync(path.join(other, 'outside/victim.txt'), path.join(other, 'reports/test-matrix.md'));
        const target = runCli(['matrix', '--out', 'reports'], { cwd: other });
        assert.equal(target.status, 2);
        assert.match(target.stderr, /test-matrix\.md: refusing to write through a symbolic link/);
        assert.equal(runCli(['matrix', '--out', 'reports', '--force'], { cwd: other }).status, 0);
        assert.equal(readFileSync(path.join(other, 'outside/victim.txt'), 'utf8'), 'precious\n');
        assert.deepEqual(readdirSync(path.join(other, 'reports')).filter(name => name.endsWith('.tmp')), [], 'no temporary file is left');
    });

    it('check -o refuses to overwrite the spec, an evidence file, interspec.yaml or a foreign file', () => {
        const root = writeWorkspace({ 'a.ispec': SPEC, 'interspec.yaml': '', 'evidence/run.yaml': 'evidence: []\n', 'notes.txt': 'mine\n' });
        for (const target of ['a.ispec', 'evidence/run.yaml', 'interspec.yaml', 'notes.txt']) {
            const before = readFileSync(path.join(root, target), 'utf8');
            const result = runCli(['check', '--format', 'json', '-o', target], { cwd: root });
            assert.equal(result.status, 2, `${target}: ${result.stderr}`);
            assert.ok(isOneLineError(result.stderr), result.stderr);
            assert.match(result.stderr, new RegExp(`${target.replace('.', '\\.')}: refusing to`));
            assert.equal(readFileSync(path.join(root, target), 'utf8'), before, `${target} is untouched`);
        }
        // The spec stays refused even with --force; a foreign file is replaced only with --force.
        assert.equal(runCli(['check', '--format', 'json', '-o', 'a.ispec', '--force'], { cwd: root }).status, 2);
        assert.equal(readFileSync(path.join(root, 'a.ispec'), 'utf8'), SPEC);
    });

    it('check -o overwrites its own unchanged report, listed in the folder manifest', () => {
        const root = writeWorkspace({ 'a.ispec': SPEC });
        assert.notEqual(runCli(['check', '--format', 'sarif', '-o', 'out/x.sarif'], { cwd: root }).status, 2);
        assert.ok(existsSync(path.join(root, 'out/.interspec-generated.json')));
        const again = runCli(['check', '--format', 'sarif', '-o', 'out/x.sarif'], { cwd: root });
        assert.notEqual(again.status, 2, again.stderr);
        writeFileSync(path.join(root, 'out/x.sarif'), 'edited');
        const edited = runCli(['check', '--format', 'sarif', '-o', 'out/x.sarif'], { cwd: root });
        assert.equal(edited.status, 2);
        assert.match(edited.stderr, /x\.sarif: refusing to overwrite, the file was edited/);
    });
});
