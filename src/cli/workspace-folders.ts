import * as path from 'node:path';
import { CONFIG_FILE_NAME, configPresent } from '../../language-server/config/file-name.js';

/**
 * The folders to load so that every checked file sees everything it may import: for each path, the nearest
 * folder above it with an `interspec.yaml`, or else the folder itself (the file's folder, for a file).
 */
export function resolveWorkspaceFolders(targets: Array<{ absolute: string, isFile: boolean }>): string[] {
    const folders = new Set<string>();
    for (const target of targets) {
        const start = target.isFile ? path.dirname(target.absolute) : target.absolute;
        folders.add(findConfigFolder(start) ?? start);
    }
    return [...folders].sort();
}

export function findConfigFolder(start: string): string | undefined {
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (configPresent(path.join(dir, CONFIG_FILE_NAME))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            return undefined;
        }
    }
}
