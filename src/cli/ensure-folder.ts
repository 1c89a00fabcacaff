import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Creates a folder and its missing parents one level at a time. `mkdir({ recursive: true })` can spin forever on
 * pseudo file systems such as /proc, where creating a folder keeps failing with ENOENT.
 */
export async function ensureFolder(folder: string): Promise<void> {
    const missing: string[] = [];
    let current = path.resolve(folder);
    while (!(await stat(current).catch(() => undefined))) {
        missing.unshift(current);
        const parent = path.dirname(current);
        if (parent === current) {
            break;
        }
        current = parent;
    }
    for (const dir of missing) {
        await mkdir(dir);
    }
}
