import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isOneLineError, runCli, type CliResult } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';

const SPEC = 'team T\nsystem A { kind X owner T }\nsystem B { kind X owner T }\nsite S { timezone "UTC" }\ninterface F { from A to B owner T sites S message ORU^R01 }\n';

/** Runs the CLI with a deadline; a run past it is killed with SIGKILL (a blocked read ignored SIGTERM) and is a hang. */
function run(args: string[], cwd: string): CliResult {
    return runCli(args, { cwd, spawn: { timeout: 30_000, killSignal: 'SIGKILL' } });
}

function fifo(file: string): boolean {
    return spawnSync('mkfifo', [file]).status === 0;
}

/**
 * Faults issue 29 does not list: a FIFO (or a device) where the CLI reads a file it did not expect to be one. Each
 * read blocked for ever, and SIGTERM could not end it: the reports' source snippets (`check --samples pipe.hl7
 * --format sarif`), the cache's fingerprint of the workspace's files and the cache file itself (`check --cache`), the
 * `.gitignore` that `init` updates. Every such read now opens without blocking and refuses what is not a regular file.
 */
describe('hardening: FIFOs where the CLI reads', function () {
    this.timeout(300_000);

    it('check --samples <a FIFO> in every format: the sample finding, no hang (SARIF hung reading its source)', function () {
        const root = writeWorkspace({ 'spec.ispec': SPEC });
        if (!fifo(path.join(root, 's.hl7'))) this.skip();
        for (const format of ['stylish', 'sarif', 'github', 'junit', 'json', 'markdown']) {
            const result = run(['check', '--samples', 's.hl7', '--format', format], root);
            assert.equal(result.status, 1, `${format}: exit ${result.status} (null: hung): ${result.stderr}`);
            assert.match(result.stdout, /s\.hl7 is not a readable file/, format);
        }
    });

    it('check --cache with a FIFO named .ispec, or a FIFO as the cache: exit 2 naming the spec, or a run without the cache', function () {
        const root = writeWorkspace({ 'spec.ispec': SPEC });
        if (!fifo(path.join(root, 'x.ispec'))) this.skip();
        const spec = run(['check', '--cache'], root);
        assert.equal(spec.status, 2, `exit ${spec.status} (null: hung): ${spec.stderr}`);
        assert.match(spec.stderr, /^interspec: x\.ispec: not a regular file/);
        const other = writeWorkspace({ 'spec.ispec': SPEC });
        fifo(path.join(other, 'cache'));
        const cache = run(['check', '--cache', '--cache-location', 'cache'], other);
        assert.equal(cache.status, 1, `exit ${cache.status} (null: hung): ${cache.stderr}`); // the spec's own errors
        assert.match(cache.stderr, /cannot read the cache \(not a regular file\); checking without it/);
    });

    it('init where .gitignore is a FIFO: exit 2 naming it, nothing left behind (it hung with its files written)', function () {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-init-'));
        if (!fifo(path.join(root, '.gitignore'))) this.skip();
        const result = run(['init'], root);
        assert.equal(result.status, 2, `exit ${result.status} (null: hung): ${result.stderr}`);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /^interspec: \.gitignore: not a regular file/);
        assert.deepEqual(readdirSync(root), ['.gitignore'], 'the files init wrote are removed');
    });
});
