import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FindingSeverity } from '../../../language-server/model/findings.js';
import { CheckCache, cacheFilePath } from '../../../language-server/engine/check-cache.js';
import { isEvidenceFile } from '../../../language-server/protocol/files.js';
import { useColor } from '../color.js';
import { render } from '../formatters/index.js';
import { countFindings, type Report } from '../formatters/report.js';
import type { CheckResult } from '../check-compute.js';
import { resolveTargets } from '../check-targets.js';
import { reportRoot } from '../report-root.js';
import type { OutputTarget } from '../output-targets.js';
import { ExitCode, UserError, displayPath } from '../user-error.js';
import { findConfigFolder, resolveWorkspaceFolders } from '../workspace-folders.js';
import { OutputFiles, StreamOutput } from '../write-layer.js';

// The language loads only when findings must be computed (check-compute.ts): a run answered from `--cache` never
// loads it, nor do this module's other imports.

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
    /** `--cache`: reuse the findings of an earlier run whose inputs are unchanged, and keep this run's. */
    cache?: boolean;
    /** `--cache-location`: the cache file, or a folder for `.interspec-cache` (default: the workspace root's). */
    cacheLocation?: string;
    version: string;
    stdout: NodeJS.WritableStream & { isTTY?: boolean };
    stderr: NodeJS.WritableStream;
    env: NodeJS.ProcessEnv;
}

const RANK: Record<FindingSeverity, number> = { info: 1, warning: 2, error: 3 };

/**
 * `interspec check`: builds the workspaces of the given paths, writes the findings in every requested format,
 * and returns 1 when an unsuppressed finding is at or above `--fail-on` or warnings exceed `--max-warnings`.
 * With `--cache`, a run whose inputs are all unchanged since a cached run reports that run's findings without
 * building anything (language-server/engine/check-cache.ts says what the inputs are).
 */
export async function runCheck(options: CheckOptions): Promise<number> {
    const result = options.cache ? await cachedCheck(options) : await compute(options);
    const { findings } = result;
    const shown = options.quiet ? findings.filter(f => f.severity === 'error') : findings;
    const sources = result.sources ?? new Map<string, string>();
    const report: Report = {
        findings: shown,
        rules: result.rules,
        root: result.root,
        files: result.files,
        failOn: options.failOn,
        tool: { name: 'interspec', version: options.version, informationUri: result.informationUri },
        sourceOf: file => sources.get(file) ?? readIfPossible(file)
    };
    const inputs = new Set([...report.files, ...result.configFiles]);
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

/** The findings computed now: the language loads here. */
async function compute(options: CheckOptions): Promise<CheckResult> {
    const { computeCheck } = await import('../check-compute.js');
    return computeCheck(options);
}

/** What a cached run keeps: the result without the spec texts (re-read from the unchanged files). */
type CachedResult = Omit<CheckResult, 'sources'>;

/**
 * `--cache`: the findings of the cached run with the same options and unchanged inputs, or computed now and
 * stored. Runs with captured samples are computed and not stored (their globs can match new files). The cache
 * never changes what is reported: a cached report is the computed one, through JSON and back (which a computed
 * one goes through here too, so both render from the same values).
 */
async function cachedCheck(options: CheckOptions): Promise<CheckResult> {
    const targets = await resolveTargets(options.paths.length > 0 ? options.paths : [findConfigFolder(options.cwd) ?? options.cwd], options.cwd);
    const folders = resolveWorkspaceFolders(targets);
    const workspaceRoot = findConfigFolder(options.cwd) ?? options.cwd;
    const file = await cacheFilePath(options.cacheLocation, options.cwd, workspaceRoot);
    const cache = await CheckCache.open(file, line => options.stderr.write(`interspec: ${displayPath(options.cwd, file)}: ${line}\n`));
    const key = {
        tool: options.version,
        options: {
            // The report root too: a `.git` made above the workspace changes every printed path, and no input.
            cwd: options.cwd, paths: options.paths, targets, folders, root: reportRoot(folders),
            config: options.configFile === undefined ? null : path.resolve(options.cwd, options.configFile),
            samples: options.samples ?? [], interface: options.interfaceName ?? null
        }
    };
    const usesSampleOptions = (options.samples ?? []).length > 0 || options.interfaceName !== undefined;
    const cached = usesSampleOptions ? undefined : await cache.lookup<CachedResult>(key);
    if (cached) {
        return cached;
    }
    const before = await cache.snapshot(folders);
    const computed = await compute(options);
    const { sources, ...kept } = computed;
    const normalised = JSON.parse(JSON.stringify(kept)) as CachedResult;
    if (!computed.usesSamples) {
        const read = [...computed.read, ...computed.configFiles];
        if (!await cache.store(key, computed.folders, read, normalised, before)) {
            options.stderr.write(`interspec: ${displayPath(options.cwd, file)}: could not write the cache; the next run computes again\n`);
        }
    }
    return { ...normalised, sources };
}

/** Sample files can be large: fingerprints read at most this much of a file that is not a spec. */
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** A file's text for a report's snippets, or undefined: too large, unreadable, or not a regular file (a FIFO's read never ended). */
function readIfPossible(file: string): string | undefined {
    try {
        const info = statSync(file);
        if (!info.isFile() || info.size > MAX_SOURCE_BYTES) return undefined;
        return readFileSync(file, 'utf8');
    } catch {
        return undefined;
    }
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
