import { DefaultDocumentBuilder, DocumentState, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Model } from './generated/ast.js';
import type { InterspecCoreServices, InterspecSharedCoreServices } from './interspec-module.js';
import { CONFIG_FILE_NAME } from './interspec-workspace.js';
import { crossFileFingerprint, sameFacts, type CrossFileFacts } from '../model/cross-file-facts.js';

/**
 * Rebuilds what an edit can affect in an Interspec workspace, and nothing else:
 * - documents that import the changed file, even transitively, are relinked and re-validated (imports decide scope);
 * - the other documents of the same workspace root are re-validated only when the edit changed what their
 *   findings can depend on (`crossFileFingerprint`: names, sites, gates, an interface's criticality and sites, …),
 *   so typing inside one interface re-checks one file, not the whole workspace;
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

    /**
     * Builds the given documents, then re-validates the rest of each workspace root whose cross-file facts the
     * build changed. The edited documents are validated (and their diagnostics published) first.
     */
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        await super.buildDocuments(documents, options, cancelToken);
        const roots = this.rootsWithChangedFacts();
        if (roots.size === 0) {
            return;
        }
        const building = new Set(documents);
        const workspace = (this.serviceRegistry.all[0] as InterspecCoreServices).shared.interspec.Workspace;
        const stale = this.langiumDocuments.all
            .filter(document => !building.has(document) && document.state >= DocumentState.Validated && roots.has(workspace.rootOf(document.uri)))
            .toArray();
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
     * Roots where a validated document was parsed anew since the last build and its cross-file fingerprint differs
     * from the previous parse's (or the document is new). Every document is looked at, not only this build's: a
     * cancelled build may have validated an edited document without getting here. Fingerprints are computed only
     * for re-parsed documents, old and new parse side by side, so a one-off build (the CLI) pays nothing.
     */
    private rootsWithChangedFacts(): Set<string> {
        const roots = new Set<string>();
        for (const document of this.langiumDocuments.all) {
            const model = document.parseResult?.value as Model | undefined;
            if (document.state < DocumentState.Validated || !model || model.$type !== 'Model') {
                continue; // cancelled before validation, or not an Interspec model
            }
            const key = document.uri.toString();
            const previous = this.lastModels.get(key);
            if (previous === model) {
                continue;
            }
            this.lastModels.set(key, model);
            const before = this.lastFingerprints.get(key);
            this.lastFingerprints.delete(key);
            const services = this.serviceRegistry.getServices(document.uri) as InterspecCoreServices;
            const root = (services.shared as InterspecSharedCoreServices).interspec.Workspace.rootOf(document.uri);
            if (!previous) {
                roots.add(root);
                continue;
            }
            const index = services.engine.WorkspaceIndexes.indexOf(root);
            const after = crossFileFingerprint(model, index);
            this.lastFingerprints.set(key, after);
            if (!roots.has(root) && !sameFacts(before ?? crossFileFingerprint(previous, index), after)) {
                roots.add(root);
            }
        }
        return roots;
    }
}
