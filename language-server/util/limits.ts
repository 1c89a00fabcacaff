import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * The sizes Interspec reads before it refuses: each limit is far above any real specification and far below
 * what would take minutes or gigabytes. docs/generators.md lists them; a file over a limit gets a one-line error
 * that names the file and the limit (the CLI exits 2; the editor shows a diagnostic).
 */
export const LIMITS = {
    /** Bytes of one `.ispec` file (the largest example is a few KB; parsing costs about 6 s per MB). */
    specBytes: 1024 * 1024,
    /** `.ispec` files in one run. */
    specFiles: 2000,
    /** Bytes of interspec.yaml and of each preset it extends. */
    configBytes: 1024 * 1024,
    /** Bytes of one evidence file. */
    evidenceBytes: 1024 * 1024,
    /** Entries of all evidence files of one workspace root together. */
    evidenceEntries: 100_000
} as const;

/** A file over one of the LIMITS, or a file that is not a regular file: which file and what is wrong, in one line. */
export class LimitError extends Error {
    override readonly name = 'LimitError';
    constructor(readonly file: string, readonly detail: string) {
        super(`${file}: ${detail}`);
    }
}

/**
 * Reads a file as UTF-8 only if it is a regular file of at most `maxBytes` bytes. Opens without blocking, so a
 * FIFO or a device (`/dev/zero`) is refused at once instead of read forever; checks the opened file (no race
 * between check and read). Throws LimitError naming the file and the limit (`what` says what kind of file, e.g.
 * 'configuration files'); file-system errors (ENOENT, EACCES) are thrown as they are.
 */
export function readRegularFileSync(file: string, maxBytes: number, what: string): string {
    const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
        const info = fstatSync(fd);
        if (!info.isFile()) {
            throw new LimitError(file, `not a regular file; ${what} must be regular files (not a device, FIFO or socket)`);
        }
        if (info.size > maxBytes) {
            throw new LimitError(file, `the file is ${info.size} bytes; ${what} are limited to ${maxBytes} bytes`);
        }
        // Read at most one byte more than allowed: a file that grows while read is still refused.
        const buffer = Buffer.alloc(maxBytes + 1);
        let length = 0;
        for (;;) {
            const read = readSync(fd, buffer, length, buffer.length - length, null);
            if (read === 0) break;
            length += read;
            if (length > maxBytes) {
                throw new LimitError(file, `the file is over ${maxBytes} bytes; ${what} are limited to ${maxBytes} bytes`);
            }
        }
        return buffer.subarray(0, length).toString('utf8');
    } finally {
        closeSync(fd);
    }
}

/**
 * Reads a whole file only if it is a regular file, like `readRegularFileSync` without a size limit: opened without
 * blocking and checked once open, so a FIFO or a device is refused at once (LimitError 'not a regular file') instead
 * of a read that never ends, which not even SIGTERM could interrupt (Node's exit waits for the blocked read).
 * File-system errors (ENOENT, EACCES, EISDIR) are thrown as they are.
 */
export async function readRegularFile(file: string, what = 'files read here'): Promise<Buffer> {
    const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
        const info = await handle.stat();
        if (!info.isFile() && !info.isDirectory()) {
            throw new LimitError(file, `not a regular file; ${what} must be regular files (not a device, FIFO or socket)`);
        }
        return await handle.readFile();
    } finally {
        await handle.close();
    }
}
