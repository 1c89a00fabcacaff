import { escapeTerminal } from '../../../language-server/util/escape.js';
import { explainGate } from '../../../language-server/generators/index.js';
import { loadWorkspaceInput, type SampleFlags } from '../generator-input.js';
import { ExitCode } from '../user-error.js';
import { StreamOutput } from '../write-layer.js';
import { reportEvidenceProblems } from './generate.js';

export interface GateOptions extends SampleFlags {
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
    const { input, evidenceFindings } = await loadWorkspaceInput(options.paths, options.cwd, options.configFile, options);
    reportEvidenceProblems(evidenceFindings, options);
    const { readable, ...result } = explainGate(input, options.gate);
    const stdout = new StreamOutput(options.stdout);
    if (options.format === 'json') {
        await stdout.write(JSON.stringify(result, undefined, 2) + '\n');
    } else {
        // Sentences grouped by go-live question, as the checklist pages show them; the JSON keeps the ids.
        await stdout.write(`${escapeTerminal(result.gate)}: ${result.decision}\n`);
        for (const reason of readable.general) {
            await stdout.write(`  - ${escapeTerminal(reason)}\n`);
        }
        for (const { question, sentences } of readable.questions) {
            await stdout.write(`  ${escapeTerminal(question)}\n`);
            for (const sentence of sentences) {
                await stdout.write(`    - ${escapeTerminal(sentence)}\n`);
            }
        }
    }
    // The verdict counts only once it is written: a NO-GO that could not be printed is exit 2, never 0.
    await stdout.flush();
    return result.decision === 'GO' ? ExitCode.Clean : ExitCode.Findings;
}
