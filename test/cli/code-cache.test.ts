import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO } from './run-cli.js';

const CODE_CACHE = path.join(REPO, 'bin/code-cache.cjs');

/** A bundle that records what it ran as and which of two answers its text gives. */
function writeBundle(folder: string, answer: string): string {
    const file = path.join(folder, 'bundle.cjs');
    writeFileSync(path.join(folder, 'beside.cjs'), 'module.exports = "beside";\n');
    writeFileSync(file, `globalThis.ran = { answer: (function () { return '${answer}'; })(), dirname: __dirname, filename: __filename, beside: require('./beside.cjs') };\n`);
    return file;
}

/**
 * Loads the bundle in a new process (V8 keeps what it compiled per process and would not read a cache for a text it
 * compiled already), writing its cache afterwards when asked: whether the cache was used or rejected, what ran.
 */
function load(bundle: string, write = false): { usedCache: boolean, rejected: boolean, ran: { answer: string, dirname: string, filename: string, beside: string } } {
    const script = `const c = require(${JSON.stringify(CODE_CACHE)}); const l = c.loadWithCodeCache(${JSON.stringify(bundle)});`
        + (write ? `c.writeCodeCache(${JSON.stringify(bundle)}, l);` : '')
        + 'console.log(JSON.stringify({ usedCache: l.usedCache, rejected: l.script.cachedDataRejected === true, ran: globalThis.ran }));';
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
}

const cacheFileOf = (bundle: string) => `${bundle}.v8cache`;

/**
 * The launcher's V8 code cache (bin/code-cache.cjs): used when it was made for the bundle's exact text, ignored
 * otherwise, never changing what the bundle does.
 */
describe('cli: code cache', () => {
    it('runs a bundle as require does, uses the cache made for it, and ignores one made for another text', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'interspec-code-cache-'));
        const bundle = writeBundle(folder, 'AAAA');
        const first = load(bundle, true);
        assert.equal(first.usedCache, false, 'no cache yet');
        assert.deepEqual(first.ran, { answer: 'AAAA', dirname: folder, filename: bundle, beside: 'beside' });
        const cached = load(bundle);
        assert.deepEqual([cached.usedCache, cached.ran.answer], [true, 'AAAA'], 'the cache made for this text');
        // Another text of the same length: V8 alone would take the cache (it checks the length), the hash does not.
        writeBundle(folder, 'BBBB');
        const other = load(bundle);
        assert.deepEqual([other.usedCache, other.ran.answer], [false, 'BBBB'], 'the new text runs, not the cached one');
        // A cache with the right header and damaged data: V8 rejects it, the bundle still runs.
        const bytes = readFileSync(cacheFileOf(bundle));
        const header = `interspec-code-cache ${createHash('sha256').update(readFileSync(bundle, 'utf8')).digest('hex')}\n`;
        writeFileSync(cacheFileOf(bundle), Buffer.concat([Buffer.from(header, 'latin1'), bytes.subarray(bytes.indexOf(10) + 1).map(byte => byte ^ 0x5a)]));
        const damaged = load(bundle);
        assert.deepEqual([damaged.usedCache, damaged.rejected, damaged.ran.answer], [false, true, 'BBBB']);
    });

    it('the launcher of a clone that was never built says so in one line, exit 2, not a stack trace', () => {
        const clone = mkdtempSync(path.join(tmpdir(), 'interspec-unbuilt-'));
        cpSync(path.join(REPO, 'bin'), path.join(clone, 'bin'), { recursive: true });
        const run = spawnSync(process.execPath, [path.join(clone, 'bin/interspec.cjs'), '--version'], { encoding: 'utf8' });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^interspec: .*out\/bundle\/cli\.cjs is missing; run `npm run build` first\n$/);
    });

    it('the build writes a cache that fits the CLI bundle, and the CLI answers the same with and without it', () => {
        const bundle = path.join(REPO, 'out/bundle/cli.cjs');
        const cache = readFileSync(cacheFileOf(bundle));
        const hash = createHash('sha256').update(readFileSync(bundle, 'utf8')).digest('hex');
        assert.equal(cache.subarray(0, cache.indexOf(10)).toString('latin1'), `interspec-code-cache ${hash}`);
        // The launcher runs the bundle through vm, where a dynamic import() has no loader: the bundle must have none.
        assert.doesNotMatch(readFileSync(bundle, 'utf8'), /[^\w.]import\(\s*["'`]/);
        const args = ['check', path.join(REPO, 'examples/flawed'), '--format', 'json'];
        const launcher = spawnSync(process.execPath, [path.join(REPO, 'bin/interspec.cjs'), ...args], { encoding: 'utf8' });
        const plain = spawnSync(process.execPath, ['-e', `process.argv.splice(1, 0, 'interspec'); require(${JSON.stringify(bundle)})`, ...args], { encoding: 'utf8' });
        assert.ok(launcher.stdout.length > 100, launcher.stderr);
        assert.deepEqual([launcher.status, launcher.stdout, launcher.stderr], [plain.status, plain.stdout, plain.stderr]);
    });
});
