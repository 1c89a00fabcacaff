import { type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../language/generated/ast.js';

/** The token type each kind of named element (and every reference to it) is coloured as. */
const ELEMENT_TOKEN_TYPES: Record<string, string> = {
    Team: SemanticTokenTypes.type, Role: SemanticTokenTypes.type, System: SemanticTokenTypes.class,
    Site: SemanticTokenTypes.namespace, Data: SemanticTokenTypes.struct, Interface: SemanticTokenTypes.interface,
    Gate: SemanticTokenTypes.event, Change: SemanticTokenTypes.enumMember, CodeTable: SemanticTokenTypes.enum
};

/**
 * Semantic colouring on top of the TextMate grammar: what a name is (a team, a system, a site...) wherever it
 * is declared or referenced, field paths as properties, scenarios as enum members, rule ids and measures.
 */
export class InterspecSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = ELEMENT_TOKEN_TYPES[node.$type];
        if (declared && (node as { name?: string }).name) {
            acceptor({ node, property: 'name' as never, type: declared, modifier: 'declaration' });
        }
        this.highlightReferences(node, acceptor);
        if (ast.isMapping(node)) {
            acceptor({ node, property: 'source', type: SemanticTokenTypes.property });
            acceptor({ node, property: 'target', type: SemanticTokenTypes.property });
        } else if (ast.isMessage(node)) {
            acceptor({ node, property: 'type', type: SemanticTokenTypes.enumMember });
        } else if (ast.isExceptionHandler(node)) {
            acceptor({ node, property: 'scenario', type: SemanticTokenTypes.enumMember });
            if (node.response) {
                acceptor({ node, property: 'response', type: SemanticTokenTypes.number });
            }
        } else if (ast.isSuppression(node) || ast.isInlineSuppression(node)) {
            acceptor({ node, property: 'rule', type: SemanticTokenTypes.macro });
        } else if (ast.isMetric(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: 'declaration' });
        } else if (ast.isCriterion(node) || ast.isDevice(node) || ast.isDeviation(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: 'declaration' });
        } else if (ast.isMeasure(node)) {
            for (const property of ['duration', 'percent', 'amount'] as const) {
                if (node[property] !== undefined) {
                    acceptor({ node, property, type: SemanticTokenTypes.number });
                }
            }
        }
    }

    /** Every cross-reference coloured like the element it resolves to. */
    private highlightReferences(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$')) {
                continue;
            }
            const references = Array.isArray(value) ? value : [value];
            references.forEach((reference, index) => {
                const target = (reference as { ref?: AstNode } | undefined)?.ref;
                if (target && typeof reference === 'object' && '$refText' in reference) {
                    const type = ELEMENT_TOKEN_TYPES[target.$type];
                    if (type) {
                        acceptor({ node, property: property as never, index: Array.isArray(value) ? index : undefined, type });
                    }
                }
            });
        }
    }
}
