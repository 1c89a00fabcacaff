import { strict as assert } from 'node:assert';
import { runCli } from './run-cli.js';

/** `interspec check --samples x.json`: FHIR sample findings at the resource's line and column, with the mapping as related location. */

const WORKSPACE = 'test/fixtures/samples/fhir-checks';
const PLANTED = `${WORKSPACE}/captures/planted/planted-bundle.json`;

describe('cli: check --samples with FHIR samples', function () {
    this.timeout(120000);

    it('checks the interface\'s own FHIR samples with the workspace: the FHIR specification\'s example passes', () => {
        const result = runCli(['check', WORKSPACE]);
        assert.equal(result.status, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /2 files checked: no problems/);
    });

    it('reports the planted discrepancies of a Bundle given with --samples, in JSON and text, and fails the run', () => {
        const json = runCli(['check', WORKSPACE, '--samples', PLANTED, '--format', 'json']);
        assert.equal(json.status, 1, json.stderr);
        const findings = JSON.parse(json.stdout).findings.filter((f: { file: string }) => f.file === PLANTED);
        assert.equal(findings.length, 14);
        const units = findings.find((f: { rule: string, line: number }) => f.rule === 'sample-units' && f.line === 18);
        assert.deepEqual([units.line, units.column], [18, 87]);
        assert.deepEqual([units.related.file, units.related.line], [`${WORKSPACE}/results.ispec`, 29]);

        const stylish = runCli(['check', WORKSPACE, '--samples', PLANTED]).stdout;
        assert.match(stylish, /13:15 +error +Code "registered" at Observation\.status is not handled by its code map \(Observation\.status -> Observation\.status\); 2 resources carry it; this is the first\. +sample-codes\n +↳ test\/fixtures\/samples\/fhir-checks\/results\.ispec:27:9/);
        assert.match(stylish, /30:33 +error +This Medication matches no interface/);
    });

    it('takes --interface for FHIR samples: a resource of a type it does not map is a finding', () => {
        const forced = JSON.parse(runCli(['check', WORKSPACE, '--samples', PLANTED, '--interface', 'Registrations', '--format', 'json']).stdout);
        assert.ok(forced.findings.some((f: { line: number, message: string }) => f.line === 2 && /does not fit interface Registrations: its mappings name Patient, not Observation/.test(f.message)));
    });
});
