import * as path from 'node:path';

/** Exit codes of every `interspec` command. */
export const ExitCode = {
    /** Nothing at or above the failure threshold. */
    Clean: 0,
    /** Findings at or above the failure threshold, or a NO-GO gate. */
    Findings: 1,
    /** Bad usage, configuration, or input/output problem. */
    Usage: 2
} as const;

/** A problem the user can fix (a missing path, a bad flag): printed as one line, never as a stack trace. */
export class UserError extends Error {
    override readonly name = 'UserError';
}

const IO_MESSAGES: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'no such file or folder',
    EISDIR: 'is a folder, not a file',
    ENOTDIR: 'not a folder',
    EEXIST: 'already exists',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files in the system',
    EPIPE: 'the reader closed the pipe',
    ECONNRESET: 'the reader closed the connection',
    EBADF: 'not open for writing',
    EIO: 'input/output error',
    EFBIG: 'file too large for the file system or the ulimit -f limit',
    ENXIO: 'no such device, or no reader on the other end',
    ENODEV: 'no such device',
    ENAMETOOLONG: 'name too long',
    ELOOP: 'too many levels of symbolic links',
    ETXTBSY: 'file busy',
    EBUSY: 'device or resource busy',
    EAGAIN: 'resource temporarily unavailable',
    EINVAL: 'invalid argument',
    EXDEV: 'not on the same file system'
};

/** A Node error with a system error code (`ENOSPC`...), as the file-system and stream APIs throw them. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
    const failure = error as NodeJS.ErrnoException | undefined;
    return !!failure && typeof failure === 'object' && typeof failure.code === 'string' && /^E[A-Z0-9]+$/.test(failure.code);
}

/** The cause of a system error in words, with its code: `no space left on the device (ENOSPC)`. */
export function ioCause(error: NodeJS.ErrnoException & { code: string }): string {
    // Node's own text for codes not listed: "EXYZ: what happened, syscall 'path'" -> "what happened".
    const described = IO_MESSAGES[error.code] ?? (/^E[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? 'input/output error');
    return `${described} (${error.code})`;
}

/**
 * Turns a Node system error (any `E...` code: ENOSPC, EPIPE, EACCES, EISDIR, EROFS...) into a one-line user error
 * naming the file and the cause, or undefined for other errors. `where` names the file when the error does not
 * carry its path (a write to an open file, standard output).
 */
export function ioError(error: unknown, cwd: string, where?: string): UserError | undefined {
    if (!isSystemError(error)) {
        return undefined;
    }
    const file = where ?? (error.path ? displayPath(cwd, error.path) : 'a file');
    return new UserError(`${file}: ${ioCause(error)}`);
}

/** A path as messages print it: relative to the current folder when inside it, else absolute (`/dev/full`). */
export function displayPath(cwd: string, file: string): string {
    const relative = path.relative(cwd, file);
    return relative === '' ? file : relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative;
}
