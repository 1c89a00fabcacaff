import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { schemaValidator } from '../generators/generator-support.js';
import { isOneLineError, REPO, runCli } from './run-cli.js';
import { rowStatus } from '../../language-server/generators/model.js';

/**
 * What captured samples showed, in the test matrix, the checklists and the gate (issue 25, item 4), through the
 * built CLI on copies of examples/lab-network, whose LabResults interface lists two WINPATH captures.
 */

const ROW = 'TM-LabResults-Riverside-ORU_R01';
const FEBRUARY = 'captures/lab-results/winpath-2026-02-10.hl7';

interface Row { id: string, evidence: { status: string, source?: string }, observed?: { status: string, messages: number, findings?: number, first?: { file: string, line: number, column: number, rule: string, message: string }, decides: boolean, note?: string } }
interface Item { id: string, status: string, notes: string[], decided?: { evidence: number, observedPassed: number, observedFailed: number } }

function copyLab(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-observed-'));
    cpSync(path.join(REPO, 'examples/lab-network'), root, { recursive: true });
    return root;
}

/** The February capture with an interpretation flag (OBX-8 of the troponin, line 9) the code map does not handle. */
function plantUnknownFlag(root: string): void {
    const file = path.join(root, FEBRUARY);
    const text = readFileSync(file, 'latin1');
    assert.ok(text.includes('|<14|HH|||F|'));
    writeFileSync(file, text.replace('|<14|HH|||F|', '|<14|XX|||F|'), 'latin1');
}

function matrix(root: string, ...args: string[]): Row[] {
    const result = runCli(['matrix', root, '--format', 'json', ...args]);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { rows: Row[] };
    const validate = schemaValidator('test-matrix.schema.json');
    assert.ok(validate(json), JSON.stringify(validate.errors));
    return json.rows;
}

function row(rows: Row[], id: string): Row {
    const found = rows.find(candidate => candidate.id === id);
    assert.ok(found, `no row ${id}`);
    return found;
}

function dataMeaningItem(root: string): Item {
    const result = runCli(['checklist', 'RiversidePilot', root, '--format', 'json']);
    const json = JSON.parse(result.stdout) as { checklists: Array<{ groups: Array<{ id: string, items: Item[] }> }> };
    const validate = schemaValidator('go-live-checklist.schema.json');
    assert.ok(validate(json), JSON.stringify(validate.errors));
    return json.checklists[0].groups.find(group => group.id === 'data-meaning')!.items[0];
}

describe('cli: what captured samples showed, in the matrix, checklists and gate', function () {
    this.timeout(300000);
    const roots: string[] = [];
    const fresh = () => {
        const root = copyLab();
        roots.push(root);
        return root;
    };
    after(() => roots.forEach(root => rmSync(root, { recursive: true, force: true })));

    let clean: string;
    let planted: string;
    before(() => {
        clean = fresh();
        planted = fresh();
        plantUnknownFlag(planted);
    });

    it('marks the data-meaning rows the clean captures exercised as observed passed, with the number of messages', () => {
        const rows = matrix(clean);
        // N (normal) is in both files; LL only in one; HH in the February troponin.
        assert.deepEqual(row(rows, `${ROW}-code-OBX-8-N`).observed, { status: 'passed', messages: 2, decides: true });
        assert.deepEqual(row(rows, `${ROW}-code-OBX-8-HH`).observed, { status: 'passed', messages: 1, decides: true });
        // LabResults runs at Riverside and Hillcrest, and a capture does not say which sent it: a pass of what is the
        // sender's own (its assigning authority, its clock) does not decide; a code map's pass does.
        for (const sendersOwn of ['identifier-PID-3', 'timezone-OBX-14']) {
            const observed = row(rows, `${ROW}-${sendersOwn}`).observed;
            assert.deepEqual([observed?.status, observed?.messages, observed?.decides], ['passed', 2, false], sendersOwn);
            assert.match(observed?.note ?? '', /do not say which of the interface's 2 sites they came from/);
            // Shown, not deciding: the row is still pending, so it cannot complete the gate's item.
            assert.equal(rowStatus(row(rows, `${ROW}-${sendersOwn}`) as unknown as Parameters<typeof rowStatus>[0]), 'pending', sendersOwn);
        }
        // Scenarios samples cannot show stay open: exception paths, update and duplicate.
        for (const scenario of ['downtime', 'update', 'duplicate']) {
            assert.equal(row(rows, `${ROW}-${scenario}`).observed, undefined, scenario);
        }
        assert.equal(row(rows, `${ROW}-update`).evidence.status, 'pending');
    });

    it('lets an evidence entry that names a row decide it, and says so in the row (evidence beats observation)', () => {
        const units = row(matrix(clean), `${ROW}-units-OBX-5`);
        assert.equal(units.evidence.status, 'passed');
        assert.equal(units.observed?.status, 'passed');
        assert.equal(units.observed?.decides, false);
        assert.match(units.observed?.note ?? '', /evidence\/riverside-pilot\.yaml:\d+ \(passed\) decides this row: evidence beats observation/);
    });

    it('counts rows decided by evidence and rows observed passed apart in the data-meaning item', () => {
        const item = dataMeaningItem(clean);
        assert.equal(item.id, 'RiversidePilot.DataMeaning');
        assert.ok(item.decided, JSON.stringify(item));
        assert.equal(item.decided.evidence, 1);
        // 33 at the time of writing: the code rows of both sites, and the sender's own rows of neither (two sites).
        assert.ok(item.decided.observedPassed >= 30, JSON.stringify(item.decided));
        assert.equal(item.decided.observedFailed, 0);
        assert.ok(item.notes.includes(`1 of 166 test cases decided by evidence; ${item.decided.observedPassed} observed passed in samples.`), item.notes.join('\n'));
        // Complete means decided: by evidence or by a deciding observation, never by a pass that does not decide.
        assert.ok(item.notes.some(note => note.includes(`${1 + item.decided!.observedPassed} of 166 test cases complete`)), item.notes.join('\n'));
    });

    it('turns a planted unhandled code into observed failed rows at the sample\'s line, and the gate NO-GO naming the file and line', () => {
        const rows = matrix(planted);
        const normal = row(rows, `${ROW}-code-OBX-8-N`).observed;
        assert.equal(normal?.status, 'failed');
        assert.deepEqual(normal?.first && [normal.first.file, normal.first.line, normal.first.column, normal.first.rule], [FEBRUARY, 9, 57, 'sample-codes']);
        assert.match(normal?.first?.message ?? '', /Code "XX" in OBX-8 is not handled/);
        // The code row HH is no longer carried by any message, and the map as a whole failed.
        assert.equal(row(rows, `${ROW}-code-OBX-8-HH`).observed?.messages, 0);
        // Other rows of the same message stay passed: the finding falls on the code map of OBX-8 only.
        assert.equal(row(rows, `${ROW}-code-OBX-11-F`).observed?.status, 'passed');

        const gate = runCli(['gate', 'RiversidePilot', planted, '--format', 'json']);
        assert.equal(gate.status, 1);
        const verdict = JSON.parse(gate.stdout);
        assert.equal(verdict.decision, 'NO-GO');
        assert.ok(verdict.reasons.some((reason: string) => reason.startsWith('RiversidePilot.DataMeaning failed')
            && reason.includes(`${ROW}-code-OBX-8-L (samples: ${FEBRUARY}:9:57 sample-codes)`)), verdict.reasons.join('\n'));
        const item = dataMeaningItem(planted);
        assert.equal(item.status, 'failed');
        assert.equal(item.decided?.observedFailed, 6);
    });

    it('keeps an evidence entry deciding a row the samples failed (passed beats observed failed), and a failed entry over observed passed', () => {
        const root = fresh();
        plantUnknownFlag(root);
        writeFileSync(path.join(root, 'evidence', 'samples-review.yaml'), [
            'evidence:',
            `  - id: ${ROW}-code-OBX-8-N`,
            '    status: passed',
            '    by: Lab informatics',
            '    date: 2026-10-01',
            '    note: XX is mapped by the engine before the EHR; reviewed.',
            `  - id: ${ROW}-code-OBX-11-F`,
            '    status: failed',
            '    by: Lab informatics',
            '    date: 2026-10-01',
            ''
        ].join('\n'));
        const rows = matrix(root);
        const normal = row(rows, `${ROW}-code-OBX-8-N`);
        assert.equal(normal.evidence.status, 'passed');
        assert.equal(normal.observed?.status, 'failed');
        assert.equal(normal.observed?.decides, false);
        const final = row(rows, `${ROW}-code-OBX-11-F`);
        assert.equal(final.evidence.status, 'failed');
        assert.equal(final.observed?.status, 'passed');
        assert.equal(final.observed?.decides, false);
        const csv = runCli(['matrix', root, '--format', 'csv']).stdout.split('\r\n');
        const header = csv[0].replace(/^\uFEFF/, '').split(',');
        const cells = csv.find(line => line.startsWith(`${ROW}-code-OBX-8-N,`))!;
        // The status column says what decides: the evidence.
        assert.ok(cells.includes(',passed,Lab informatics,2026-10-01,'), cells);
        assert.ok(cells.includes(`,failed,2,"${FEBRUARY}:9:57 sample-codes: Code ""XX"" in OBX-8`), cells);
        assert.ok(cells.endsWith(',no (evidence decides)'), cells);
        assert.deepEqual(header.slice(-4), ['observed', 'observed_messages', 'observed_at', 'observed_decides']);
        const item = dataMeaningItem(root);
        assert.equal(item.decided?.evidence, 3);
        assert.equal(item.decided?.observedFailed, 5);
    });

    it('leaves open every row a sample does not exercise (--samples with a message without results)', () => {
        const root = fresh();
        const spec = path.join(root, 'results.ispec');
        writeFileSync(spec, readFileSync(spec, 'utf8').replace('    samples "captures/lab-results/*.hl7"\n', ''));
        const text = readFileSync(path.join(root, FEBRUARY), 'latin1').split('\r');
        // MSH, PID, ORC and the BMP order: no OBX, so no result code, unit, interpretation or observation time.
        writeFileSync(path.join(root, 'orders-only.hl7'), text.slice(0, 4).join('\r') + '\r', 'latin1');
        const rows = matrix(root, '--samples', path.join(root, 'orders-only.hl7'));
        assert.deepEqual(row(rows, `${ROW}-identifier-PID-3`).observed?.status, 'passed');
        assert.deepEqual(row(rows, `${ROW}-code-OBR-4-BMP`).observed, { status: 'passed', messages: 1, decides: true });
        for (const open of ['code-OBR-4-CBC', 'code-OBX-8-N', 'code-OBX-11-F', 'timezone-OBX-14', 'code-OBX-3-GLU']) {
            assert.equal(row(rows, `${ROW}-${open}`).observed, undefined, open);
        }
        // Without the samples the rows carry nothing.
        assert.equal(row(matrix(root), `${ROW}-identifier-PID-3`).observed, undefined);
        const unknown = runCli(['gate', 'RiversidePilot', root, '--samples', path.join(root, 'orders-only.hl7'), '--interface', 'Nope']);
        assert.equal(unknown.status, 2);
        assert.ok(isOneLineError(unknown.stderr), unknown.stderr);
        assert.match(unknown.stderr, /--interface Nope: no such interface/);
    });

    it('shows the observation in every matrix and checklist format', () => {
        const failedAt = `samples: failed at ${FEBRUARY}:9:57 (sample-codes; 2 messages exercised it)`;
        const outputs: Record<string, string> = {};
        for (const format of ['markdown', 'html', 'text', 'csv']) {
            outputs[format] = runCli(['matrix', planted, '--format', format]).stdout;
        }
        outputs.summary = runCli(['matrix', planted, '--format', 'markdown', '--summary']).stdout;
        assert.ok(outputs.markdown.includes('samples: passed in 2 messages'));
        assert.ok(outputs.markdown.includes(failedAt), 'markdown');
        assert.ok(outputs.html.includes(failedAt), 'html');
        assert.ok(outputs.text.replace(/\s+/g, ' ').includes(failedAt), 'text');
        assert.ok(outputs.csv.includes(`${FEBRUARY}:9:57 sample-codes`), 'csv');
        assert.ok(outputs.summary.includes(failedAt), 'summary');
        for (const format of ['markdown', 'html', 'text']) {
            const checklist = runCli(['checklist', 'RiversidePilot', planted, '--format', format]).stdout.replace(/\s+/g, ' ');
            assert.ok(checklist.includes('observed passed in samples, 6 observed failed'), format);
            assert.ok(checklist.includes(`(samples: ${FEBRUARY}:9:57 sample-codes)`), format);
        }
    });

    it('reports in interspec diff a row whose observation changed', () => {
        const result = runCli(['diff', clean, planted, '--format', 'json']);
        assert.equal(result.status, 0, result.stderr);
        const diff = JSON.parse(result.stdout) as {
            testCases: { changed: Array<{ id: string, changes: Array<{ field: string, before: { status: string }, after: { status: string } }> }> }
        };
        const validate = schemaValidator('spec-diff.schema.json');
        assert.ok(validate(diff), JSON.stringify(validate.errors));
        const changed = diff.testCases.changed.find((c: { id: string }) => c.id === `${ROW}-code-OBX-8-N`);
        assert.ok(changed, JSON.stringify(diff.testCases.changed.map((c: { id: string }) => c.id)));
        assert.deepEqual(changed.changes.map((c: { field: string }) => c.field), ['status', 'observed']);
        assert.equal(changed.changes[1].before.status, 'passed');
        assert.equal(changed.changes[1].after.status, 'failed');
        // Against a git revision: the revision is read with its captures, so only the rows the plant changed differ.
        const repo = fresh();
        const git = (...args: string[]) => {
            const run = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
            assert.equal(run.status, 0, run.stderr);
        };
        git('init', '-q');
        git('add', '-A');
        git('commit', '-qm', 'lab');
        plantUnknownFlag(repo);
        const revision = runCli(['diff', 'HEAD', '--format', 'json'], { cwd: repo });
        assert.equal(revision.status, 0, revision.stderr);
        const ids = (JSON.parse(revision.stdout) as { testCases: { changed: Array<{ id: string }> } }).testCases.changed.map(c => c.id);
        assert.ok(ids.includes(`${ROW}-code-OBX-8-N`), ids.join('\n'));
        assert.deepEqual(ids.filter(id => !/-code-OBX-8-/.test(id)), []);

        const markdown = runCli(['diff', clean, planted]).stdout;
        assert.ok(markdown.includes('samples: passed in 2 messages'), markdown.slice(0, 2000));
        assert.ok(markdown.includes(`samples: failed at ${FEBRUARY}:9:57`));
    });
});
