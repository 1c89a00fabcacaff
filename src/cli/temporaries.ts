import { rmSync, rmdirSync } from 'node:fs';

/**
 * Temporary files (and folders) this process created and has not yet renamed into place or kept: when a signal
 * ends the run, main.ts removes them at once, so an interrupted run leaves the output folders as they were. A run
 * killed outright (SIGKILL) cannot clean up; the next run that writes the same file removes what it left
 * (ArtifactFolder.removeStaleTemporaries).
 */
const temporaries = new Set<string>();
const folders = new Set<string>();
const trees = new Set<string>();

/** A temporary folder with its content (diff's checkouts of a revision): removed whole when a signal ends the run. */
export function trackTemporaryTree(folder: string, done = false): void {
    if (done) trees.delete(folder); else trees.add(folder);
}

export function trackTemporary(file: string): void {
    temporaries.add(file);
}

export function untrackTemporary(file: string): void {
    temporaries.delete(file);
}

export function trackCreatedFolders(created: string[], kept = false): void {
    for (const folder of created) {
        if (kept) folders.delete(folder); else folders.add(folder);
    }
}

/** Removes every temporary file of this process, then the folders it created when they are empty. Synchronous. */
export function removeTemporaries(): void {
    for (const file of temporaries) {
        try {
            rmSync(file, { force: true });
        } catch {
            // Nothing more can be done while the process ends.
        }
    }
    temporaries.clear();
    for (const tree of trees) {
        try {
            rmSync(tree, { recursive: true, force: true });
        } catch {
            // As above.
        }
    }
    trees.clear();
    for (const folder of [...folders].reverse()) {
        try {
            rmdirSync(folder);
        } catch {
            // Not empty, or already gone.
        }
    }
    folders.clear();
}
