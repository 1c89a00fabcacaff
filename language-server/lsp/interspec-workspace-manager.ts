import { DefaultWorkspaceManager, type LangiumDocument, type LangiumSharedCoreServices, type Stream, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type WorkspaceFolder } from 'vscode-languageserver';

/**
 * Validates the whole workspace on start, not only the files an editor opens: workspace rules (a gate must
 * cover every critical interface of its site) make every file's findings matter, and the Problems panel
 * should show them before the architect opens anything.
 *
 * A spec file that cannot be read at the start (mode 0600 and owned by another user, as `docker run` leaves files)
 * or that disappears between the folder's listing and its reading (a branch switch) does not stop the start: before,
 * Langium's start failed on it and every request then waited forever for a workspace that never became ready. Such
 * a file is left out, with one error diagnostic on it saying why (ENOENT: nothing to say, the file is gone).
 */
export class InterspecWorkspaceManager extends DefaultWorkspaceManager {
    constructor(private readonly shared: LangiumSharedCoreServices) {
        super(shared);
        this.initialBuildOptions = { validation: true };
    }

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        try {
            return await super.performStartup(folders);
        } finally {
            // Whatever failed, requests waiting for the workspace are answered with what could be loaded.
            this._ready.resolve();
        }
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
        const connection = (this.shared as Partial<LangiumSharedServices>).lsp?.Connection;
        for (const { uri, error } of unread.sort((a, b) => a.uri.toString() < b.uri.toString() ? -1 : 1)) {
            if (error.code === 'ENOENT') continue;
            const cause = typeof error.code === 'string' ? `${/^E[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? 'input/output error'} (${error.code})` : String(error);
            console.error(`Interspec: cannot read ${uri.fsPath}: ${cause}; it is left out of the workspace`);
            void connection?.sendDiagnostics({
                uri: uri.toString(),
                diagnostics: [{
                    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                    severity: DiagnosticSeverity.Error,
                    source: 'interspec',
                    message: `Cannot read this file: ${cause}. Its elements are left out of every check, matrix and gate until it can be read.`
                }]
            });
        }
    }
}
