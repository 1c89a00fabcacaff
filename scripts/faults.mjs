#!/usr/bin/env node
/**
 * `npm run faults`: the fault harness (test/faults/scenarios.ts, built into out/test/faults/) against the built CLI
 * and language server: a full device, other devices, a full and a read-only file system, a read-only folder, a
 * closed standard output, a process killed mid-write by each signal, and a language server killed mid-edit. Prints
 * one line per scenario and a table at the end; appends `N passed, N failed` to $INTERSPEC_TEST_SUMMARY (as the
 * mocha suites do, for .ci/run) and exits 1 when a scenario fails.
 *
 *   node scripts/faults.mjs [--only <text>]     # scenarios whose group or name contains <text>
 */
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { faults } = await import(pathToFileURL(path.join(repo, 'out/test/faults/scenarios.js')).href);
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;

const rows = [];
const started = Date.now();
for (const fault of faults().filter(f => !only || `${f.group} ${f.name}`.includes(only))) {
    const begin = Date.now();
    let result;
    try {
        result = await fault.run();
    } catch (error) {
        result = { outcome: 'fail', detail: `the scenario itself threw: ${error instanceof Error ? error.stack : String(error)}` };
    }
    const seconds = ((Date.now() - begin) / 1000).toFixed(1);
    rows.push({ ...fault, ...result, seconds });
    process.stdout.write(`${result.outcome.toUpperCase().padEnd(4)} ${fault.group}: ${fault.name} (${seconds} s)\n     ${result.detail.replace(/\n/g, '\n     ')}\n`);
}

const cell = text => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
process.stdout.write('\n| group | scenario | outcome | what happened | s |\n| --- | --- | --- | --- | ---: |\n');
for (const row of rows) {
    process.stdout.write(`| ${cell(row.group)} | ${cell(row.name)} | ${row.outcome} | ${cell(row.detail).slice(0, 300)} | ${row.seconds} |\n`);
}
const passed = rows.filter(row => row.outcome === 'pass').length;
const failed = rows.filter(row => row.outcome === 'fail').length;
const skipped = rows.filter(row => row.outcome === 'skip').length;
process.stdout.write(`\nfaults: ${rows.length} scenarios in ${((Date.now() - started) / 1000).toFixed(0)} s: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
const line = `${passed} passed, ${failed} failed`;
process.stdout.write(`${line}\n`);
if (process.env.INTERSPEC_TEST_SUMMARY) {
    appendFileSync(process.env.INTERSPEC_TEST_SUMMARY, `${line}\n`);
}
process.exit(failed ? 1 : 0);
