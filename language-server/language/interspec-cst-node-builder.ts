import { CompositeCstNodeImpl, CstNodeBuilder, LeafCstNodeImpl, RootCstNodeImpl, type CompositeCstNode, type CstNode, type GrammarAST, type LangiumParser } from 'langium';
import type { IToken, TokenType } from 'chevrotain';
import type { Range } from 'vscode-languageserver-types';

/**
 * Where the CST nodes of one parse sit in their document: an offset (UTF-16 code units) and a line (0-based) added to
 * the positions the parse gave them, and the root they hang from. Region parsing moves a reused region by changing
 * these three values, not by visiting its nodes (`region-parser.ts`).
 */
export class CstPlacement {
    offset = 0;
    line = 0;
    constructor(public root: RootCstNodeImpl) {}
}

/**
 * A token's CST leaf that keeps the token's position as numbers relative to its placement and builds its LSP range
 * (0-based lines and characters) each time it is asked: most leaves are never asked, a parse of 10,000 lines made
 * 90,000 range objects up front, and a range kept on every leaf that was once asked (by a code lens, symbols,
 * formatting) made the server hold more per leaf than Langium's own. A new object each time, never changed in place
 * (diagnostics of an earlier parse may still hold an old one).
 */
class PlacedLeafCstNode extends LeafCstNodeImpl {
    private readonly startLine: number;
    private readonly startCharacter: number;
    private readonly endLine: number;
    private readonly endCharacter: number;

    constructor(readonly placement: CstPlacement, token: IToken, hidden: boolean) {
        super(token.startOffset, token.image.length, undefined as unknown as Range, token.tokenType as TokenType, hidden);
        // Chevrotain's lines and start columns are 1-based, its end column is the last character's (so it is the
        // LSP's exclusive end character).
        this.startLine = token.startLine! - 1;
        this.startCharacter = token.startColumn! - 1;
        this.endLine = token.endLine! - 1;
        this.endCharacter = token.endColumn!;
    }

    override get offset(): number {
        return (this as unknown as LeafFields)._offset + this.placement.offset;
    }

    override get end(): number {
        const fields = this as unknown as LeafFields;
        return fields._offset + this.placement.offset + fields._length;
    }

    override get range(): Range {
        const line = this.placement.line;
        return {
            start: { line: this.startLine + line, character: this.startCharacter },
            end: { line: this.endLine + line, character: this.endCharacter }
        };
    }
}

/** A rule's CST node whose range cache (Langium's `_rangeCache`) is dropped when its placement moves to another line. */
class PlacedCompositeCstNode extends CompositeCstNodeImpl {
    private rangeLine = 0;

    constructor(readonly placement: CstPlacement) {
        super();
    }

    override get range(): Range {
        if (this.rangeLine !== this.placement.line) {
            (this as unknown as { _rangeCache?: Range })._rangeCache = undefined;
            this.rangeLine = this.placement.line;
        }
        return super.range;
    }
}

/** The fields Langium's leaf keeps its offset and length in (private in its typings). */
type LeafFields = { _offset: number, _length: number };

// A placed node's root is its placement's: Langium declares `root` a plain property, so the accessor is defined on
// the prototypes here, and the builder's assignments of the root it started with are ignored.
for (const type of [PlacedLeafCstNode, PlacedCompositeCstNode]) {
    Object.defineProperty(type.prototype, 'root', {
        get(this: { placement: CstPlacement }) { return this.placement.root; },
        set() { /* the placement holds the root */ },
        configurable: true
    });
}

/** The placement of a parse's nodes, or undefined for nodes some other builder made. */
export function placementOf(node: CstNode): CstPlacement | undefined {
    return node instanceof PlacedLeafCstNode || node instanceof PlacedCompositeCstNode ? node.placement : undefined;
}

/**
 * Langium's CST node builder, building placed nodes: same tree, same positions, fewer objects per token, and a
 * region of them moves in constant time. Each parse gets a new placement (offset 0, line 0, its own root).
 */
export class InterspecCstNodeBuilder extends CstNodeBuilder {
    private placement = new CstPlacement(undefined as unknown as RootCstNodeImpl);

    override buildRootNode(input: string): RootCstNodeImpl {
        const root = super.buildRootNode(input) as RootCstNodeImpl;
        this.placement = new CstPlacement(root);
        return root;
    }

    override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNodeImpl {
        const node = new PlacedCompositeCstNode(this.placement);
        node.grammarSource = feature;
        this.current.content.push(node);
        (this as unknown as BuilderFields).nodeStack.push(node);
        return node;
    }

    override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement): LeafCstNodeImpl {
        const node = new PlacedLeafCstNode(this.placement, token, !feature);
        node.grammarSource = feature;
        this.current.content.push(node);
        return node;
    }

    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length === 0) {
            return;
        }
        const nodes = tokens.map(token => new PlacedLeafCstNode(this.placement, token, true));
        // Where Langium puts hidden nodes: after the content of the node being built, else before the nearest
        // ancestor that has a node before it, else at the start of the root.
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            current.content.push(...nodes);
            return;
        }
        while (current.container) {
            const index = current.container.content.indexOf(current);
            if (index > 0) {
                current.container.content.splice(index, 0, ...nodes);
                return;
            }
            current = current.container;
        }
        (this as unknown as BuilderFields).rootNode.content.unshift(...nodes);
    }
}

/** The fields Langium's builder keeps its stack in (private in its typings). */
type BuilderFields = { rootNode: RootCstNodeImpl, nodeStack: CompositeCstNodeImpl[] };

/** Makes `parser` build placed CST nodes (Langium creates its node builder in the parser's constructor). */
export function usePlacedCstNodes(parser: LangiumParser): LangiumParser {
    (parser as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new InterspecCstNodeBuilder();
    return parser;
}
