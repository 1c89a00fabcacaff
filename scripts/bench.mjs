#!/usr/bin/env node
/**
 * Benchmark: seeded synthetic workspaces (test/support/synthetic-workspace.ts) measured the way users meet them,
 * each measurement in its own process so its peak memory is its own. Prints a Markdown report and, with
 * `--write`, puts it in docs/performance.md. Needs `npm run build` first (`npm run bench` does both). Timings are
 * for reading, never asserted in tests.
 *
 *   node scripts/bench.mjs [--runs 3] [--large] [--write] [--only check|parse|startup|threads|lsp|generate|spectral|samples]
 *                          [--against <folder>] [--lsp-case <text of a case label>] [--lsp-settle]
 *
 * `--against` names another build (a folder with `bin/interspec.cjs` and its `out/bundle`, e.g. a clone of the
 * previous commit after `npm run build`): the startup case then runs its commands interleaved with the same commands
 * of that build, and prints each row of both with the ratio between them.
 *
 * Workspaces: medium (100 files, ~23,000 lines), one file of 10,000 lines, and with --large 1,000 files
 * (~230,000 lines; minutes on a busy machine). Matrix and checklists use 1,000 interfaces x 20 sites. The Spectral
 * case (scripts/bench-spectral.mjs) lints the same workspaces written as YAML, installing Spectral into a cache
 * outside the clone on first use. The samples case checks 1,000 and 10,000 generated ORU^R01 messages
 * (test/support/generated-samples.ts: the lab-network example's captures with varied ids and values) against the
 * lab-network example. The threads case checks the 1,000-file workspace on one thread and on two
 * (INTERSPEC_THREADS=1 and 2, interleaved), with or without --large.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : fallback;
};
const runs = Number(option('runs', 3));
const only = option('only', undefined);
const against = option('against', undefined);
const out = file => pathToFileURL(path.join(repo, 'out', file)).href;
const synthetic = await import(out('test/support/synthetic-workspace.js'));
const spectral = await import('./bench-spectral.mjs');

const WORKSPACES = {
    medium: () => synthetic.manyFiles(100),
    single: () => synthetic.singleFile(10000),
    large: () => synthetic.manyFiles(1000),
    rollout: () => synthetic.rollout(1000, 20, 4)
};

function writeWorkspace(name) {
    const root = mkdtempSync(path.join(os.tmpdir(), `interspec-bench-${name}-`));
    writeFileSync(path.join(root, 'interspec.yaml'), '');
    let lines = 0;
    const files = WORKSPACES[name]();
    for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
        lines += text.split('\n').length - 1;
    }
    return { root, files: Object.keys(files).length, lines };
}

// ---------------------------------------------------------------- children: one measurement each

/** Reports this process's peak RSS (MB) on exit, for `check` measured as a whole process. */
const PEAK_PRELOAD = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nBENCH_PEAK_RSS ' + (u.maxRSS / 1024) + ' ' + ((u.userCPUTime + u.systemCPUTime) / 1000) + '\\n'); });`;

async function childParse(root) {
    const { NodeFileSystem } = await import('langium/node');
    const { createInterspecServices } = await import(out('language-server/lsp/interspec-lsp-module.js'));
    const { findSpecFiles } = await import(out('language-server/language/build-workspace.js'));
    const { Interspec } = createInterspecServices(NodeFileSystem);
    const texts = (await findSpecFiles(root)).sort().map(file => readFileSync(file, 'utf8'));
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (const text of texts) {
        Interspec.parser.LangiumParser.parse(text);
    }
    return { ms: performance.now() - start, cpuMs: cpuMs(cpu) };
}

async function childBuild(root) {
    const { buildWorkspace } = await import(out('language-server/language/build-workspace.js'));
    const { collectFindings } = await import(out('language-server/model/findings.js'));
    const cpu = process.cpuUsage();
    const start = performance.now();
    const workspace = await buildWorkspace([root]);
    const findings = collectFindings(workspace.documents);
    return { ms: performance.now() - start, cpuMs: cpuMs(cpu), findings: findings.length };
}

/** Matrix (every format) and checklists written to files; with `buildOnly`, stops once the input is loaded. */
async function childGenerate(root, buildOnly) {
    const { buildWorkspace } = await import(out('language-server/language/build-workspace.js'));
    const { collectFindings } = await import(out('language-server/model/findings.js'));
    const generators = await import(out('language-server/generators/index.js'));
    const workspace = await buildWorkspace([root]);
    const findings = collectFindings(workspace.documents);
    const input = await generators.loadGeneratorInput(workspace.services, root, { findings });
    if (buildOnly) {
        return { ms: 0, rows: 0 };
    }
    const start = performance.now();
    let rows = 0;
    for (const format of generators.MATRIX_FORMATS) {
        await writeToFile(path.join(root, `matrix.${format}`), sink => generators.writeTestMatrix(input, format, sink));
    }
    for (const _row of generators.matrixRows(input)) rows++;
    await writeToFile(path.join(root, 'checklist.md'), sink => generators.writeChecklist(input, undefined, 'markdown', sink));
    return { ms: performance.now() - start, rows };
}

/** Writes a file the way the CLI's --out does (the write layer: a temporary file, 64 KiB blocks, renamed into place). */
async function writeToFile(file, generate) {
    const { OutputFiles } = await import(out('src/cli/write-layer.js'));
    const files = new OutputFiles(path.dirname(file), true);
    await files.plan(file);
    await files.run(() => files.stage(file, generate));
}

const cpuMs = since => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };

/** User + system CPU of a process so far (ms), from /proc (clock ticks of 10 ms). */
const serverCpuMs = pid => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
};

const percentile = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};

/** Language server latencies on one workspace: open, edits in `targets` (file, line, column), completion, hover. */
/**
 * Opens the targets and types into each. With `settle` each keystroke waits, after its own file's diagnostics, until
 * the server stops publishing (other files validated again); without it the next keystroke comes 50 ms after them
 * and may cancel that work, as fast typing does.
 */
async function childLsp(root, targets, edits, settle = false) {
    const { LspClient } = await import(out('test/support/lsp-client.js'));
    const started = performance.now();
    const client = await LspClient.start(root);
    const result = {};
    const publications = new Map();
    client.connection.onNotification('textDocument/publishDiagnostics', params => {
        client.diagnostics.set(params.uri, params.diagnostics);
        publications.set(params.uri, (publications.get(params.uri) ?? 0) + 1);
    });
    const nextPublication = (uri, count) => new Promise(resolve => {
        const poll = () => (publications.get(uri) ?? 0) > count ? resolve() : setTimeout(poll, 1);
        poll();
    });
    for (const [index, [file, line, column]] of targets.entries()) {
        const text = readFileSync(path.join(root, file), 'utf8');
        const uri = await client.open(file, text);
        await nextPublication(uri, 0); // this listener replaced the client's own, so wait on the count
        if (index === 0) {
            result.openMs = performance.now() - started;
            await new Promise(resolve => setTimeout(resolve, 2000));
            result.rssMb = Number(readFileSync(`/proc/${client.process.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
        }
        const lines = text.split('\n');
        const times = [];
        const serverCpu = serverCpuMs(client.process.pid);
        for (let i = 0; i < edits; i++) {
            const count = publications.get(uri) ?? 0;
            const t0 = performance.now();
            const typed = lines.map((l, n) => n === line ? l.slice(0, column) + (i % 2 === 0 ? 'x' : '') + l.slice(column) : l).join('\n');
            await client.change(uri, typed);
            await nextPublication(uri, count);
            times.push(performance.now() - t0);
            if (settle) {
                // Until no file's diagnostics are published for 300 ms: the edit's whole work, other files included.
                let total = -1;
                while (total !== [...publications.values()].reduce((a, b) => a + b, 0)) {
                    total = [...publications.values()].reduce((a, b) => a + b, 0);
                    await new Promise(resolve => setTimeout(resolve, 300));
                }
            }
            await new Promise(resolve => setTimeout(resolve, 50)); // paced, as a typist
        }
        // Paced edits leave the server idle between them: its CPU over the run, per edit, is what a keystroke costs.
        result[`edit ${file}`] = { p50: percentile(times, 0.5), p95: percentile(times, 0.95), cpuMs: (serverCpuMs(client.process.pid) - serverCpu) / edits };
        if (index === targets.length - 1) {
            for (const method of ['textDocument/completion', 'textDocument/hover']) {
                const times = [];
                for (let i = 0; i < 10; i++) {
                    const t0 = performance.now();
                    await client.request(method, { textDocument: { uri }, position: { line: line + 7, character: 12 } });
                    times.push(performance.now() - t0);
                }
                result[method] = { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
            }
        }
    }
    await client.stop();
    return result;
}

if (args.includes('--child')) {
    const kind = option('child', undefined);
    const root = option('root', undefined);
    const result = kind === 'parse' ? await childParse(root)
        : kind === 'build' ? await childBuild(root)
            : kind === 'generate' ? await childGenerate(root, args.includes('--build-only'))
                : await childLsp(root, JSON.parse(option('targets', '[]')), Number(option('edits', 20)), args.includes('--settle'));
    result.peakMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write('\nBENCH_RESULT ' + JSON.stringify(result) + '\n');
    process.exit(0);
}

// ---------------------------------------------------------------- the parent: workspaces, runs, report

function child(kind, root, extra = [], env = {}) {
    const run = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', kind, '--root', root, ...extra],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
    const line = run.stdout.split('\n').find(l => l.startsWith('BENCH_RESULT '));
    if (!line) {
        throw new Error(`${kind} on ${root} failed:\n${run.stderr}`);
    }
    return JSON.parse(line.slice('BENCH_RESULT '.length));
}

function checkProcess(root, extra = [], heapMb = 4096, env = {}) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--eval', PEAK_PRELOAD + `process.argv.splice(1, 0, ${JSON.stringify(path.join(repo, 'bin', 'interspec.cjs'))}); require(${JSON.stringify(path.join(repo, 'bin', 'interspec.cjs'))});`, 'check', root, ...extra, '--format', 'json'],
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
    const ms = performance.now() - start;
    const peak = run.stderr.match(/BENCH_PEAK_RSS ([\d.]+) ([\d.]+)/);
    if (run.status === 2 || !peak) {
        throw new Error(`check ${root} failed (${run.status}):\n${run.stderr.slice(0, 2000)}`);
    }
    return { ms, peakMb: Number(peak[1]), cpuMs: Number(peak[2]), findings: JSON.parse(run.stdout).summary, stdout: run.stdout, status: run.status };
}

const stats = values => {
    const sorted = [...values].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
};
const s = ms => (ms / 1000).toFixed(2);
const msText = ms => ms.toFixed(0);

const names = only === 'samples' || only === 'threads' ? [] : ['medium', 'single', ...(args.includes('--large') ? ['large'] : [])];
const spaces = Object.fromEntries(names.map(name => [name, writeWorkspace(name)]));
const lines = [];
const log = line => { lines.push(line); console.log(line); };
const load = os.loadavg().map(l => l.toFixed(1)).join(', ');
log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, ${os.platform()} ${os.release()}, Node ${process.version}; load average at start ${load}; ${runs} runs per case.`);
log('');

if (!only || only === 'check' || only === 'parse') {
    log('| workspace | files | lines | `interspec check`, whole process (s): median (min–max) | its CPU (s) | peak RSS (MB) | in-process build + rules: wall / CPU (s) | bare parse: wall / CPU (s) | check / parse (CPU) |');
    log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const name of names) {
        const space = spaces[name];
        const count = name === 'large' ? Math.min(runs, 1) : runs;
        const checks = [];
        const builds = [];
        const parses = [];
        for (let i = 0; i < count; i++) {
            checks.push(checkProcess(space.root));
            builds.push(child('build', space.root));
            parses.push(child('parse', space.root));
        }
        const check = stats(checks.map(c => c.ms));
        const median = (list, key) => stats(list.map(x => x[key])).median;
        log(`| ${name} | ${space.files} | ${space.lines} | ${s(check.median)} (${s(check.min)}–${s(check.max)}) | ${s(median(checks, 'cpuMs'))} | ${Math.max(...checks.map(c => c.peakMb)).toFixed(0)} | ${s(median(builds, 'ms'))} / ${s(median(builds, 'cpuMs'))} | ${s(median(parses, 'ms'))} / ${s(median(parses, 'cpuMs'))} | ${(median(builds, 'cpuMs') / median(parses, 'cpuMs')).toFixed(2)} |`);
    }
    log('');
}

if (!only || only === 'startup' || only === 'check') {
    // Cold start (issue #28): whole processes, interleaved so that every case meets the same load, as ratios to a
    // bare `node -e 0` measured in the same loop. `check` of an empty workspace stops after loading the language
    // and building the services ("no .ispec files"), so it is module load; the one-file check adds the first build.
    const bin = path.join(repo, 'bin', 'interspec.cjs');
    const tiny = mkdtempSync(path.join(os.tmpdir(), 'interspec-bench-tiny-'));
    writeFileSync(path.join(tiny, 'interspec.yaml'), '');
    const empty = mkdtempSync(path.join(os.tmpdir(), 'interspec-bench-empty-'));
    writeFileSync(path.join(empty, 'interspec.yaml'), '');
    // The spec `interspec init` writes: one file, every rule at its default.
    writeFileSync(path.join(tiny, 'integration.ispec'), (await import(out('src/cli/templates/starter.js'))).STARTER_SPEC);
    const cases = [
        ['`node -e 0` (the unit)', ['-e', '0'], undefined],
        ['`interspec --version`', [bin, '--version'], undefined],
        ['`interspec check --help`', [bin, 'check', '--help'], undefined],
        ['module load: `interspec check` of a workspace without specs (the language loaded, the configuration read; no parser built)', [bin, 'check'], empty],
        ['first check: `interspec check` of a one-file spec', [bin, 'check'], tiny],
        ['the same with `--cache`, nothing changed', [bin, 'check', '--cache'], tiny]
    ];
    spawnSync(process.execPath, [bin, 'check', '--cache'], { cwd: tiny }); // writes the cache the last case reads
    if (against) {
        // The same commands of the other build, interleaved with these (same load), each row beside its twin.
        const previous = path.resolve(against, 'bin', 'interspec.cjs');
        for (const [label, argv, cwd] of cases.slice(1)) {
            cases.push([`${label}, previous build`, argv.map(arg => arg === bin ? previous : arg), cwd]);
        }
    }
    const times = cases.map(() => []);
    for (let i = 0; i < Math.max(runs, 7); i++) {
        cases.forEach(([, argv, cwd], index) => {
            const start = performance.now();
            spawnSync(process.execPath, argv, { cwd: cwd ?? os.tmpdir(), encoding: 'utf8' });
            times[index].push(performance.now() - start);
        });
    }
    const unit = stats(times[0]).median;
    const twins = against ? (cases.length - 1) / 2 : 0;
    log(`| start (whole process) | median ms (min–max) | ÷ \`node -e 0\` |${against ? ' ÷ previous build |' : ''}`);
    log(`| --- | ---: | ---: |${against ? ' ---: |' : ''}`);
    cases.forEach(([label], index) => {
        const t = stats(times[index]);
        const twin = against && index >= 1 && index <= twins ? ` ${(t.median / stats(times[index + twins]).median).toFixed(2)} |` : against ? ' |' : '';
        log(`| ${label} | ${msText(t.median)} (${msText(t.min)}–${msText(t.max)}) | ${(t.median / unit).toFixed(2)} |${twin}`);
    });
    log('');
    // `check --cache` re-run with nothing changed, against the cold run that writes the cache, per workspace.
    log('| `check --cache` | files | cold run, cache written (s) | re-run, nothing changed (s) | re-run ÷ cold |');
    log('| --- | ---: | ---: | ---: | ---: |');
    for (const name of names) {
        const space = spaces[name];
        const cold = [];
        const warm = [];
        for (let i = 0; i < (name === 'large' ? 1 : runs); i++) {
            rmSync(path.join(space.root, '.interspec-cache'), { force: true });
            let start = performance.now();
            spawnSync(process.execPath, ['--max-old-space-size=4096', bin, 'check', '--cache', '--format', 'json'], { cwd: space.root, maxBuffer: 256 * 1024 * 1024 });
            cold.push(performance.now() - start);
            start = performance.now();
            spawnSync(process.execPath, ['--max-old-space-size=4096', bin, 'check', '--cache', '--format', 'json'], { cwd: space.root, maxBuffer: 256 * 1024 * 1024 });
            warm.push(performance.now() - start);
        }
        rmSync(path.join(space.root, '.interspec-cache'), { force: true });
        log(`| ${name} | ${space.files} | ${s(stats(cold).median)} | ${s(stats(warm).median)} | ${(stats(warm).median / stats(cold).median).toFixed(2)} |`);
    }
    log('');
    rmSync(tiny, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
}

if (!only || only === 'threads') {
    // Both cores (issue #28, item 4): `interspec check` of the 1,000-file workspace as a whole process on one thread
    // and split over two (src/cli/parallel-check.ts), interleaved so that both meet the same load. CPU is the sum of
    // both threads; on a loaded machine the wall ratio shows only what the other core had free.
    const space = spaces.large ?? writeWorkspace('large');
    const loadBefore = os.loadavg().map(l => l.toFixed(1)).join(', ');
    const results = { 1: [], 2: [] };
    for (let i = 0; i < runs; i++) {
        for (const threads of [1, 2]) {
            results[threads].push(checkProcess(space.root, [], 4096, { INTERSPEC_THREADS: String(threads) }));
        }
    }
    const identical = results[2].every(r => r.stdout === results[1][0].stdout && r.status === results[1][0].status)
        && results[1].every(r => r.stdout === results[1][0].stdout);
    const median = (list, key) => stats(list.map(x => x[key])).median;
    log(`| \`check\`, ${space.files} files (${space.lines} lines) | wall (s): median (min–max) | CPU (s) | peak RSS (MB) | ÷ one thread: wall; CPU; peak RSS | JSON report and exit code |`);
    log('| --- | --- | ---: | ---: | ---: | --- |');
    for (const threads of [1, 2]) {
        const list = results[threads];
        const wall = stats(list.map(r => r.ms));
        const peak = Math.max(...list.map(r => r.peakMb));
        const ratio = `${(wall.median / median(results[1], 'ms')).toFixed(2)}; ${(median(list, 'cpuMs') / median(results[1], 'cpuMs')).toFixed(2)}; ${(peak / Math.max(...results[1].map(r => r.peakMb))).toFixed(2)}`;
        log(`| ${threads === 1 ? 'one thread (`INTERSPEC_THREADS=1`)' : 'two threads (`INTERSPEC_THREADS=2`)'} | ${s(wall.median)} (${s(wall.min)}–${s(wall.max)}) | ${s(median(list, 'cpuMs'))} | ${peak.toFixed(0)} | ${ratio} | ${threads === 1 ? 'the unit' : identical ? 'byte-identical' : '**differ**'} |`);
    }
    log('');
    log(`Load average before this case ${loadBefore}, after it ${os.loadavg().map(l => l.toFixed(1)).join(', ')}; ${runs} runs of each, interleaved.`);
    log('');
    if (!spaces.large) rmSync(space.root, { recursive: true, force: true });
}

if (!only || only === 'lsp') {
    log('| language server | open → first diagnostics (s) | RSS after load (MB) | edit → own diagnostics p50 / p95 (ms) | server CPU per edit (ms) | completion p50 / p95 (ms) | hover p50 / p95 (ms) |');
    log('| --- | ---: | ---: | --- | ---: | --- | --- |');
    const cases = [
        ['medium, leaf file', 'medium', [['feeds/feed-0001.ispec', 1, 19]]],
        ['medium, shared file (imported by all)', 'medium', [['org.ispec', 0, 20]]],
        // Facts other files read (issue 28): a code (master-data, gate coverage) and an identifier authority.
        ['medium, inside a code map other files read', 'medium', [['feeds/feed-0001.ispec', 12, 49]]],
        ['medium, inside an identifier authority other files read', 'medium', [['feeds/feed-0001.ispec', 9, 70]]],
        ['one file of 10,000 lines, inside an element', 'single', [['all.ispec', 80, 19]]],
        // The same server with region parsing off: every edit parses the whole document (side by side, same load).
        ['the same, whole-document parse (region parsing off)', 'single', [['all.ispec', 80, 19]], { INTERSPEC_REGION_MIN_CHARS: 'Infinity' }],
        // With --large: the server loads 1,000 files before it answers; a keystroke's CPU is the issue's second budget.
        ...(spaces.large ? [['large (1,000 files), leaf file', 'large', [['feeds/feed-0001.ispec', 1, 19]]]] : [])
    ];
    // `--lsp-case <text>`: only the cases whose label contains the text (side-by-side runs of a few cases);
    // `--lsp-settle`: each keystroke waits until the server has re-validated every file it affects (see childLsp).
    const wanted = option('lsp-case', undefined);
    for (const [label, name, targets, env] of cases.filter(([label]) => wanted === undefined || label.includes(wanted))) {
        const results = [];
        for (let i = 0; i < runs; i++) {
            results.push(child('lsp', spaces[name].root, ['--targets', JSON.stringify(targets), '--edits', '20', ...(args.includes('--lsp-settle') ? ['--settle'] : [])], env));
        }
        const key = `edit ${targets[0][0]}`;
        const med = f => stats(results.map(f)).median;
        log(`| ${label} | ${s(med(r => r.openMs))} | ${med(r => r.rssMb).toFixed(0)} | ${msText(med(r => r[key].p50))} / ${msText(med(r => r[key].p95))} | ${msText(med(r => r[key].cpuMs))} | ${msText(med(r => r['textDocument/completion'].p50))} / ${msText(med(r => r['textDocument/completion'].p95))} | ${msText(med(r => r['textDocument/hover'].p50))} / ${msText(med(r => r['textDocument/hover'].p95))} |`);
    }
    log('');
}

if (!only || only === 'generate') {
    const space = writeWorkspace('rollout');
    const results = [];
    const builds = [];
    for (let i = 0; i < runs; i++) { // interleaved, so both meet the same load
        results.push(child('generate', space.root));
        builds.push(child('generate', space.root, ['--build-only']));
    }
    const time = stats(results.map(r => r.ms));
    const peak = list => { const mb = stats(list.map(r => r.peakMb)); return `${mb.median.toFixed(0)} (${mb.min.toFixed(0)}–${mb.max.toFixed(0)})`; };
    log('| generation | rows | matrix (5 formats) + checklists (s): median (min–max) | peak RSS incl. the build (MB): median (min–max) | the build and input alone, same process stopped there (MB) |');
    log('| --- | ---: | --- | ---: | ---: |');
    log(`| 1,000 interfaces × 20 sites (4 per interface) | ${results[0].rows} | ${s(time.median)} (${s(time.min)}–${s(time.max)}) | ${peak(results)} | ${peak(builds)} |`);
    log(''); // a table that follows must not run into this one
    rmSync(space.root, { recursive: true, force: true });
}

if (!only || only === 'spectral') {
    let bin;
    try {
        bin = spectral.ensureSpectral();
    } catch (error) {
        console.error(`bench: the Spectral comparison is skipped: ${error.message}`);
        log(`Spectral comparison skipped: ${error.message}`);
        log('');
    }
    if (bin) {
        const spectralRules = spectral.checkRuleset(bin);
        const { RULES } = await import(out('language-server/rules/registry.js'));
        const comparable = spectral.COMPARABLE_RULES.length;
        log(`| same content, side by side | files | lines and size: \`.ispec\` / YAML | \`interspec check\`, all ${RULES.length} rules: s median (min–max); CPU s; peak MB | the same, only the ${comparable} comparable rules | \`spectral lint\` ${spectral.SPECTRAL_VERSION}, ${spectralRules} rules: s median (min–max); CPU s; peak MB | check ÷ Spectral, wall (CPU): all rules; comparable rules | findings: check (comparable rules) / Spectral |`);
        log('| --- | ---: | ---: | --- | --- | --- | --- | ---: |');
        for (const name of names) {
            const space = spaces[name];
            const ispecFiles = WORKSPACES[name]();
            const yamlFiles = (await import(out('test/support/synthetic-yaml.js'))).workspaceToYaml(ispecFiles);
            const yaml = spectral.writeYamlWorkspace(name, yamlFiles);
            const mb = files => (Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6).toFixed(2);
            const comparableRoot = spectral.comparableCopy(space.root, RULES.map(rule => rule.id));
            const count = name === 'large' ? Math.min(runs, 1) : runs;
            const checks = [];
            const comparables = [];
            const lints = [];
            for (let i = 0; i < count; i++) { // interleaved, so each tool meets the same load
                checks.push(checkProcess(space.root));
                comparables.push(checkProcess(comparableRoot));
                lints.push(spectral.spectralProcess(bin, yaml.root, PEAK_PRELOAD));
            }
            const cell = list => {
                const wall = stats(list.map(x => x.ms));
                return `${s(wall.median)} (${s(wall.min)}–${s(wall.max)}); ${s(stats(list.map(x => x.cpuMs)).median)}; ${Math.max(...list.map(x => x.peakMb)).toFixed(0)}`;
            };
            const ratio = (list, key) => (stats(list.map(x => x[key])).median / stats(lints.map(x => x[key])).median).toFixed(2);
            const found = result => result.findings.errors + result.findings.warnings + result.findings.infos;
            log(`| ${name} | ${space.files} | ${space.lines} / ${yaml.lines}; ${mb(ispecFiles)} / ${mb(yamlFiles)} MB | ${cell(checks)} | ${cell(comparables)} | ${cell(lints)} | ${ratio(checks, 'ms')} (${ratio(checks, 'cpuMs')}); ${ratio(comparables, 'ms')} (${ratio(comparables, 'cpuMs')}) | ${found(checks[0])} (${found(comparables[0])}) / ${lints[0].findings} |`);
            rmSync(yaml.root, { recursive: true, force: true });
            rmSync(comparableRoot, { recursive: true, force: true });
        }
        log('');
        log(`Spectral ${spectral.SPECTRAL_VERSION} lints the same workspaces written as YAML (\`test/support/synthetic-yaml.ts\`; about 5 times the lines`);
        log(`and 2.2 times the bytes in block style) with ${spectralRules} rules standing for ${comparable} comparable Interspec rules`);
        log('(`bench/spectral/README.md` maps them and says what Spectral cannot do: other files, the dictionaries, UCUM, the');
        log('IANA zones). Neither tool finds anything within the comparable rules\' scope in the synthetic workspaces; the findings');
        log('Interspec reports come from rules Spectral has no counterpart for, or are infos of `units`.');
        log('');
    }
}

if (!only || only === 'samples') {
    // Captured samples (issue #25, item 6): the lab-network example checked whole, without and with --samples
    // files of generated ORU^R01 messages, interleaved in each run so that every case meets the same load. The
    // example's own 2 captures are checked in every case (its interface lists them). Ratios are to the check
    // without --samples; the cost per 1,000 messages is the difference, so the workspace's own build drops out.
    const { labResultMessages } = await import(out('test/support/generated-samples.js'));
    const lab = path.join(repo, 'examples', 'lab-network');
    const folder = mkdtempSync(path.join(os.tmpdir(), 'interspec-bench-samples-'));
    const sampleFile = count => {
        const file = path.join(folder, `oru-${count}.hl7`);
        writeFileSync(file, [...labResultMessages(count)].join(''), 'latin1');
        return { file, count, mb: readFileSync(file).length / 1e6 };
    };
    const small = sampleFile(1000);
    const large = sampleFile(10000);
    const cases = [
        ['`check examples/lab-network` (its 2 captures; the unit)', [], undefined],
        [`+ \`--samples\` ${small.count.toLocaleString('en')} ORU^R01 \`--interface LabResults\``, ['--samples', small.file, '--interface', 'LabResults'], small],
        [`+ \`--samples\` ${large.count.toLocaleString('en')} ORU^R01 \`--interface LabResults\``, ['--samples', large.file, '--interface', 'LabResults'], large],
        [`+ \`--samples\` ${large.count.toLocaleString('en')} ORU^R01, each message matched to an interface`, ['--samples', large.file], large],
        // The peak RSS above is mostly the collector's slack under a 4 GB heap limit; a small heap shows what is kept.
        [`+ \`--samples\` ${large.count.toLocaleString('en')} ORU^R01 \`--interface LabResults\`, V8 heap capped at 128 MB`, ['--samples', large.file, '--interface', 'LabResults'], large, 128]
    ];
    const results = cases.map(() => []);
    for (let i = 0; i < runs; i++) {
        cases.forEach(([, extra, , heapMb], index) => results[index].push(checkProcess(lab, extra, heapMb)));
    }
    const median = (list, key) => stats(list.map(x => x[key])).median;
    const unit = { ms: median(results[0], 'ms'), cpuMs: median(results[0], 'cpuMs'), peakMb: Math.max(...results[0].map(r => r.peakMb)) };
    log('| samples | messages (MB) | wall (s): median (min–max) | CPU (s) | peak RSS (MB) | ÷ without samples: wall; peak RSS | per 1,000 messages over the unit: wall; CPU (s) | findings |');
    log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
    cases.forEach(([label, , sample], index) => {
        const list = results[index];
        const wall = stats(list.map(r => r.ms));
        const peak = Math.max(...list.map(r => r.peakMb));
        const found = list[0].findings.errors + list[0].findings.warnings + list[0].findings.infos;
        const per = sample ? `${s((wall.median - unit.ms) / sample.count * 1000)}; ${s((median(list, 'cpuMs') - unit.cpuMs) / sample.count * 1000)}` : '–';
        log(`| ${label} | ${sample ? `${sample.count} (${sample.mb.toFixed(1)})` : '2 (0.003)'} | ${s(wall.median)} (${s(wall.min)}–${s(wall.max)}) | ${s(median(list, 'cpuMs'))} | ${peak.toFixed(0)} | ${(wall.median / unit.ms).toFixed(2)}; ${(peak / unit.peakMb).toFixed(2)} | ${per} | ${found} |`);
    });
    log('');
    rmSync(folder, { recursive: true, force: true });
}

for (const space of Object.values(spaces)) {
    rmSync(space.root, { recursive: true, force: true });
}
if (args.includes('--write')) {
    const file = path.join(repo, 'docs', 'performance.md');
    const text = readFileSync(file, 'utf8');
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    writeFileSync(file, text.slice(0, text.indexOf(begin) + begin.length) + '\n' + lines.join('\n') + '\n' + text.slice(text.indexOf(end)));
}
