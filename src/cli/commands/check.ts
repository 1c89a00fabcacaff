import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FindingSeverity } from '../../../language-server/model/findings.js';
import { useColor } from '../color.js';
import { render } from '../formatters/index.js';
import { countFindings, type Report } from '../formatters/report.js';
import { loadWorkspace } from '../load-workspace.js';
import type { OutputTarget } from '../output-targets.js';
import { INFORMATION_URI, reportCatalog } from '../rule-catalog.js';
import { ExitCode, UserError, displayPath } from '../user-error.js';
import { OutputFiles, StreamOutput } from '../write-layer.js';
import { evidenceProblems, isEvidenceFile } from '../../../language-server/generators/index.js';
import { compareFindings } from '../../../language-server/model/findings.js';

export type FailOn = FindingSeverity;

export interface CheckOptions {
    paths: string[];
    cwd: string;
    outputs: OutputTarget[];
    failOn: FailOn;
    quiet: boolean;
    maxWarnings?: number;
    configFile?: string;
    /** Overwrite an -o file interspec did not write, or that was edited. */
    force?: boolean;
    version: string;
    stdout: NodeJS.WritableStream & { isTTY?: boolean };
    stderr: NodeJS.WritableStream;
    env: NodeJS.ProcessEnv;
}

const RANK: Record<FindingSeverity, number> = { info: 1, warning: 2, error: 3 };

/**
 * `interspec check`: builds the workspaces of the given paths, writes the findings in every requested format,
 * and returns 1 when an unsuppressed finding is at or above `--fail-on` or warnings exceed `--max-warnings`.
 */
export async function runCheck(options: CheckOptions): Promise<number> {
    const loaded = await loadWorkspace(options.paths, options.cwd, { configFile: options.configFile });
    const configs = loaded.folders.map(folder => loaded.built.services.engine.Configurations.configOf(folder));
    const rules = reportCatalog().map(rule => rule.structural ? rule : {
        ...rule, enabled: configs.some(config => config.rules[rule.id]?.severity !== 'off' || config.overrides.length > 0)
    });
    const sources = new Map(loaded.documents.map(d => [d.uri.fsPath, d.textDocument.getText()]));
    // Evidence files the gate would distrust (malformed, skipped, conflicting, misdated) fail `check` too.
    const evidence = (await Promise.all(loaded.folders.map(folder =>
        evidenceProblems(loaded.built.services, folder, { findings: loaded.findings })))).flat();
    const findings = [...loaded.findings, ...evidence].sort(compareFindings);
    const evidenceFiles = [...new Set(evidence.map(finding => finding.file))].sort();
    const shown = options.quiet ? findings.filter(f => f.severity === 'error') : findings;
    const report: Report = {
        findings: shown,
        rules,
        root: loaded.root,
        files: [...loaded.documents.map(d => d.uri.fsPath), ...evidenceFiles],
        failOn: options.failOn,
        tool: { name: 'interspec', version: options.version, informationUri: INFORMATION_URI },
        sourceOf: file => sources.get(file) ?? readIfPossible(file)
    };
    const inputs = new Set([...report.files, ...configs.flatMap(config => config.files)]);
    // Every -o file is checked before anything is written; then written through the write layer: each to a
    // temporary file, renamed into place only once every output (standard output too) is complete.
    const files = await planReportFiles(options.outputs, options.cwd, options.force === true, inputs);
    const stdout = new StreamOutput(options.stdout);
    await files.run(async () => {
        for (const target of options.outputs) {
            const color = target.file === undefined && target.format === 'stylish' && useColor(options.stdout, options.env);
            const text = render(target.format, report, color);
            if (target.file === undefined) {
                await stdout.write(text);
            } else {
                await files.stage(target.file, sink => sink.write(text));
            }
        }
        await stdout.flush();
    });
    const active = findings.filter(f => f.suppressed === undefined);
    const failing = active.filter(f => RANK[f.severity] >= RANK[options.failOn]).length;
    if (failing > 0) {
        return ExitCode.Findings;
    }
    const warnings = countFindings(active).warnings;
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
        options.stderr.write(`interspec: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
        return ExitCode.Findings;
    }
    return ExitCode.Clean;
}

/**
 * The `-o` files, each checked like `--out` before anything is written: a file that exists is replaced only when
 * its folder's manifest says interspec wrote it and it is unchanged (or with --force). A file the run reads (a
 * checked spec, interspec.yaml or a preset, an evidence file) is refused even with --force, and so are two
 * formats to one file (the second would replace the first: a usage error, exit 2, nothing written).
 */
async function planReportFiles(outputs: OutputTarget[], cwd: string, force: boolean, inputs: Set<string>): Promise<OutputFiles> {
    const files = new OutputFiles(cwd, force);
    const formatsByFile = new Map<string, string[]>();
    for (const target of outputs) {
        if (target.file === undefined) continue;
        const file = path.resolve(cwd, target.file);
        formatsByFile.set(file, [...formatsByFile.get(file) ?? [], target.format]);
    }
    for (const [file, formats] of formatsByFile) {
        if (formats.length > 1) {
            throw new UserError(`${displayPath(cwd, file)}: ${formats.map(format => `--format ${format}`).join(' and ')} would both go to this one file; give each -o its own file`);
        }
    }
    for (const target of outputs) {
        if (target.file === undefined) continue;
        const file = path.resolve(cwd, target.file);
        if (inputs.has(file) || isEvidenceFile(file)) {
            throw new UserError(`${displayPath(cwd, file)}: refusing to write a report over a file interspec reads; choose another -o`);
        }
        await files.plan(target.file);
    }
    return files;
}

function readIfPossible(file: string): string | undefined {
    try {
        return readFileSync(file, 'utf8');
    } catch {
        return undefined;
    }
}
