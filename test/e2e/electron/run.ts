// `npm run test:vscode`: the same extension-host checks as the code-server suite (test/e2e/extension-host/
// extension-tests.cjs), in a desktop VS Code that @vscode/test-electron downloads. Needs internet (the CI machines
// have none: they run `npm run test:e2e`). INTERSPEC_VSCODE_VERSION picks the VS Code version (default stable).
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, scratchWorkspace, VSIX } from '../support/scratch.js';

async function main(): Promise<number> {
    const workspace = scratchWorkspace();
    const results = path.join(workspace.scratch, 'results.json');
    try {
        // Test what users install: the packaged .vsix, unpacked.
        execFileSync('unzip', ['-q', VSIX, 'extension/*', '-d', path.join(workspace.scratch, 'vsix')]);
        await runTests({
            version: process.env.INTERSPEC_VSCODE_VERSION ?? 'stable',
            extensionDevelopmentPath: path.join(workspace.scratch, 'vsix', 'extension'),
            extensionTestsPath: path.join(REPO, 'test', 'e2e', 'extension-host', 'extension-tests.cjs'),
            extensionTestsEnv: { INTERSPEC_CHECK_RESULTS: results },
            launchArgs: [workspace.workspace, '--disable-extensions', '--disable-workspace-trust',
                '--user-data-dir', path.join(workspace.scratch, 'user-data'), '--skip-welcome', '--skip-release-notes']
        }).catch(() => undefined); // a failed check is counted from the results file below
        const { passed, failed } = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : { passed: 0, failed: 1 };
        const line = `${passed} passed, ${failed} failed`;
        console.log(`\n${line}`);
        if (process.env.INTERSPEC_TEST_SUMMARY) {
            appendFileSync(process.env.INTERSPEC_TEST_SUMMARY, `${line}\n`);
        }
        return failed === 0 && passed > 0 ? 0 : 1;
    } finally {
        workspace.dispose();
    }
}

main().then(code => process.exit(code), error => {
    console.error(error);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
});
