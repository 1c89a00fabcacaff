/**
 * The cache of `interspec check --cache` (ESLint's `--cache` is the model): a file that keeps the findings of
 * recent runs with everything they were computed from, so that a run whose inputs are all unchanged reports the
 * same findings without building the workspace (the language is not even loaded).
 *
 * Granularity: a run, not a file. Rules read facts across the workspace (code maps, authorities, imports, the
 * index of every root), so the findings of one file can change when another changes; until the engine records
 * which facts each finding read, any change to any input recomputes the whole run. Inputs, each compared by the
 * SHA-256 of its content:
 * - every `.ispec`, `interspec.yaml` and evidence-like file below the run's workspace folders, found by a walk that
 *   visits at least the folders the build and the evidence loader visit (a new, removed or renamed file counts);
 *   an evidence file also by the UTC day of its modification time (the loader dates entries against it);
 * - the files the run read besides: the documents, the configuration presets (`extends`) and `--config`;
 * - the run's options that change findings (paths, `--config`, the workspace folders they resolve to, the folder
 *   the run started in), the Interspec version and the Node.js version (its ICU knows the time zones).
 *
 * The file holds no absolute path of the machine that wrote it: every occurrence of the folder the cache file is in
 * is stored as a placeholder, so a cache restored at another path (a CI cache) gives the same output. A damaged or
 * foreign file, or one from another format version, is ignored with one note; it is written atomically (a
 * temporary file renamed into place), and a failed write only costs the next run its reuse.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isEvidenceName } from '../protocol/files.js';
import { SKIPPED_FOLDERS } from '../util/skipped-folders.js';
import { LimitError, readRegularFile } from '../util/limits.js';

/** The default cache file name, in the workspace root. */
export const CACHE_FILE_NAME = '.interspec-cache';

const FORMAT = 'interspec-check-cache';
/** Bumped when the stored shape changes: older files are then ignored, never misread. */
const FORMAT_VERSION = 1;
/** Runs kept (different paths or options in the same workspace); the oldest go first. */
const MAX_ENTRIES = 8;
/** Stands for the cache file's folder in stored text. */
const BASE = '${interspec-cache-base}';
/** Folders no walk of the build enters (outside an evidence folder). */

/** What decides a run's findings besides the files: compared as a whole. */
export interface CheckRunKey {
    /** The Interspec version. */
    tool: string;
    /** Options and resolved folders, as JSON-able values; absolute paths in them are made relative to the cache's folder. */
    options: Record<string, unknown>;
}

/** A stored run: its key, its input files with their hashes, and what it computed (any JSON-able value). */
interface Entry {
    key: string;
    folders: string[];
    inputs: Record<string, string>;
    read: string[];
    payload: string;
}

interface CacheFile {
    format: typeof FORMAT;
    version: number;
    entries: Entry[];
}

/**
 * The `--cache-location` given (a file, or a folder that exists or ends in a separator: the file
 * `.interspec-cache` in it), or the default: `.interspec-cache` in `workspaceRoot`. Returns an absolute path.
 */
export async function cacheFilePath(location: string | undefined, cwd: string, workspaceRoot: string): Promise<string> {
    if (location === undefined) {
        return path.join(workspaceRoot, CACHE_FILE_NAME);
    }
    const absolute = path.resolve(cwd, location);
    const isFolder = /[\\/]$/.test(location) || (await stat(absolute).catch(() => undefined))?.isDirectory() === true;
    return isFolder ? path.join(absolute, CACHE_FILE_NAME) : absolute;
}

/** One cache file: read once, looked up, and written back with at most one new entry. */
export class CheckCache {
    private constructor(readonly file: string, private entries: Entry[]) {}

    /**
     * Reads the cache file. A missing file is an empty cache; a damaged or foreign one (not JSON, another format or
     * version) is an empty cache too, and `note` gets one line saying so. Never throws for the file's content.
     */
    static async open(file: string, note: (line: string) => void): Promise<CheckCache> {
        let text: string;
        try {
            // A FIFO or a device given as the cache is refused at once: its read never ended.
            text = (await readRegularFile(file, 'check caches')).toString('utf8');
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
                note(`cannot read the cache (${error instanceof LimitError ? 'not a regular file' : (error as NodeJS.ErrnoException).code ?? 'error'}); checking without it`);
            }
            return new CheckCache(file, []);
        }
        const parsed = parseCacheFile(text);
        if (!parsed) {
            note('not an Interspec check cache of this version, or damaged; ignoring it (this run rewrites it)');
            return new CheckCache(file, []);
        }
        return new CheckCache(file, parsed.entries);
    }

    /**
     * The payload of a stored run with this key whose every input is unchanged, with the cache's folder put back
     * into its text; undefined when there is none (then the run computes, and `store`s).
     */
    async lookup<T>(key: CheckRunKey): Promise<T | undefined> {
        const base = path.dirname(this.file);
        const keyText = this.keyText(key);
        for (const entry of this.entries) {
            if (entry.key !== keyText) continue;
            const folders = entry.folders.map(folder => path.resolve(base, folder));
            const inputs = await fingerprint(base, folders, entry.read.map(file => path.resolve(base, file)));
            if (sameRecord(inputs, entry.inputs)) {
                return JSON.parse(entry.payload.split(BASE_JSON).join(JSON.stringify(base).slice(1, -1))) as T;
            }
        }
        return undefined;
    }

    /**
     * The inputs below the folders as they are now: taken before a run computes and given to `store`, so that a
     * file edited while the run read it is not stored with findings of its older text.
     */
    async snapshot(folders: string[]): Promise<Record<string, string>> {
        return fingerprint(path.dirname(this.file), folders, []);
    }

    /**
     * Records a computed run and writes the file (temporary file, then rename). `folders` are the workspace folders
     * walked for inputs, `read` the other files the run read, `before` the snapshot taken before the run computed.
     * Nothing is stored when an input changed during the run, or when the payload holds the placeholder text
     * itself. Returns false only when the file could not be written (the run's result stands).
     */
    async store(key: CheckRunKey, folders: string[], read: string[], payload: unknown, before: Record<string, string>): Promise<boolean> {
        const base = path.dirname(this.file);
        const json = JSON.stringify(payload);
        if (json.includes(BASE_JSON)) return true;
        const inputs = await fingerprint(base, folders, read);
        const readOutside = new Set(read.map(file => relative(base, file)));
        if (Object.keys(before).some(file => inputs[file] !== before[file]) || Object.keys(inputs).some(file => !(file in before) && !readOutside.has(file))) {
            return true; // changed while the run read it: the next run computes again
        }
        const entry: Entry = {
            key: this.keyText(key),
            folders: folders.map(folder => relative(base, folder)),
            inputs,
            read: [...new Set(read)].map(file => relative(base, file)).sort(),
            payload: withoutBase(json, base)
        };
        this.entries = [entry, ...this.entries.filter(other => other.key !== entry.key)].slice(0, MAX_ENTRIES);
        const content: CacheFile = { format: FORMAT, version: FORMAT_VERSION, entries: this.entries };
        const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
        try {
            await writeFile(temporary, JSON.stringify(content));
            await rename(temporary, this.file);
            return true;
        } catch {
            await rm(temporary, { force: true }).catch(() => undefined);
            return false;
        }
    }

    private keyText(key: CheckRunKey): string {
        const text = JSON.stringify({ tool: key.tool, node: process.version, options: key.options });
        return createHash('sha256').update(withoutBase(text, path.dirname(this.file))).digest('hex');
    }
}

/** The placeholder as it appears inside JSON text. */
const BASE_JSON = JSON.stringify(BASE).slice(1, -1);

/** JSON text with every occurrence of `base` (as JSON string content) replaced by the placeholder. */
function withoutBase(json: string, base: string): string {
    return json.split(JSON.stringify(base).slice(1, -1)).join(BASE_JSON);
}

function relative(base: string, file: string): string {
    return path.relative(base, file).split(path.sep).join('/') || '.';
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every(key => b[key] === a[key]);
}

function parseCacheFile(text: string): CacheFile | undefined {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return undefined;
    }
    const file = value as Partial<CacheFile> | null;
    if (!file || typeof file !== 'object' || file.format !== FORMAT || file.version !== FORMAT_VERSION || !Array.isArray(file.entries)) {
        return undefined;
    }
    const valid = file.entries.every(entry => entry && typeof entry === 'object'
        && typeof entry.key === 'string' && typeof entry.payload === 'string'
        && Array.isArray(entry.folders) && entry.folders.every(folder => typeof folder === 'string')
        && Array.isArray(entry.read) && entry.read.every(item => typeof item === 'string')
        && entry.inputs !== null && typeof entry.inputs === 'object'
        && Object.values(entry.inputs).every(hash => typeof hash === 'string'));
    return valid ? file as CacheFile : undefined;
}

/**
 * The inputs of a run: path (relative to `base`, `/`-separated) to content hash, for every candidate file below
 * the folders and every other file read (`missing` for one that is gone).
 */
async function fingerprint(base: string, folders: string[], read: string[]): Promise<Record<string, string>> {
    const candidates = new Map<string, boolean>(); // file -> evidence-like
    for (const folder of [...new Set(folders)].sort()) {
        await walk(folder, false, candidates);
    }
    for (const file of read) {
        if (!candidates.has(file)) candidates.set(file, false);
    }
    const result: Record<string, string> = {};
    for (const file of [...candidates.keys()].sort()) {
        result[relative(base, file)] = await fileHash(file, candidates.get(file) === true);
    }
    return result;
}

/**
 * Every `.ispec`, `interspec.yaml` and evidence-like file (any case) below a folder: the folders the build
 * (language/build-workspace.ts) and the evidence loader (evidence/evidence.ts) search, and more, so that any file
 * either finds is found here too.
 */
async function walk(folder: string, inEvidence: boolean, found: Map<string, boolean>): Promise<void> {
    let entries;
    try {
        entries = await readdir(folder, { withFileTypes: true });
    } catch {
        return;
    }
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (entry.name === '.git' || (!inEvidence && (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)))) {
                continue;
            }
            await walk(full, inEvidence || entry.name.toLowerCase() === 'evidence', found);
        } else if (entry.name.endsWith('.ispec') || entry.name === 'interspec.yaml') {
            found.set(full, false);
        } else if (isEvidenceName(entry.name, inEvidence, true)) {
            found.set(full, true);
        }
    }
}

/** SHA-256 of a file's content (and for evidence, the UTC day it was written); `missing` when it cannot be read. */
async function fileHash(file: string, evidence: boolean): Promise<string> {
    try {
        // `missing` also for a FIFO or a device named like a spec: the build refuses it (its read never ended).
        const hash = createHash('sha256').update(await readRegularFile(file)).digest('hex');
        return evidence ? `${hash}@${(await stat(file)).mtime.toISOString().slice(0, 10)}` : hash;
    } catch {
        return 'missing';
    }
}
