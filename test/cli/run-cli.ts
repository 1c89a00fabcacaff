import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from out/test/cli). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = path.join(REPO, 'bin', 'interspec.cjs');

export interface CliResult { status: number | null, stdout: string, stderr: string }

/** Runs the built CLI as a child process, the way CI runs it; colour off unless the test sets it. */
export function runCli(args: string[], options: { cwd?: string, env?: NodeJS.ProcessEnv, spawn?: SpawnSyncOptions } = {}): CliResult {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
    for (const key of Object.keys(env)) {
        if (env[key] === undefined) {
            delete env[key];
        }
    }
    const result = spawnSync(process.execPath, [BIN, ...args], {
        cwd: options.cwd ?? REPO, env, encoding: 'utf8', timeout: 60_000, ...options.spawn
    });
    return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A user error is one line on stderr, never a stack trace. */
export function isOneLineError(stderr: string): boolean {
    return /^interspec: .+\n$/.test(stderr) && !/\n\s+at /.test(stderr);
}
