import { DefaultDocumentBuilder, DocumentState, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { InterspecServices } from './interspec-module.js';
import { CONFIG_FILE_NAME } from './interspec-workspace.js';

/**
 * Rebuilds what an edit can affect in an Interspec workspace:
 * - documents that import the changed file, even transitively, are relinked (imports decide scope);
 * - every other document is re-validated, because workspace rules (a gate must cover every critical interface
 *   of its site, a role must be trained before its gate) read the whole workspace, and an edited interspec.yaml
 *   changes every rule's severity.
 */
export class InterspecDocumentBuilder extends DefaultDocumentBuilder {
    constructor(services: LangiumSharedServices) {
        super(services);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) {
            return true;
        }
        const services = this.serviceRegistry.getServices(document.uri) as InterspecServices;
        const visible = services.imports?.visibleUris(document);
        return visible !== undefined && [...changedUris].some(uri => visible.has(uri));
    }

    protected override async emitUpdate(changed: URI[], deleted: URI[]): Promise<void> {
        if ([...changed, ...deleted].some(uri => uri.path.endsWith(`/${CONFIG_FILE_NAME}`))) {
            // An interspec.yaml created or deleted moves workspace roots; its rules are re-read on validation.
            for (const services of this.serviceRegistry.all as InterspecServices[]) {
                services.shared.interspec?.Workspace.clearCache();
                services.rules?.RuleEngine.clearConfigCache();
            }
        }
        for (const document of this.langiumDocuments.all) {
            if (document.state >= DocumentState.Validated) {
                this.resetToState(document, DocumentState.IndexedReferences);
            }
        }
        await super.emitUpdate(changed, deleted);
    }
}
