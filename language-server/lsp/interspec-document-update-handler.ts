import { existsSync, readFileSync } from 'node:fs';
import { URI } from 'langium';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'langium';
import type { InterspecSharedServices } from './interspec-lsp-module.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';

/**
 * Keeps the server's documents true to what the editor and the disk hold (LSP `textDocument/didClose`: after a
 * close, the truth about a document is on disk again):
 * - on close, a document whose file exists is read back from disk (its unsaved edits are discarded); a document
 *   with no file (never saved, or deleted) is forgotten and its diagnostics are cleared;
 * - a client that opens no workspace folder (no `rootUri`, no `workspaceFolders`) still gets a workspace: the
 *   first document of a root loads the root's spec files (the nearest folder with an `interspec.yaml`, else the
 *   document's folder), so imports beside the file resolve.
 */
export class InterspecDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly workspace: InterspecWorkspace;
    /** Roots loaded for documents opened without a workspace folder. */
    private readonly loadedRoots = new Set<string>();

    constructor(services: InterspecSharedServices) {
        super(services);
        this.workspace = services.interspec.Workspace;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(change.document.uri);
        this.fireDocumentUpdate([uri, ...this.rootToLoad(uri)], []);
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (uri.scheme === 'file' && existsSync(uri.fsPath)) {
            if (!sameAsDisk(uri.fsPath, event.document.getText())) {
                this.fireDocumentUpdate([uri], []);
            }
        } else {
            // The builder drops the document and publishes empty diagnostics for it.
            this.fireDocumentUpdate([], [uri]);
        }
    }

    /** The root folder to load with this document, once, when the client gave no workspace folder. */
    private rootToLoad(uri: URI): URI[] {
        if (uri.scheme !== 'file' || this.workspace.getFolders().length > 0) {
            return [];
        }
        const root = this.workspace.rootOf(uri);
        if (this.loadedRoots.has(root)) {
            return [];
        }
        this.loadedRoots.add(root);
        // A folder URI: the builder loads every spec file below it, as for a workspace folder.
        return [URI.file(root)];
    }
}

/** Whether the closed document's text is what the file holds (then nothing needs rebuilding). */
function sameAsDisk(file: string, text: string): boolean {
    try {
        return readFileSync(file, 'utf8') === text;
    } catch {
        return false;
    }
}
