import { AstUtils, CstUtils, URI, type AstNode, type IndexManager, type LangiumDocument, type LangiumDocuments, type ReferenceInfo } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import type { InterspecImports } from '../language/interspec-imports.js';
import { relativeImportPath } from '../language/interspec-paths.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';
import type { InterspecServices } from './interspec-lsp-module.js';

/** The element kinds a "declare it" fix writes, keyed by AST type: keyword and the least text that parses. */
const DECLARATIONS: Record<string, { keyword: string, label: string, text: (name: string) => string }> = {
    Team: { keyword: 'team', label: 'team', text: name => `team ${name}` },
    Role: { keyword: 'role', label: 'role', text: name => `role ${name}` },
    System: { keyword: 'system', label: 'system', text: name => `system ${name} { }` },
    Site: { keyword: 'site', label: 'site', text: name => `site ${name} { }` },
    Data: { keyword: 'data', label: 'data set', text: name => `data ${name} { }` },
    CodeTable: { keyword: 'codetable', label: 'code table', text: name => `codetable ${name} { }` }
};

/** The kinds a reference of each type may be declared as, in the order offered (`owner X`: a team, or a role). */
const KINDS_OF: Record<string, string[]> = {
    Party: ['Team', 'Role'], Team: ['Team'], Role: ['Role'], System: ['System'], Site: ['Site'], Data: ['Data'], CodeTable: ['CodeTable']
};

/** Where a kind goes when the workspace has none of it yet: roles beside the teams, teams beside the roles. */
const NEIGHBOUR: Record<string, string> = { Role: 'Team', Team: 'Role' };

/**
 * "Declare it" quick fixes for an unresolved name that no file of the workspace root declares: the least
 * declaration that parses (`team LabIT`, `system LIS { }`; the rules then ask for what the element still lacks, each
 * with its own fix), written after the last element of its kind in the file where the workspace keeps that kind
 * (the file that declares most of them; the current file if none does), plus `import "<that file>"` in the current
 * file when it does not see that file yet. When importing it would close an import cycle (that file imports this
 * one), the declaration goes into the current file instead.
 */
export class DeclareElementFixes {
    private readonly indexManager: IndexManager;
    private readonly documents: LangiumDocuments;
    private readonly workspace: InterspecWorkspace;
    private readonly imports: InterspecImports;
    private readonly services: InterspecServices;

    constructor(services: InterspecServices) {
        this.services = services;
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.workspace = services.shared.interspec.Workspace;
        this.imports = services.imports;
    }

    /** The fixes for one unresolved-reference diagnostic of `document`; empty when the name is declared somewhere. */
    actions(document: LangiumDocument<Model>, diagnostic: Diagnostic): CodeAction[] {
        const reference = this.referenceAt(document, diagnostic);
        const name = reference?.reference.$refText;
        if (!reference || !name || !/^[_a-zA-Z]\w*(-\w+)*$/.test(name) || this.declaredInRoot(document.uri, name)) {
            return [];
        }
        const referenceType = this.services.shared.AstReflection.getReferenceType(reference);
        return (KINDS_OF[referenceType] ?? []).map(kind => this.declare(document, diagnostic, kind, name));
    }

    private declare(document: LangiumDocument<Model>, diagnostic: Diagnostic, kind: string, name: string): CodeAction {
        const declaration = DECLARATIONS[kind];
        let home = this.homeOf(document, kind) ?? (NEIGHBOUR[kind] ? this.homeOf(document, NEIGHBOUR[kind]) : undefined) ?? document;
        if (home !== document && this.imports.visibleUris(home).has(document.uri.toString())) {
            home = document; // the home file imports this one: importing it back would be a cycle
        }
        const changes: Record<string, TextEdit[]> = { [home.textDocument.uri]: [insertDeclaration(home, kind, declaration.text(name))] };
        const importPath = home === document ? undefined : relativeImportPath(document.uri, home.uri);
        if (importPath !== undefined && !this.imports.visibleUris(document).has(home.uri.toString())) {
            changes[document.textDocument.uri] = [importEdit(document, importPath)];
        }
        const where = home === document ? 'in this file' : `in ${importPath}`;
        return {
            title: `Declare ${declaration.label} '${name}' ${where}${changes[document.textDocument.uri] && home !== document ? ' and import it' : ''}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes }
        };
    }

    /** The unresolved reference the diagnostic is on. */
    private referenceAt(document: LangiumDocument<Model>, diagnostic: Diagnostic): ReferenceInfo | undefined {
        const root = document.parseResult.value.$cstNode;
        const offset = document.textDocument.offsetAt(diagnostic.range.start);
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, offset);
        for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
            const found = AstUtils.streamReferences(node).find(info => info.reference.$refNode?.offset === offset);
            if (found) {
                return found;
            }
        }
        return undefined;
    }

    /** Whether any element of the root (of any kind) has that name: declaring another would be a duplicate. */
    private declaredInRoot(uri: URI, name: string): boolean {
        const root = this.workspace.rootOf(uri);
        return this.indexManager.allElements().some(d => d.name === name && this.workspace.rootOf(d.documentUri) === root);
    }

    /** The file of the root that declares most elements of the kind (the first by path of those tied); undefined if none does. */
    private homeOf(document: LangiumDocument, kind: string): LangiumDocument<Model> | undefined {
        const root = this.workspace.rootOf(document.uri);
        const counts = new Map<string, { uri: URI, count: number }>();
        for (const description of this.indexManager.allElements(kind)) {
            if (description.type !== kind || this.workspace.rootOf(description.documentUri) !== root) {
                continue;
            }
            const key = description.documentUri.toString();
            const entry = counts.get(key) ?? { uri: description.documentUri, count: 0 };
            entry.count++;
            counts.set(key, entry);
        }
        const best = [...counts.values()].sort((a, b) => b.count - a.count || (a.uri.fsPath < b.uri.fsPath ? -1 : a.uri.fsPath > b.uri.fsPath ? 1 : 0))[0];
        return best && this.documents.getDocument(URI.parse(best.uri.toString())) as LangiumDocument<Model> | undefined;
    }
}

/**
 * The declaration after the last element of its kind in the file (on the next line when that element is one line,
 * after a blank line when it is a block), else at the end of the file after a blank line.
 */
function insertDeclaration(document: LangiumDocument<Model>, kind: string, text: string): TextEdit {
    const content = document.textDocument.getText();
    const last = [...document.parseResult.value.elements].reverse().find(element => element.$type === kind)?.$cstNode;
    if (last) {
        const at = document.textDocument.positionAt(last.end);
        const oneLine = last.range.start.line === last.range.end.line;
        return { range: { start: at, end: at }, newText: `${oneLine ? '\n' : '\n\n'}${text}` };
    }
    const end = document.textDocument.positionAt(content.length);
    const separator = content.trim() === '' ? '' : content.endsWith('\n\n') ? '' : content.endsWith('\n') ? '\n' : '\n\n';
    return { range: { start: end, end }, newText: `${separator}${text}\n` };
}

/** `import "<path>"` after the file's last import, or on its first line. */
export function importEdit(document: LangiumDocument<Model>, importPath: string): TextEdit {
    const imports = document.parseResult.value.imports;
    const last = imports[imports.length - 1]?.$cstNode;
    const position = last ? document.textDocument.positionAt(last.end) : { line: 0, character: 0 };
    return { range: { start: position, end: position }, newText: last ? `\nimport "${importPath}"` : `import "${importPath}"\n` };
}
