import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { isOneLineError, runCli } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * Faults issue 29 does not list: `interspec import` given an input that is not a regular file. A FIFO (a capture tool's
 * named pipe, `<(…)` process substitution) hung the import for ever, and SIGTERM did not end it either (the read
 * blocked the process's exit); `/dev/zero` read until memory ran out; a folder was `a file: is a folder`, without its
 * name. Each is now one line naming the input and exit 2, at once, with nothing written.
 */
describe('hardening: import inputs that are not regular files', function () {
    this.timeout(300_000);

    it('a FIFO, a device and a folder: exit 2 at once, one line naming the input, no draft written', function () {
        const root = writeWorkspace({ 'm.csv': 'source,target\nPID-3,Patient.identifier\n' });
        if (spawnSync('mkfifo', [path.join(root, 'f.csv')]).status !== 0) this.skip();
        spawnSync('mkfifo', [path.join(root, 'f.hl7')]);
        mkdirSync(path.join(root, 'd.csv'));
        const cases: Array<[string[], RegExp]> = [
            [['import', 'csv', 'f.csv', '--interface', 'X'], /^interspec: f\.csv: not a regular file; import reads files \(not a device, FIFO or socket\)\n$/],
            [['import', 'samples', 'm.csv', 'f.hl7', '--interface', 'S'], /^interspec: f\.hl7: not a regular file; import reads files \(not a device, FIFO or socket\)\n$/],
            [['import', 'csv', '/dev/zero', '--interface', 'X'], /^interspec: \/dev\/zero: not a regular file; import reads files/],
            [['import', 'csv', 'd.csv', '--interface', 'X'], /^interspec: d\.csv: is a folder, not a file \(EISDIR\)\n$/]
        ];
        for (const [args, message] of cases) {
            const run = runCli(args, { cwd: root, spawn: { timeout: 20_000, killSignal: 'SIGKILL' } }); // SIGTERM did not end the hung import
            assert.equal(run.status, 2, `${args.join(' ')}: exit ${run.status} (null: killed after 20 s): ${run.stderr}`);
            assert.ok(isOneLineError(run.stderr), run.stderr);
            assert.match(run.stderr, message);
        }
        assert.deepEqual(readdirSync(root).filter(name => name.endsWith('.ispec')), [], 'no draft written');
        // A regular file still imports.
        assert.equal(runCli(['import', 'csv', 'm.csv', '--interface', 'X'], { cwd: root }).status, 0);
    });
});
