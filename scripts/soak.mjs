#!/usr/bin/env node
/**
 * LSP soak: starts the built server on a synthetic workspace (`--files`, default 100) and sends `--edits` (default
 * 10,000) unpaced edits in batches of 1,000 (one character typed, then deleted, inside an interface title), with a
 * request after every third edit; the client cancels every `--cancel-every`-th request (default 10) right after
 * the next edit, as an editor drops a completion the user typed past. After each batch it waits for every request
 * of the batch to settle, up to `--settle-ms` (default 15 minutes: a late answer under load is an answer), and
 * reads the server's resident memory after a garbage collection (median of five readings).
 *
 * Every request is classified once settled:
 *   answered           a result within `--late-ms` (default 5,000 ms) of being sent
 *   answered late      a result after that
 *   content modified   the server's ContentModified (-32801): the document changed before it could answer
 *   server cancelled   the server's RequestCancelled (-32800) for a request the client did not cancel
 *   cancelled by client the client sent $/cancelRequest (whatever the server then answered)
 *   other error        any other error response (listed by code: a bug to look at)
 *   unanswered         no response at all within the settle bound (unexplained: a server bug)
 * Latency (p50, p95, max) is over every response, from sending the request to its response.
 *
 * Exits 1 if a request is unanswered, another error is seen, the server exits, or RSS after the last batch is more
 * than 10% above RSS after the first. Needs `npm run build` first (`npm run soak` does both).
 *
 *   node scripts/soak.mjs [--files 100] [--edits 10000] [--cancel-every 10] [--late-ms 5000] [--settle-ms 900000]
 *                         [--busy N]    # N extra processes spinning a core each for the run ("under load")
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = file => import(pathToFileURL(path.join(repo, 'out', 'test', 'support', file)).href);
const { LspClient } = await load('lsp-client.js');
const { manyFiles } = await load('synthetic-workspace.js');
const { writeWorkspace } = await load('workspace.js');

if (process.argv[2] === '--spin') {
    // A busy child of `--busy`: spins until its parent goes.
    process.on('disconnect', () => process.exit(0));
    for (;;) { Math.sqrt(Math.random()); }
}

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? Number(args[index + 1]) : fallback;
};
const files = option('files', 100);
const edits = option('edits', 10000);
const cancelEvery = option('cancel-every', 10);
const lateMs = option('late-ms', 5000);
const settleMs = option('settle-ms', 900000);
const busy = option('busy', 0);
const BATCH = 1000;
const CONTENT_MODIFIED = -32801;
const REQUEST_CANCELLED = -32800;
const REQUESTS = [
    'textDocument/codeLens', 'textDocument/formatting', 'textDocument/documentSymbol', 'textDocument/hover',
    'textDocument/completion', 'textDocument/foldingRange', 'textDocument/semanticTokens/full'
];
const CLASSES = ['answered', 'answered late', 'content modified', 'server cancelled', 'cancelled by client', 'other error', 'unanswered'];

/** Resident memory of a process in MB, after asking nothing of it (Linux /proc). */
const rssOf = pid => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const loadAverage = () => loadavg().map(n => n.toFixed(2)).join(' ');

/**
 * Live memory of the server in MB: a full garbage collection (SIGUSR2, see soak-server.cjs), then the median of
 * five readings a second apart, so one reading taken mid-collection does not decide the check.
 */
async function settledRss(pid) {
    process.kill(pid, 'SIGUSR2');
    const samples = [];
    for (let i = 0; i < 5; i++) {
        await sleep(1000);
        samples.push(rssOf(pid));
    }
    return samples.sort((a, b) => a - b)[2];
}

/** The class of a settled request (see the header). */
function classify(request) {
    if (request.cancelled) {
        return 'cancelled by client';
    }
    if (!request.settled) {
        return 'unanswered';
    }
    if (request.error === undefined) {
        return request.latency > lateMs ? 'answered late' : 'answered';
    }
    if (request.error === CONTENT_MODIFIED) {
        return 'content modified';
    }
    return request.error === REQUEST_CANCELLED ? 'server cancelled' : 'other error';
}

/**
 * One batch: `count` unpaced edits on line `line` with a request after every third, every `cancelEvery`-th of
 * them cancelled after the next edit; waits until all settle or `settleMs` passes. Returns the requests.
 */
async function batch(client, uri, line, count, state) {
    const requests = [];
    let toCancel;
    for (let i = 0; i < count; i++) {
        const typing = i % 2 === 0;
        const range = typing
            ? { start: { line, character: 19 }, end: { line, character: 19 } }
            : { start: { line, character: 19 }, end: { line, character: 20 } };
        void client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: ++state.version }, contentChanges: [{ range, text: typing ? 'x' : '' }]
        });
        if (toCancel) {
            toCancel.cancelled = true;
            toCancel.source.cancel();
            toCancel = undefined;
        }
        if (i % 3 === 0) {
            const method = REQUESTS[(i / 3) % REQUESTS.length];
            const source = new CancellationTokenSource();
            const request = { method, sent: Date.now(), settled: false, cancelled: false, source, edit: state.edits + i };
            client.connection.sendRequest(method, {
                textDocument: { uri }, position: { line, character: 20 }, options: { tabSize: 4, insertSpaces: true }
            }, source.token).then(
                () => { request.settled = true; request.latency = Date.now() - request.sent; },
                error => { request.settled = true; request.latency = Date.now() - request.sent; request.error = error?.code ?? 0; request.message = error?.message; });
            requests.push(request);
            state.sequence++;
            if (state.sequence % cancelEvery === 0) {
                toCancel = request;
            }
        }
    }
    state.edits += count;
    const deadline = Date.now() + settleMs;
    while (requests.some(r => !r.settled) && Date.now() < deadline && !client.hasExited) {
        await sleep(200);
    }
    return requests;
}

const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;

const spinners = Array.from({ length: busy }, () => fork(fileURLToPath(import.meta.url), ['--spin'], { stdio: 'ignore' }));
console.log(`soak: ${files} files, ${edits} edits, cancel every ${cancelEvery}th request, late after ${lateMs} ms, settle bound ${settleMs / 1000} s, ${busy} busy processes; load average ${loadAverage()} at ${new Date().toISOString()}`);
const root = writeWorkspace(manyFiles(files));
const client = await LspClient.start(root, { serverBundle: path.join(repo, 'scripts', 'soak-server.cjs') });
const uri = await client.open('feeds/feed-0001.ispec');
await client.waitForDiagnostics(uri, () => true, 600000);
console.log(`RSS after load ${rssOf(client.process.pid).toFixed(0)} MB`);
const all = [];
const rss = [];
const loads = [];
const state = { version: 1, edits: 0, sequence: 0 };
const started = Date.now();
for (let done = 0; done < edits && !client.hasExited; done += BATCH) {
    const begin = Date.now();
    const requests = await batch(client, uri, 1, Math.min(BATCH, edits - done), state);
    all.push(...requests);
    loads.push(loadavg()[0]);
    await sleep(2000); // let the last build settle before reading memory
    rss.push(client.hasExited ? NaN : await settledRss(client.process.pid));
    const counts = CLASSES.map(c => [c, requests.filter(r => classify(r) === c).length]).filter(([, n]) => n > 0);
    console.log(`edits ${state.edits}: ${counts.map(([c, n]) => `${c} ${n}`).join(', ')}; ${((Date.now() - begin) / 1000).toFixed(0)} s; load ${loadAverage()}; RSS ${rss.at(-1).toFixed(0)} MB`);
}
const exited = client.hasExited;
const stderr = client.stderr;
await client.stop();
spinners.forEach(child => child.kill());
rmSync(root, { recursive: true, force: true });

const counts = Object.fromEntries(CLASSES.map(c => [c, all.filter(r => classify(r) === c).length]));
const latencies = all.filter(r => r.settled).map(r => r.latency).sort((a, b) => a - b);
const resultLatencies = all.filter(r => r.settled && r.error === undefined && !r.cancelled).map(r => r.latency).sort((a, b) => a - b);
const cancelled = all.filter(r => r.cancelled);
const growth = rss.length > 1 ? (rss.at(-1) - rss[0]) / rss[0] : 0;
console.log(`\n${state.edits} edits, ${all.length} requests in ${((Date.now() - started) / 1000).toFixed(0)} s; load average (1 min) after each batch ${loads.map(n => n.toFixed(1)).join(' ')}`);
for (const c of CLASSES) {
    console.log(`  ${c.padEnd(20)} ${counts[c]}`);
}
console.log(`  (cancelled by client: ${cancelled.filter(r => r.settled && r.error === undefined).length} got a result, ${cancelled.filter(r => r.error === REQUEST_CANCELLED).length} RequestCancelled, ${cancelled.filter(r => r.error === CONTENT_MODIFIED).length} ContentModified, ${cancelled.filter(r => !r.settled).length} no response)`);
const others = all.filter(r => classify(r) === 'other error');
for (const r of others.slice(0, 20)) {
    console.log(`  other error: ${r.method} at edit ${r.edit}: ${r.error} ${r.message}`);
}
for (const r of all.filter(r => classify(r) === 'unanswered').slice(0, 20)) {
    console.log(`  unanswered: ${r.method} sent at edit ${r.edit}`);
}
console.log(`latency of every response: p50 ${percentile(latencies, 0.5)} ms, p95 ${percentile(latencies, 0.95)} ms, max ${latencies.at(-1)} ms; of results: p50 ${percentile(resultLatencies, 0.5)} ms, p95 ${percentile(resultLatencies, 0.95)} ms`);
console.log(`RSS ${rss[0].toFixed(0)} MB after the first batch, ${rss.at(-1).toFixed(0)} MB after the last (${(growth * 100).toFixed(1)}%)`);
if (exited) {
    console.log(`the server exited during the soak:\n${stderr}`);
}
process.exitCode = counts.unanswered > 0 || counts['other error'] > 0 || exited || growth > 0.1 ? 1 : 0;
