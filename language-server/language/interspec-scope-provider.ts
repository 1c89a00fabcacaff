import { AstUtils, DefaultScopeProvider, MapScope, WorkspaceCache, type ReferenceInfo, type Scope } from 'langium';
import type { InterspecImports } from './interspec-imports.js';
import type { InterspecCoreServices } from './interspec-module.js';

/**
 * Global scope restricted by imports: a reference sees the top-level elements of its own file and of every
 * file that file imports (directly or transitively), never the whole workspace.
 */
export class InterspecScopeProvider extends DefaultScopeProvider {
    private readonly imports: InterspecImports;
    private readonly importScopeCache: WorkspaceCache<string, Scope>;

    constructor(services: InterspecCoreServices) {
        super(services);
        this.imports = services.imports;
        this.importScopeCache = new WorkspaceCache(services.shared);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${document.uri.toString()}\u0000${referenceType}`;
        return this.importScopeCache.get(key, () =>
            new MapScope(this.indexManager.allElements(referenceType, this.imports.visibleUris(document))));
    }
}
