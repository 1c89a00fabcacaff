import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

const SYMBOL_KINDS: Record<string, SymbolKind> = {
    Team: SymbolKind.Namespace, Role: SymbolKind.Object, System: SymbolKind.Class, Site: SymbolKind.Package,
    Data: SymbolKind.Struct, Interface: SymbolKind.Interface, Gate: SymbolKind.Event, Change: SymbolKind.Object,
    Criterion: SymbolKind.Boolean, Device: SymbolKind.Constant, Deviation: SymbolKind.Object, Metric: SymbolKind.Number,
    Message: SymbolKind.Method, Mapping: SymbolKind.Field, ExceptionHandler: SymbolKind.Event, Monitor: SymbolKind.Object,
    ChangeAuthority: SymbolKind.Key, Rollout: SymbolKind.Key, Import: SymbolKind.File, CodeTable: SymbolKind.Enum,
    MappingGroup: SymbolKind.Namespace, Segment: SymbolKind.Struct, SegmentField: SymbolKind.Field
};

const COMPLETION_KINDS: Record<string, CompletionItemKind> = {
    Team: CompletionItemKind.Module, Role: CompletionItemKind.Value, System: CompletionItemKind.Class,
    Site: CompletionItemKind.Folder, Data: CompletionItemKind.Struct, Interface: CompletionItemKind.Interface,
    Gate: CompletionItemKind.Event, Change: CompletionItemKind.Reference, CodeTable: CompletionItemKind.Enum,
    Segment: CompletionItemKind.Struct
};

/** Distinct icons per element kind in the outline, workspace symbols and completion lists. */
export class InterspecNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return SYMBOL_KINDS[typeOf(node)] ?? SymbolKind.Field;
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETION_KINDS[typeOf(node)] ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}
