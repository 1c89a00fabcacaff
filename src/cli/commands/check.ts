import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { glob, hasMagic } from 'glob';
import { isInterface, type Interface } from '../../../language-server/language/generated/ast.js';
import { checkSamples, type SampleRunResult } from '../../../language-server/samples/run-samples.js';
import type { FindingSeverity } from '../../../language-server/model/findings.js';
import { useColor } from '../color.js';
import { render } from '../formatters/index.js';
import { countFindings, type Report } from '../formatters/report.js';
import { loadWorkspace, type LoadedWorkspace } from '../load-workspace.js';
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
    /** `--samples`: captured message files or globs, besides the interfaces' own `samples`. */
    samples?: string[];
    /** `--interface`: the interface the `--samples` files are checked against. */
    interfaceName?: string;
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
    const samples = await runSamples(loaded, options);
    const findings = [...loaded.findings, ...evidence, ...samples.findings].sort(compareFindings);
    const evidenceFiles = [...new Set(evidence.map(finding => finding.file))].sort();
    const shown = options.quiet ? findings.filter(f => f.severity === 'error') : findings;
    const report: Report = {
        findings: shown,
        rules,
        root: loaded.root,
        files: [...loaded.documents.map(d => d.uri.fsPath), ...evidenceFiles, ...samples.files],
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

/**
 * The sample rules over the interfaces' own `samples` and the `--samples` files. A `--samples` pattern that matches
 * nothing, or an `--interface` the workspace does not have, is a usage error (exit 2).
 */
async function runSamples(loaded: LoadedWorkspace, options: CheckOptions): Promise<SampleRunResult> {
    const files: string[] = [];
    for (const pattern of options.samples ?? []) {
        const absolute = path.resolve(options.cwd, pattern);
        if (existsSync(absolute)) {
            files.push(absolute);
            continue;
        }
        const matches = hasMagic(pattern, { windowsPathsNoEscape: true })
            ? await glob(pattern, { cwd: options.cwd, absolute: true, nodir: true, ignore: ['**/node_modules/**'] })
            : [];
        if (matches.length === 0) {
            throw new UserError(`--samples ${pattern}: no such file, and no file matches it`);
        }
        files.push(...matches.sort());
    }
    let iface: Interface | undefined;
    if (options.interfaceName !== undefined) {
        const interfaces = loaded.built.documents.flatMap(d => d.parseResult.value.elements.filter(isInterface));
        iface = interfaces.find(candidate => candidate.name === options.interfaceName);
        if (!iface) {
            throw new UserError(`--interface ${options.interfaceName}: no such interface; the workspace has ${interfaces.map(i => i.name).join(', ') || 'none'}`);
        }
    }
    return checkSamples(loaded.built.services, loaded.documents, loaded.built.documents, { files: [...new Set(files)], iface });
}

/** Sample files can be large: fingerprints read at most this much of a file that is not a spec. */
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

function readIfPossible(file: string): string | undefined {
    try {
        if (statSync(file).size > MAX_SOURCE_BYTES) return undefined;
        return readFileSync(file, 'utf8');
    } catch {
        return undefined;
    }
}
