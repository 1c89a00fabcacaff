import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { installExtension, startCodeServer, type RunningCodeServer } from './code-server.js';
import { interspecOutput, problemLines } from './output-channel.js';
import { SCREENSHOTS, scratchWorkspace, VSIX, type ScratchWorkspace } from './scratch.js';
import { checkTools } from './tools.js';
import { Workbench } from './workbench.js';

/** What a suite works with: the scratch workspace, code-server with the packaged extension, and Chromium on it. */
export interface WorkbenchSession {
    workspace: ScratchWorkspace;
    server: RunningCodeServer;
    workbench: Workbench;
    /** What the workbench page logged to its console (the extension host's lines among them). */
    console: string[];
}

export interface UseWorkbenchOptions {
    /** Workspace trust on, without a start-up prompt: the folder opens in Restricted Mode. */
    trust?: boolean;
    /** Time for installing the extension, starting code-server and opening the workbench (default 240 s). */
    setupTimeout?: number;
    /** Runs on the scratch workspace before the extension is installed, e.g. to write a file the suite types into. */
    prepare?: (workspace: ScratchWorkspace) => void;
    /**
     * Opens the workbench on the running server; default: the scratch workspace's folder. A suite that drives the
     * page itself (exposed functions, a test payload) opens it here, with `log` for the page's console.
     */
    open?: (server: RunningCodeServer, workspace: ScratchWorkspace, log: (text: string) => void) => Promise<Workbench>;
}

/**
 * The setup every e2e suite shares, as mocha hooks of the calling `describe`. `before`: checks the tools and the
 * packaged .vsix, copies examples/lab-network (plus draft.ispec) to a scratch folder, installs the .vsix into a
 * fresh code-server with `--install-extension`, starts it on a free port of 127.0.0.1, opens the workbench in
 * Chromium, then hands everything to `onStart`. `afterEach`: a screenshot of a failed test (in SCREENSHOTS, named
 * after the test) and the extension host's last console lines. `after`: fails the suite when the Interspec output
 * channel has an error or warning line (support/output-channel.ts), then closes the browser, stops code-server and
 * removes the scratch folder, also when the setup failed half-way.
 *
 *     let workbench: Workbench;
 *     useWorkbench(session => { ({ workbench } = session); });
 */
export function useWorkbench(onStart: (session: WorkbenchSession) => void | Promise<void>, options: UseWorkbenchOptions = {}): void {
    let workspace: ScratchWorkspace | undefined;
    let server: RunningCodeServer | undefined;
    let workbench: Workbench | undefined;
    const consoleLines: string[] = [];
    const log = (text: string) => { consoleLines.push(text); };

    before(async function () {
        this.timeout(options.setupTimeout ?? 240_000);
        checkTools();
        assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package makes it)`);
        workspace = scratchWorkspace();
        options.prepare?.(workspace);
        installExtension(workspace.scratch, VSIX, { trust: options.trust });
        server = await startCodeServer(workspace.scratch, undefined, { trust: options.trust });
        workbench = options.open
            ? await options.open(server, workspace, log)
            : await Workbench.open(server.url, workspace.workspace, log);
        await onStart({ workspace, server, workbench, console: consoleLines });
    });

    afterEach(async function () {
        if (this.currentTest?.state === 'failed' && workbench) {
            const file = path.join(SCREENSHOTS, `failed-${this.currentTest.title.replace(/\W+/g, '-')}.png`);
            await workbench.screenshot(file).catch(() => undefined);
            console.log(`    screenshot: ${file}\n    extension host: ${consoleLines.filter(line => /Extension Host|interspec/i.test(line)).slice(-10).join('\n    ')}`);
            if (workspace) {
                console.log(`    Interspec output channel (last lines):\n      ${interspecOutput(workspace.scratch).lines.filter(Boolean).slice(-15).join('\n      ')}`);
            }
        }
    });

    // Every suite ends with an Interspec output channel free of errors and warnings: a normal session logs none.
    // Checked before the teardown, whose closing connection is no part of the session; a failure fails the suite.
    after(async function () {
        try {
            if (workspace && workbench) {
                await new Promise(resolve => setTimeout(resolve, 1500)); // the channel's file is written asynchronously
                const output = interspecOutput(workspace.scratch);
                const problems = problemLines(output);
                assert.deepEqual(problems, [], `${problems.length} error or warning lines in the Interspec output channel (${output.files.join(', ')})`);
            }
        } finally {
            await workbench?.close();
            server?.stop();
            workspace?.dispose();
        }
    });
}
