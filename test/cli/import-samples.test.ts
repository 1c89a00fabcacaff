import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BROKEN_SPEC_CODES } from '../../language-server/model/finding-codes.js';
import { REPO, isOneLineError, runCli } from './run-cli.js';

/** Own captures (v2.3.1 ADT, v2.5.1 ORU in MLLP frames) and real ones the repository already vendors. */
const CAPTURES = [
    'test/fixtures/import/samples/adt-v231.hl7',
    'test/fixtures/import/samples/oru-v251-mllp.hl7',
    'examples/lab-network/captures/lab-results/winpath-2026-02-10.hl7',
    'examples/lab-network/captures/lab-results/winpath-2026-07-14.hl7',
    'test/fixtures/samples/checks/captures/clean/nist-lri-cbc.hl7'
];

describe('cli: import samples', function () {
    this.timeout(300000);

    it('writes a draft that check --samples of the same messages accepts (nothing above info from the sample rules)', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-import-samples-'));
        mkdirSync(path.join(root, 'captures'));
        for (const file of CAPTURES) copyFileSync(path.join(REPO, file), path.join(root, 'captures', path.basename(file)));
        const imported = runCli(['import', 'samples', 'captures/*.hl7'], { cwd: root });
        assert.equal(imported.status, 0, imported.stdout + imported.stderr);
        assert.match(imported.stdout, /created glims-to-hix\.ispec \(\d+ mappings, \d+ TODOs\)/);
        assert.ok(readdirSync(root).includes('import-stubs.ispec'));
        const checked = runCli(['check', '.', '--samples', 'captures/*.hl7', '--format', 'json'], { cwd: root });
        const json = JSON.parse(checked.stdout) as { findings: Array<{ rule: string, severity: string, file: string, line: number, message: string }> };
        const broken = json.findings.filter(f => BROKEN_SPEC_CODES.has(f.rule));
        assert.deepEqual(broken, [], 'the draft parses and resolves');
        const samples = json.findings.filter(f => f.rule.startsWith('sample-') && f.severity !== 'info');
        assert.deepEqual(samples.map(f => `${f.file}:${f.line} ${f.rule} ${f.message}`), [], 'the draft accepts the samples it was made from');
        assert.ok(json.findings.some(f => f.rule === 'interface-owner'), 'what the draft still misses is reported');
    });

    it('refuses a file that holds no HL7 v2 message with one line naming it', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-import-samples-'));
        writeFileSync(path.join(root, 'notes.hl7'), 'not a message\n');
        const result = runCli(['import', 'samples', 'notes.hl7'], { cwd: root });
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /^interspec: notes\.hl7:\d+:\d+: /);
        assert.deepEqual(readdirSync(root), ['notes.hl7'], 'nothing written');
    });
});
