import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { glob, hasMagic } from 'glob';
import { UserError } from './user-error.js';

/** A path the user gave, resolved: an .ispec file or a folder. */
export interface Target { absolute: string, isFile: boolean }

/**
 * The files and folders that paths or globs name (relative to `cwd`). Missing paths, globs that match nothing and
 * files that are not .ispec are user errors. Loads nothing of the language: `check --cache` resolves the targets
 * before deciding whether the language is needed at all.
 */
export async function resolveTargets(paths: string[], cwd: string): Promise<Target[]> {
    const targets: Target[] = [];
    for (const target of paths) {
        const absolute = path.resolve(cwd, target);
        const info = await stat(absolute).catch(() => undefined);
        if (info) {
            if (info.isFile() && !absolute.endsWith('.ispec')) {
                throw new UserError(`${target}: not an .ispec file`);
            }
            targets.push({ absolute, isFile: info.isFile() });
            continue;
        }
        if (!hasMagic(target, { windowsPathsNoEscape: true })) {
            throw new UserError(`${target}: no such file or folder`);
        }
        const matches = (await glob(target, { cwd, absolute: true, nodir: true, ignore: ['**/node_modules/**'] }))
            .filter(file => file.endsWith('.ispec'));
        if (matches.length === 0) {
            throw new UserError(`${target}: no .ispec file matches this pattern`);
        }
        targets.push(...matches.sort().map(file => ({ absolute: file, isFile: true })));
    }
    return targets;
}
