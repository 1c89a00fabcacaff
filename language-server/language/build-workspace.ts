import { lstatSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Model } from './generated/ast.js';
import { ConfigError } from '../config/index.js';
import { LIMITS, LimitError } from '../util/limits.js';
import { createInterspecCoreServices, type InterspecCoreServices } from './interspec-module.js';
import { SKIPPED_FOLDERS } from '../util/skipped-folders.js';

/** Folders never searched for specs. */

export interface BuiltWorkspace<S extends InterspecCoreServices = InterspecCoreServices> {
    shared: S['shared'];
    services: S;
    /** Every loaded document, sorted by path for deterministic output. */
    documents: LangiumDocument<Model>[];
}

export interface BuildOptions<S extends InterspecCoreServices = InterspecCoreServices> {
    /** A configuration file to use instead of each root's `interspec.yaml` (the CLI's `--config`). */
    configFile?: string;
    /** The file system the documents are read through (default: Node's); tests overlay edited text on it. */
    fileSystem?: typeof NodeFileSystem;
    /**
     * The services to build with (default: the core alone, as the CLI needs). Tests of editor features pass
     * `createInterspecServices` from `lsp/interspec-lsp-module.ts`.
     */
    createServices?: (context: typeof NodeFileSystem) => { shared: S['shared'], Interspec: S };
    /**
     * Validate only share `index` of `count` (`shareOf`): every document is still parsed and linked, since rules
     * read the whole workspace, but only this share's documents reach `Validated`. Threads that split a check
     * (src/cli/parallel-check.ts) each build with their own index. Default: every document is validated.
     */
    share?: { index: number, count: number };
}

/**
 * Loads every `.ispec` file below the given workspace folders and builds them (parse, link, validate), the
 * way the language server does for an editor's workspace. Used by the CLI, the generators' callers and tests.
 * Throws ConfigError when a workspace's configuration is invalid: a run never falls back to defaults silently;
 * LimitError when there are more than LIMITS.specFiles files or one is larger than LIMITS.specBytes.
 */
export async function buildWorkspace<S extends InterspecCoreServices = InterspecCoreServices>(folders: string[], options: BuildOptions<S> = {}): Promise<BuiltWorkspace<S>> {
    const create = options.createServices ?? (createInterspecCoreServices as unknown as NonNullable<BuildOptions<S>['createServices']>);
    const { shared, Interspec } = create(options.fileSystem ?? NodeFileSystem);
    const absolute = [...new Set(folders.map(folder => path.resolve(folder)))];
    shared.interspec.Workspace.setFolders(absolute);
    const configurations = Interspec.engine.Configurations;
    configurations.setConfigFile(options.configFile);
    const files = (await Promise.all(absolute.map(findSpecFiles))).flat();
    const unique = [...new Set(files)].sort();
    await checkSpecLimits(unique);
    // The root of a folder is the root of a file directly inside it; every spec file has one too.
    const probes = [...absolute.map(folder => path.join(folder, 'probe.ispec')), ...unique];
    const roots = new Set(probes.map(file => shared.interspec.Workspace.rootOf(URI.file(file))));
    for (const root of [...roots].sort()) {
        configurations.configOf(root); // throws ConfigError
    }
    const documents: LangiumDocument<Model>[] = [];
    for (const file of unique) {
        documents.push(await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(file)) as LangiumDocument<Model>);
    }
    const builder = shared.workspace.DocumentBuilder;
    if (options.share && options.share.count > 1) {
        await builder.build(documents, { validation: false });
        await builder.build(shareOf(documents, options.share.count)[options.share.index] ?? [], { validation: true });
    } else {
        await builder.build(documents, { validation: true });
    }
    return { shared, services: Interspec, documents };
}

/**
 * Splits documents (sorted by path, as `buildWorkspace` lists them) into `count` shares of about equal text length,
 * the largest document first into the lightest share (ties: the earlier path, the lower share). Validation costs
 * grow with a document's text, so equal text is about equal work. Deterministic: every thread that builds the same
 * files computes the same shares. Each share keeps the documents' order.
 */
export function shareOf<D extends LangiumDocument>(documents: readonly D[], count: number): D[][] {
    const size = documents.map(document => document.textDocument.getText().length);
    const order = documents.map((_, index) => index).sort((a, b) => size[b] - size[a] || a - b);
    const loads = new Array<number>(count).fill(0);
    const owner = new Array<number>(documents.length);
    for (const index of order) {
        let lightest = 0;
        for (let share = 1; share < count; share++) {
            if (loads[share] < loads[lightest]) lightest = share;
        }
        owner[index] = lightest;
        loads[lightest] += size[index];
    }
    return Array.from({ length: count }, (_, share) => documents.filter((_, index) => owner[index] === share));
}

export { ConfigError, LimitError };

/** Refuses a run of more than LIMITS.specFiles files or a file over LIMITS.specBytes, before anything is parsed. */
async function checkSpecLimits(files: string[]): Promise<void> {
    if (files.length > LIMITS.specFiles) {
        throw new LimitError(path.dirname(files[LIMITS.specFiles]), `${files.length} .ispec files; a run reads at most ${LIMITS.specFiles}`);
    }
    for (const file of files) {
        const size = (await stat(file)).size;
        if (size > LIMITS.specBytes) {
            throw new LimitError(file, `the file is ${size} bytes; spec files are limited to ${LIMITS.specBytes} bytes`);
        }
    }
}

/**
 * All `.ispec` files below a folder, skipping hidden and build folders. A symbolic link to a regular file is read
 * through (a spec shared between repositories, linked in). Throws LimitError for any other entry named `.ispec` that
 * is not a regular file: a link to nothing or a loop of links, a FIFO, socket or device, or a link to one. Such an
 * entry cannot be read, and left out without a word its interfaces would be out of every gate (a gate said GO over a
 * linked spec's open items). Linked folders are not followed.
 */
export async function findSpecFiles(folder: string): Promise<string[]> {
    const result: string[] = [];
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) {
                result.push(...await findSpecFiles(full));
            }
        } else if (entry.name.endsWith('.ispec')) {
            const problem = entry.isFile() ? undefined : unreadableSpecEntry(full);
            if (problem) {
                throw new LimitError(full, problem);
            }
            result.push(full);
        }
    }
    return result;
}

/**
 * Why an entry named `.ispec` that is not a plain regular file cannot be read as a spec, for the CLI's line and the
 * editor's diagnostic; undefined for a symbolic link to a regular file, which is read through.
 */
export function unreadableSpecEntry(full: string): string | undefined {
    let link = false;
    try {
        link = lstatSync(full).isSymbolicLink();
        if (statSync(full).isFile()) return undefined;
    } catch {
        return 'a symbolic link to nothing (or a loop of links); its elements would be left out of every check, matrix and gate: link it to the spec file, or put the file itself here';
    }
    return link
        ? 'a symbolic link to something that is not a regular file (a folder, device, FIFO or socket); spec files must be regular files'
        : 'not a regular file; spec files must be regular files (not a device, FIFO or socket)';
}
