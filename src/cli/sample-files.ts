import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { glob, hasMagic } from 'glob';
import { UserError } from './user-error.js';

/**
 * The files of `--samples` (files or globs, relative to `cwd`), absolute, each once, in the order given (a glob's
 * matches sorted). A pattern that names no file and matches none is a usage error (exit 2). `check`, `matrix`,
 * `checklist` and `gate` read `--samples` the same way.
 */
export async function resolveSampleFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
    const files: string[] = [];
    for (const pattern of patterns) {
        const absolute = path.resolve(cwd, pattern);
        if (existsSync(absolute)) {
            files.push(absolute);
            continue;
        }
        const matches = hasMagic(pattern, { windowsPathsNoEscape: true })
            ? await glob(pattern, { cwd, absolute: true, nodir: true, ignore: ['**/node_modules/**'] })
            : [];
        if (matches.length === 0) {
            throw new UserError(`--samples ${pattern}: no such file, and no file matches it`);
        }
        files.push(...matches.sort());
    }
    return [...new Set(files)];
}
