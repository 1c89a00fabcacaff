import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { collectFindings } from '../../language-server/model/findings.js';
import { InterspecDocumentValidator } from '../../language-server/language/interspec-document-validator.js';
import { shareOf } from '../../language-server/language/build-workspace.js';
import { MAX_THREADS, THREADS_MIN_BYTES, buildWorkspaceInThreads, threadCount } from '../../src/cli/parallel-check.js';
import { UserError } from '../../src/cli/user-error.js';
import { manyFiles } from '../support/synthetic-workspace.js';
import { REPO, isOneLineError, runCli, type CliResult } from './run-cli.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'];

/**
 * One workspace root with findings of every kind: examples/flawed (most rules) and a generated workspace beside it
 * (`synthetic/`, 20 files) whose organisation repeats names of flawed's, plus a copy of one feed file (every
 * interface of it declared twice, in two files) and a file that imports a file that does not exist: findings
 * that cite another file.
 */
function mixedWorkspace(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-threads-'));
    cpSync(path.join(REPO, 'examples/flawed'), root, { recursive: true });
    const files = manyFiles(20);
    for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, 'synthetic', file)), { recursive: true });
        writeFileSync(path.join(root, 'synthetic', file), text);
    }
    writeFileSync(path.join(root, 'synthetic/feeds/feed-copy.ispec'), files['feeds/feed-0001.ispec']);
    writeFileSync(path.join(root, 'synthetic/broken.ispec'), 'import "missing.ispec"\nsystem Orphan { owner Nobody }\n');
    return root;
}

/** Every format of one run, each to its own -o file, with INTERSPEC_THREADS set; the texts by format and the run. */
function checkAll(root: string, threads: string, extra: string[] = []): { outputs: Record<string, string>, run: CliResult } {
    const reports = mkdtempSync(path.join(tmpdir(), 'interspec-threads-reports-'));
    const args = ['check', ...extra];
    for (const format of FORMATS) args.push('--format', format, '-o', path.join(reports, `report.${format}`));
    const run = runCli(args, { cwd: root, env: { INTERSPEC_THREADS: threads }, spawn: { timeout: 240_000 } });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return { outputs: Object.fromEntries(FORMATS.map(format => [format, readFileSync(path.join(reports, `report.${format}`), 'utf8')])), run };
}

describe('cli: check on both cores', function () {
    this.timeout(600_000);

    it('writes byte-identical reports in every format, standard output and exit code with threads forced on and off', () => {
        const root = mixedWorkspace();
        const one = checkAll(root, '1');
        const two = checkAll(root, '2');
        const findings = (JSON.parse(one.outputs.json) as { findings: Array<{ rule: string, message: string, file: string }> }).findings;
        assert.ok(findings.length > 100, `the workspace has findings of many kinds (${findings.length})`);
        assert.ok(findings.some(f => f.rule === 'import-missing'), 'a finding about another file');
        assert.ok(findings.some(f => /synthetic\/feeds\/feed-copy\.ispec/.test(f.file) && /feed-0001\.ispec/.test(f.message)),
            'a duplicate name citing the other file');
        for (const format of FORMATS) {
            assert.equal(two.outputs[format], one.outputs[format], `${format}: two threads`);
        }
        assert.equal(two.run.status, one.run.status);
        assert.equal(two.run.stderr, one.run.stderr);
        // Standard output too, with the default format.
        const plain = runCli(['check'], { cwd: root, env: { INTERSPEC_THREADS: '1' } });
        const split = runCli(['check'], { cwd: root, env: { INTERSPEC_THREADS: '2' }, spawn: { timeout: 240_000 } });
        assert.equal(split.stdout, plain.stdout);
        assert.equal(split.status, plain.status);
    });

    it('keeps --cache working: a cold run on two threads writes what a warm run reads, both equal to one thread', () => {
        const root = mixedWorkspace();
        const one = checkAll(root, '1');
        const cold = checkAll(root, '2', ['--cache']);
        const warm = checkAll(root, '2', ['--cache']);
        for (const format of FORMATS) {
            assert.equal(cold.outputs[format], one.outputs[format], `${format}: cold --cache run on two threads`);
            assert.equal(warm.outputs[format], one.outputs[format], `${format}: warm --cache run`);
        }
        assert.equal(warm.run.status, one.run.status);
        assert.equal(warm.run.stderr, '');
    });

    it('refuses an INTERSPEC_THREADS it does not know with one line (exit 2)', () => {
        const root = mixedWorkspace();
        const run = runCli(['check'], { cwd: root, env: { INTERSPEC_THREADS: 'many' } });
        assert.equal(run.status, 2);
        assert.ok(isOneLineError(run.stderr), run.stderr);
        assert.match(run.stderr, /INTERSPEC_THREADS=many: expected 1 \(or off\), 2 \(or on\) or auto/);
    });
});

describe('cli: splitting a build over threads', function () {
    this.timeout(600_000);
    const root = mixedWorkspace();
    const folders = [root];
    let expected: string;
    before(async () => {
        const built = await buildWorkspaceInThreads(folders, { threads: 1 });
        expected = JSON.stringify(collectFindings(built.documents));
    });

    /** Runs `buildWorkspaceInThreads` with two threads, counting the documents this thread validated. */
    async function split(workerScript?: string): Promise<{ findings: string, notes: string[], validatedHere: number, documents: number }> {
        const notes: string[] = [];
        const original = InterspecDocumentValidator.prototype.validateDocument;
        let validatedHere = 0;
        InterspecDocumentValidator.prototype.validateDocument = function (this: InterspecDocumentValidator, ...args: Parameters<typeof original>) {
            validatedHere++;
            return original.apply(this, args);
        };
        try {
            const built = await buildWorkspaceInThreads(folders, { threads: 2, onNote: line => notes.push(line), workerScript });
            return { findings: JSON.stringify(collectFindings(built.documents)), notes, validatedHere, documents: built.documents.length };
        } finally {
            InterspecDocumentValidator.prototype.validateDocument = original;
        }
    }

    /** A worker script in a fresh folder. */
    function script(text: string): string {
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'interspec-worker-')), 'worker.mjs');
        writeFileSync(file, text);
        return file;
    }

    it('validates only its share on this thread and takes the rest from the worker, with the findings of one thread', async () => {
        const result = await split();
        assert.deepEqual(result.notes, []);
        assert.equal(result.findings, expected);
        assert.ok(result.validatedHere > 0 && result.validatedHere < result.documents,
            `this thread validated ${result.validatedHere} of ${result.documents} documents`);
    });

    it('checks the worker\'s share here, with a one-line note, when the worker throws', async () => {
        const result = await split(script('throw new Error("planted failure");\n'));
        assert.equal(result.findings, expected);
        assert.equal(result.validatedHere, result.documents);
        assert.equal(result.notes.length, 1);
        assert.match(result.notes[0], /^a second thread failed \(Error: planted failure\); its share of the files was checked on this one$/);
    });

    it('checks the worker\'s share here when the worker exits without answering', async () => {
        const result = await split(script('process.exit(3);\n'));
        assert.equal(result.findings, expected);
        assert.equal(result.validatedHere, result.documents);
        assert.match(result.notes.join('\n'), /a second thread failed \(it exited with code 3\)/);
    });

    it('checks the worker\'s share here when its script cannot be loaded', async () => {
        const result = await split(path.join(tmpdir(), 'interspec-no-such-worker.mjs'));
        assert.equal(result.findings, expected);
        assert.equal(result.notes.length, 1);
        assert.doesNotMatch(result.notes[0], /\n/);
    });

    it('never takes a worker\'s diagnostics for a text other than the one this thread parsed', async () => {
        // A worker that answers for every file, for texts it did not see: nothing of it may reach the findings.
        const result = await split(script(`import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
const files = readdirSync(workerData.folders[0], { recursive: true }).filter(f => f.endsWith('.ispec'));
const diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 1, message: 'PLANTED' }];
parentPort.postMessage({ kind: 'done', documents: files.map(f => ({ file: path.join(workerData.folders[0], f), hash: 'stale', diagnostics })) });
`));
        assert.equal(result.findings, expected);
        assert.doesNotMatch(result.findings, /PLANTED/);
        assert.deepEqual(result.notes, []);
    });
});

describe('cli: how many threads a check uses', () => {
    it('uses one thread unless asked: the split has not paid where it was measured', () => {
        assert.equal(threadCount(THREADS_MIN_BYTES * 10, {}, 2, 0), 1);
        assert.equal(threadCount(THREADS_MIN_BYTES * 10, {}, 8, 0), 1);
    });

    it('with auto, uses both cores from THREADS_MIN_BYTES of spec text on an idle machine, one below it, on one core or when busy', () => {
        const auto = { INTERSPEC_THREADS: 'auto' };
        assert.equal(threadCount(THREADS_MIN_BYTES - 1, auto, 2, 0), 1);
        assert.equal(threadCount(THREADS_MIN_BYTES, auto, 2, 0), 2);
        assert.equal(threadCount(THREADS_MIN_BYTES * 10, auto, 1, 0), 1);
        assert.equal(threadCount(THREADS_MIN_BYTES * 10, auto, 8, 0), MAX_THREADS);
        assert.equal(threadCount(THREADS_MIN_BYTES, auto, 2, 1.4), 2);
        assert.equal(threadCount(THREADS_MIN_BYTES, auto, 2, 1.5), 1, 'the other core is busy');
        assert.equal(threadCount(THREADS_MIN_BYTES, auto, 8, 12), 1);
    });

    it('follows INTERSPEC_THREADS whatever the size', () => {
        assert.equal(threadCount(THREADS_MIN_BYTES * 10, { INTERSPEC_THREADS: '1' }, 2, 0), 1);
        assert.equal(threadCount(THREADS_MIN_BYTES * 10, { INTERSPEC_THREADS: 'off' }, 2), 1);
        assert.equal(threadCount(0, { INTERSPEC_THREADS: '2' }, 1, 30), 2);
        assert.equal(threadCount(0, { INTERSPEC_THREADS: 'on' }, 2), 2);
        assert.throws(() => threadCount(0, { INTERSPEC_THREADS: '3' }, 2), UserError);
    });

    it('shares documents by text length, every document in exactly one share, in path order', () => {
        const doc = (name: string, length: number) => ({ name, textDocument: { getText: () => 'x'.repeat(length) } });
        const documents = [doc('a', 10), doc('b', 50), doc('c', 30), doc('d', 30), doc('e', 10)];
        const shares = shareOf(documents as never[], 2) as unknown as Array<typeof documents>;
        assert.deepEqual(shares.map(share => share.map(d => d.name)), [['a', 'b', 'e'], ['c', 'd']]);
        assert.deepEqual(shareOf(documents as never[], 1), [documents]);
    });
});
