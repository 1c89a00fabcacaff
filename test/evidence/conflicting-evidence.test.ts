import { strict as assert } from 'node:assert';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildChecklists, EVIDENCE_FILE_GLOBS, evaluateGate, scanEvidenceFiles } from '../../language-server/generators/index.js';
import { runCli } from '../cli/run-cli.js';
import { GATE_SPEC, inputFromFiles } from '../generators/generator-support.js';
import { writeWorkspace } from '../support/workspace.js';

const SPEC = GATE_SPEC;
const NORMAL = 'TM-Feed-North-ORU_R01-normal';

/** Every item of gate Go passed on 2026-10-01, plus `extra` entries. */
async function gateWith(files: Record<string, string>) {
    const input = await inputFromFiles({ 'spec.ispec': SPEC, ...files }, { structuralOnly: true });
    return { input, result: evaluateGate(input, 'Go') };
}

function entry(id: string, status: string, date: string): string {
    return `  - id: ${id}\n    status: ${status}\n    by: QA\n    date: ${date}\n`;
}

/** Entries that make Go a GO on their own (criterion and every test case passed). */
async function passingEntries(): Promise<string> {
    const input = await inputFromFiles({ 'spec.ispec': SPEC }, { structuralOnly: true });
    const [checklist] = buildChecklists(input, 'Go');
    const ids = [...new Set(checklist.groups.flatMap(group => group.items.flatMap(item => [item.id, ...item.tests])))];
    return 'evidence:\n' + ids.map(id => entry(id, 'passed', '2026-10-01')).join('');
}

describe('evidence: evidence has one meaning', function () {
    this.timeout(120_000); // workspaces built and the CLI run on a shared machine
    let base: string;
    before(async () => {
        base = await passingEntries();
        const { result } = await gateWith({ 'evidence/base.yaml': base });
        assert.equal(result.decision, 'GO', result.reasons.join('\n'));
    });

    it('two entries for one id on one date (failed, then passed) conflict: reported, NO-GO, failed shown', async () => {
        const { input, result } = await gateWith({ 'evidence/base.yaml': base + entry(NORMAL, 'failed', '2026-10-02') + entry(NORMAL, 'passed', '2026-10-02') });
        assert.equal(result.decision, 'NO-GO');
        assert.ok(result.reasons.some(r => /Conflicting evidence for 'TM-Feed-North-ORU_R01-normal' on 2026-10-02: failed \(evidence\/base\.yaml:\d+\), passed/.test(r)), result.reasons.join('\n'));
        assert.ok(input.evidence!.findings.some(f => f.code === 'evidence-conflict' && f.severity === 'error'));
    });

    it('across files too: the file name no longer decides', async () => {
        const { result } = await gateWith({ 'evidence/base.yaml': base, 'evidence/a.yaml': 'evidence:\n' + entry(NORMAL, 'failed', '2026-10-02'), 'evidence/b.yaml': 'evidence:\n' + entry(NORMAL, 'passed', '2026-10-02') });
        assert.equal(result.decision, 'NO-GO');
        assert.ok(result.reasons.some(r => /Conflicting evidence.*evidence\/a\.yaml.*evidence\/b\.yaml/.test(r)), result.reasons.join('\n'));
    });

    it('a criterion passed while its test cases failed is failed', async () => {
        const { result } = await gateWith({ 'evidence/base.yaml': base + entry(NORMAL, 'failed', '2026-10-03') });
        assert.equal(result.decision, 'NO-GO');
        assert.ok(result.reasons.some(r => /^Go\.\S+ failed: evidence says passed .*but 1 of its test cases failed/.test(r)), result.reasons.join('\n'));
    });

    for (const date of ['2026-99-99', '9999-12-31', '2026-02-30']) {
        it(`a passed dated ${date} does not beat a real failed`, async () => {
            const { input, result } = await gateWith({ 'evidence/base.yaml': base + entry(NORMAL, 'failed', '2026-10-02') + entry(NORMAL, 'passed', date) });
            assert.equal(result.decision, 'NO-GO');
            const [checklist] = buildChecklists(input, 'Go');
            assert.ok(checklist.blockingFindings.some(f => (f.code === 'evidence-invalid' || f.code === 'evidence-date') && f.message.includes(date)), JSON.stringify(checklist.blockingFindings));
            assert.ok(result.reasons.some(r => r.includes(date)), result.reasons.join('\n'));
        });
    }

    it('skipped files are reported and block: a symlinked file, an upper-case .YAML; evidence/out/ is read', async () => {
        const root = writeWorkspace({ 'spec.ispec': SPEC, 'evidence/base.yaml': base, 'elsewhere/real.yaml': 'evidence:\n' + entry(NORMAL, 'failed', '2026-10-05') });
        symlinkSync(path.join(root, 'elsewhere/real.yaml'), path.join(root, 'evidence/linked.yaml'));
        writeFileSync(path.join(root, 'evidence/upper.YAML'), 'evidence:\n' + entry(NORMAL, 'failed', '2026-10-05'));
        writeFileSync(path.join(root, 'x.Evidence.yaml'), 'evidence: []\n');
        const scan = await scanEvidenceFiles(root);
        assert.deepEqual(scan.skipped.map(s => path.relative(root, s.file)), ['evidence/linked.yaml', 'evidence/upper.YAML', 'x.Evidence.yaml']);
        const gate = runCli(['gate', 'Go', '-w', root]);
        assert.equal(gate.status, 1);
        assert.match(gate.stdout, /Go: NO-GO/);
        assert.match(gate.stdout, /evidence\/linked\.yaml:1: Evidence file not read: it is a symbolic link/);
        assert.match(gate.stdout, /evidence\/upper\.YAML:1: Evidence file not read: evidence file names end in \.yaml or \.yml, in lower case/);
        const out = await gateWith({ 'evidence/base.yaml': base, 'evidence/out/newer.yaml': 'evidence:\n' + entry(NORMAL, 'failed', '2026-10-05') });
        assert.equal(out.result.decision, 'NO-GO');
        assert.ok(out.input.evidence!.files.includes('evidence/out/newer.yaml'));
    });

    it('lists the evidence file rules once: the extension validates and watches the files the loader reads', () => {
        const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
        const yaml = manifest.contributes.yamlValidation.find((v: { url: string }) => v.url.includes('evidence')).fileMatch;
        assert.deepEqual(yaml, [...EVIDENCE_FILE_GLOBS]);
        assert.ok(!JSON.stringify(manifest.contributes.jsonValidation).includes('evidence'), 'evidence files are YAML only');
    });

    it('5 evidence files with 20,000 unknown ids each are read and reported in linear time', async function () {
        this.timeout(120_000); // a bound, not a measurement: this took 110 s on a quiet machine before
        const files: Record<string, string> = {};
        for (let f = 0; f < 5; f++) {
            files[`evidence/bulk${f}.yaml`] = 'evidence:\n' + Array.from({ length: 20_000 }, (_, i) => `  - id: TM-Unknown-${f}-${i}\n    status: pending\n`).join('');
        }
        const { input } = await gateWith(files);
        assert.equal(input.evidence!.findings.filter(f => f.code === 'evidence-unknown-id').length, 100_000);
    });
});
