import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { Utf8BlockSink } from '../../language-server/generators/text.js';
import { ArtifactFolder, type ChunkSink, type WrittenArtifact } from './artifacts.js';
import { UserError, displayPath, ioError } from './user-error.js';

/**
 * The write layer: every byte the CLI writes goes through here: standard output (StreamOutput), `-o` files,
 * `--out` folders and diff's reports (OutputFiles). A write that fails (ENOSPC, EPIPE, EACCES, EISDIR, EROFS, EIO,
 * EFBIG, any system error) ends the command at once with one line naming where and why, e.g.
 * `interspec: r.sarif: no space left on the device (ENOSPC)`, exit 2, never a stack trace. Files are written to a
 * temporary file beside them and renamed into place only after every output of the run is complete, so a run that
 * fails, is interrupted or killed leaves each earlier file exactly as it was (docs/robustness.md).
 */

/** Standard output (or error) as the CLI writes to it: in 64 KiB blocks, each write waited for, every error a UserError. */
export class StreamOutput implements ChunkSink {
    private readonly blocks: Utf8BlockSink;
    private failure?: UserError;

    constructor(private readonly stream: NodeJS.WritableStream, private readonly label = 'standard output') {
        this.blocks = new Utf8BlockSink({ write: bytes => this.send(bytes) });
    }

    /** Queues text; resolves when it is held or written, rejects with the stream's error as a UserError. */
    write(chunk: string): Promise<void> {
        if (this.failure) {
            return Promise.reject(this.failure);
        }
        return Promise.resolve(this.blocks.write(chunk));
    }

    /** Writes what is held; call at the end of a command (and before anything that must come after the output). */
    async flush(): Promise<void> {
        if (this.failure) {
            throw this.failure;
        }
        await this.blocks.flush();
    }

    private send(bytes: Buffer): Promise<void> {
        return new Promise((resolve, reject) => {
            const fail = (error: unknown) => {
                this.failure ??= ioError(error, process.cwd(), this.label) ?? new UserError(`${this.label}: ${error instanceof Error ? error.message : String(error)}`);
                reject(this.failure);
            };
            try {
                // The callback comes once the bytes are handed to the system, or with the error (also emitted as an
                // 'error' event, which main.ts listens to so that it is never an uncaught exception).
                this.stream.write(bytes, error => error ? fail(error) : resolve());
            } catch (error) {
                fail(error);
            }
        });
    }
}

/**
 * The files one run writes (`-o`, `--out`, `--json`): each is checked before anything is written (a foreign or
 * edited file is refused unless `force`; a folder, a FIFO, a socket or a block device always), then written to a
 * temporary file; only when all are complete are they renamed into place and each folder's manifest updated.
 * A character device (`/dev/null`, a terminal) is written directly, and gets no manifest.
 */
export class OutputFiles {
    /** Folders by their real path: `link/r.sarif` and `r.sarif` are one file when `link` points here. */
    private readonly folders = new Map<string, ArtifactFolder>();
    private readonly planned = new Map<string, { folder: ArtifactFolder, name: string, identity?: string }>();

    constructor(private readonly cwd: string, private readonly force: boolean) {}

    /**
     * Adds a file to the run (a path relative to the current folder) and checks that it can be written. Two
     * outputs to one file (however the path is spelt) are a usage error: the second would replace the first.
     */
    async plan(file: string): Promise<void> {
        const absolute = path.resolve(this.cwd, file);
        const folder = await this.folderOf(path.dirname(absolute));
        const name = path.basename(absolute);
        await folder.checkTargets([name]);
        const identity = await folder.identityOf(name);
        const clash = [...this.planned.values()].some(entry => (entry.folder === folder && entry.name === name) || (identity !== undefined && entry.identity === identity));
        if (clash) {
            throw new UserError(`${this.display(file)}: more than one output would go to this one file; give each its own file`);
        }
        this.planned.set(absolute, { folder, name, identity });
    }

    /** Writes one planned file's content to its temporary file (or straight into a character device). */
    async stage(file: string, produce: (sink: ChunkSink) => Promise<void> | void): Promise<WrittenArtifact> {
        const entry = this.planned.get(path.resolve(this.cwd, file));
        if (!entry) {
            throw new Error(`${file} was not planned`);
        }
        return entry.folder.stage(entry.name, produce);
    }

    /** Writes every folder's manifest to a temporary file, then renames every staged file and manifest into place. */
    async commit(): Promise<void> {
        for (const folder of this.folders.values()) {
            await folder.prepareCommit();
        }
        for (const folder of this.folders.values()) {
            await folder.finishCommit();
        }
    }

    /** Removes the temporary files and the folders this run created; earlier files stay as they were. */
    async abort(): Promise<void> {
        for (const folder of this.folders.values()) {
            await folder.abort();
        }
    }

    /**
     * Runs `write` (which stages the planned files and writes standard output), then commits; on any failure
     * nothing is renamed into place, the run's temporary files are removed and the error goes on.
     */
    async run<T>(write: () => Promise<T>): Promise<T> {
        try {
            const result = await write();
            await this.commit();
            return result;
        } catch (error) {
            await this.abort();
            throw error;
        }
    }

    display(file: string): string {
        return displayPath(this.cwd, path.resolve(this.cwd, file));
    }

    private async folderOf(folder: string): Promise<ArtifactFolder> {
        const key = await realpath(folder).catch(() => folder);
        let artifacts = this.folders.get(key);
        if (!artifacts) {
            artifacts = await ArtifactFolder.open(folder, this.cwd, this.force);
            this.folders.set(key, artifacts);
        }
        return artifacts;
    }
}
