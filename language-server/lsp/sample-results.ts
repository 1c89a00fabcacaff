import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { glob } from 'glob';
import { URI, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { isInterface, type Interface, type Model } from '../language/generated/ast.js';
import { isInside } from '../language/interspec-workspace.js';
import type { Finding } from '../model/findings.js';
import { checkSamples } from '../samples/run-samples.js';
import { SampleObservations } from '../generators/sample-observations.js';
import { readBuiltWorkspace } from './built-workspace.js';
import type { InterspecServices } from './interspec-lsp-module.js';

/** What the samples of one interface showed: messages read and the problems (findings above info, not suppressed). */
export interface InterfaceSamples {
    readonly messages: number;
    readonly problems: number;
    /** The sample files its `samples` globs list, sorted. */
    readonly files: readonly string[];
}

/** The sample results of one workspace root. */
interface RootSamples {
    /** Per interface name, for interfaces with `samples`. */
    readonly interfaces: Map<string, InterfaceSamples>;
    /** Findings located in each sample file (absolute path), suppressed ones left out. */
    readonly byFile: Map<string, Finding[]>;
    /** The interface whose `samples` list each file (the first spec, in document order, that lists it). */
    readonly interfaceOfFile: Map<string, string>;
    /** What the same runs showed per matrix row (generators/sample-observations.ts); undefined when no interface lists samples. */
    readonly observations?: SampleObservations;
    /** The generation the results were computed in: they stand for the workspace while it is the current one. */
    readonly generation: number;
}

/**
 * The sample rules' results for the editor (docs/samples.md, "In the editor"): computed by the core's
 * `checkSamples`, once per workspace root and workspace state, on the fully built workspace (as the code lens
 * summaries are). Each interface's listed files are checked against that interface, as `interspec check` does;
 * an open `.hl7` file no `samples` glob lists is checked alone, its messages matched to the root's interfaces.
 * The cache is dropped when any spec changes (the builder's update) and when a sample file changes on disk
 * ({@link invalidate}) or is edited in the editor: an open sample file with unsaved edits is checked in the
 * editor's text ({@link editorText}), the others are read from disk.
 * The same runs record the test matrix's observations, which the code lenses and the previews take
 * ({@link observationsFor}): one run over a root's samples per workspace state serves diagnostics, lenses and
 * previews alike.
 */
export class SampleResults {
    private readonly roots = new Map<string, Promise<RootSamples>>();
    private readonly unlisted = new Map<string, Promise<Finding[]>>();
    /** Counts invalidations: a result asked for before the latest one is not computed. */
    private generation = 0;

    constructor(private readonly services: InterspecServices) {
        services.shared.workspace.DocumentBuilder.onUpdate(() => this.invalidate());
    }

    /** Forgets every result: the next question recomputes them. */
    invalidate(): void {
        this.generation++;
        this.roots.clear();
        this.unlisted.clear();
    }

    /**
     * The editor's text of an open sample file when it is not what the file on disk holds (unsaved edits), else
     * undefined: the file is read from disk, as `interspec check` reads it (a capture's bytes decoded per MSH-18,
     * which an editor's decoding may not match). Line breaks are compared as one (an editor may change a capture's
     * CR segment separators to its own), and so is a disk file that cannot be read.
     */
    editorText(file: string): string | undefined {
        const document = this.services.shared.workspace.TextDocuments?.get(URI.file(file).toString());
        if (!document) return undefined;
        const text = document.getText();
        let disk: string | undefined;
        try {
            disk = readFileSync(file, 'utf8');
        } catch {
            disk = undefined;
        }
        const lines = (value: string) => value.replace(/\r\n?/g, '\n');
        return disk !== undefined && lines(disk) === lines(text) ? undefined : text;
    }

    /** Counts invalidations (spec builds and sample changes): results cached by it are those of one workspace state. */
    get state(): number {
        return this.generation;
    }

    /**
     * The observations of a root's samples for loadGeneratorInput's `samples` option, from this state's one run.
     * Ask before taking the workspace's read lock (the run takes it, and reads do not nest), then call the result
     * under the lock: it gives the observations (`false`: the root lists no samples) while no build or sample change
     * came since the run, else undefined, and loadGeneratorInput reads the samples itself. A run that failed gives
     * undefined too.
     */
    async observationsFor(root: string): Promise<() => SampleObservations | false | undefined> {
        const results = await this.rootResults(root).catch(() => undefined);
        return () => (results && results.generation === this.generation ? results.observations ?? false : undefined);
    }

    /** The root (folder with `interspec.yaml`, else workspace folder) a file belongs to. */
    rootOf(file: string): string {
        return this.services.shared.interspec.Workspace.rootOf(URI.file(file));
    }

    /** What the samples of interface `name` of `root` showed, or undefined if it lists none. */
    async ofInterface(root: string, name: string): Promise<InterfaceSamples | undefined> {
        return (await this.rootResults(root)).interfaces.get(name);
    }

    /** The name of the interface whose `samples` list `file`, or undefined. */
    async interfaceListing(file: string): Promise<string | undefined> {
        return (await this.rootResults(this.rootOf(file))).interfaceOfFile.get(file);
    }

    /**
     * The findings located in sample file `file` (absolute path), or undefined when the file is not a sample: not
     * listed by any interface of its root and not `.hl7` (`checkUnlisted` false).
     */
    async findingsOf(file: string, checkUnlisted: boolean): Promise<Finding[] | undefined> {
        const results = await this.rootResults(this.rootOf(file));
        if (results.interfaceOfFile.has(file)) {
            return results.byFile.get(file) ?? [];
        }
        if (!checkUnlisted) {
            return undefined;
        }
        let findings = this.unlisted.get(file);
        if (!findings) {
            findings = this.checkUnlisted(file);
            this.unlisted.set(file, findings);
        }
        return findings;
    }

    /** The built spec documents of a root. */
    documentsOf(root: string): Array<LangiumDocument<Model>> {
        return this.services.shared.workspace.LangiumDocuments.all
            .filter(document => document.uri.scheme === 'file' && this.rootOf(document.uri.fsPath) === root)
            .toArray() as Array<LangiumDocument<Model>>;
    }

    private rootResults(root: string): Promise<RootSamples> {
        let results = this.roots.get(root);
        if (!results) {
            // While typing, every update asks anew and the asks wait for the same final build: only the newest
            // computes, the older ones take its result (computing them would read every capture once per keystroke).
            const generation = this.generation;
            results = readBuiltWorkspace(this.services.shared, CancellationToken.None, () => (generation === this.generation ? this.compute(root) : undefined))
                .then(computed => computed ?? this.rootResults(root));
            // A failed run is not cached: the next question tries again.
            results.catch(() => this.roots.get(root) === results && this.roots.delete(root));
            this.roots.set(root, results);
        }
        return results;
    }

    private async compute(root: string): Promise<RootSamples> {
        const generation = this.generation;
        const documents = this.documentsOf(root).sort((a, b) => (a.uri.fsPath < b.uri.fsPath ? -1 : a.uri.fsPath > b.uri.fsPath ? 1 : 0));
        const interfaces = new Map<string, InterfaceSamples>();
        const byFile = new Map<string, Finding[]>();
        const interfaceOfFile = new Map<string, string>();
        const listing = documents.some(document => document.parseResult.value.elements.some(element => isInterface(element) && element.samples.length > 0));
        const observations = listing ? new SampleObservations(root) : undefined;
        for (const document of documents) {
            for (const iface of document.parseResult.value.elements.filter(isInterface)) {
                if (iface.samples.length === 0 || !iface.name) continue;
                const files = (await listedFiles(document, iface, root)).filter(file => !interfaceOfFile.has(file));
                files.forEach(file => interfaceOfFile.set(file, iface.name));
                const run = files.length > 0 ? await checkSamples(this.services, [], documents, { files, iface, observer: observations?.observer(), textOf: file => this.editorText(file) }) : { findings: [], messages: 0 };
                const shown = run.findings.filter(finding => finding.suppressed === undefined);
                for (const finding of shown) {
                    const list = byFile.get(finding.file) ?? [];
                    list.push(finding);
                    byFile.set(finding.file, list);
                }
                interfaces.set(iface.name, {
                    messages: run.messages,
                    problems: shown.filter(finding => finding.severity !== 'info').length,
                    files
                });
            }
        }
        return { interfaces, byFile, interfaceOfFile, observations, generation };
    }

    private checkUnlisted(file: string): Promise<Finding[]> {
        const root = this.rootOf(file);
        const generation = this.generation;
        return readBuiltWorkspace(this.services.shared, CancellationToken.None, async () => {
            if (generation !== this.generation) return undefined; // as for the root's results: only the newest ask computes
            const run = await checkSamples(this.services, [], this.documentsOf(root), { files: [file], textOf: open => this.editorText(open) });
            return run.findings.filter(finding => finding.file === file && finding.suppressed === undefined);
        }).then(async findings => findings ?? (await this.findingsOf(file, true)) ?? []);
    }
}

/**
 * The files an interface's `samples "<glob>"` patterns match, as `interspec check` resolves them: relative to the
 * spec's folder, inside the root, spec files and `node_modules` left out. Patterns that leave the root match nothing.
 */
async function listedFiles(document: LangiumDocument, iface: Interface, root: string): Promise<string[]> {
    const folder = path.dirname(document.uri.fsPath);
    const files = new Set<string>();
    for (const pattern of iface.samples) {
        const stem = pattern.split(/[*?[{]/)[0];
        if (path.isAbsolute(pattern) || !isInside(path.resolve(folder, stem || '.'), root)) continue;
        const matches = await glob(pattern, { cwd: folder, absolute: true, nodir: true, ignore: ['**/node_modules/**'] });
        matches.filter(file => isInside(file, root) && !file.endsWith('.ispec')).forEach(file => files.add(file));
    }
    return [...files].sort();
}
