import { CstUtils, GrammarUtils, type AstNode, type AstNodeLocator, type IndexManager, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import type { InterspecServices } from './interspec-lsp-module.js';
import { firstDeclaration } from '../language/first-declaration.js';
import { relativeImportPath } from '../language/interspec-paths.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';
import type { RuleDiagnosticData, RuleFixData } from '../engine/rule-runner.js';

const INDENT = '    ';

/**
 * Quick fixes: the mechanical fix a rule describes in its diagnostic (`data.fix`: placeholders for the architect
 * to fill, never invented facts), and the missing import for a name declared in a file this one does not import.
 */
export class InterspecCodeActionProvider implements CodeActionProvider {
    private readonly locator: AstNodeLocator;
    private readonly indexManager: IndexManager;
    private readonly workspace: InterspecWorkspace;

    constructor(services: InterspecServices) {
        this.locator = services.workspace.AstNodeLocator;
        this.indexManager = services.shared.workspace.IndexManager;
        this.workspace = services.shared.interspec.Workspace;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const data = diagnostic.data as (RuleDiagnosticData & { code?: string }) | undefined;
            const action = data?.fix && typeof data.fix.target === 'string'
                ? this.ruleFix(document as LangiumDocument<Model>, diagnostic, data.fix)
                : data?.code === 'linking-error' ? this.addImport(document as LangiumDocument<Model>, diagnostic) : undefined;
            if (action) {
                actions.push(action);
            }
            const suppress = data?.ruleId && data.suppressed === undefined ? this.suppressFix(document as LangiumDocument<Model>, diagnostic, data.ruleId) : undefined;
            if (suppress) {
                actions.push(suppress);
            }
        }
        return actions;
    }

    /**
     * `suppress <rule> because "TODO: …"` on the element the finding is about (inline on a mapping). The reason is
     * a placeholder, which is itself an error until the architect writes why the rule does not apply.
     */
    private suppressFix(document: LangiumDocument<Model>, diagnostic: Diagnostic, ruleId: string): CodeAction | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        let node: AstNode | undefined = leaf?.astNode;
        while (node && !Array.isArray((node as { suppressions?: unknown }).suppressions)) {
            node = node.$container;
        }
        if (!node) {
            return undefined;
        }
        const statement = `suppress ${ruleId} because "TODO: why this does not apply"`;
        const spec = node.$type === 'Mapping' ? { title: '', target: '', inline: ` ${statement}` } : { title: '', target: '', lines: [statement] };
        const edit = fixEdit(document, node, spec);
        return edit && {
            title: `Suppress ${ruleId} on this ${node.$type.toLowerCase()}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [document.textDocument.uri]: [edit] } }
        };
    }

    private ruleFix(document: LangiumDocument<Model>, diagnostic: Diagnostic, fix: RuleFixData): CodeAction | undefined {
        const target = this.locator.getAstNode(document.parseResult.value, fix.target);
        const edit = target && fixEdit(document, target, fix);
        if (!edit) {
            return undefined;
        }
        return {
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.textDocument.uri]: [edit] } }
        };
    }

    /** `import "<file>"` for an unresolved name that a file of the same workspace root declares. */
    private addImport(document: LangiumDocument<Model>, diagnostic: Diagnostic): CodeAction | undefined {
        const name = document.textDocument.getText(diagnostic.range);
        const declared = firstDeclaration(this.indexManager, this.workspace, document.uri, name);
        if (!declared) {
            return undefined;
        }
        const importPath = relativeImportPath(document.uri, declared.documentUri);
        const imports = document.parseResult.value.imports;
        const last = imports[imports.length - 1]?.$cstNode;
        const position = last ? document.textDocument.positionAt(last.end) : { line: 0, character: 0 };
        const newText = last ? `\nimport "${importPath}"` : `import "${importPath}"\n`;
        return {
            title: `Add import "${importPath}"`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.textDocument.uri]: [{ range: { start: position, end: position }, newText }] } }
        };
    }
}

/** The text edit that applies a rule's fix to its target node. */
export function fixEdit(document: LangiumDocument, target: AstNode, fix: RuleFixData): TextEdit | undefined {
    const cst = target.$cstNode;
    const text = document.textDocument;
    if (!cst) {
        return undefined;
    }
    const at = (offset: number) => text.positionAt(offset);
    if (fix.replace) {
        const node = GrammarUtils.findNodeForProperty(cst, fix.replace.property);
        return node ? { range: node.range, newText: fix.replace.text } : undefined;
    }
    if (fix.inline !== undefined) {
        return { range: { start: at(cst.end), end: at(cst.end) }, newText: fix.inline };
    }
    if (fix.linesAfter !== undefined) {
        const base = indentationAt(text.getText(), cst.offset);
        return { range: { start: at(cst.end), end: at(cst.end) }, newText: fix.linesAfter.map(line => `\n${line === '' ? '' : base + line}`).join('') };
    }
    const braces = GrammarUtils.findNodesForKeyword(cst, '}');
    const close = braces[braces.length - 1];
    if (fix.beforeClose !== undefined) {
        if (!close) {
            return undefined;
        }
        // Keep one space between the last entry and the inserted ones: `{ F -> final, X -> TODO }`.
        const before = text.getText().slice(0, close.offset).replace(/\s+$/, '');
        return { range: { start: at(before.length), end: at(close.offset) }, newText: fix.beforeClose.startsWith(',') ? fix.beforeClose : ` ${fix.beforeClose}` };
    }
    const lines = fix.lines ?? [];
    if (target.$type === 'Model') {
        const content = text.getText();
        const prefix = content.length === 0 || content.endsWith('\n') ? '' : '\n';
        return { range: { start: at(content.length), end: at(content.length) }, newText: `${prefix}${lines.join('\n')}\n` };
    }
    const base = indentationAt(text.getText(), cst.offset);
    const inner = base + INDENT;
    const body = lines.map(line => line === '' ? '' : inner + line).join('\n');
    if (!close) {
        // An element without a block (`team HIM "…"`): open one.
        return { range: { start: at(cst.end), end: at(cst.end) }, newText: ` {\n${body}\n${base}}` };
    }
    const content = text.getText();
    const lineStart = content.lastIndexOf('\n', close.offset - 1) + 1;
    if (content.slice(lineStart, close.offset).trim() === '') {
        // The brace is alone on its line: insert whole lines above it.
        return { range: { start: at(lineStart), end: at(lineStart) }, newText: `${body}\n` };
    }
    // A one-line block (`system A { kind X }`): break it open before the brace.
    const before = content.slice(0, close.offset).replace(/[ \t]+$/, '');
    return { range: { start: at(before.length), end: at(close.offset) }, newText: `\n${body}\n${base}` };
}

/** The leading whitespace of the line holding `offset`. */
function indentationAt(content: string, offset: number): string {
    const lineStart = content.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(content.slice(lineStart))![0];
}
