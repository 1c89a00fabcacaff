import type { AstNodeDescription, IndexManager, URI } from 'langium';
import type { InterspecWorkspace } from './interspec-workspace.js';

/**
 * The declaration of `name` (of `type` and its subtypes, or of any type) that a file of the same workspace root as
 * `uri` makes, other than `uri` itself; of several, the first by file path. The index lists documents in the order
 * they were last indexed, which depends on the edit history: a message or an import built from it must not.
 */
export function firstDeclaration(indexManager: IndexManager, workspace: InterspecWorkspace, uri: URI, name: string, type?: string): AstNodeDescription | undefined {
    const root = workspace.rootOf(uri);
    const own = uri.toString();
    let first: AstNodeDescription | undefined;
    for (const description of indexManager.allElements(type)) {
        if (description.name !== name || description.documentUri.toString() === own || workspace.rootOf(description.documentUri) !== root) {
            continue;
        }
        if (!first || description.documentUri.fsPath < first.documentUri.fsPath) {
            first = description;
        }
    }
    return first;
}
