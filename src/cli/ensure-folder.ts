import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Creates a folder and its missing parents one level at a time, and returns the folders it created (outermost
 * first), so a run that fails can remove them again. `mkdir({ recursive: true })` can spin forever on pseudo file
 * systems such as /proc, where creating a folder keeps failing with ENOENT.
 */
export async function ensureFolder(folder: string): Promise<string[]> {
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
    const created: string[] = [];
    for (const dir of missing) {
        await mkdir(dir);
        created.push(dir);
    }
    return created;
}
