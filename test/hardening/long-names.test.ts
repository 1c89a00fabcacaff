import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isOneLineError, runCli } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';

const SPEC = 'team T\nsystem A { kind X owner T }\n';

/**
 * Issue 29 (faults it does not list): output names at the file system's limits. A name of up to 255 bytes
 * (NAME_MAX) is valid and must be written, although its temporary file (`.<name>.<pid>.<hex>.tmp`) repeats it;
 * a longer one, or a path through a file, ends the run with one line naming it.
 */
describe('hardening: output names at the file system limits', function () {
    this.timeout(120_000);

    it('check -o and matrix --out write a file or folder whose name is 230 to 255 bytes (it failed with ENAMETOOLONG)', () => {
        const root = writeWorkspace({ 'a.ispec': SPEC });
        for (const name of ['r'.repeat(230), 'r'.repeat(255), '\u00e9'.repeat(127), `${'\u{1F600}'.repeat(62)}.json`]) {
            const first = runCli(['check', '--format', 'json', '-o', name], { cwd: root });
            assert.equal(first.status, 0, `${Buffer.byteLength(name)} bytes: ${first.stderr}`);
            assert.equal(JSON.parse(readFileSync(path.join(root, name), 'utf8')).tool.name, 'interspec');
            // Its own report is overwritten by the next run.
            assert.equal(runCli(['check', '--format', 'json', '-o', name], { cwd: root }).status, 0);
        }
        const folder = 'm'.repeat(255);
        const matrix = runCli(['matrix', '--out', folder], { cwd: root });
        assert.equal(matrix.status, 0, matrix.stderr);
        assert.ok(readdirSync(path.join(root, folder)).includes('test-matrix.md'));
        assert.deepEqual(readdirSync(root).filter(name => name.endsWith('.tmp')), [], 'no temporary file is left');
    });

    it('a name over 255 bytes, a path through a file: exit 2, one line naming the path and the cause', () => {
        const root = writeWorkspace({ 'a.ispec': SPEC });
        writeFileSync(path.join(root, 'afile'), 'mine\n');
        const long = runCli(['check', '--format', 'json', '-o', 'r'.repeat(256)], { cwd: root });
        assert.equal(long.status, 2, long.stderr);
        assert.ok(isOneLineError(long.stderr), long.stderr);
        assert.match(long.stderr, /^interspec: r{256}: name too long \(ENAMETOOLONG\)\n$/);
        const through = runCli(['check', '--format', 'json', '-o', 'afile/r.json'], { cwd: root });
        assert.equal(through.status, 2);
        assert.match(through.stderr, /^interspec: afile: not a folder \(ENOTDIR\)\n$/);
        assert.equal(readFileSync(path.join(root, 'afile'), 'utf8'), 'mine\n');
    });
});
