import type { LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRangeKind } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';

/** Langium folds blocks and comments; Interspec adds the import group at the top of a file. */
export class InterspecFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        const imports = ((document.parseResult.value as Model).imports ?? []).filter(imp => imp.$cstNode);
        if (imports.length > 1) {
            const startLine = imports[0].$cstNode!.range.start.line;
            const endLine = imports[imports.length - 1].$cstNode!.range.end.line;
            if (endLine > startLine) {
                acceptor({ startLine, endLine, kind: FoldingRangeKind.Imports });
            }
        }
    }
}
