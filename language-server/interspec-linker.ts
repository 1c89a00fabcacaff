import { AstUtils, DefaultLinker, type AstNodeDescription, type IndexManager, type LinkingError, type ReferenceInfo } from 'langium';
import type { InterspecServices } from './interspec-module.js';
import { firstDeclaration } from './first-declaration.js';
import { relativeImportPath } from './interspec-paths.js';
import type { InterspecWorkspace } from './interspec-workspace.js';
import { closestName } from './util/closest-name.js';

/** How reference types read in messages. */
const TYPE_LABELS: Record<string, string> = {
    Party: 'team or role', Team: 'team', Role: 'role', System: 'system', Site: 'site', Data: 'data set',
    Interface: 'interface', Gate: 'gate', Change: 'change'
};

/**
 * Linking errors that say what to do: import the file that declares the name, or fix a likely misspelling.
 */
export class InterspecLinker extends DefaultLinker {
    private readonly indexManager: IndexManager;
    private readonly workspace: InterspecWorkspace;

    constructor(services: InterspecServices) {
        super(services);
        this.indexManager = services.shared.workspace.IndexManager;
        this.workspace = services.shared.interspec.Workspace;
    }

    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const referenceType = this.reflection.getReferenceType(refInfo);
        const label = TYPE_LABELS[referenceType] ?? referenceType;
        const name = refInfo.reference.$refText;
        const document = AstUtils.getDocument(refInfo.container);
        const declared = firstDeclaration(this.indexManager, this.workspace, document.uri, name, referenceType);
        if (declared) {
            const importPath = relativeImportPath(document.uri, declared.documentUri);
            return { ...error, message: `The ${label} '${name}' is declared in ${importPath}, which this file does not import. Add: import "${importPath}"` };
        }
        const visible = this.scopeProvider.getScope(refInfo).getAllElements().map(d => d.name).toArray();
        const suggestion = closestName(name, visible);
        const hint = suggestion ? ` Did you mean '${suggestion}'?` : ` Declare it, or check the spelling.`;
        return { ...error, message: `Unknown ${label} '${name}'.${hint}` };
    }
}
