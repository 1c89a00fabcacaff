import { constants, existsSync } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { readRegularFile } from '../../../language-server/util/limits.js';
import * as path from 'node:path';
import { glob } from 'glob';
import { EmptyFileSystem } from 'langium';
import { createInterspecCoreServices } from '../../../language-server/language/interspec-module.js';
import { isSystem, isTeam, isRole, type Model } from '../../../language-server/language/generated/ast.js';
import {
    IMPORT_KINDS, ImportError, checkDraftSyntax, findImportKind, writeDraft,
    type DeclaredNames, type DraftFile, type ImportInput, type ImportOptions
} from '../../../language-server/import/index.js';
import { ensureFolder } from '../ensure-folder.js';
import { trackCreatedFolders, trackTemporary, untrackTemporary } from '../temporaries.js';
import { ExitCode, UserError, displayPath, ioError } from '../user-error.js';
import { StreamOutput } from '../write-layer.js';

export { parseColumns } from '../import-columns.js';

export interface ImportCommandOptions extends ImportOptions {
    kind: string;
    /** Files or globs, relative to `cwd`. */
    files: string[];
    /** `--out <dir>`: where the drafts go (default: the current folder). */
    out?: string;
    /** `--force`: write over draft files that already exist. */
    force: boolean;
    cwd: string;
    stdout: NodeJS.WritableStream;
}


/**
 * `interspec import <kind> <files...>`: reads the files with the kind's reader, writes the drafts into `--out`
 * (stubs only for the systems and teams the folder's specs do not declare), and never writes over an existing file
 * unless `--force`. All or nothing: nothing is written when any file exists, any input cannot be read, or a draft
 * would not parse.
 */
export async function runImport(options: ImportCommandOptions): Promise<number> {
    const kind = findImportKind(options.kind);
    if (!kind) {
        throw new UserError(`unknown import kind '${options.kind}': use one of ${IMPORT_KINDS.map(k => k.name).join(', ')}`);
    }
    const inputs = await readInputs(options.files, options.cwd);
    const outDir = path.resolve(options.cwd, options.out ?? '.');
    const services = createInterspecCoreServices(EmptyFileSystem).Interspec;
    let files: DraftFile[];
    try {
        const draft = await kind.read(inputs, options);
        files = writeDraft(draft, await declaredNames(outDir, services));
    } catch (error) {
        if (error instanceof ImportError) throw new UserError(error.located);
        throw error;
    }
    const problems = checkDraftSyntax(files, services);
    if (problems.length > 0) {
        throw new Error(`the ${kind.name} draft does not parse (nothing was written):\n${problems.join('\n')}`);
    }
    if (!options.force) {
        const existing = files.map(file => path.join(outDir, file.path)).filter(file => existsSync(file));
        if (existing.length > 0) {
            throw new UserError(`${existing.map(file => displayPath(options.cwd, file)).join(', ')}: already exists; interspec import never overwrites without --force (nothing was written)`);
        }
    }
    await writeAll(files, outDir, options);
    const stdout = new StreamOutput(options.stdout);
    for (const file of files) {
        const todos = (file.text.match(/\/\/ TODO /g) ?? []).length;
        const mappings = file.mappings ?? 0;
        const counts = [mappings > 0 ? `${mappings} mapping${mappings === 1 ? '' : 's'}` : '', todos > 0 ? `${todos} TODO${todos === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
        await stdout.write(`created ${displayPath(options.cwd, path.join(outDir, file.path))}${counts ? ` (${counts})` : ''}\n`);
    }
    const where = path.relative(options.cwd, outDir) || '.';
    await stdout.write(`\nNext: complete the TODOs and stubs, then run interspec check ${where === '.' ? '' : where}\n`.replace(/ \n$/, '\n'));
    await stdout.flush();
    return ExitCode.Clean;
}

async function readInputs(patterns: string[], cwd: string): Promise<ImportInput[]> {
    const inputs: ImportInput[] = [];
    const seen = new Set<string>();
    for (const pattern of patterns) {
        const isGlob = /[*?[\]{}]/.test(pattern) && !existsSync(path.resolve(cwd, pattern));
        const matches = isGlob ? (await glob(pattern, { cwd, nodir: true, posix: true })).sort() : [pattern];
        if (matches.length === 0) throw new UserError(`${pattern}: no file matches`);
        for (const match of matches) {
            const file = path.resolve(cwd, match);
            if (seen.has(file)) continue;
            seen.add(file);
            let content: Uint8Array;
            try {
                content = await readInput(file, cwd);
            } catch (error) {
                throw ioError(error, cwd) ?? error;
            }
            inputs.push({ name: path.relative(cwd, file).split(path.sep).join('/') || match, content });
        }
    }
    return inputs;
}

/**
 * The bytes of an input file, only if it is a regular file. Opened without blocking, so a FIFO or a device is refused
 * at once: a FIFO's read hung the import, and even its exit on SIGTERM waited for the read; `/dev/zero` read until
 * memory ran out. A folder is EISDIR with its path (Node's error for reading one names no path).
 */
async function readInput(file: string, cwd: string): Promise<Uint8Array> {
    const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
        const info = await handle.stat();
        if (info.isDirectory()) {
            throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR', path: file });
        }
        if (!info.isFile()) {
            throw new UserError(`${displayPath(cwd, file)}: not a regular file; import reads files (not a device, FIFO or socket)`);
        }
        return await handle.readFile();
    } finally {
        await handle.close();
    }
}

/** Systems, teams and roles the `.ispec` files of the output folder (not below it) declare, with their file. */
async function declaredNames(outDir: string, services: ReturnType<typeof createInterspecCoreServices>['Interspec']): Promise<DeclaredNames> {
    const systems = new Map<string, string>();
    const teams = new Map<string, string>();
    const entries = await readdir(outDir).catch(() => [] as string[]);
    for (const entry of entries.filter(name => name.endsWith('.ispec')).sort()) {
        // Not a FIFO or a device named like a spec: its read never ended.
        const text = await readRegularFile(path.join(outDir, entry)).then(bytes => bytes.toString('utf8'), () => undefined);
        if (text === undefined) continue;
        const model = services.parser.LangiumParser.parse<Model>(text).value;
        for (const element of model.elements ?? []) {
            if (isSystem(element) && element.name && !systems.has(element.name)) systems.set(element.name, entry);
            if ((isTeam(element) || isRole(element)) && element.name && !teams.has(element.name)) teams.set(element.name, entry);
        }
    }
    return { systems, teams };
}

/** Every file or none: created exclusively, or (with --force) written to a temporary and renamed into place. */
async function writeAll(files: DraftFile[], outDir: string, options: ImportCommandOptions): Promise<void> {
    const written: string[] = [];
    const created: string[] = [];
    const temporaries: Array<[string, string]> = [];
    try {
        for (const file of files) {
            const target = path.join(outDir, file.path);
            const folders = await ensureFolder(path.dirname(target));
            trackCreatedFolders(folders);
            created.push(...folders);
            const destination = options.force ? `${target}.${process.pid}.tmp` : target;
            const handle = await open(destination, 'wx');
            trackTemporary(destination);
            (options.force ? temporaries.push([destination, target]) : written.push(target));
            try {
                await handle.writeFile(file.text);
            } finally {
                await handle.close();
            }
        }
        for (const [temporary, target] of temporaries) {
            await rename(temporary, target);
            untrackTemporary(temporary);
        }
    } catch (error) {
        for (const file of [...written, ...temporaries.map(([temporary]) => temporary)]) await rm(file, { force: true }).catch(() => undefined);
        written.forEach(untrackTemporary);
        throw ioError(error, options.cwd) ?? error;
    }
    written.forEach(untrackTemporary);
    trackCreatedFolders(created, true);
}
