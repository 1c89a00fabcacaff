import { escapeTerminal } from '../../../language-server/util/escape.js';
import * as path from 'node:path';
import {
    CHECKLIST_FORMATS, FORMAT_EXTENSIONS, MATRIX_FORMATS, problemLine, specProblems, writeChecklist, writeTestMatrix,
    type ChecklistFormat, type MatrixFormat, type TextStyle
} from '../../../language-server/generators/index.js';
import type { Finding } from '../../../language-server/model/findings.js';
import { createColors } from 'picocolors';
import { useColor } from '../color.js';
import { loadWorkspaceInput, type SampleFlags } from '../generator-input.js';
import { ExitCode, UserError } from '../user-error.js';
import { OutputFiles, StreamOutput } from '../write-layer.js';

export { CHECKLIST_FORMATS, MATRIX_FORMATS };

export interface GenerateOptions extends SampleFlags {
    kind: 'matrix' | 'checklist';
    /** Undefined when `--format` was not given: text on a terminal, Markdown otherwise (see outputFormat). */
    format?: MatrixFormat | ChecklistFormat;
    gate?: string;
    /** Files, folders or globs of one workspace, as `check` takes them (empty: the current folder's workspace). */
    paths: string[];
    out?: string;
    force: boolean;
    configFile?: string;
    /** Matrix in Markdown: the summary for pull requests instead of the full table. */
    summary?: boolean;
    /** The spec revision HTML pages print (e.g. a git commit); default a hash of the spec files. */
    revision?: string;
    cwd: string;
    stdout: NodeJS.WritableStream & { isTTY?: boolean, columns?: number };
    stderr: NodeJS.WritableStream;
    /** For NO_COLOR and FORCE_COLOR (default process.env). */
    env?: NodeJS.ProcessEnv;
}

/**
 * The format when `--format` was not given: text when the output is a terminal (standard output is a TTY and there
 * is no `--out`), Markdown otherwise (a pipe, a file, `$GITHUB_STEP_SUMMARY`, `--summary`, which is Markdown).
 */
export function outputFormat(options: Pick<GenerateOptions, 'format' | 'out' | 'summary' | 'stdout'>): MatrixFormat | ChecklistFormat {
    if (options.format !== undefined) {
        return options.format;
    }
    return options.out === undefined && !options.summary && options.stdout.isTTY === true ? 'text' : 'markdown';
}

/**
 * The width and colours of the text format: on a terminal its columns and colour as src/cli/color.ts decides;
 * in a file or a pipe the default width and no colour, so the file is the same whoever writes it.
 */
function textOptions(options: GenerateOptions, toStdout: boolean): { width?: number, style?: TextStyle } {
    if (!toStdout) {
        return {};
    }
    const columns = options.stdout.isTTY === true ? options.stdout.columns : undefined;
    return {
        width: columns !== undefined && columns > 0 ? columns : undefined,
        style: useColor(options.stdout, options.env ?? process.env) ? createColors(true) : undefined
    };
}

/**
 * `interspec matrix` and `interspec checklist`: stream the generators' output to standard output, or into a file
 * of `--out DIR` (`test-matrix.<ext>`, `checklist.<ext>`, `checklist-<gate>.<ext>`) that the tool may overwrite.
 * Without a format: text to a terminal, Markdown elsewhere (outputFormat).
 */
export async function runGenerate(options: GenerateOptions): Promise<number> {
    const format = outputFormat(options);
    if (options.summary && !(options.kind === 'matrix' && format === 'markdown')) {
        throw new UserError('--summary is a mode of the Markdown matrix; use it with --format markdown');
    }
    const { input, root, evidenceFindings } = await loadWorkspaceInput(options.paths, options.cwd, options.configFile, options);
    reportEvidenceProblems(evidenceFindings, options);
    const text = format === 'text' ? textOptions(options, options.out === undefined) : {};
    const produce = (sink: { write(chunk: string): void | Promise<void> }) => options.kind === 'matrix'
        ? writeTestMatrix(input, format as MatrixFormat, sink, { summary: options.summary, revision: options.revision, ...text })
        : writeChecklist(input, options.gate, format as ChecklistFormat, sink, { revision: options.revision, ...text });
    const stdout = new StreamOutput(options.stdout);
    if (options.out === undefined) {
        await produce(stdout);
        await stdout.flush();
        return reportBrokenSpec(input, options);
    }
    const extension = FORMAT_EXTENSIONS[format];
    const name = options.kind === 'matrix' ? `test-matrix${options.summary ? '-summary' : ''}.${extension}`
        : options.gate === undefined ? `checklist.${extension}` : `checklist-${options.gate}.${extension}`;
    // Through the write layer: checked first, written to a temporary file, renamed over the previous file only
    // when complete.
    const files = new OutputFiles(options.cwd, options.force);
    const target = path.join(options.out, name);
    await files.plan(target);
    const written = await files.run(() => files.stage(target, produce));
    const what = options.kind === 'matrix' ? 'test matrix' : options.gate === undefined ? 'checklists' : `checklist of ${options.gate}`;
    await stdout.write(`wrote ${escapeTerminal(files.display(written.file))} (${what}, ${format}, ${written.bytes} bytes) for the workspace ${path.relative(options.cwd, root) || '.'}\n`);
    await stdout.flush();
    return reportBrokenSpec(input, options);
}

/**
 * A matrix or checklist of a broken spec (see specProblems) is written, so people can read it, but never in
 * silence: each problem goes to standard error with its file and line, and the run exits 1.
 */
function reportBrokenSpec(input: Parameters<typeof specProblems>[0], options: { stderr: NodeJS.WritableStream }): number {
    const problems = specProblems(input);
    if (!problems.length) {
        return ExitCode.Clean;
    }
    for (const problem of problems) {
        options.stderr.write(`${problemLine(problem)}\n`);
    }
    options.stderr.write(`interspec: the spec itself is broken (${problems.length} problem${problems.length === 1 ? '' : 's'} above); `
        + 'this output is incomplete and no verdict can rest on it.\n');
    return ExitCode.Findings;
}

/** Evidence files that do not validate are worth knowing about; they are reported, not fatal. */
export function reportEvidenceProblems(findings: Finding[], options: { cwd: string, stderr: NodeJS.WritableStream }): void {
    for (const finding of findings) {
        const file = path.relative(options.cwd, finding.file) || finding.file;
        options.stderr.write(escapeTerminal(`${file}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message} (${finding.code})`) + '\n');
    }
}
