import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeWorkspace } from '../support/workspace.js';
import { REPO, isOneLineError, runCli } from './run-cli.js';

const SHEET = path.join(REPO, 'test', 'fixtures', 'import', 'csv', 'lab-results-mapping.csv');

/** A working folder with the lab results sheet in it. */
function folder(): string {
    const root = writeWorkspace({}, false);
    copyFileSync(SHEET, path.join(root, 'sheet.csv'));
    return root;
}

const IMPORT = ['import', 'csv', 'sheet.csv', '--out', 'spec', '--interface', 'LabResults', '--from', 'LIS', '--to', 'EHR'];

describe('cli: interspec import, what every kind shares', function () {
    this.timeout(180_000);

    it('never writes over a file that exists (nothing is written), and --force replaces the drafts', () => {
        const cwd = folder();
        assert.equal(runCli(IMPORT, { cwd }).status, 0);
        const draft = path.join(cwd, 'spec', 'lab-results.ispec');
        writeFileSync(draft, '// edited by hand\n');
        const again = runCli(IMPORT, { cwd });
        assert.equal(again.status, 2);
        assert.ok(isOneLineError(again.stderr), again.stderr);
        // The stubs file now declares LIS and EHR, so the second draft imports it and only the interface file is due.
        assert.match(again.stderr, /spec\/lab-results\.ispec: already exists; interspec import never overwrites without --force \(nothing was written\)/);
        assert.equal(readFileSync(draft, 'utf8'), '// edited by hand\n', 'the edited file is kept');
        const forced = runCli([...IMPORT, '--force'], { cwd });
        assert.equal(forced.status, 0, forced.stderr);
        assert.match(readFileSync(draft, 'utf8'), /^interface LabResults/m);
        assert.deepEqual(readdirSync(path.join(cwd, 'spec')).filter(name => name.endsWith('.tmp')), [], 'no temporary file left');
    });

    it('imports the systems and teams the output folder already declares instead of stubbing them', () => {
        const cwd = folder();
        const out = path.join(cwd, 'spec');
        runCli(['init', 'spec'], { cwd });
        const starterSystems = readdirSync(out).filter(name => name.endsWith('.ispec'));
        assert.ok(starterSystems.length > 0);
        const result = runCli(['import', 'csv', 'sheet.csv', '--out', 'spec', '--interface', 'LabResults', '--from', 'DemoLIS', '--to', 'DemoEHR'], { cwd });
        assert.equal(result.status, 0, result.stderr);
        assert.doesNotMatch(result.stdout, /import-stubs/, 'nothing to stub: the starter declares both systems');
        const draft = readFileSync(path.join(out, 'lab-results.ispec'), 'utf8');
        assert.match(draft, /^import "[^"]+\.ispec"$/m);
        const check = runCli(['check', 'spec', '--format', 'json'], { cwd });
        const findings = (JSON.parse(check.stdout) as { findings: Array<{ rule: string }> }).findings;
        assert.deepEqual(findings.filter(f => ['syntax', 'unresolved-reference', 'duplicate-name'].includes(f.rule)), []);
    });

    it('names the kinds on an unknown kind, a missing file and a bad --columns, with one line and exit 2', () => {
        const cwd = folder();
        for (const [args, message] of [
            [['import', 'xlsx', 'sheet.csv'], /unknown import kind 'xlsx': use one of csv, hl7v2-profile, conceptmap, mirth, samples/],
            [['import', 'csv', 'nowhere.csv'], /nowhere\.csv/],
            [['import', 'csv', 'sheet.csv', '--columns', 'source'], /--columns: "source" is not <value>=<column header>/]
        ] as Array<[string[], RegExp]>) {
            const result = runCli(args, { cwd });
            assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
            assert.ok(isOneLineError(result.stderr), result.stderr);
            assert.match(result.stderr, message);
        }
        const help = runCli(['import', '--help'], { cwd });
        for (const kind of ['csv', 'hl7v2-profile', 'conceptmap', 'mirth', 'samples']) assert.match(help.stdout, new RegExp(`^  ${kind} `, 'm'));
    });
});
