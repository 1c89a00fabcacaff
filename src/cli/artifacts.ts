import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { lstat, open, readdir, readFile, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { compareText } from '../../language-server/model/findings.js';
import { Utf8BlockSink } from '../../language-server/generators/text.js';
import { ensureFolder } from './ensure-folder.js';
import { UserError, displayPath, ioError } from './user-error.js';
import { trackCreatedFolders, trackTemporary, untrackTemporary } from './temporaries.js';

/** The manifest the tool keeps in every output folder: which files it wrote, with their content hashes. */
export const MANIFEST_NAME = '.interspec-generated.json';

interface Manifest {
    generator: 'interspec';
    files: Record<string, { sha256: string }>;
}

/** Where generated text goes, chunk by chunk (the generators' TextSink). */
export interface ChunkSink {
    write(chunk: string): void | Promise<void>;
}

export interface WrittenArtifact { file: string, bytes: number }

/** A file written to its temporary file, waiting to be renamed into place. */
interface Staged { name: string, temporary: string, sha256: string }

/**
 * Writes generated artifacts into one folder and refuses to overwrite a file the tool did not write: a file is
 * replaced only when the manifest lists it with the hash it still has. An edited or foreign file is refused
 * (unless `force`), and every target is checked before anything is written. Writes never follow a symbolic link:
 * each file (the manifest too) is written to a temporary file created exclusively (`wx`) in the folder, then
 * renamed over the target, which replaces a link instead of writing where it points; a target or manifest that
 * is a link is refused unless `force`. A target that is not a regular file is refused (a folder, FIFO, socket or
 * block device) or, for a character device such as /dev/null, written directly and kept out of the manifest.
 *
 * Used through OutputFiles (write-layer.ts): checkTargets, then stage each file, then prepareCommit and
 * finishCommit once every file of the run is staged (or abort).
 */
export class ArtifactFolder {
    private manifest: Manifest = { generator: 'interspec', files: {} };
    private readonly devices = new Set<string>();
    private readonly staged: Staged[] = [];
    private manifestTemporary?: string;
    private createdFolders: string[] = [];
    private readonly cleaned = new Set<string>();

    private constructor(readonly folder: string, private readonly cwd: string, private readonly force: boolean) {}

    static async open(folder: string, cwd: string, force: boolean): Promise<ArtifactFolder> {
        const artifacts = new ArtifactFolder(path.resolve(cwd, folder), cwd, force);
        await artifacts.readManifest();
        return artifacts;
    }

    /**
     * Throws a UserError for the first target that cannot be written: the manifest itself, a folder, a FIFO, a
     * socket or a block device, and (unless `force`) a symbolic link or a file that exists and was not written
     * (unchanged) by the tool. A character device (`/dev/null`, `/dev/full`, a terminal), or a link to one, is
     * written directly; nothing else of it is read.
     */
    async checkTargets(names: string[]): Promise<void> {
        for (const name of names) {
            const file = path.join(this.folder, name);
            if (name === MANIFEST_NAME) {
                throw new UserError(`${this.display(file)}: that is interspec's manifest of the folder; choose another file`);
            }
            const info = await lstat(file).catch((error: NodeJS.ErrnoException) => {
                if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
                    return undefined;
                }
                throw ioError(error, this.cwd, this.display(file)) ?? error;
            });
            const target = info?.isSymbolicLink() ? await stat(file).catch(() => undefined) : info;
            if (target?.isCharacterDevice()) {
                this.devices.add(name);
                continue;
            }
            if (target && !target.isFile()) {
                throw new UserError(`${this.display(file)}: ${target.isDirectory() ? 'is a folder, not a file' : `is ${kindOf(target)}, not a regular file`}`);
            }
            if (this.force) {
                continue;
            }
            if (info?.isSymbolicLink()) {
                throw new UserError(`${this.display(file)}: refusing to write through a symbolic link; move it away or pass --force`);
            }
            if (!info) {
                continue;
            }
            const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
                if (error.code === 'ENOENT') {
                    return undefined;
                }
                throw ioError(error, this.cwd, this.display(file)) ?? error;
            });
            if (existing === undefined) {
                continue;
            }
            const recorded = this.manifest.files[name]?.sha256;
            if (recorded === undefined) {
                throw new UserError(`${this.display(file)}: refusing to overwrite a file interspec did not write; move it away or pass --force`);
            }
            if (recorded !== sha256(existing)) {
                throw new UserError(`${this.display(file)}: refusing to overwrite, the file was edited after interspec wrote it; move it away or pass --force`);
            }
        }
    }

    /** The file a target name stands for (device and inode), when it exists: two names of one file are one output. */
    async identityOf(name: string): Promise<string | undefined> {
        const info = await stat(path.join(this.folder, name)).catch(() => undefined);
        return info ? `${info.dev}:${info.ino}` : undefined;
    }

    /**
     * Writes one artifact: into a temporary file beside the target (renamed into place by finishCommit), or
     * straight into a character device. Errors are UserErrors that name the target, not the temporary file.
     */
    async stage(name: string, produce: (sink: ChunkSink) => Promise<void> | void): Promise<WrittenArtifact> {
        const file = path.join(this.folder, name);
        const hash = createHash('sha256');
        let bytes = 0;
        const counting = (write: (chunk: string) => Promise<void>): ChunkSink => ({
            write: async chunk => {
                hash.update(chunk, 'utf8');
                bytes += Buffer.byteLength(chunk, 'utf8');
                await write(chunk);
            }
        });
        if (this.devices.has(name)) {
            // O_WRONLY alone: never creates or truncates, so a device cannot turn into a new regular file here.
            await this.guard(file, async () => {
                const handle = await open(file, fsConstants.O_WRONLY);
                try {
                    await writeInBlocks(handle, write => produce(counting(write)));
                } finally {
                    await handle.close();
                }
            });
            return { file, bytes };
        }
        await this.guard(file, async () => {
            const created = await ensureFolder(path.dirname(file));
            trackCreatedFolders(created);
            this.createdFolders.push(...created);
            await this.removeStaleTemporaries(name);
            const temporary = temporaryName(file);
            const handle = await open(temporary, 'wx');
            trackTemporary(temporary);
            this.staged.push({ name, temporary, sha256: '' });
            try {
                await writeInBlocks(handle, write => produce(counting(write)));
            } finally {
                await handle.close();
            }
            this.staged[this.staged.length - 1].sha256 = hash.digest('hex');
        });
        return { file, bytes };
    }

    /** Writes the manifest that lists this run's files to a temporary file; nothing is renamed yet. */
    async prepareCommit(): Promise<void> {
        if (!this.staged.length) {
            return;
        }
        for (const { name, sha256 } of this.staged) {
            this.manifest.files[name] = { sha256 };
        }
        const files = Object.fromEntries(Object.entries(this.manifest.files).sort(([a], [b]) => compareText(a, b)));
        const text = JSON.stringify({ generator: 'interspec', files }, undefined, 2) + '\n';
        const file = path.join(this.folder, MANIFEST_NAME);
        await this.guard(file, async () => {
            await this.removeStaleTemporaries(MANIFEST_NAME);
            const temporary = temporaryName(file);
            const handle = await open(temporary, 'wx');
            trackTemporary(temporary);
            this.manifestTemporary = temporary;
            try {
                await writeInBlocks(handle, write => write(text));
            } finally {
                await handle.close();
            }
        });
    }

    /** Renames every staged file into place, then the manifest: the moment the run's output appears. */
    async finishCommit(): Promise<void> {
        for (const entry of [...this.staged]) {
            const file = path.join(this.folder, entry.name);
            await this.guard(file, () => rename(entry.temporary, file));
            untrackTemporary(entry.temporary);
            this.staged.shift();
        }
        if (this.manifestTemporary) {
            const file = path.join(this.folder, MANIFEST_NAME);
            await this.guard(file, () => rename(this.manifestTemporary!, file));
            untrackTemporary(this.manifestTemporary);
            this.manifestTemporary = undefined;
        }
        trackCreatedFolders(this.createdFolders, true);
        this.createdFolders = [];
    }

    /** Removes this run's temporary files and the folders it created (when empty). */
    async abort(): Promise<void> {
        for (const temporary of [...this.staged.map(entry => entry.temporary), ...this.manifestTemporary ? [this.manifestTemporary] : []]) {
            await rm(temporary, { force: true }).catch(() => undefined);
            untrackTemporary(temporary);
        }
        this.staged.length = 0;
        this.manifestTemporary = undefined;
        for (const folder of [...this.createdFolders].reverse()) {
            await rmdir(folder).catch(() => undefined);
        }
        trackCreatedFolders(this.createdFolders, true);
        this.createdFolders = [];
    }

    display(file: string): string {
        return displayPath(this.cwd, file);
    }

    /** Runs a file-system step; a system error becomes one line naming `file` (never the temporary file). */
    private async guard<T>(file: string, step: () => Promise<T>): Promise<T> {
        try {
            return await step();
        } catch (error) {
            throw ioError(error, this.cwd, this.display(file)) ?? error;
        }
    }

    /**
     * Removes temporary files of `name` left by runs that were killed (their process no longer exists), so a
     * killed run leaves nothing behind once the next run writes the same file.
     */
    private async removeStaleTemporaries(name: string): Promise<void> {
        if (this.cleaned.has(name)) return;
        this.cleaned.add(name);
        const entries = await readdir(this.folder).catch(() => [] as string[]);
        const prefix = `.${temporaryStem(name)}.`;
        for (const entry of entries) {
            if (!entry.startsWith(prefix)) continue;
            const match = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(entry.slice(prefix.length));
            if (match && !isRunning(Number(match[1]))) {
                await rm(path.join(this.folder, entry), { force: true }).catch(() => undefined);
            }
        }
    }

    private async readManifest(): Promise<void> {
        const file = path.join(this.folder, MANIFEST_NAME);
        if (await isSymbolicLink(file)) {
            if (this.force) {
                return;
            }
            throw new UserError(`${this.display(file)}: the manifest is a symbolic link, not a file interspec wrote; move it away or pass --force`);
        }
        const info = await stat(file).catch(() => undefined);
        if (info && !info.isFile()) {
            // Reading a device or a FIFO could block or never end.
            throw new UserError(`${this.display(file)}: ${info.isDirectory() ? 'is a folder' : `is ${kindOf(info)}`}, not a manifest interspec wrote; move it away`);
        }
        let text: string;
        try {
            text = await readFile(file, 'utf8');
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOENT') {
                return;
            }
            // `--out FILE` or `-o FILE/x`: the folder is not one.
            throw ioError(error, this.cwd, code === 'ENOTDIR' ? this.display(this.folder) : this.display(file)) ?? error;
        }
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            parsed = undefined;
        }
        const manifest = parsed as Partial<Manifest> | undefined;
        if (manifest?.generator !== 'interspec' || typeof manifest.files !== 'object' || manifest.files === null) {
            if (this.force) {
                return;
            }
            throw new UserError(`${this.display(file)}: not a manifest interspec wrote; move it away or pass --force`);
        }
        for (const [name, entry] of Object.entries(manifest.files)) {
            if (typeof entry?.sha256 === 'string') {
                this.manifest.files[name] = { sha256: entry.sha256 };
            }
        }
    }
}

/** `.<name>.<pid>.<12 hex>.tmp` beside the file: hidden, and recognisable as this tool's by removeStaleTemporaries. */
function temporaryName(file: string): string {
    return path.join(path.dirname(file), `.${temporaryStem(path.basename(file))}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** The longest file name (bytes) Linux, macOS and Windows file systems take (NAME_MAX). */
const NAME_MAX = 255;
/** Bytes a temporary name adds to its stem: `.`, `.<pid, up to 7 digits>.<12 hex>.tmp`. */
const TEMPORARY_AFFIXES = 1 + 1 + 7 + 1 + 12 + 4;

/**
 * The part of a target's name its temporary file repeats: the whole name, cut (at a character boundary, by UTF-8
 * bytes) when the temporary name would pass NAME_MAX. A target name of 230-255 bytes is valid, and its temporary
 * file must be too, or `-o <that name>` failed with ENAMETOOLONG.
 */
function temporaryStem(name: string): string {
    const budget = NAME_MAX - TEMPORARY_AFFIXES;
    if (Buffer.byteLength(name) <= budget) return name;
    let stem = '';
    let bytes = 0;
    for (const character of name) {
        bytes += Buffer.byteLength(character);
        if (bytes > budget) break;
        stem += character;
    }
    return stem;
}

/**
 * Streams text to an open file in 64 KiB blocks (generators write a chunk per row: a file write per row made the
 * matrix of a large workspace I/O-bound), every block written in full.
 */
async function writeInBlocks(handle: FileHandle, produce: (write: (chunk: string) => Promise<void>) => Promise<void> | void): Promise<void> {
    const buffered = new Utf8BlockSink({
        write: async bytes => {
            for (let offset = 0; offset < bytes.length;) {
                const { bytesWritten } = await handle.write(bytes, offset);
                if (bytesWritten <= 0) {
                    // A device that accepts nothing and reports no error: end rather than spin.
                    throw Object.assign(new Error('the device accepts no more bytes'), { code: 'EIO' });
                }
                offset += bytesWritten;
            }
        }
    });
    await produce(async chunk => {
        await buffered.write(chunk);
    });
    await buffered.flush();
}

function kindOf(info: { isFIFO(): boolean, isSocket(): boolean, isBlockDevice(): boolean }): string {
    return info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : info.isBlockDevice() ? 'a block device' : 'a special file';
}

function isRunning(pid: number): boolean {
    if (pid === process.pid) return true;
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

async function isSymbolicLink(file: string): Promise<boolean> {
    return (await lstat(file).catch(() => undefined))?.isSymbolicLink() === true;
}

function sha256(content: Buffer): string {
    return createHash('sha256').update(content).digest('hex');
}
