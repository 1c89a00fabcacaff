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
