/**
 * The bench's side-by-side case against Spectral (the performance target "faster than Spectral linting the same content"):
 * `spectral lint` of a synthetic workspace written as YAML (`test/support/synthetic-yaml.ts`) with the ruleset of
 * the comparable rules (`bench/spectral/`), against `interspec check` of the same `.ispec` files. Spectral is not a
 * dependency of the product: it is installed, pinned, into a cache outside the clone when this case runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SPECTRAL_VERSION = '6.16.3';
export const RULESET = path.join(repo, 'bench', 'spectral', '.spectral.yaml');
const FLAWED = path.join(repo, 'bench', 'spectral', 'flawed.yaml');

/** The Interspec rules the Spectral ruleset expresses (bench/spectral/README.md maps them one by one). */
export const COMPARABLE_RULES = ['alert-routing', 'data-owner', 'exception-coverage', 'exception-escalation', 'gate-coverage',
    'gate-evidence', 'hypercare', 'interface-owner', 'monitoring', 'patient-identity', 'timestamps', 'transport-security',
    'units', 'vendor-accountability'];

/**
 * The Spectral CLI's entry script, installed on first use into `$INTERSPEC_BENCH_CACHE` (default
 * `~/.cache/interspec-bench`) at exactly SPECTRAL_VERSION and reused after. Throws an Error with a sentence to show
 * (and the install log's path) when npm cannot install it, for example when the registry is unreachable.
 */
export function ensureSpectral() {
    const cache = process.env.INTERSPEC_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'interspec-bench');
    const manifest = path.join(cache, 'node_modules', '@stoplight', 'spectral-cli', 'package.json');
    const installed = () => existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === SPECTRAL_VERSION;
    if (!installed()) {
        mkdirSync(cache, { recursive: true });
        if (!existsSync(path.join(cache, 'package.json'))) {
            writeFileSync(path.join(cache, 'package.json'), '{ "name": "interspec-bench-tools", "private": true }\n');
        }
        const log = path.join(cache, 'install.log');
        console.error(`bench: installing @stoplight/spectral-cli ${SPECTRAL_VERSION} into ${cache} (once)`);
        const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
        const run = spawnSync(npm, ['install', '--prefix', cache, '--no-audit', '--no-fund', '--save-exact', `@stoplight/spectral-cli@${SPECTRAL_VERSION}`],
            { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        writeFileSync(log, `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`);
        if (run.status !== 0 || !installed()) {
            throw new Error(`could not install @stoplight/spectral-cli ${SPECTRAL_VERSION} into ${cache}: is the npm registry reachable? (npm's output: ${log})`);
        }
    }
    const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin.spectral;
    return path.join(path.dirname(manifest), bin);
}

/** Writes `files` (path -> YAML text) under a new temporary folder; returns its root and line count. */
export function writeYamlWorkspace(name, files) {
    const root = mkdtempSync(path.join(os.tmpdir(), `interspec-bench-${name}-yaml-`));
    let lines = 0;
    for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
        lines += text.split('\n').length - 1;
    }
    return { root, files: Object.keys(files).length, lines };
}

/**
 * A copy of the `.ispec` workspace at `root` whose interspec.yaml turns every rule off but COMPARABLE_RULES:
 * `interspec check` doing the work Spectral does (the parse, linking and workspace index still run).
 */
export function comparableCopy(root, allRuleIds) {
    const copy = `${root}-comparable`;
    cpSync(root, copy, { recursive: true });
    const off = allRuleIds.filter(id => !COMPARABLE_RULES.includes(id));
    writeFileSync(path.join(copy, 'interspec.yaml'), `rules:\n${off.map(id => `  ${id}: off\n`).join('')}`);
    return copy;
}

/** `spectral lint` of `targets` (files or globs) with the ruleset in `cwd`: status and the JSON results. */
function lint(bin, cwd, targets, preload = '') {
    const run = spawnSync(process.execPath, ['--max-old-space-size=4096', '--eval',
        `${preload}process.argv.splice(1, 0, ${JSON.stringify(bin)}); require(${JSON.stringify(bin)});`,
        'lint', ...targets, '--ruleset', RULESET, '--format', 'json', '--quiet'],
    { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const start = run.stdout.indexOf('[');
    let results;
    try {
        results = JSON.parse(run.stdout.slice(start, run.stdout.lastIndexOf(']') + 1));
    } catch {
        throw new Error(`spectral lint in ${cwd} failed (${run.status}):\n${run.stderr.slice(0, 2000)}${run.stdout.slice(0, 2000)}`);
    }
    return { run, results };
}

/**
 * Lints bench/spectral/flawed.yaml and throws unless every rule of the ruleset reports there: a rule that matches
 * nothing would make Spectral look fast for doing no work.
 */
export function checkRuleset(bin) {
    const { results } = lint(bin, path.dirname(FLAWED), [FLAWED]);
    const rules = Object.keys(parseYaml(readFileSync(RULESET, 'utf8')).rules);
    const silent = rules.filter(rule => !results.some(result => result.code === rule));
    if (silent.length > 0) {
        throw new Error(`the Spectral ruleset reports nothing on ${FLAWED} for ${silent.join(', ')}: fix the rule (JSONPath or function) before comparing`);
    }
    return rules.length;
}

/**
 * `spectral lint` of every `.yaml` under `root`, as a whole process: wall time (ms), its CPU (ms) and peak RSS (MB),
 * and the number of findings. `preload` is the bench's exit hook that prints `BENCH_PEAK_RSS <MB> <CPU ms>`.
 */
export function spectralProcess(bin, root, preload) {
    const start = performance.now();
    const { run, results } = lint(bin, root, ['**/*.yaml'], preload);
    const ms = performance.now() - start;
    const peak = run.stderr.match(/BENCH_PEAK_RSS ([\d.]+) ([\d.]+)/);
    if (!peak || (run.status !== 0 && run.status !== 1)) {
        throw new Error(`spectral lint ${root} failed (${run.status}):\n${run.stderr.slice(0, 2000)}`);
    }
    return { ms, peakMb: Number(peak[1]), cpuMs: Number(peak[2]), findings: results.length };
}
