import { createHash, randomBytes } from 'node:crypto';
import { lstat, open, readFile, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { compareText } from '../../language-server/model/findings.js';
import { Utf8BlockSink } from '../../language-server/generators/text.js';
import { ensureFolder } from './ensure-folder.js';
import { UserError, ioError } from './user-error.js';

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

/**
 * Writes generated artifacts into one folder and refuses to overwrite a file the tool did not write: a file is
 * replaced only when the manifest lists it with the hash it still has. An edited or foreign file is refused
 * (unless `force`), and every target is checked before anything is written. Writes never follow a symbolic link:
 * each file (the manifest too) is written to a temporary file created exclusively (`wx`) in the folder, then
 * renamed over the target, which replaces a link instead of writing where it points; a target or manifest that
 * is a link is refused unless `force`.
 */
export class ArtifactFolder {
    private manifest: Manifest = { generator: 'interspec', files: {} };

    private constructor(readonly folder: string, private readonly cwd: string, private readonly force: boolean) {}

    static async open(folder: string, cwd: string, force: boolean): Promise<ArtifactFolder> {
        const artifacts = new ArtifactFolder(path.resolve(cwd, folder), cwd, force);
        await artifacts.readManifest();
        return artifacts;
    }

    /** Throws a UserError for the first target that exists and was not written (unchanged) by the tool. */
    async checkTargets(names: string[]): Promise<void> {
        if (this.force) {
            return;
        }
        for (const name of names) {
            const file = path.join(this.folder, name);
            const info = await lstat(file).catch(() => undefined);
            if (info?.isSymbolicLink()) {
                throw new UserError(`${this.display(file)}: refusing to write through a symbolic link; move it away or pass --force`);
            }
            if (info?.isDirectory()) {
                throw new UserError(`${this.display(file)}: is a folder, not a file`);
            }
            const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
                if (error.code === 'ENOENT') {
                    return undefined;
                }
                throw ioError(error, this.cwd) ?? error;
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

    /** Streams one artifact to a temporary file beside the target, then moves it into place. */
    async write(name: string, produce: (sink: ChunkSink) => Promise<void> | void): Promise<WrittenArtifact> {
        const file = path.join(this.folder, name);
        const hash = createHash('sha256');
        let bytes = 0;
        try {
            await ensureFolder(path.dirname(file));
            await writeThroughTemporary(file, async write => {
                await produce({
                    write: async chunk => {
                        hash.update(chunk, 'utf8');
                        bytes += Buffer.byteLength(chunk, 'utf8');
                        await write(chunk);
                    }
                });
            });
        } catch (error) {
            throw ioError(error, this.cwd) ?? error;
        }
        this.manifest.files[name] = { sha256: hash.digest('hex') };
        return { file, bytes };
    }

    /** Records what was written; call once after the last `write`. */
    async saveManifest(): Promise<void> {
        const files = Object.fromEntries(Object.entries(this.manifest.files).sort(([a], [b]) => compareText(a, b)));
        const text = JSON.stringify({ generator: 'interspec', files }, undefined, 2) + '\n';
        try {
            await writeThroughTemporary(path.join(this.folder, MANIFEST_NAME), write => write(text));
        } catch (error) {
            throw ioError(error, this.cwd) ?? error;
        }
    }

    display(file: string): string {
        return path.relative(this.cwd, file) || file;
    }

    private async readManifest(): Promise<void> {
        const file = path.join(this.folder, MANIFEST_NAME);
        if (await isSymbolicLink(file)) {
            if (this.force) {
                return;
            }
            throw new UserError(`${this.display(file)}: the manifest is a symbolic link, not a file interspec wrote; move it away or pass --force`);
        }
        let text: string;
        try {
            text = await readFile(file, 'utf8');
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
                return;
            }
            throw ioError(error, this.cwd) ?? error;
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

/**
 * Writes a file through a temporary file created exclusively (`wx`: never an existing file or a link) in the
 * same folder, then renamed over `file`. A rename replaces a link at `file` rather than writing through it, and
 * readers never see half a file. The temporary file is removed when anything fails.
 */
export async function writeThroughTemporary(file: string, produce: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<void> {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx');
    try {
        try {
            // Generators write a chunk per row: a file write per row made the matrix of a large workspace I/O-bound.
            const buffered = new Utf8BlockSink({
                write: async bytes => {
                    for (let offset = 0; offset < bytes.length;) {
                        offset += (await handle.write(bytes, offset)).bytesWritten;
                    }
                }
            });
            await produce(async chunk => {
                await buffered.write(chunk);
            });
            await buffered.flush();
        } finally {
            await handle.close();
        }
        await rename(temporary, file);
    } catch (error) {
        await rm(temporary, { force: true });
        throw error;
    }
}

async function isSymbolicLink(file: string): Promise<boolean> {
    return (await lstat(file).catch(() => undefined))?.isSymbolicLink() === true;
}

function sha256(content: Buffer): string {
    return createHash('sha256').update(content).digest('hex');
}
