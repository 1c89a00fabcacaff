#!/usr/bin/env node
/**
 * LSP soak: starts the built server on a synthetic workspace (`--files`, default 100), sends `--edits` (default
 * 10,000) unpaced edits in batches of 1,000 with concurrent requests, and prints after each batch how many requests
 * got a result, an error or no answer, and the server's resident memory after a
 * garbage collection (median of five readings). Exits 1 if a request is left unanswered
 * or if RSS after the last batch is more than 10% above RSS after the first. Needs `npm run build` first
 * (`npm run soak` does both).
 */
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = file => import(pathToFileURL(path.join(repo, 'out', 'test', 'support', file)).href);
const { LspClient } = await load('lsp-client.js');
const { editStream } = await load('edit-stream.js');
const { manyFiles } = await load('synthetic-workspace.js');
const { writeWorkspace } = await load('workspace.js');

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? Number(args[index + 1]) : fallback;
};
const files = option('files', 100);
const edits = option('edits', 10000);

/** Resident memory of a process in MB, after asking nothing of it (Linux /proc). */
const rssOf = pid => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

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

const root = writeWorkspace(manyFiles(files));
const client = await LspClient.start(root, { serverBundle: path.join(repo, 'scripts', 'soak-server.cjs') });
const uri = await client.open('feeds/feed-0001.ispec');
await client.waitForDiagnostics(uri, () => true, 600000);
console.log(`${files} files; RSS after load ${rssOf(client.process.pid).toFixed(0)} MB`);
let unanswered = 0;
const rss = [];
for (let done = 0; done < edits; done += 1000) {
    const { results, errors, open } = await editStream(client, uri, 1, 1000, 300000);
    unanswered += open;
    await sleep(2000); // let the last build settle before reading memory
    rss.push(await settledRss(client.process.pid));
    console.log(`edits ${done + 1000}: results ${results}, errors ${[...errors].map(([code, n]) => `${code}×${n}`).join(' ') || 0}, unanswered ${open}, RSS ${rss.at(-1).toFixed(0)} MB`);
}
await client.stop();
rmSync(root, { recursive: true, force: true });
const growth = rss.length > 1 ? (rss.at(-1) - rss[0]) / rss[0] : 0;
console.log(`unanswered ${unanswered}; RSS ${rss[0].toFixed(0)} MB after 1,000 edits, ${rss.at(-1).toFixed(0)} MB after ${edits} (${(growth * 100).toFixed(1)}%)`);
process.exitCode = unanswered > 0 || growth > 0.1 ? 1 : 0;
