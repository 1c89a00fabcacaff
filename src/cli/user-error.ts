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
    EROFS: 'read-only file system',
    EMFILE: 'too many open files'
};

/** Turns a Node file-system error into a one-line user error naming the file, or undefined for other errors. */
export function ioError(error: unknown, cwd: string): UserError | undefined {
    const failure = error as NodeJS.ErrnoException | undefined;
    if (!failure || typeof failure.code !== 'string' || !(failure.code in IO_MESSAGES)) {
        return undefined;
    }
    const file = failure.path ? path.relative(cwd, failure.path) || failure.path : 'a file';
    return new UserError(`${file}: ${IO_MESSAGES[failure.code]}`);
}
