import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A line of the Interspec output channel that reports a problem: the language client writes the server's
 * `window/logMessage` errors and warnings as `[Error - <time>] …` and `[Warn  - <time>] …`; the extension writes
 * its own failures as plain sentences (src/extension/main.ts). A normal session writes none of them (issue 27: 45
 * warnings "Attempted reference resolution before document reached ComputedScopes state" while typing).
 */
export const PROBLEM_LINE = /^\[(Error|Warn)\s*- |^The Interspec language server did not start|^Could not open the starter file/;

/** The Interspec output channel as the workbench stored it: its log files under the scratch folder, and their lines. */
export interface OutputChannelLog {
    files: string[];
    lines: string[];
}

/**
 * Reads the Interspec output channel of a code-server session: VS Code keeps each output channel of the extension
 * host in a file named `<n>-Interspec.log` under the user-data dir's `logs/` (one per window that opened it).
 */
export function interspecOutput(scratch: string): OutputChannelLog {
    const files: string[] = [];
    const walk = (dir: string) => {
        let entries;
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (/(^|-)Interspec\.log$/.test(entry.name)) {
                files.push(full);
            }
        }
    };
    walk(scratch);
    files.sort();
    return { files, lines: files.flatMap(file => readFileSync(file, 'utf8').split(/\r?\n/)) };
}

/** The problem lines of the channel (see PROBLEM_LINE). */
export function problemLines(log: OutputChannelLog): string[] {
    return log.lines.filter(line => PROBLEM_LINE.test(line));
}
