import { isInterface, type Interface } from '../../language-server/language/generated/ast.js';
import { checkSamples, type SampleRunResult } from '../../language-server/samples/run-samples.js';
import { compareFindings, type Finding } from '../../language-server/model/findings.js';
import { evidenceProblems } from '../../language-server/generators/index.js';
import type { ReportRule } from './formatters/report.js';
import { loadWorkspace, type LoadedWorkspace } from './load-workspace.js';
import { INFORMATION_URI, reportCatalog } from './rule-catalog.js';
import { resolveSampleFiles } from './sample-files.js';
import { UserError } from './user-error.js';

/** What `check` computes before anything is rendered: everything a report needs, and what the cache keeps. */
export interface CheckResult {
    /** Every finding (suppressed too, all severities), sorted. */
    findings: Finding[];
    rules: ReportRule[];
    /** The folder printed paths are relative to (absolute). */
    root: string;
    /** The checked files: specs, evidence files with findings, sample files (absolute). */
    files: string[];
    /** The configuration files read (interspec.yaml, presets, --config). */
    configFiles: string[];
    /** The workspace folders loaded. */
    folders: string[];
    /** Every document the build read (absolute): the cache hashes them. */
    read: string[];
    /** The tool's documentation, as every report links it. */
    informationUri: string;
    /** Whether captured samples took part (`--samples`, or an interface's `samples`): such runs are not cached. */
    usesSamples: boolean;
    /** The texts of the checked specs, for fingerprints (not cached: re-read from the unchanged files). */
    sources?: Map<string, string>;
}

export interface ComputeOptions {
    paths: string[];
    cwd: string;
    configFile?: string;
    samples?: string[];
    interfaceName?: string;
    /** The environment (`INTERSPEC_THREADS`) and where a failed worker's note goes: with both, large workspaces use both cores. */
    env?: NodeJS.ProcessEnv;
    stderr?: NodeJS.WritableStream;
}

/**
 * Builds the workspaces of the given paths and gathers every finding: the build's, the evidence files' and the
 * captured samples'. The heavy half of `interspec check` (it loads the language), imported only when a run has
 * no cached result.
 */
export async function computeCheck(options: ComputeOptions): Promise<CheckResult> {
    const { env, stderr } = options;
    const threads = env && stderr ? { env, onNote: (line: string) => { stderr.write(`interspec: ${line}\n`); } } : undefined;
    const loaded = await loadWorkspace(options.paths, options.cwd, { configFile: options.configFile, threads });
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
    const interfaceSamples = loaded.documents.some(d => d.parseResult.value.elements.some(e => isInterface(e) && e.samples.length > 0));
    return {
        findings,
        rules,
        informationUri: INFORMATION_URI,
        root: loaded.root,
        files: [...loaded.documents.map(d => d.uri.fsPath), ...evidenceFiles, ...samples.files],
        configFiles: [...new Set(configs.flatMap(config => config.files))],
        folders: loaded.folders,
        read: loaded.built.documents.map(d => d.uri.fsPath),
        usesSamples: interfaceSamples || (options.samples ?? []).length > 0 || samples.files.length > 0,
        sources
    };
}

/**
 * The sample rules over the interfaces' own `samples` and the `--samples` files. A `--samples` pattern that matches
 * nothing, or an `--interface` the workspace does not have, is a usage error (exit 2).
 */
async function runSamples(loaded: LoadedWorkspace, options: ComputeOptions): Promise<SampleRunResult> {
    const files = await resolveSampleFiles(options.samples ?? [], options.cwd);
    let iface: Interface | undefined;
    if (options.interfaceName !== undefined) {
        const interfaces = loaded.built.documents.flatMap(d => d.parseResult.value.elements.filter(isInterface));
        iface = interfaces.find(candidate => candidate.name === options.interfaceName);
        if (!iface) {
            throw new UserError(`--interface ${options.interfaceName}: no such interface; the workspace has ${interfaces.map(i => i.name).join(', ') || 'none'}`);
        }
    }
    return checkSamples(loaded.built.services, loaded.documents, loaded.built.documents, { files, iface });
}
