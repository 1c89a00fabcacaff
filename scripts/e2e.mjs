// `npm run test:e2e` (after `npm run package`): installs or reuses the e2e tools outside the clone
// (scripts/e2e-tools.sh), then runs the suites in out/test/e2e/*.e2e.js with mocha and the summary reporter, so the
// run ends with the plain `N passed, N failed` line and appends it to $INTERSPEC_TEST_SUMMARY.
// The whole run is bounded (INTERSPEC_E2E_TIMEOUT seconds, default 900); every process it starts is stopped.
// INTERSPEC_E2E_ONLY=<text> runs only the suites whose file name contains <text> (e.g. `first-hour`); unset, all run.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const limitSeconds = Number(process.env.INTERSPEC_E2E_TIMEOUT ?? 900);

function fail(message) {
    console.error(`e2e: ${message}`);
    console.log('\n0 passed, 1 failed');
    if (process.env.INTERSPEC_TEST_SUMMARY) {
        appendFileSync(process.env.INTERSPEC_TEST_SUMMARY, '0 passed, 1 failed\n');
    }
    process.exit(1);
}

const started = Date.now();
const tools = spawnSync('bash', [path.join(root, 'scripts', 'e2e-tools.sh')], { stdio: 'inherit', timeout: 20 * 60_000 });
if (tools.status !== 0) {
    fail('the e2e tools could not be installed (see above)');
}
console.log(`e2e: tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const suiteDir = path.join(root, 'out', 'test', 'e2e');
const only = process.env.INTERSPEC_E2E_ONLY ?? '';
const suites = readdirSync(suiteDir).filter(file => file.endsWith('.e2e.js') && file.includes(only)).sort().map(file => path.join(suiteDir, file));
if (suites.length === 0) {
    fail(only ? `no *.e2e.js suite in ${suiteDir} matches INTERSPEC_E2E_ONLY=${only}` : `no *.e2e.js suite in ${suiteDir}: run the build first`);
}
const mocha = spawn(process.execPath, [path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config',
    '--reporter', path.join(root, 'test', 'support', 'summary-reporter.cjs'), '--timeout', '120000', ...suites],
{ cwd: root, stdio: 'inherit', detached: true });
const stop = () => { try { process.kill(-mocha.pid, 'SIGTERM'); } catch { /* gone */ } };
const timer = setTimeout(() => {
    console.error(`e2e: still running after ${limitSeconds} s; stopping it`);
    stop();
}, limitSeconds * 1000);
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => { stop(); process.exit(1); });
}
mocha.on('exit', (code, signal) => {
    clearTimeout(timer);
    stop(); // anything a suite left behind in its process group
    console.log(`e2e: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (signal) {
        fail(`the suites were stopped (${signal})`);
    }
    process.exit(code ?? 1);
});
