import { strict as assert } from 'node:assert';
import { runCli, isOneLineError } from './run-cli.js';

/** `interspec check --samples`: sample findings in every format, with the sample file's path, line and column. */

const WORKSPACE = 'test/fixtures/samples/checks';
const PLANTED = `${WORKSPACE}/captures/planted/planted.hl7`;

describe('cli: check --samples', function () {
    this.timeout(120000);

    it('checks the interfaces\' own samples with the workspace: the clean set passes', () => {
        const result = runCli(['check', WORKSPACE]);
        assert.equal(result.status, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /2 files checked: no problems/);
    });

    it('carries the sample findings in every format, at the sample file\'s line and column, with the mapping as related location', () => {
        const args = ['check', WORKSPACE, '--samples', PLANTED];
        const json = JSON.parse(runCli([...args, '--format', 'json']).stdout);
        const units = json.findings.find((f: { rule: string, line: number }) => f.rule === 'sample-units' && f.line === 17);
        assert.deepEqual([units.file, units.line, units.column], [PLANTED, 17, 33]);
        assert.deepEqual([units.related.file, units.related.line], [`${WORKSPACE}/lab.ispec`, 51]);
        assert.ok(json.files.includes(PLANTED));

        const sarif = JSON.parse(runCli([...args, '--format', 'sarif']).stdout);
        const result = sarif.runs[0].results.find((r: { ruleId: string, locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) =>
            r.ruleId === 'sample-units' && r.locations[0].physicalLocation.region.startLine === 17);
        assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, PLANTED);
        assert.equal(result.locations[0].physicalLocation.region.startColumn, 33);
        assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, `${WORKSPACE}/lab.ispec`);
        assert.ok(sarif.runs[0].tool.driver.rules.some((rule: { id: string }) => rule.id === 'sample-units'));

        const github = runCli([...args, '--format', 'github']);
        assert.equal(github.status, 1);
        assert.match(github.stdout, new RegExp(`::error file=${PLANTED},line=17,col=33,.*title=sample-units::.*\\(spec: ${WORKSPACE}/lab.ispec:51:`));

        const junit = runCli([...args, '--format', 'junit']).stdout;
        assert.match(junit, /<testsuite name="test\/fixtures\/samples\/checks\/captures\/planted\/planted.hl7"/);
        assert.match(junit, /planted.hl7:17:33 error Unit &quot;mmol\/L&quot;/);

        const stylish = runCli(args).stdout;
        assert.match(stylish, new RegExp(`${PLANTED}\\n`));
        assert.match(stylish, /17:33 +error +Unit "mmol\/L" is not the declared unit of OBX-5 for 2345-7, "mg\/dL"\. +sample-units\n +↳ test\/fixtures\/samples\/checks\/lab\.ispec:51:/);
    });

    it('takes --interface, and refuses an unknown one or a pattern that matches nothing with exit 2', () => {
        const forced = JSON.parse(runCli(['check', WORKSPACE, '--samples', PLANTED, '--interface', 'ClinicGlucose', '--format', 'json']).stdout);
        assert.ok(forced.findings.some((f: { message: string }) => /does not fit interface ClinicGlucose/.test(f.message)));
        const unknown = runCli(['check', WORKSPACE, '--samples', PLANTED, '--interface', 'Nope']);
        assert.equal(unknown.status, 2);
        assert.ok(isOneLineError(unknown.stderr));
        assert.match(unknown.stderr, /--interface Nope: no such interface; the workspace has LabResults, ClinicGlucose/);
        const nothing = runCli(['check', WORKSPACE, '--samples', 'captures/none-*.hl7']);
        assert.equal(nothing.status, 2);
        assert.match(nothing.stderr, /--samples captures\/none-\*\.hl7: no such file, and no file matches it/);
    });
});
