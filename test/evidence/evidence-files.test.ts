import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildChecklists, findEvidenceFiles, matrixRows } from '../../language-server/generators/index.js';
import { writeWorkspace } from '../support/workspace.js';
import { GATE_SPEC, inputFromFiles, LAB_FIXTURE, loadInput } from '../generators/generator-support.js';

const SPEC = GATE_SPEC;

describe('evidence: evidence files', () => {
    it('finds evidence/**/*.yaml and *.evidence.yaml, not other YAML nor nested workspaces', async () => {
        const root = writeWorkspace({
            'evidence/a.yaml': 'evidence: []\n',
            'evidence/deep/b.yml': 'evidence: []\n',
            'specs/c.evidence.yaml': 'evidence: []\n',
            'specs/other.yaml': 'x: 1\n',
            'nested/interspec.yaml': '',
            'nested/evidence/d.yaml': 'evidence: []\n',
            'nested/e.evidence.yaml': 'evidence: []\n'
        });
        const files = (await findEvidenceFiles(root)).map(file => path.relative(root, file).split(path.sep).join('/'));
        assert.deepEqual(files, ['evidence/a.yaml', 'evidence/deep/b.yml', 'specs/c.evidence.yaml']);
    });

    it('shows the newest entry per id in the matrix and the checklist', async () => {
        const input = await loadInput(LAB_FIXTURE);
        const rows = new Map([...matrixRows(input)].map(row => [row.id, row]));
        const normal = rows.get('TM-LabResults-North-ORU_R01-normal')!;
        assert.equal(normal.evidence.status, 'passed', 'the 2026-10-04 retest wins over the 2026-10-02 failure');
        assert.equal(normal.evidence.note, 'Retest after the OBX-5 fix.');
        assert.equal(normal.evidence.source, 'evidence/north.yaml:17');
        assert.equal(rows.get('TM-LabResults-North-ORU_R01-downtime')!.evidence.status, 'passed');
        assert.equal(rows.get('TM-LabResults-South-ORU_R01-downtime')!.evidence.status, 'pending', 'evidence is per site');
        const north = buildChecklists(input, 'NorthGoLive')[0];
        const items = new Map(north.groups.flatMap(group => group.items).map(item => [item.id, item]));
        assert.equal(items.get('NorthGoLive.Training')!.status, 'done');
        assert.equal(items.get('NorthGoLive.vendor.LIS')!.status, 'done');
        assert.equal(items.get('NorthGoLive.SimulatedExceptions')!.status, 'pending');
    });

    it('reports an entry for an unknown id with its file and line, and suggests the near id', async () => {
        const input = await loadInput(LAB_FIXTURE);
        const unknown = input.evidence!.findings.filter(finding => finding.code === 'evidence-unknown-id');
        assert.equal(unknown.length, 1);
        assert.equal(unknown[0].file, path.join(LAB_FIXTURE, 'evidence/north.yaml'));
        assert.equal(unknown[0].line, 26);
        assert.equal(unknown[0].column, 9);
        assert.equal(unknown[0].severity, 'warning');
        assert.match(unknown[0].message, /unknown id 'NorthGoLive\.Trainig'.*did you mean 'NorthGoLive\.Training'/);
    });

    it('reports invalid files with file, line and key, and uses none of their entries', async () => {
        const input = await inputFromFiles({
            'spec.ispec': SPEC,
            'evidence/bad.yaml': [
                'evidence:',
                '  - id: Go.Sim',
                '    status: finished',
                '    by: QA',
                '    date: 2026-10-01',
                '  - id: TM-Feed-North-ORU_R01-normal',
                '    status: passed',
                '    colour: green'
            ].join('\n'),
            'evidence/missing.yaml': 'evidence:\n  - id: Go.Sim\n    status: done\n',
            'evidence/broken.yaml': 'evidence:\n  - id: [unclosed\n',
            'evidence/good.yaml': 'evidence:\n  - id: Go.Sim\n    status: waived\n    by: Board\n    date: 2026-11-01\n'
        });
        const messages = input.evidence!.findings.map(f => `${path.relative(input.folder, f.file)}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`);
        assert.ok(messages.includes('evidence/bad.yaml:3:13 error evidence-invalid evidence[0].status: must be one of pending, done, passed, failed, waived'), messages.join('\n'));
        assert.ok(messages.includes("evidence/bad.yaml:8:5 error evidence-invalid evidence[1].colour: unknown key 'colour'; an entry has id, status, by, date, link, note"), messages.join('\n'));
        assert.ok(messages.some(m => m.startsWith("evidence/missing.yaml:2:5 error evidence-invalid evidence[0]: missing 'by'")), messages.join('\n'));
        assert.ok(messages.some(m => /^evidence\/broken\.yaml:\d+:\d+ error evidence-invalid invalid YAML/.test(m)), messages.join('\n'));
        assert.deepEqual(input.evidence!.entries.map(entry => `${entry.file} ${entry.id} ${entry.status}`), ['evidence/good.yaml Go.Sim waived']);
        const [checklist] = buildChecklists(input, 'Go');
        assert.equal(checklist.decision, 'NO-GO');
        assert.ok(checklist.blockingFindings.some(f => f.file === 'evidence/bad.yaml' && f.code === 'evidence-invalid'), 'an invalid evidence file blocks the gate');
    });

    it('refuses alias bombs and oversized files', async () => {
        const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => {
            const previous = i === 0 ? 'a' : `b${i - 1}`;
            return `b${i}: &b${i} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`;
        }), 'evidence: []'].join('\n');
        const input = await inputFromFiles({
            'spec.ispec': SPEC,
            'evidence/bomb.yaml': bomb,
            'evidence/huge.yaml': 'evidence: []\n' + '#'.repeat(1024 * 1024 + 10) + '\n'
        });
        const messages = input.evidence!.findings.map(f => `${path.basename(f.file)} ${f.message}`);
        assert.ok(messages.some(m => m.startsWith('bomb.yaml') && /alias/i.test(m)), messages.join('\n'));
        assert.ok(messages.some(m => m.startsWith('huge.yaml') && /limited to 1048576 bytes/.test(m)), messages.join('\n'));
    });
});
