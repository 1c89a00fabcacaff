import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO, isOneLineError, runCli } from './run-cli.js';

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

    it('creates a workspace whose starter spec passes check with every rule at its default', () => {
        const folder = emptyFolder();
        const result = runCli(['init', 'ws'], { cwd: folder });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /created ws\/interspec\.yaml\ncreated ws\/integration\.ispec\ncreated ws\/\.github\/workflows\/interspec\.yml\n/);
        for (const format of ['stylish', 'json']) {
            const check = runCli(['check', 'ws', '--fail-on', 'info', '--format', format], { cwd: folder });
            assert.equal(check.status, 0, check.stdout + check.stderr);
            if (format === 'json') {
                assert.deepEqual(JSON.parse(check.stdout).findings, []);
            }
        }
    });

    it('writes the same GitHub workflow that docs/ci.md shows', () => {
        const folder = emptyFolder();
        assert.equal(runCli(['init'], { cwd: folder }).status, 0);
        const written = readFileSync(path.join(folder, '.github/workflows/interspec.yml'), 'utf8');
        assert.equal(written, documentedWorkflow());
        const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
        assert.ok(written.includes(`interspec@${version}`), 'the workflow installs this version');
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
});
