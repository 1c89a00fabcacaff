import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { AstUtils, CstUtils, GrammarAST, URI, type AstNode, type GrammarConfig, type LangiumDocument, type NameProvider, type References } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import {
    LSPErrorCodes, ResponseError, type AnnotatedTextEdit, type CancellationToken, type ClientCapabilities, type Position,
    type PrepareRenameParams, type Range, type RenameParams, type TextEdit, type WorkspaceEdit
} from 'vscode-languageserver';
import { isCriterion, isGate, isInterface, isModel } from '../language/generated/ast.js';
import { findEvidenceFiles } from '../evidence/evidence.js';
import type { InterspecServices } from './interspec-lsp-module.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';
import type { WorkspaceIndexes } from '../engine/workspace-indexes.js';

/** The ID terminal of the grammar: what a name may look like. */
const IDENTIFIER = /^[_a-zA-Z]\w*(-\w+)*$/;
const EVIDENCE_ANNOTATION = 'interspec.evidenceIds';

/**
 * Rename that refuses what would break the spec, with a message saying why: a new name that is not an
 * identifier (`Lab IT`), a keyword (`team`), or a name already taken in its scope (top-level names are unique per
 * workspace root; criteria, devices, metrics and deviations within their parent). Renaming a gate, a criterion
 * or an interface also finds the evidence ids (`Gate.Criterion`, `Gate.<group>.<Interface>`, `TM-<Interface>-…`)
 * that use the old name; they are offered as annotated edits the user confirms (LSP change annotations with
 * `needsConfirmation`), never applied silently, and left out for clients that cannot confirm.
 */
export class InterspecRenameProvider extends DefaultRenameProvider {
    private readonly keywords: ReadonlySet<string>;
    private readonly indexes: WorkspaceIndexes;
    private readonly workspace: InterspecWorkspace;
    private readonly refs: References;
    private readonly names: NameProvider;
    private readonly config: GrammarConfig;
    private canConfirm = false;

    constructor(services: InterspecServices) {
        super(services);
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(keyword => keyword.value).filter(value => IDENTIFIER.test(value)));
        this.indexes = services.engine.WorkspaceIndexes;
        this.workspace = services.shared.interspec.Workspace;
        this.refs = services.references.References;
        this.names = services.references.NameProvider;
        this.config = services.parser.GrammarConfig;
        services.shared.lsp.LanguageServer.onInitialize(params => {
            this.canConfirm = supportsConfirmedEdits(params.capabilities);
        });
    }

    override prepareRename(document: LangiumDocument, params: PrepareRenameParams, _token?: CancellationToken): Range | undefined {
        const range = this.renameNodeRange(document, params.position);
        if (!range) {
            throw new ResponseError(LSPErrorCodes.RequestFailed, 'Only the name of a declared element (team, system, site, interface, gate, criterion, …) can be renamed.');
        }
        return range;
    }

    override async rename(document: LangiumDocument, params: RenameParams, token?: CancellationToken): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) {
            throw new ResponseError(LSPErrorCodes.RequestFailed, 'Only the name of a declared element can be renamed.');
        }
        const oldName = this.names.getName(target) ?? '';
        const newName = params.newName;
        this.checkNewName(target, oldName, newName);
        const edit = await super.rename(document, params, token);
        if (!edit?.changes || newName === oldName) {
            return edit;
        }
        const evidence = this.canConfirm ? await this.evidenceEdits(target, oldName, newName) : [];
        if (evidence.length === 0) {
            return edit;
        }
        const byUri = new Map<string, Array<TextEdit | AnnotatedTextEdit>>(Object.entries(edit.changes));
        for (const { uri, edit: evidenceEdit } of evidence) {
            byUri.set(uri, [...byUri.get(uri) ?? [], evidenceEdit]);
        }
        return {
            documentChanges: [...byUri.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                .map(([uri, edits]) => ({ textDocument: { uri, version: null }, edits })),
            changeAnnotations: {
                [EVIDENCE_ANNOTATION]: {
                    label: `Evidence ids that use '${oldName}'`,
                    description: 'Evidence files are written by the teams; confirm each id that should follow the rename.',
                    needsConfirmation: true
                }
            }
        };
    }

    /** Throws a clear error when `newName` cannot replace `oldName` on `target`. */
    private checkNewName(target: AstNode, oldName: string, newName: string): void {
        if (!IDENTIFIER.test(newName)) {
            throw new ResponseError(LSPErrorCodes.RequestFailed, `'${newName}' is not a valid name: use letters, digits, '_' and single '-' between words, starting with a letter or '_' (e.g. LabIT, lab-it).`);
        }
        if (this.keywords.has(newName)) {
            throw new ResponseError(LSPErrorCodes.RequestFailed, `'${newName}' is a keyword of the language and cannot be a name.`);
        }
        if (newName === oldName) {
            return;
        }
        const taken = this.sameScope(target).find(other => other !== target && this.names.getName(other) === newName);
        if (taken) {
            const where = AstUtils.getDocument(taken).uri.path.split('/').pop();
            throw new ResponseError(LSPErrorCodes.RequestFailed, `'${newName}' is already the name of ${taken.$type.toLowerCase()} in ${where}; names must be unique ${isModel(target.$container) ? 'in the workspace' : `within their ${target.$container?.$type.toLowerCase()}`}.`);
        }
    }

    /** The elements whose names a rename of `target` must not collide with. */
    private sameScope(target: AstNode): AstNode[] {
        const container = target.$container;
        if (!container) {
            return [];
        }
        if (isModel(container)) {
            // The root's top-level elements, from the workspace index the rules and generators share.
            const root = this.workspace.rootOf(AstUtils.getDocument(target).uri);
            return this.indexes.indexOf(root).documents.flatMap(other => other.parseResult.value.elements ?? []);
        }
        const siblings = (container as unknown as Record<string, unknown>)[target.$containerProperty ?? ''];
        return Array.isArray(siblings) ? siblings as AstNode[] : [];
    }

    private targetAt(document: LangiumDocument, position: Position): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) {
            return undefined;
        }
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.config.nameRegexp);
        return leaf ? this.refs.findDeclarations(leaf)[0] : undefined;
    }

    /** Annotated edits of the evidence ids of the target's workspace root that still use the old name. */
    private async evidenceEdits(target: AstNode, oldName: string, newName: string): Promise<Array<{ uri: string, edit: AnnotatedTextEdit }>> {
        const rewrite = idRewriter(target, oldName, newName);
        if (!rewrite) {
            return [];
        }
        const root = this.workspace.rootOf(AstUtils.getDocument(target).uri);
        const result: Array<{ uri: string, edit: AnnotatedTextEdit }> = [];
        for (const file of await findEvidenceFiles(root)) {
            let text: string;
            try {
                text = readFileSync(file, 'utf8');
            } catch {
                continue;
            }
            const uri = URI.parse(pathToFileURL(file).href).toString();
            for (const match of text.matchAll(/^([ \t]*(?:-[ \t]+)?id:[ \t]*["']?)([^"'\s#]+)/gm)) {
                const next = rewrite(match[2]);
                if (next !== undefined && next !== match[2]) {
                    const start = match.index! + match[1].length;
                    result.push({ uri, edit: { range: { start: positionAt(text, start), end: positionAt(text, start + match[2].length) }, newText: next, annotationId: EVIDENCE_ANNOTATION } });
                }
            }
        }
        return result;
    }
}

/** How an evidence id changes when the target is renamed, or undefined when the target's kind is not in ids. */
function idRewriter(target: AstNode, oldName: string, newName: string): ((id: string) => string | undefined) | undefined {
    if (isGate(target)) {
        return id => {
            const parts = id.split('.');
            return parts.length > 1 && parts[0] === oldName ? [newName, ...parts.slice(1)].join('.') : undefined;
        };
    }
    if (isCriterion(target) && isGate(target.$container)) {
        const gate = target.$container.name;
        return id => {
            const parts = id.split('.');
            return parts.length === 2 && parts[0] === gate && parts[1] === oldName ? `${gate}.${newName}` : undefined;
        };
    }
    if (isInterface(target)) {
        return id => {
            if (id.startsWith(`TM-${oldName}-`)) {
                return `TM-${newName}-${id.slice(`TM-${oldName}-`.length)}`;
            }
            const parts = id.split('.');
            return parts.length === 3 && parts[2] === oldName ? [parts[0], parts[1], newName].join('.') : undefined;
        };
    }
    return undefined;
}

function supportsConfirmedEdits(capabilities: ClientCapabilities): boolean {
    const edit = capabilities.workspace?.workspaceEdit;
    return Boolean(edit?.documentChanges && edit.changeAnnotationSupport);
}

function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
