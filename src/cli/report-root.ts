import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The folder every printed path is relative to. Inside a git repository it is the repository root, because
 * GitHub annotations and code scanning place results by repository-relative paths; elsewhere it is the
 * workspace root (the deepest folder that holds every checked workspace).
 */
export function reportRoot(workspaceRoots: readonly string[]): string {
    const common = commonAncestor(workspaceRoots);
    for (let dir = common; ; dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, '.git'))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            return common;
        }
    }
}

export function commonAncestor(folders: readonly string[]): string {
    let common = folders[0] ?? process.cwd();
    for (const folder of folders.slice(1)) {
        while (path.relative(common, folder).startsWith('..') || path.isAbsolute(path.relative(common, folder))) {
            common = path.dirname(common);
        }
    }
    return common;
}
