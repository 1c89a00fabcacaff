import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { REPO } from './support/scratch.js';
import { useWorkbench } from './support/use-workbench.js';
import { Workbench } from './support/workbench.js';

// The API-level checks of test/e2e/extension-host/extension-tests.cjs, run inside code-server's real extension host
// (the smoke-test driver's extensionTestsPath) against the installed .vsix. One mocha test per check.
const TESTS_MODULE = path.join(REPO, 'test', 'e2e', 'extension-host', 'extension-tests.cjs');
const { checks } = createRequire(import.meta.url)(TESTS_MODULE) as { checks: Array<[string, unknown]> };

describe('e2e: extension-host checks in code-server', function () {
    this.timeout(120_000);
    const results = new Map<string, string>();
    let exitCode: number | undefined;
    let log: string[] = [];
    let finished!: (code: number) => void;
    const done = new Promise<number>(resolve => { finished = resolve; });
    const record = (text: string) => {
        log.push(text);
        const match = /INTERSPEC-CHECK (✔|✖) (.+?)(?: ::: (.*))?$/s.exec(text.trim());
        if (match) {
            results.set(match[2].trim(), match[1] === '✔' ? 'passed' : match[3] ?? 'failed');
        }
    };

    useWorkbench(async () => {
        exitCode = await Promise.race([done, new Promise<number>(resolve => setTimeout(() => resolve(-1), 240_000))]);
    }, {
        setupTimeout: 300_000,
        open: (server, workspace, pageLog) => {
            const manifest = createRequire(import.meta.url)(path.join(REPO, 'package.json'));
            const remote = (file: string) => `vscode-remote://${new URL(server.url).host}${file}`;
            const payload = [
                ['extensionDevelopmentPath', remote(path.join(server.extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`))],
                ['extensionTestsPath', remote(TESTS_MODULE)]
            ];
            return Workbench.openWithPage(server.url, async page => {
                await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => record(args.map(String).join(' ')));
                await page.exposeFunction('codeAutomationExit', (code: number) => finished(code));
                page.on('console', (message: any) => { record(message.text()); pageLog(message.text()); });
                return `?folder=${encodeURIComponent(workspace.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
            });
        }
    });

    it('the extension tests ran to the end', () => {
        assert.notEqual(exitCode, -1, `the extension tests did not finish in time:\n${log.slice(-20).join('\n')}`);
        assert.ok(results.size > 0, `no check reported:\n${log.slice(-20).join('\n')}`);
    });

    for (const [name] of checks) {
        it(name, () => {
            const result = results.get(name);
            assert.equal(result, 'passed', result ?? 'the check did not run');
        });
    }
});
