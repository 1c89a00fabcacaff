import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isOneLineError, runCli } from '../cli/run-cli.js';
import { withServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/** A workspace whose gate Go is GO with its evidence (gate-coverage off, as in the fault harness). */
const SPEC = `team LabIT
system LIS { kind LIS owner LabIT }
system EHR { kind EHR owner LabIT }
site North { timezone "UTC" }
interface Feed { from LIS to EHR owner LabIT sites North standard HL7v2 "2.5.1" message ORU^R01 }
gate Go { site North approver LabIT criterion Sim { question exceptions evidence "log" approver LabIT covers Feed } }
`;
const EVIDENCE = 'evidence:\n' + ['Go.Sim', 'Go.data-meaning.Feed', 'Go.load-test.North', 'Go.monitoring.Feed', 'Go.ownership.Feed', 'Go.readiness.hypercare', 'TM-Feed-North-ORU_R01-normal']
    .map(id => `  - { id: ${id}, status: passed, by: QA, date: 2026-10-01 }\n`).join('');
/** A second interface at the gate's site: with it, the gate has open items (its data-meaning and ownership checks). */
const MORE = 'import "spec.ispec"\ninterface Feed2 { from LIS to EHR owner LabIT sites North standard HL7v2 "2.5.1" message ORU^R01 }\n';

/**
 * Faults issue 29 does not list: a spec file that is a symbolic link (a spec shared between repositories, linked in),
 * or a FIFO, socket or device named `.ispec`. Such an entry was skipped without a word by the CLI and the language
 * server alike, so its interfaces were out of every gate: a gate with a linked spec's interface still open said GO.
 * Now a link to a regular file is read through, by the CLI and the server alike; a link to nothing, a FIFO, a socket
 * or a device cannot be read: the CLI refuses the run (exit 2, one line naming the file, as for an `interspec.yaml`
 * that is not a regular file) and the server puts an error on the file.
 */
describe('hardening: a spec file that is a symbolic link or not a regular file', function () {
    this.timeout(300_000);

    it('a linked .ispec is read through: its open interface makes the gate NO-GO (it was GO without it); a link to nothing is one line, exit 2', () => {
        const shared = mkdtempSync(path.join(tmpdir(), 'interspec-shared-'));
        writeFileSync(path.join(shared, 'more.ispec'), MORE);
        const root = writeWorkspace({ 'spec.ispec': SPEC, 'interspec.yaml': 'rules:\n  gate-coverage: off\n', 'evidence/run.yaml': EVIDENCE });
        assert.equal(runCli(['gate', 'Go'], { cwd: root }).status, 0, 'GO without the second interface');
        writeFileSync(path.join(root, 'more.ispec'), MORE);
        const asFile = runCli(['matrix', '--format', 'csv'], { cwd: root });
        assert.equal(runCli(['gate', 'Go'], { cwd: root }).status, 1, 'NO-GO with it as a file');
        rmSync(path.join(root, 'more.ispec'));
        symlinkSync(path.join(shared, 'more.ispec'), path.join(root, 'more.ispec'));
        const gate = runCli(['gate', 'Go'], { cwd: root });
        assert.equal(gate.status, 1, `NO-GO with it linked: ${gate.stdout}${gate.stderr}`);
        const linked = runCli(['matrix', '--format', 'csv'], { cwd: root });
        assert.equal(linked.stdout, asFile.stdout, 'the matrix is the one of the file itself');
        assert.match(linked.stdout, /Feed2/);
        // A link to nothing (a file deleted in the repository it pointed into) cannot be read: refused, never skipped.
        rmSync(shared, { recursive: true });
        for (const args of [['gate', 'Go'], ['check'], ['matrix', '--format', 'csv']]) {
            const run = runCli(args, { cwd: root });
            assert.equal(run.status, 2, `${args.join(' ')}: exit ${run.status}: ${run.stdout.slice(0, 200)}${run.stderr}`);
            assert.ok(isOneLineError(run.stderr), run.stderr);
            assert.match(run.stderr, /^interspec: more\.ispec: a symbolic link to nothing \(or a loop of links\)/);
        }
    });

    it('a FIFO named .ispec: exit 2 naming it, no hang', function () {
        const root = writeWorkspace({ 'spec.ispec': SPEC });
        if (spawnSync('mkfifo', [path.join(root, 'pipe.ispec')]).status !== 0) this.skip();
        const run = runCli(['check'], { cwd: root });
        assert.equal(run.status, 2, run.stdout + run.stderr);
        assert.match(run.stderr, /^interspec: pipe\.ispec: not a regular file; spec files must be regular files/);
    });

    it('the language server reads a linked .ispec through, and puts an error on a link to nothing', async () => {
        const shared = mkdtempSync(path.join(tmpdir(), 'interspec-shared-'));
        writeFileSync(path.join(shared, 'more.ispec'), MORE.replace('message ORU^R01', 'message ORU^R01 { OBX-3 -> OBX-3 codes { A -> A } receives A, B }'));
        const root = writeWorkspace({ 'spec.ispec': SPEC });
        symlinkSync(path.join(shared, 'more.ispec'), path.join(root, 'more.ispec'));
        symlinkSync(path.join(shared, 'gone.ispec'), path.join(root, 'gone.ispec'));
        await withServer(root, async client => {
            // The linked file is a document of the workspace: its own findings are published on it.
            const linked = await client.waitForDiagnostics(client.uri('more.ispec'), list => list.some(d => d.code === 'coded-values'), 30_000);
            assert.ok(linked.every(d => !/^Not read/.test(d.message)), JSON.stringify(linked));
            const gone = await client.waitForDiagnostics(client.uri('gone.ispec'), list => list.length > 0, 30_000);
            assert.equal(gone.length, 1, JSON.stringify(gone));
            assert.match(gone[0].message, /^Not read: this file is a symbolic link to nothing \(or a loop of links\)/);
            assert.equal(gone[0].severity, 1);
            const spec = await client.waitForDiagnostics(client.uri('spec.ispec'), list => list.length > 0, 30_000);
            assert.ok(spec.some(d => /baseline/.test(d.message)), JSON.stringify(spec));
        });
    });
});
