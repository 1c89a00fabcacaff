import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { CODE_SERVER, NODE24_BIN } from './tools.js';

/** User settings that make the workbench start quicker and quieter (no update checks, no AI, no telemetry). */
const USER_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.layoutControl.enabled': false
};

export interface RunningCodeServer {
    url: string;
    extensionsDir: string;
    userDataDir: string;
    stop(): void;
}

/** Runs code-server with a scratch HOME, user-data and extensions dir, the same env every call. */
function environment(scratch: string): NodeJS.ProcessEnv {
    return { ...process.env, HOME: path.join(scratch, 'home'), PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}` };
}

function baseArgs(scratch: string): string[] {
    return ['--user-data-dir', path.join(scratch, 'user-data'), '--extensions-dir', path.join(scratch, 'extensions'),
        '--auth', 'none', '--disable-telemetry', '--disable-update-check'];
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')));
        });
    });
}

/** Installs the packaged .vsix the way a user does, into the scratch extensions dir. */
export function installExtension(scratch: string, vsix: string, options: { trust?: boolean } = {}): void {
    mkdirSync(path.join(scratch, 'user-data', 'User'), { recursive: true });
    mkdirSync(path.join(scratch, 'home'), { recursive: true });
    // With workspace trust on and no start-up prompt, an opened folder stays untrusted (Restricted Mode).
    const trust = options.trust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
    writeFileSync(path.join(scratch, 'user-data', 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...trust }, null, 2));
    const result = spawnSync(CODE_SERVER, [...baseArgs(scratch), '--install-extension', vsix], { env: environment(scratch), encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0 || !/successfully installed/.test(result.stdout)) {
        throw new Error(`code-server --install-extension ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
    }
}

/** Starts code-server on 127.0.0.1 and waits until it answers /healthz. */
export async function startCodeServer(scratch: string, log: (line: string) => void = () => {}, options: { trust?: boolean } = {}): Promise<RunningCodeServer> {
    const port = await freePort();
    const child: ChildProcess = spawn(CODE_SERVER, [...baseArgs(scratch), '--bind-addr', `127.0.0.1:${port}`,
        ...options.trust ? [] : ['--disable-workspace-trust'], '--ignore-last-opened', '--disable-getting-started-override',
        '--vscode-option', 'enable-smoke-test-driver'], { env: environment(scratch), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', chunk => log(String(chunk)));
    child.stderr?.on('data', chunk => log(String(chunk)));
    const stop = () => {
        if (child.exitCode === null && child.pid) {
            try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
        }
    };
    process.once('exit', stop);
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) {
            throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
        }
        try {
            if ((await fetch(`${url}/healthz`)).ok) {
                return { url, extensionsDir: path.join(scratch, 'extensions'), userDataDir: path.join(scratch, 'user-data'), stop };
            }
        } catch { /* not listening yet */ }
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    stop();
    throw new Error('code-server did not answer /healthz within 60 s');
}
