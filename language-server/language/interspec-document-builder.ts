import { DefaultDocumentBuilder, DocumentState, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Model } from './generated/ast.js';
import type { InterspecCoreServices, InterspecSharedCoreServices } from './interspec-module.js';
import { CONFIG_FILE_NAME } from './interspec-workspace.js';
import { changedFacts, crossFileFingerprint, type CrossFileFacts } from '../model/cross-file-facts.js';
import { ALL_FACTS } from '../engine/fact-reads.js';

/**
 * Rebuilds what an edit can affect in an Interspec workspace, and nothing else:
 * - documents that import the changed file, even transitively, are relinked and re-validated (imports decide scope);
 * - the other documents of the same workspace root are re-validated only when the edit changed a cross-file fact
 *   (`changedFacts`: a name, a kind's list, a master-data entry, …) that the kept findings of one of their elements
 *   read (the rule engine's dependency map, FindingCache); there only the checks that read it run again, so typing
 *   inside one interface re-checks one file, and typing in a code map re-checks the readers of that code map;
 * - an edited interspec.yaml (or any file that is not a spec), a deleted file or a new file re-validates every
 *   document.
 */
export class InterspecDocumentBuilder extends DefaultDocumentBuilder {
    /** Per document URI, the parse its last completed build validated. */
    private readonly lastModels = new Map<string, Model>();
    /**
     * Per document URI, the cross-file fingerprint of that parse, taken before the document is parsed again: region
     * parsing reuses unchanged elements, so the old parse's positions move with the new text.
     */
    private readonly lastFingerprints = new Map<string, CrossFileFacts>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) {
            return true;
        }
        const services = this.serviceRegistry.getServices(document.uri) as InterspecCoreServices;
        const visible = services.imports?.visibleUris(document);
        return visible !== undefined && [...changedUris].some(uri => visible.has(uri));
    }

    /** Whether the running update names a file that is not a spec (interspec.yaml, a file it extends, a folder). */
    private otherFileChanged = false;

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        this.otherFileChanged = [...changed, ...deleted].some(uri => !uri.path.endsWith('.ispec'));
        // From the first edit on, rules keep each element's findings, so the next edit re-checks what it touched.
        for (const services of this.serviceRegistry.all as Array<Partial<InterspecCoreServices>>) {
            services.engine?.FindingCache.enable();
        }
        for (const uri of changed) {
            const key = uri.toString();
            const model = this.lastModels.get(key);
            if (model && !this.lastFingerprints.has(key)) {
                const services = this.serviceRegistry.getServices(uri) as InterspecCoreServices;
                const index = services.engine.WorkspaceIndexes.indexOf(services.shared.interspec.Workspace.rootOf(uri));
                this.lastFingerprints.set(key, crossFileFingerprint(model, index));
            }
        }
        return super.update(changed, deleted, cancelToken);
    }

    protected override async emitUpdate(changed: URI[], deleted: URI[]): Promise<void> {
        const configChanged = this.otherFileChanged || [...changed, ...deleted].some(uri => uri.path.endsWith(`/${CONFIG_FILE_NAME}`));
        if (configChanged) {
            // An interspec.yaml created or deleted moves workspace roots; its rules are re-read on validation.
            for (const services of this.serviceRegistry.all as InterspecCoreServices[]) {
                services.shared.interspec?.Workspace.clearCache();
                services.engine?.Configurations.clear();
            }
        }
        for (const uri of deleted) {
            this.lastModels.delete(uri.toString());
            this.lastFingerprints.delete(uri.toString());
            (this.serviceRegistry.getServices(uri) as Partial<InterspecCoreServices>).engine?.FindingCache.forget(uri.toString());
            (this.serviceRegistry.getServices(uri) as Partial<InterspecCoreServices>).regions?.forget(uri.toString());
        }
        if (configChanged || deleted.length > 0) {
            for (const document of this.langiumDocuments.all) {
                if (document.state >= DocumentState.Validated) {
                    this.resetToState(document, DocumentState.IndexedReferences);
                }
            }
        }
        await super.emitUpdate(changed, deleted);
    }

    /** URIs of validated documents whose kept findings an edit's facts invalidated, still to be validated again. */
    private readonly pendingStale = new Set<string>();

    protected override async runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken,
        callback: (document: LangiumDocument) => unknown): Promise<void> {
        if (targetState === DocumentState.Validated) {
            // Before anything is validated: the documents of this build must not replay findings the edit invalidated.
            this.invalidateChangedFacts();
        }
        return super.runCancelable(documents, targetState, cancelToken, callback as never);
    }

    /**
     * Builds the given documents, then re-validates the other documents of the root whose kept findings read a fact
     * the build changed (the dependency map: FindingCache, engine/fact-reads.ts). The edited documents are validated
     * (and their diagnostics published) first.
     */
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        await super.buildDocuments(documents, options, cancelToken);
        if (this.pendingStale.size === 0) {
            return;
        }
        const building = new Set(documents);
        const stale = this.langiumDocuments.all
            .filter(document => !building.has(document) && document.state >= DocumentState.Validated && this.pendingStale.has(document.uri.toString()))
            .toArray();
        this.pendingStale.clear();
        if (stale.length === 0) {
            return;
        }
        this.currentState = DocumentState.IndexedReferences;
        for (const document of stale) {
            this.resetToState(document, DocumentState.IndexedReferences);
        }
        await super.buildDocuments(stale, options, cancelToken);
    }

    /**
     * For every linked document parsed anew since the last look, the cross-file facts its edit changed (by kind and
     * key: `changedFacts`), then per root the kept findings those facts invalidate; the documents that lost findings,
     * that have none kept, or that declare a changed name (the duplicate-name check) are queued to be validated
     * again. Every document is looked at, not only this build's: a cancelled build may have parsed an edited
     * document without getting here. Fingerprints are computed only for re-parsed documents, old and new parse side
     * by side, so a one-off build (the CLI) pays nothing.
     */
    private invalidateChangedFacts(): void {
        const changedByRoot = new Map<string, Set<string>>();
        const add = (root: string, keys: Iterable<string>) => {
            const set = changedByRoot.get(root) ?? new Set<string>();
            for (const key of keys) set.add(key);
            changedByRoot.set(root, set);
        };
        let services: InterspecCoreServices | undefined;
        for (const document of this.langiumDocuments.all) {
            const model = document.parseResult?.value as Model | undefined;
            if (document.state < DocumentState.IndexedReferences || !model || model.$type !== 'Model') {
                continue; // not linked yet, or not an Interspec model
            }
            const key = document.uri.toString();
            const previous = this.lastModels.get(key);
            if (previous === model) {
                continue;
            }
            this.lastModels.set(key, model);
            const before = this.lastFingerprints.get(key);
            this.lastFingerprints.delete(key);
            services = this.serviceRegistry.getServices(document.uri) as InterspecCoreServices;
            const root = (services.shared as InterspecSharedCoreServices).interspec.Workspace.rootOf(document.uri);
            if (!previous) {
                add(root, [ALL_FACTS]); // a new document
                continue;
            }
            const index = services.engine.WorkspaceIndexes.indexOf(root);
            const after = crossFileFingerprint(model, index);
            this.lastFingerprints.set(key, after);
            add(root, changedFacts(key, previous, before ?? crossFileFingerprint(previous, index), model, after));
        }
        if (!services) {
            return;
        }
        for (const [root, changed] of changedByRoot) {
            if (changed.size === 0) continue;
            const documents = services.engine.WorkspaceIndexes.documentsOf(root);
            const stale = services.engine.FindingCache.invalidate(root, changed, documents.map(document => document.uri.toString()));
            const names = [...changed].filter(key => key.startsWith('name:') || key.startsWith('line:')).map(key => key.slice(5));
            if (names.length) {
                const changedNames = new Set(names);
                for (const document of documents) {
                    if ((document.parseResult.value.elements ?? []).some(element => changedNames.has((element as { name?: string }).name ?? ''))) {
                        stale.add(document.uri.toString());
                    }
                }
            }
            for (const uri of stale) this.pendingStale.add(uri);
        }
    }
}
