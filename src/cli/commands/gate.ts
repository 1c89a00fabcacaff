import { escapeTerminal } from '../../../language-server/escape.js';
import { evaluateGate } from '../../../language-server/generators/index.js';
import { loadWorkspaceInput } from '../generator-input.js';
import { ExitCode } from '../user-error.js';
import { reportEvidenceProblems } from './generate.js';

export interface GateOptions {
    gate: string;
    /** Files, folders or globs of one workspace, as `check` takes them (empty: the current folder's workspace). */
    paths: string[];
    format: 'text' | 'json';
    configFile?: string;
    cwd: string;
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
}

/** `interspec gate <gate>`: GO or NO-GO with the reasons; exit 1 on NO-GO so a go-live pull request is blocked. */
export async function runGate(options: GateOptions): Promise<number> {
    const { input, evidenceFindings } = await loadWorkspaceInput(options.paths, options.cwd, options.configFile);
    reportEvidenceProblems(evidenceFindings, options);
    const result = evaluateGate(input, options.gate);
    if (options.format === 'json') {
        options.stdout.write(JSON.stringify(result, undefined, 2) + '\n');
    } else {
        options.stdout.write(`${escapeTerminal(result.gate)}: ${result.decision}\n`);
        for (const reason of result.reasons) {
            options.stdout.write(`  - ${escapeTerminal(reason)}\n`);
        }
    }
    return result.decision === 'GO' ? ExitCode.Clean : ExitCode.Findings;
}
