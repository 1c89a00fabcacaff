import { GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider, NodeKindProvider } from 'langium/lsp';
import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import * as ast from '../language/generated/ast.js';
import type { InterspecServices } from './interspec-lsp-module.js';
import { elementName, elementTitle } from './element-summary.js';

/**
 * The outline an architect navigates: top-level elements, and inside them what matters when reading a spec:
 * an interface's messages (with their mappings and `when` groups), exception handlers and monitor (with metrics); a gate's
 * criteria; a site's devices and deviations; a Z-segment's fields.
 */
export class InterspecDocumentSymbolProvider implements DocumentSymbolProvider {
    private readonly nodeKinds: NodeKindProvider;

    constructor(services: InterspecServices) {
        this.nodeKinds = services.shared.lsp.NodeKindProvider;
    }

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): DocumentSymbol[] {
        const model = document.parseResult.value as ast.Model;
        const symbols: DocumentSymbol[] = [];
        const imports = (model.imports ?? []).filter(imp => imp.$cstNode);
        if (imports.length > 0) {
            const first = imports[0].$cstNode!.range;
            const last = imports[imports.length - 1].$cstNode!.range;
            symbols.push({
                name: 'imports', kind: SymbolKind.Module, range: { start: first.start, end: last.end },
                selectionRange: first,
                children: imports.map(imp => ({ name: imp.path, kind: SymbolKind.File, range: imp.$cstNode!.range, selectionRange: imp.$cstNode!.range }))
            });
        }
        for (const element of model.elements ?? []) {
            const symbol = this.symbolFor(element, childrenOf(element));
            if (symbol) {
                symbols.push(symbol);
            }
        }
        return symbols;
    }

    private symbolFor(node: AstNode, children: AstNode[]): DocumentSymbol | undefined {
        const name = elementName(node);
        const cst = node.$cstNode;
        if (!name || !cst) {
            return undefined;
        }
        const nameNode = findNameNode(node);
        const nested = children.map(child => this.symbolFor(child, childrenOf(child))).filter(s => s !== undefined);
        return {
            name,
            detail: elementTitle(node),
            kind: this.nodeKinds.getSymbolKind(node),
            range: cst.range,
            selectionRange: nameNode?.range ?? cst.range,
            children: nested.length > 0 ? nested : undefined
        };
    }
}

/** The nested elements worth a place in the outline. */
function childrenOf(node: AstNode): AstNode[] {
    if (ast.isInterface(node)) {
        return [...node.messages, ...node.handlers, ...(node.monitor ? [node.monitor] : [])]
            .sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
    }
    if (ast.isMessage(node)) {
        // Plain mappings and `when … { }` groups, in the order written.
        return [...node.mappings, ...(node.groups ?? [])].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
    }
    if (ast.isMappingGroup(node)) {
        return node.mappings;
    }
    if (ast.isSegment(node)) {
        return node.fields;
    }
    if (ast.isMonitor(node)) {
        return node.metrics;
    }
    if (ast.isGate(node)) {
        return node.criteria;
    }
    if (ast.isSite(node)) {
        return [...(node.baseline?.devices ?? []), ...node.deviations];
    }
    return [];
}

/** The CST node of the name (or of what stands for it), so the outline selects the name, not the whole block. */
function findNameNode(node: AstNode): CstNode | undefined {
    const property = ast.isMessage(node) ? 'type' : ast.isExceptionHandler(node) ? 'scenario' : ast.isMapping(node) ? 'source'
        : ast.isMappingGroup(node) ? 'condition' : ast.isSegmentField(node) ? 'position' : 'name';
    return GrammarUtils.findNodeForProperty(node.$cstNode, property);
}
