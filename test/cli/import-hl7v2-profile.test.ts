import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO, isOneLineError, runCli } from './run-cli.js';

const FIXTURES = path.join(REPO, 'test/fixtures/import/hl7v2-profile');

interface JsonFinding { rule: string, file: string, line: number, severity: string, message: string }

function check(args: string[]): JsonFinding[] {
    const result = runCli(['check', ...args, '--format', 'json']);
    return JSON.parse(result.stdout).findings as JsonFinding[];
}

describe('cli: interspec import hl7v2-profile', function () {
    this.timeout(180000);

    for (const [label, inputs] of [
        ['a Messaging Workbench profile with its tables', ['mwb/lab-results-oru-r01.xml', 'mwb/lab-results-tables.xml']],
        ["NIST's Profile.xml with its ValueSets.xml", ['nist/Profile.xml', 'nist/ValueSets.xml']]
    ] as const) {
        it(`writes drafts from ${label} that check without a syntax or unresolved-reference finding`, () => {
            const out = mkdtempSync(path.join(tmpdir(), 'interspec-import-'));
            const result = runCli(['import', 'hl7v2-profile', ...inputs, '--out', out], { cwd: FIXTURES });
            assert.equal(result.status, 0, result.stderr);
            const written = readdirSync(out).filter(name => name.endsWith('.ispec')).sort();
            assert.equal(written.length, 3, written.join(', '));
            const findings = check([out]);
            assert.deepEqual(findings.filter(f => ['syntax', 'unresolved-reference'].includes(f.rule) || f.rule.startsWith('import-')).map(f => `${f.file}:${f.line} ${f.message}`), []);
            // What is left to do shows as profile-usage infos: the required fields nobody maps yet.
            assert.ok(findings.some(f => f.rule === 'profile-usage' && f.severity === 'info'));
        });
    }

    it('lets check --samples hold captured messages to the imported profile', () => {
        const out = mkdtempSync(path.join(tmpdir(), 'interspec-import-'));
        assert.equal(runCli(['import', 'hl7v2-profile', 'mwb/lab-results-oru-r01.xml', '--out', out, '--interface', 'LabResults', '--from', 'LIS', '--to', 'EHR'], { cwd: FIXTURES }).status, 0);
        const structure = (sample: string) => check([out, '--samples', path.join(FIXTURES, 'samples', sample)])
            .filter(f => f.rule === 'sample-structure').map(f => f.message);
        assert.deepEqual(structure('clean.hl7'), []);
        const broken = structure('breaks-profile.hl7');
        assert.equal(broken.length, 6, broken.join('\n'));
        assert.ok(broken.every(message => /profile LabResultsToEHRProfile|Profile LabResultsToEHRProfile/.test(message)));
    });

    it('stops with one line naming file, line and column for malformed XML, and writes nothing', () => {
        const out = mkdtempSync(path.join(tmpdir(), 'interspec-import-'));
        const result = runCli(['import', 'hl7v2-profile', 'SOURCE.md', '--out', out], { cwd: FIXTURES });
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /SOURCE\.md:1:1: not XML: the file starts with text/);
        assert.deepEqual(readdirSync(out), []);
    });
});
