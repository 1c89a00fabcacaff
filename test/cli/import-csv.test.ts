import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BROKEN_SPEC_CODES } from '../../language-server/model/finding-codes.js';
import { writeWorkspace } from '../support/workspace.js';
import { REPO, isOneLineError, runCli } from './run-cli.js';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import', 'csv');

/** A folder holding copies of the named csv fixtures (byte for byte), as a user's working folder. */
function folderWith(...names: string[]): string {
    const root = writeWorkspace({}, false);
    for (const name of names) copyFileSync(path.join(FIXTURES, name), path.join(root, name));
    return root;
}

/** `interspec check <dir> --format json`: the findings, after asserting none marks the draft as broken. */
function checkDraft(cwd: string, dir: string): Array<{ rule: string; severity: string; file: string }> {
    const result = runCli(['check', dir, '--format', 'json'], { cwd });
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ rule: string; severity: string; file: string; line: number; message: string }> }).findings;
    const broken = findings.filter(f => BROKEN_SPEC_CODES.has(f.rule)).map(f => `${f.file}:${f.line} ${f.rule} ${f.message}`);
    assert.deepEqual(broken, [], 'no syntax or unresolved-reference finding in the draft');
    return findings;
}

describe('cli: import csv', function () {
    this.timeout(180_000);

    it('imports a mapping sheet into a draft that interspec check reads without a syntax or reference finding', () => {
        const cwd = folderWith('lab-results-mapping.csv');
        const result = runCli(['import', 'csv', 'lab-results-mapping.csv', '--out', 'spec', '--from', 'LIS', '--to', 'EHR', '--interface', 'LabResults'], { cwd });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /^created spec\/lab-results\.ispec \(\d+ mappings, 3 TODOs\)\ncreated spec\/import-stubs\.ispec\n/);
        const draft = readFileSync(path.join(cwd, 'spec', 'lab-results.ispec'), 'utf8');
        assert.match(draft, /^interface LabResults \{\n {4}from LIS to EHR\n {4}standard HL7v2 2\.5\.1$/m);
        assert.match(readFileSync(path.join(cwd, 'spec', 'import-stubs.ispec'), 'utf8'), /^system EHR "TODO: describe the system" \{ \}$/m);
        const findings = checkDraft(cwd, 'spec');
        assert.ok(findings.some(f => f.rule === 'interface-owner'), 'check then says what the draft still misses');
    });

    it('imports the HL7 v2-to-FHIR guide\'s own sheets (file names with spaces and brackets), one interface each', () => {
        const pid = 'HL7 Segment - FHIR R4_ PID[Patient] - PID.csv';
        const obx = 'HL7 Segment - FHIR R4_ OBX[Observation] - OBX.csv';
        const cwd = folderWith(pid, obx);
        const result = runCli(['import', 'csv', pid, obx, '--out', 'draft'], { cwd });
        assert.equal(result.status, 0, result.stderr);
        assert.ok(existsSync(path.join(cwd, 'draft', 'pid-patient.ispec')) && existsSync(path.join(cwd, 'draft', 'obx-observation.ispec')), result.stdout);
        checkDraft(cwd, 'draft');
    });

    it('reports a malformed sheet as one line naming file, line and column, and writes nothing', () => {
        const cwd = folderWith('malformed.csv');
        const result = runCli(['import', 'csv', 'malformed.csv', '--out', 'spec'], { cwd });
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /^interspec: malformed\.csv:3:20: this quoted cell is never closed/);
        assert.equal(existsSync(path.join(cwd, 'spec')), false);
    });

    it('takes --columns for headers it does not know, and names a header the sheet lacks', () => {
        const cwd = folderWith('analyser.tsv');
        const wrong = runCli(['import', 'csv', 'analyser.tsv', '--columns', 'source=Herkunft,target=Ziel'], { cwd });
        assert.equal(wrong.status, 2);
        assert.ok(isOneLineError(wrong.stderr), wrong.stderr);
        assert.match(wrong.stderr, /no column is headed "Herkunft"/);
        const result = runCli(['import', 'csv', 'analyser.tsv', '--columns', 'source=Quelle,target=Ziel,units=Einheit,notes=Kommentar', '--interface', 'Analyser'], { cwd });
        assert.equal(result.status, 0, result.stderr);
        assert.match(readFileSync(path.join(cwd, 'analyser.ispec'), 'utf8'), /OBX-5 -> Observation\.valueQuantity\.value units "mmol\/L"/);
        checkDraft(cwd, '.');
    });
});
