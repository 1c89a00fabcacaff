import { AstUtils, DefaultScopeComputation, interruptAndCheck, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { InterspecCoreServices } from './interspec-module.js';
import { perElement } from '../util/per-element.js';

/**
 * Langium's local symbols (every named node, visible in its container's subtree), without its per-node costs: the
 * named nodes of a top-level element are listed once (an element never changes after its parse, and region parsing
 * keeps the ones an edit did not touch), and the walk yields every 500 names instead of awaiting at each of the
 * 100,000 nodes of a 10,000-line spec. The descriptions are made anew on every build: they carry positions.
 */
export class InterspecScopeComputation extends DefaultScopeComputation {
    /** The nodes of an element's subtree (itself included) that have a name, in walk order. */
    private readonly namedNodesOf = perElement(element => AstUtils.streamAst(element)
        .map(node => ({ node, name: this.nameProvider.getName(node) }))
        .filter((named): named is { node: AstNode, name: string } => !!named.name)
        .toArray());

    constructor(services: InterspecCoreServices) {
        super(services);
    }

    override async collectLocalSymbols(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        let added = 0;
        for (const element of AstUtils.streamContents(document.parseResult.value)) {
            for (const { node, name } of this.namedNodesOf(element)) {
                if (++added % 500 === 0) {
                    await interruptAndCheck(cancelToken);
                }
                // Every node listed has a container (it lies below the document's root).
                symbols.add(node.$container!, this.descriptions.createDescription(node, name, document));
            }
        }
        return symbols;
    }
}
