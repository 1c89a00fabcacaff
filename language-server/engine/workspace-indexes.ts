import { DocumentState, WorkspaceCache, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { Model } from '../language/generated/ast.js';
import type { InterspecCoreServices } from '../language/interspec-module.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';
import { WorkspaceIndex } from '../model/workspace-index.js';

/**
 * The one workspace index of each root (its documents sorted by path), built once per workspace state and shared
 * by every rule, by the document builder to decide which files an edit affects, by the generators and by editor
 * features (rename, the gates request).
 */
export class WorkspaceIndexes {
    private readonly workspace: InterspecWorkspace;
    private readonly documents: LangiumDocuments;
    private readonly indexes: WorkspaceCache<string, WorkspaceIndex>;

    constructor(services: InterspecCoreServices) {
        this.workspace = services.shared.interspec.Workspace;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.indexes = new WorkspaceCache(services.shared);
        // A request between an update's start and its parse (a code lens) may build the index from the old parse;
        // validation must not read it, or findings of the old elements are kept under the new facts.
        services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, () => this.indexes.clear());
    }

    /** The index of one root (an absolute folder path, as InterspecWorkspace.rootOf gives it). */
    indexOf(root: string): WorkspaceIndex {
        return this.indexes.get(root, () => new WorkspaceIndex(this.documentsOf(root), root));
    }

    /** The documents of one root, sorted by path. */
    documentsOf(root: string): LangiumDocument<Model>[] {
        return this.documents.all
            .filter(document => this.workspace.rootOf(document.uri) === root)
            .toArray()
            .sort((a, b) => a.uri.fsPath < b.uri.fsPath ? -1 : a.uri.fsPath > b.uri.fsPath ? 1 : 0) as LangiumDocument<Model>[];
    }
}
