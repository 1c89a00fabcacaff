import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO, runCli, type CliResult } from './run-cli.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'];

/** A copy of examples/flawed (findings of many rules, dictionaries, UCUM, zones) in a fresh folder. */
function flawedWorkspace(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-cache-'));
    cpSync(path.join(REPO, 'examples/flawed'), root, { recursive: true });
    return root;
}

/** Every format of one run, each to its own -o file; returns the texts by format, and the run. */
function checkAll(root: string, extra: string[]): { outputs: Record<string, string>, run: CliResult } {
    const reports = mkdtempSync(path.join(tmpdir(), 'interspec-cache-reports-'));
    const args = ['check', ...extra];
    for (const format of FORMATS) args.push('--format', format, '-o', path.join(reports, `report.${format}`));
    const run = runCli(args, { cwd: root });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return { outputs: Object.fromEntries(FORMATS.map(format => [format, readFileSync(path.join(reports, `report.${format}`), 'utf8')])), run };
}

function messages(root: string, extra: string[] = []): string[] {
    const run = runCli(['check', '--format', 'json', ...extra], { cwd: root });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return (JSON.parse(run.stdout) as { findings: Array<{ rule: string, message: string }> }).findings.map(f => `${f.rule}: ${f.message}`);
}

/**
 * Marks every cached finding's message, so that a run answered from the cache is told from a computed one by
 * its output (no timing): a computed run never prints the mark.
 */
function markCache(file: string): void {
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes('\\"message\\":\\"'), 'the cache holds the findings');
    writeFileSync(file, text.split('\\"message\\":\\"').join('\\"message\\":\\"CACHED '));
}

describe('cli: check --cache', function () {
    this.timeout(300_000);

    it('reports byte-identical output in every format without the cache, on the run that writes it and on the run that reads it', () => {
        const root = flawedWorkspace();
        const plain = checkAll(root, []);
        assert.ok(!existsSync(path.join(root, '.interspec-cache')), 'no cache without --cache');
        const cold = checkAll(root, ['--cache']);
        assert.ok(existsSync(path.join(root, '.interspec-cache')), 'the cache is written in the workspace root');
        const warm = checkAll(root, ['--cache']);
        for (const format of FORMATS) {
            assert.equal(cold.outputs[format], plain.outputs[format], `${format}: cold --cache run`);
            assert.equal(warm.outputs[format], plain.outputs[format], `${format}: warm --cache run`);
        }
        assert.equal(warm.run.status, plain.run.status);
        assert.equal(warm.run.stderr, '');
        // The same for standard output with --quiet and another threshold (applied after the cache, not stored).
        const quiet = runCli(['check', '--quiet', '--fail-on', 'warning'], { cwd: root });
        const quietCached = runCli(['check', '--quiet', '--fail-on', 'warning', '--cache'], { cwd: root });
        assert.equal(quietCached.stdout, quiet.stdout);
        assert.equal(quietCached.status, quiet.status);
    });

    it('reuses the stored findings when nothing changed, and computes again when a spec, interspec.yaml, --config or an evidence file changes', () => {
        const root = flawedWorkspace();
        const cache = path.join(root, '.interspec-cache');
        const before = messages(root, ['--cache']);
        markCache(cache);
        assert.ok(messages(root, ['--cache']).every(message => message.includes(': CACHED ')), 'nothing changed: the cached findings');

        // A spec: a new finding appears (the mark is gone: computed).
        const sites = path.join(root, 'sites.ispec');
        writeFileSync(sites, readFileSync(sites, 'utf8').replace('timezone "GMT-8"', 'timezone "Pacific/Aukland"'));
        const edited = messages(root, ['--cache']);
        assert.ok(edited.every(message => !message.includes('CACHED')), 'recomputed');
        assert.ok(edited.some(message => message.includes('Pacific/Aukland')) && !before.some(message => message.includes('Pacific/Aukland')));
        assert.deepEqual(messages(root, ['--cache']), edited);

        // interspec.yaml: a rule turned off disappears.
        markCache(cache);
        const config = path.join(root, 'interspec.yaml');
        assert.ok(!readFileSync(config, 'utf8').includes('rules:'), 'the example sets no rule');
        writeFileSync(config, `${readFileSync(config, 'utf8')}\nrules:\n  units: off\n`);
        const configured = messages(root, ['--cache']);
        assert.ok(configured.every(message => !message.includes('CACHED')), 'recomputed after interspec.yaml changed');
        assert.ok(!configured.some(message => message.startsWith('units:')) && edited.some(message => message.startsWith('units:')));
        assert.deepEqual(configured, messages(root), 'as a run without the cache');

        // --config: another file is another run; its content is an input too.
        const other = path.join(root, 'other.yaml');
        writeFileSync(other, 'rules:\n  timestamps: off\n');
        const withConfig = messages(root, ['--cache', '--config', other]);
        assert.ok(!withConfig.some(message => message.startsWith('timestamps:')));
        markCache(cache);
        writeFileSync(other, 'rules:\n  timestamps: error\n');
        const changedConfig = messages(root, ['--cache', '--config', other]);
        assert.ok(changedConfig.some(message => message.startsWith('timestamps:')), 'recomputed after the --config file changed');
        assert.ok(changedConfig.every(message => !message.includes('CACHED')));

        // An evidence file: its problem appears.
        markCache(cache);
        mkdirSync(path.join(root, 'evidence'), { recursive: true });
        writeFileSync(path.join(root, 'evidence', 'results.yaml'), 'evidence:\n  - id: 42\n    status: maybe\n');
        const withEvidence = messages(root, ['--cache']);
        assert.ok(withEvidence.every(message => !message.includes('CACHED')), 'recomputed after an evidence file appeared');
        assert.ok(withEvidence.some(message => message.startsWith('evidence-invalid:')), withEvidence.join('\n'));
        assert.deepEqual(withEvidence, messages(root));
    });

    it('equals a run without the cache after each of a seeded sequence of random edits (specs, config, evidence, files added and removed)', () => {
        const root = flawedWorkspace();
        let seed = 28;
        const random = (n: number) => { // mulberry32
            seed = (seed + 0x6d2b79f5) | 0;
            let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
            return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
        };
        const specs = ['interfaces.ispec', 'sites.ispec', 'data.ispec', 'org.ispec', 'systems.ispec', 'gates.ispec'];
        const edits: Array<() => void> = [
            () => { // a spec line: a value other files read, or a comment
                const file = path.join(root, specs[random(specs.length)]);
                const lines = readFileSync(file, 'utf8').split('\n');
                const at = random(lines.length);
                lines[at] = random(2) === 0 ? `${lines[at]} // edited` : lines[at].replace(/"([^"]*)"/, '"$1x"');
                writeFileSync(file, lines.join('\n'));
            },
            () => writeFileSync(path.join(root, 'interspec.yaml'), random(2) === 0 ? 'rules:\n  units: off\n' : `rules:\n  timestamps: ${['error', 'warning', 'info', 'off'][random(4)]}\n`),
            () => {
                mkdirSync(path.join(root, 'evidence'), { recursive: true });
                writeFileSync(path.join(root, 'evidence', `run-${random(3)}.yaml`), random(2) === 0 ? 'evidence: []\n' : 'evidence:\n  - id: nothing\n    status: passed\n');
            },
            () => {
                const extra = path.join(root, 'extra.ispec');
                if (existsSync(extra)) rmSync(extra);
                else writeFileSync(extra, 'import "org.ispec"\nsystem Extra "Extra" { owner LabIT }\n');
            }
        ];
        for (let step = 0; step < 10; step++) {
            edits[random(edits.length)]();
            const cached = runCli(['check', '--cache', '--format', 'json'], { cwd: root });
            const plain = runCli(['check', '--format', 'json'], { cwd: root });
            assert.equal(cached.stdout, plain.stdout, `step ${step}`);
            assert.equal(cached.status, plain.status, `step ${step}`);
            const again = runCli(['check', '--cache', '--format', 'json'], { cwd: root });
            assert.equal(again.stdout, plain.stdout, `step ${step}, re-run`);
        }
    });

    it('ignores a damaged or foreign cache with one line on standard error, and rewrites it', () => {
        const root = flawedWorkspace();
        const cache = path.join(root, '.interspec-cache');
        const expected = runCli(['check'], { cwd: root });
        for (const content of ['{"format":"interspec-check-cache","version":1,"entries":[{"key":', '{"eslint":"cache"}', '\u0000\u0001binary']) {
            writeFileSync(cache, content);
            const run = runCli(['check', '--cache'], { cwd: root });
            assert.equal(run.stdout, expected.stdout);
            assert.equal(run.status, expected.status);
            assert.match(run.stderr, /^interspec: \.interspec-cache: not an Interspec check cache of this version, or damaged; ignoring it \(this run rewrites it\)\n$/);
            assert.equal(JSON.parse(readFileSync(cache, 'utf8')).format, 'interspec-check-cache', 'rewritten');
            assert.equal(runCli(['check', '--cache'], { cwd: root }).stderr, '', 'the next run reads it');
        }
    });

    it('writes the cache where --cache-location says (a file, or a folder), without absolute paths, and reuses it from another folder', () => {
        const root = flawedWorkspace();
        const elsewhere = mkdtempSync(path.join(tmpdir(), 'interspec-cache-location-'));
        const file = path.join(elsewhere, 'check.cache');
        assert.ok([0, 1].includes(runCli(['check', '--cache-location', file], { cwd: root }).status!), '--cache-location implies --cache');
        assert.ok(existsSync(file) && !existsSync(path.join(root, '.interspec-cache')));
        assert.ok([0, 1].includes(runCli(['check', '--cache', '--cache-location', `${elsewhere}${path.sep}`], { cwd: root }).status!));
        assert.ok(existsSync(path.join(elsewhere, '.interspec-cache')), 'a folder gets .interspec-cache');

        // The default cache holds no absolute path: a copy of the workspace with its cache is answered from it.
        const expected = runCli(['check', '--cache', '--format', 'json'], { cwd: root });
        const text = readFileSync(path.join(root, '.interspec-cache'), 'utf8');
        assert.ok(!text.includes(root) && !text.includes(JSON.stringify(root).slice(1, -1)), 'no absolute path of this machine');
        const moved = mkdtempSync(path.join(tmpdir(), 'interspec-cache-moved-'));
        cpSync(root, moved, { recursive: true });
        markCache(path.join(moved, '.interspec-cache'));
        const reused = runCli(['check', '--cache', '--format', 'json'], { cwd: moved });
        assert.match(reused.stdout, /CACHED /, 'answered from the copied cache');
        assert.equal(reused.stdout.split('CACHED ').join(''), expected.stdout, 'the same report, paths of the new place');
    });

    it('does not cache runs with captured samples', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-cache-samples-'));
        cpSync(path.join(REPO, 'examples/lab-network'), root, { recursive: true });
        const first = runCli(['check', '--cache', '--format', 'json'], { cwd: root });
        assert.ok([0, 1].includes(first.status!), first.stderr);
        assert.match(readFileSync(path.join(root, 'results.ispec'), 'utf8'), /samples "/, 'the example has an interface with samples');
        assert.ok(!existsSync(path.join(root, '.interspec-cache')), 'an interface with samples: not cached');
        const flawed = flawedWorkspace();
        const capture = path.join(flawed, 'feed.hl7');
        writeFileSync(capture, 'MSH|^~\\&|LIS|LAB|EHR|HOSP|20240101120000||ORU^R01|1|P|2.5.1\r');
        runCli(['check', '--cache', '--samples', capture], { cwd: flawed });
        assert.ok(!existsSync(path.join(flawed, '.interspec-cache')), '--samples: not cached');
    });

    it('init ignores the cache in .gitignore, appending to an existing one', () => {
        const fresh = mkdtempSync(path.join(tmpdir(), 'interspec-cache-init-'));
        const created = runCli(['init'], { cwd: fresh });
        assert.equal(created.status, 0, created.stderr);
        assert.match(created.stdout, /created \.gitignore\n/);
        assert.equal(readFileSync(path.join(fresh, '.gitignore'), 'utf8'), '.interspec-cache\n');

        const existing = mkdtempSync(path.join(tmpdir(), 'interspec-cache-init-'));
        writeFileSync(path.join(existing, '.gitignore'), 'node_modules');
        const updated = runCli(['init'], { cwd: existing });
        assert.equal(updated.status, 0, updated.stderr);
        assert.match(updated.stdout, /updated \.gitignore: ignores \.interspec-cache\n/);
        assert.equal(readFileSync(path.join(existing, '.gitignore'), 'utf8'), 'node_modules\n.interspec-cache\n');

        const ignored = mkdtempSync(path.join(tmpdir(), 'interspec-cache-init-'));
        writeFileSync(path.join(ignored, '.gitignore'), '/.interspec-cache\n');
        assert.equal(runCli(['init'], { cwd: ignored }).status, 0);
        assert.equal(readFileSync(path.join(ignored, '.gitignore'), 'utf8'), '/.interspec-cache\n', 'already ignored: unchanged');
    });
});
