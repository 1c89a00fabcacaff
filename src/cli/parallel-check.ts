import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DocumentState } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { buildWorkspace, findSpecFiles, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { UserError } from './user-error.js';

/**
 * The spec text (bytes, all files of the run) from which `check` splits validation over two threads. Each thread
 * parses and links the whole workspace (rules read all of it), so a second thread pays when half the rules' time is
 * more than starting it costs (loading the bundle and building the parser again: about 0.5 s of CPU on a quiet
 * machine). The rules grow faster than the files: at 100 files (1.35 MB) they are 1.4 s of a 4.3 s check, and half
 * of them is about the worker's start; at 1,000 files they are two thirds of it (docs/performance.md, "Both cores").
 */
export const THREADS_MIN_BYTES = 2_000_000;

/**
 * At most this many threads: "both cores". Each thread holds the whole workspace in memory and repeats its parse
 * and link, so a third would add memory and repeated work for a smaller share of the rules.
 */
export const MAX_THREADS = 2;

/** `INTERSPEC_THREADS`: `1` (or `off`, the default) checks on one thread, `2` (or `on`) always splits, `auto` by size and load. */
export const THREADS_ENV = 'INTERSPEC_THREADS';

/** What the main thread sends a worker (check-worker.ts). */
export interface WorkerRequest {
    folders: string[];
    configFile?: string;
    share: { index: number, count: number };
}

/** A worker's answer: its share's diagnostics per file, with the hash of the text it validated; or why it failed. */
export type WorkerReply =
    | { kind: 'done', documents: Array<{ file: string, hash: string, diagnostics: Diagnostic[] }> }
    | { kind: 'failed', reason: string };

/** SHA-1 of a text, hex: a share validated by a worker is taken only for the text this thread parsed. */
export function textHash(text: string): string {
    return createHash('sha1').update(text).digest('hex');
}

/**
 * How many threads a check of `bytes` of spec text uses: 1 unless `INTERSPEC_THREADS` asks otherwise. `2`/`on`
 * always splits; `auto` splits when the text is at least THREADS_MIN_BYTES, there are two cores and the machine has
 * one to spare (the 1-minute load average `load` below `cores - 0.5`). One thread is the default because the split
 * has not paid where it was measured: once `coded-values` stopped growing with the square of the files, the rules
 * were no longer most of a 1,000-file check, and two threads took 1.10x the wall time of one on this 2-core machine
 * at rest (1.76x the CPU, 1.9x the memory: docs/performance.md, "Both cores"). Throws UserError for any other value.
 */
export function threadCount(bytes: number, env: NodeJS.ProcessEnv = process.env, cores: number = availableParallelism(), load: number = loadavg()[0]): number {
    const value = (env[THREADS_ENV] ?? '').trim().toLowerCase();
    if (value === '1' || value === 'off') return 1;
    if (value === '2' || value === 'on') return MAX_THREADS;
    if (value !== '' && value !== 'auto') {
        throw new UserError(`${THREADS_ENV}=${env[THREADS_ENV]}: expected 1 (or off), 2 (or on) or auto`);
    }
    if (value === '') return 1;
    return bytes >= THREADS_MIN_BYTES && cores >= 2 && load < cores - 0.5 ? Math.min(MAX_THREADS, cores) : 1;
}

/** The bytes of the spec files below the folders; 0 when they cannot be read (the build reports why). */
export async function specBytes(folders: string[]): Promise<number> {
    try {
        const files = [...new Set((await Promise.all(folders.map(folder => findSpecFiles(path.resolve(folder))))).flat())];
        const sizes = await Promise.all(files.map(async file => (await stat(file)).size));
        return sizes.reduce((sum, size) => sum + size, 0);
    } catch {
        return 0;
    }
}

export interface ThreadedBuildOptions {
    configFile?: string;
    /** Threads to use (threadCount); 1 builds as `buildWorkspace` does. */
    threads: number;
    /** Told, in one line, when a worker failed and its share was checked on this thread instead. */
    onNote?: (line: string) => void;
    /** The worker's script (default: check-worker beside this module, or cli-check-worker.cjs beside the bundle). */
    workerScript?: string;
}

/**
 * `buildWorkspace` with validation split over threads: the main thread and each worker parse and link every
 * document, and each validates its share (`shareOf`); the workers' diagnostics are put on this thread's documents,
 * which then look as one thread would have left them (every document `Validated`, its diagnostics in the same
 * order), so every report is byte-identical. A worker that fails, exits or answers for a text other than this
 * thread's leaves its documents to this thread, with one note through `onNote`. Errors of the build itself
 * (configuration, limits, input/output) are this thread's, thrown as `buildWorkspace` throws them.
 */
export async function buildWorkspaceInThreads(folders: string[], options: ThreadedBuildOptions): Promise<BuiltWorkspace> {
    if (options.threads <= 1) {
        return buildWorkspace(folders, { configFile: options.configFile });
    }
    const count = options.threads;
    const workers = Array.from({ length: count - 1 }, (_, i) => startWorker(options.workerScript ?? workerScript(),
        { folders, configFile: options.configFile, share: { index: i + 1, count } }));
    let built: BuiltWorkspace;
    try {
        built = await buildWorkspace(folders, { configFile: options.configFile, share: { index: 0, count } });
    } catch (error) {
        await Promise.all(workers.map(worker => worker.stop()));
        throw error;
    }
    const replies = await Promise.all(workers.map(worker => worker.reply));
    const validated = new Map<string, { hash: string, diagnostics: Diagnostic[] }>();
    for (const reply of replies) {
        if (reply.kind === 'failed') {
            options.onNote?.(`a second thread failed (${reply.reason}); its share of the files was checked on this one`);
            continue;
        }
        for (const document of reply.documents) validated.set(document.file, document);
    }
    const rest = [];
    for (const document of built.documents) {
        if (document.state >= DocumentState.Validated) continue;
        const reply = validated.get(document.uri.fsPath);
        if (reply && reply.hash === textHash(document.textDocument.getText())) {
            document.diagnostics = reply.diagnostics;
            document.state = DocumentState.Validated;
        } else {
            rest.push(document);
        }
    }
    // Validated here as the build validates (every category), without a build: the builder would re-validate this
    // thread's share too, since newly validated documents look like changed cross-file facts to it.
    const validator = built.services.validation.DocumentValidator;
    for (const document of rest) {
        document.diagnostics = await validator.validateDocument(document);
        document.state = DocumentState.Validated;
    }
    return built;
}

/** The worker script: the compiled module beside this one, or the bundle's chunk beside cli.cjs. */
function workerScript(): string {
    const here = fileURLToPath(import.meta.url);
    return here.endsWith('.cjs') ? path.join(path.dirname(here), 'cli-check-worker.cjs') : fileURLToPath(new URL('./check-worker.js', import.meta.url));
}

/** A started worker: its reply (never rejects: a crash, an exit or an error is a `failed` reply) and a way to stop it. */
function startWorker(script: string, request: WorkerRequest): { reply: Promise<WorkerReply>, stop: () => Promise<void> } {
    let worker: Worker;
    try {
        // Its standard output is dropped (reports are the main thread's alone); what it writes to standard error
        // (a warning one thread would print too) is passed on, and its last line names why a worker exited.
        worker = new Worker(script, { workerData: request, stdout: true, stderr: true });
    } catch (error) {
        return { reply: Promise.resolve({ kind: 'failed', reason: describe(error) }), stop: async () => undefined };
    }
    let stderr = '';
    worker.stdout.resume();
    worker.stderr.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const reply = new Promise<WorkerReply>(resolve => {
        worker.once('message', (message: WorkerReply) => {
            resolve(message);
            void worker.terminate(); // its heap is not needed any more: no need to wait for it to be collected
        });
        worker.once('messageerror', error => resolve({ kind: 'failed', reason: describe(error) }));
        worker.once('error', error => resolve({ kind: 'failed', reason: describe(error) }));
        worker.once('exit', code => {
            const last = stderr.trim().split('\n').filter(line => line.trim() && !/^\s+at /.test(line)).pop();
            resolve({ kind: 'failed', reason: `it exited with code ${code}${last ? `: ${last.trim()}` : ''}` });
        });
    });
    return { reply, stop: async () => { await worker.terminate(); } };
}

function describe(error: unknown): string {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
