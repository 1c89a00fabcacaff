import { DefaultWorkspaceManager, UriUtils, type FileSystemNode, type LangiumDocument, type LangiumSharedCoreServices, type Stream, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type WorkspaceFolder } from 'vscode-languageserver';
import { unreadableSpecEntry } from '../language/build-workspace.js';

/**
 * Validates the whole workspace on start, not only the files an editor opens: workspace rules (a gate must
 * cover every critical interface of its site) make every file's findings matter, and the Problems panel
 * should show them before the architect opens anything.
 *
 * A spec file that cannot be read at the start (mode 0600 and owned by another user, as `docker run` leaves files)
 * or that disappears between the folder's listing and its reading (a branch switch) does not stop the start: before,
 * Langium's start failed on it and every request then waited forever for a workspace that never became ready. Such
 * a file is left out, with one error diagnostic on it saying why (ENOENT: nothing to say, the file is gone).
 *
 * A symbolic link named `.ispec` to a regular file is read through, as the CLI reads it (`findSpecFiles`); any other
 * entry named `.ispec` that is not a regular file (a link to nothing, a FIFO, a socket, a device) is not read, with
 * an error diagnostic on it saying why (the CLI refuses the run): before, both were left out without a word.
 */
export class InterspecWorkspaceManager extends DefaultWorkspaceManager {
    constructor(private readonly shared: LangiumSharedCoreServices) {
        super(shared);
        this.initialBuildOptions = { validation: true };
    }

    /** Entries named `.ispec` that are neither a file nor a folder, found while the start lists the folders, with why they cannot be read. */
    private notRegular: Array<{ uri: URI, problem: string }> = [];
    /** Symbolic links named `.ispec` to a regular file, found while the start lists the folders: read through. */
    private linked: URI[] = [];

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        this.notRegular = [];
        this.linked = [];
        try {
            return await super.performStartup(folders);
        } finally {
            // Whatever failed, requests waiting for the workspace are answered with what could be loaded.
            this._ready.resolve();
            for (const { uri, problem } of this.notRegular.sort((a, b) => a.uri.toString() < b.uri.toString() ? -1 : 1)) {
                this.report(uri, `Not read: this file is ${problem}.`);
            }
        }
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (!entry.isFile && !entry.isDirectory && entry.uri.path.endsWith('.ispec') && !UriUtils.basename(entry.uri).startsWith('.')) {
            const problem = unreadableSpecEntry(entry.uri.fsPath);
            if (problem) this.notRegular.push({ uri: entry.uri, problem });
            else this.linked.push(entry.uri);
        }
        return super.shouldIncludeEntry(entry);
    }

    protected override async loadWorkspaceDocuments(found: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        // Langium's listing keeps files only; the links to spec files join them here (once, unless already open).
        const seen = new Set(found.map(uri => uri.toString()));
        const uris = found.concat(this.linked.filter(uri => !seen.has(uri.toString()) && !this.langiumDocuments.hasDocument(uri)));
        const unread: Array<{ uri: URI, error: NodeJS.ErrnoException }> = [];
        await Promise.all(uris.map(async uri => {
            try {
                collector(await this.langiumDocuments.getOrCreateDocument(uri));
            } catch (error) {
                unread.push({ uri, error: error as NodeJS.ErrnoException });
            }
        }));
        for (const { uri, error } of unread.sort((a, b) => a.uri.toString() < b.uri.toString() ? -1 : 1)) {
            if (error.code === 'ENOENT') continue;
            const cause = typeof error.code === 'string' ? `${/^E[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? 'input/output error'} (${error.code})` : String(error);
            this.report(uri, `Cannot read this file: ${cause}. Its elements are left out of every check, matrix and gate until it can be read.`);
        }
    }

    /** One error diagnostic on a spec file the workspace leaves out, and the same line in the server's log. */
    private report(uri: URI, message: string): void {
        console.error(`Interspec: ${uri.fsPath}: ${message}`);
        void (this.shared as Partial<LangiumSharedServices>).lsp?.Connection?.sendDiagnostics({
            uri: uri.toString(),
            diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'interspec', message }]
        });
    }
}
