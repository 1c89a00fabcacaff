import {
    AstUtils, DefaultLinker, interruptAndCheck, type AstNodeDescription, type IndexManager, type LangiumDocument, type LinkingError, type ReferenceInfo
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { InterspecCoreServices } from './interspec-module.js';
import { firstDeclaration } from './first-declaration.js';
import { perElement } from '../util/per-element.js';
import { relativeImportPath } from './interspec-paths.js';
import type { InterspecWorkspace } from './interspec-workspace.js';
import { closestName } from '../util/closest-name.js';

/** How reference types read in messages. */
const TYPE_LABELS: Record<string, string> = {
    Party: 'team or role', Team: 'team', Role: 'role', System: 'system', Site: 'site', Data: 'data set',
    Interface: 'interface', Gate: 'gate', Change: 'change', Profile: 'conformance profile'
};

/**
 * Linking errors that say what to do: import the file that declares the name, or fix a likely misspelling.
 */
export class InterspecLinker extends DefaultLinker {
    private readonly indexManager: IndexManager;
    private readonly workspace: InterspecWorkspace;

    constructor(services: InterspecCoreServices) {
        super(services);
        this.indexManager = services.shared.workspace.IndexManager;
        this.workspace = services.shared.interspec.Workspace;
    }

    private readonly referencesOf = perElement(element => AstUtils.streamAst(element).flatMap(node => AstUtils.streamReferences(node)).toArray());

    /**
     * Langium's link, without its per-node costs: the references of a top-level element are listed once (an element
     * never changes after its parse, and region parsing keeps the ones an edit did not touch; their links are reset
     * on every re-parse all the same), and the walk yields every 500 references instead of awaiting at each of the
     * 100,000 nodes of a 10,000-line spec.
     */
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) {
            return super.link(document, cancelToken);
        }
        let linked = 0;
        for (const element of AstUtils.streamContents(document.parseResult.value)) {
            for (const reference of this.referencesOf(element)) {
                if (++linked % 500 === 0) {
                    await interruptAndCheck(cancelToken);
                }
                this.doLink(reference, document);
            }
        }
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
