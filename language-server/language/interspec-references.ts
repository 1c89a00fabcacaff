import { DefaultReferences, stream, type AstNode, type CstNode, type FindReferencesOptions, type ReferenceDescription, type Stream } from 'langium';
import type { InterspecCoreServices } from './interspec-module.js';

/**
 * Langium's references, never answering with a node that is not in a document. A statement written twice
 * (`standard HL7v2 "2.5.1"` then `standard HL7`) leaves the first one's node out of the tree (the second replaced
 * it: a repeated-statement error), while its text still maps to it; hover, go to definition, find references and
 * rename on that text then failed with "AST node has no document" (found by npm run fuzz).
 */
export class InterspecReferences extends DefaultReferences {
    constructor(services: InterspecCoreServices) {
        super(services);
    }

    override findDeclarations(sourceCstNode: CstNode): AstNode[] {
        // Text of a node outside the tree: its references cannot be resolved either (Langium would log an error).
        if (!sourceCstNode || !isInDocument(sourceCstNode.astNode)) {
            return [];
        }
        return super.findDeclarations(sourceCstNode).filter(isInDocument);
    }

    override findReferences(targetNode: AstNode, options: FindReferencesOptions): Stream<ReferenceDescription> {
        return isInDocument(targetNode) ? super.findReferences(targetNode, options) : stream([]);
    }
}

/** Whether the node's chain of containers ends at a model that belongs to a document. */
export function isInDocument(node: AstNode): boolean {
    let root = node;
    while (root.$container) {
        root = root.$container;
    }
    return root.$document !== undefined;
}
