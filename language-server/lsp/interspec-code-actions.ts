import { CstUtils, GrammarUtils, URI, type AstNode, type AstNodeLocator, type IndexManager, type LangiumDocument, type LangiumDocuments, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import type { InterspecServices } from './interspec-lsp-module.js';
import { firstDeclaration } from '../language/first-declaration.js';
import { relativeImportPath } from '../language/interspec-paths.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';
import type { RuleDiagnosticData, RuleFixData } from '../engine/rule-runner.js';
import { DeclareElementFixes, importEdit } from './declare-element.js';

const INDENT = '    ';

/**
 * Quick fixes: the mechanical fix a rule describes in its diagnostic (`data.fix`, preferred, and `data.fixes`, choices
 * for the architect: placeholders to fill, never invented facts, never a name that does not resolve), the missing
 * import for a name declared in a file this one does not import, and "declare it" for a name nobody declares.
 */
export class InterspecCodeActionProvider implements CodeActionProvider {
    private readonly locator: AstNodeLocator;
    private readonly indexManager: IndexManager;
    private readonly workspace: InterspecWorkspace;
    private readonly documents: LangiumDocuments;
    private readonly declare: DeclareElementFixes;

    constructor(services: InterspecServices) {
        this.locator = services.workspace.AstNodeLocator;
        this.indexManager = services.shared.workspace.IndexManager;
        this.workspace = services.shared.interspec.Workspace;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.declare = new DeclareElementFixes(services);
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const data = diagnostic.data as (RuleDiagnosticData & { code?: string }) | undefined;
            const model = document as LangiumDocument<Model>;
            if (data?.fix && typeof data.fix.target === 'string') {
                const action = this.ruleFix(model, diagnostic, data.fix, true);
                if (action) actions.push(action);
            }
            for (const fix of Array.isArray(data?.fixes) ? data.fixes.filter(fix => typeof fix.target === 'string') : []) {
                const action = this.ruleFix(model, diagnostic, fix, false);
                if (action) actions.push(action);
            }
            if (data?.code === 'linking-error') {
                const addImport = this.addImport(model, diagnostic);
                actions.push(...addImport ? [addImport] : this.declare.actions(model, diagnostic));
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

    private ruleFix(document: LangiumDocument<Model>, diagnostic: Diagnostic, fix: RuleFixData, preferred: boolean): CodeAction | undefined {
        const home = fix.uri === undefined ? document : this.documents.getDocument(URI.parse(fix.uri)) as LangiumDocument<Model> | undefined;
        const target = home && this.targetOf(home, fix);
        const edit = target && fixEdit(home, target, fix);
        if (!edit) {
            return undefined;
        }
        return {
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            ...preferred ? { isPreferred: true } : {},
            edit: { changes: { [home.textDocument.uri]: [edit] } }
        };
    }

    /**
     * The node a fix applies to. A target in another document is also found by name: the finding may have been kept
     * from an earlier state of that document, where its path was another.
     */
    private targetOf(home: LangiumDocument<Model>, fix: RuleFixData): AstNode | undefined {
        const byPath = this.locator.getAstNode(home.parseResult.value, fix.target);
        if (fix.name === undefined || (byPath as { name?: string } | undefined)?.name === fix.name) {
            return byPath;
        }
        return home.parseResult.value.elements.find(element => (element as { name?: string }).name === fix.name);
    }

    /** `import "<file>"` for an unresolved name that a file of the same workspace root declares. */
    private addImport(document: LangiumDocument<Model>, diagnostic: Diagnostic): CodeAction | undefined {
        const name = document.textDocument.getText(diagnostic.range);
        const declared = firstDeclaration(this.indexManager, this.workspace, document.uri, name);
        if (!declared) {
            return undefined;
        }
        const importPath = relativeImportPath(document.uri, declared.documentUri);
        return {
            title: `Add import "${importPath}"`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.textDocument.uri]: [importEdit(document, importPath)] } }
        };
    }
}

/** The text edit that applies a rule's fix to its target node (of `document`). */
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
    if (fix.append) {
        const values = GrammarUtils.findNodesForProperty(cst, fix.append.property);
        const last = values[values.length - 1];
        return last ? { range: { start: at(last.end), end: at(last.end) }, newText: fix.append.text } : undefined;
    }
    if (fix.remove) {
        // The value and the comma before it (after it, for the first), so that the list stays a list.
        const values = GrammarUtils.findNodesForProperty(cst, fix.remove.property);
        const { index } = fix.remove;
        const value = values[index];
        if (!value || values.length < 2) {
            return undefined;
        }
        return index > 0
            ? { range: { start: at(values[index - 1].end), end: at(value.end) }, newText: '' }
            : { range: { start: at(value.offset), end: at(values[1].offset) }, newText: '' };
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
