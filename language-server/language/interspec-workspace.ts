import * as path from 'node:path';
import { URI } from 'langium';
import { configPresent } from '../config/file-name.js';

/** The file that marks a workspace root and holds its configuration. */
export const CONFIG_FILE_NAME = 'interspec.yaml';

/**
 * Knows where Interspec workspaces begin. A workspace root is the nearest folder with an `interspec.yaml`,
 * searched upwards from a file but never above the folders the editor or the CLI opened; without one, the
 * opened folder itself is the root. Imports may not leave their root.
 */
export class InterspecWorkspace {
    private folders: string[] = [];
    private readonly rootCache = new Map<string, string>();

    /** Sets the folders that bound the search (the editor's workspace folders, or the CLI's workspace). */
    setFolders(folders: string[]): void {
        this.folders = folders.map(folder => path.resolve(folder));
        this.rootCache.clear();
    }

    getFolders(): readonly string[] {
        return this.folders;
    }

    /** Forget cached roots, e.g. after an `interspec.yaml` was created or deleted. */
    clearCache(): void {
        this.rootCache.clear();
    }

    /** The workspace root folder (absolute file-system path) of a document. */
    rootOf(uri: URI): string {
        const dir = path.dirname(uri.fsPath);
        const cached = this.rootCache.get(dir);
        if (cached) {
            return cached;
        }
        const root = this.findRoot(dir);
        this.rootCache.set(dir, root);
        return root;
    }

    private findRoot(dir: string): string {
        const bound = this.folders
            .filter(folder => isInside(dir, folder))
            .sort((a, b) => b.length - a.length)[0];
        let current = dir;
        for (;;) {
            if (configPresent(path.join(current, CONFIG_FILE_NAME))) {
                return current;
            }
            const parent = path.dirname(current);
            if (current === bound || parent === current || (bound && !isInside(parent, bound))) {
                break;
            }
            current = parent;
        }
        return bound ?? dir;
    }
}

/** Whether `child` is `parent` or lies below it (both absolute paths). */
export function isInside(child: string, parent: string): boolean {
    const relative = path.relative(parent, child);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
