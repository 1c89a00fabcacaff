import { lstatSync } from 'node:fs';
import { DefaultWorkspaceManager, type FileSystemNode, type LangiumDocument, type LangiumSharedCoreServices, type Stream, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type WorkspaceFolder } from 'vscode-languageserver';
import { notRegularSpec } from '../language/build-workspace.js';

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
 * An entry named `.ispec` that is a symbolic link, a FIFO, a socket or a device is not read (as the CLI, which
 * refuses the run: `findSpecFiles`), with an error diagnostic on it: before, it was left out without a word.
 */
export class InterspecWorkspaceManager extends DefaultWorkspaceManager {
    constructor(private readonly shared: LangiumSharedCoreServices) {
        super(shared);
        this.initialBuildOptions = { validation: true };
    }

    /** Entries named `.ispec` that are neither a file nor a folder, found while the start lists the folders. */
    private notRegular: URI[] = [];

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        this.notRegular = [];
        try {
            return await super.performStartup(folders);
        } finally {
            // Whatever failed, requests waiting for the workspace are answered with what could be loaded.
            this._ready.resolve();
            for (const uri of this.notRegular.sort((a, b) => a.toString() < b.toString() ? -1 : 1)) {
                let link = false;
                try {
                    link = lstatSync(uri.fsPath).isSymbolicLink();
                } catch {
                    continue; // gone meanwhile
                }
                this.report(uri, `Not read: this file is ${notRegularSpec(link)}.`);
            }
        }
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (!entry.isFile && !entry.isDirectory && entry.uri.path.endsWith('.ispec')) {
            this.notRegular.push(entry.uri);
        }
        return super.shouldIncludeEntry(entry);
    }

    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
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
