// `npm run demo`: runs the built CLI on every example workspace the way CI would, and generates each one's test
// matrix and go-live checklists into demo-output/<example>/ (git-ignored). examples/flawed fails on purpose: its
// findings are shown, and the demo fails only if it comes out clean.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'interspec.cjs');
const FLAWED = 'flawed';

function interspec(args) {
    console.log(`\n$ interspec ${args.join(' ')}`);
    return spawnSync(process.execPath, [bin, ...args], { cwd: repo, stdio: 'inherit' }).status;
}

const examples = readdirSync(path.join(repo, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && existsSync(path.join(repo, 'examples', entry.name, 'interspec.yaml')))
    .map(entry => entry.name)
    .sort();
let failed = false;
for (const name of examples) {
    const folder = `examples/${name}`;
    const status = interspec(['check', folder]);
    if (name === FLAWED) {
        failed ||= status !== 1;
        console.log(status === 1 ? `(${folder} fails on purpose: it shows what every rule reports)` : `${folder} was expected to fail with exit code 1`);
        continue;
    }
    failed ||= status !== 0;
    const out = `demo-output/${name}`;
    for (const args of [
        ['matrix', '-w', folder, '--format', 'markdown', '--out', out],
        ['matrix', '-w', folder, '--format', 'html', '--out', out],
        ['checklist', '-w', folder, '--format', 'markdown', '--out', out],
        ['checklist', '-w', folder, '--format', 'html', '--out', out]
    ]) {
        failed ||= interspec(args) !== 0;
    }
}
console.log(failed ? '\ndemo: something did not go as expected (see above)' : `\ndemo: ${examples.length} example workspaces checked; artifacts in demo-output/`);
process.exitCode = failed ? 1 : 0;
