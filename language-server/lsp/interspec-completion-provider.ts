import * as path from 'node:path';
import type { AstNode, AstNodeDescription, IndexManager, LangiumDocument, LangiumDocuments, Reference, ReferenceInfo, Stream } from 'langium';
import { AstUtils, GrammarAST, isReference, stream, TextDocument } from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionBacktrackingInformation, type CompletionContext, type CompletionProviderOptions, type NextFeature
} from 'langium/lsp';
import { CompletionItemKind, CompletionList, InsertTextFormat, type CompletionItem, type CompletionParams, type Range, type TextEdit } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import type { InterspecImports } from '../language/interspec-imports.js';
import type { InterspecServices } from './interspec-lsp-module.js';
import { isInDocument } from '../language/interspec-references.js';
import { isInComment } from './comment-at.js';
import { relativeImportPath } from '../language/interspec-paths.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';
import type { RegionParser } from '../language/region-parser.js';
import { EXCEPTION_SCENARIOS, UCUM_UNITS } from './completion-values.js';
import { dictionaryCompletion } from './dictionary-completion.js';
import { declaredSegmentsOf } from '../model/declared-segments.js';
import { snippetNamesOf, snippetText, STATEMENT_SNIPPETS, type StatementSnippet } from './statement-snippets.js';
import type { WorkspaceIndexes } from '../engine/workspace-indexes.js';
import type { WorkspaceIndex } from '../model/workspace-index.js';
import { receiverStandard } from './mapping-target-standard.js';
import { mappingOption, mappingOptionItem, mappingTargetOnLine, targetKind } from './mapping-options.js';
import { zoneItems } from './time-zone-completion.js';
import { dutyItems } from './duty-completion.js';
import { interfaceContextAt } from './dictionary-context.js';

/** Grammar rules that only exist to let keywords double as names; their keywords are noise in completion. */
const NAME_RULES = new Set(['Word', 'FieldPath', 'MessageType', 'Code', 'Unit']);

/** What the text before the cursor says is being typed, where the grammar alone cannot tell. */
type ValueContext =
    | { kind: 'import', range: Range }
    | { kind: 'timezone', range: Range, quoted: boolean, mapping: boolean }
    | { kind: 'duty', range: Range, listed: string[], element: 'role' | 'data' }
    | { kind: 'unit' | 'scenario', range: Range, quoted: boolean };

/**
 * Completion that knows where it is: names visible through imports (and names from files not yet imported,
 * adding the import; in a list, not those already listed), keywords valid at the cursor (after a mapping's target
 * its options, described), exception scenarios after `on`, units after `units`, after `timezone` a mapping's
 * `site` and the zones of the interface's sites before the other IANA zones, the workspace's duties after `duties`,
 * and the other spec files of the workspace in `import "…"`. The dictionaries add the rest (dictionary-completion.ts).
 */
export class InterspecCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['"', '.', '-', '^'] };
    private readonly imports: InterspecImports;
    private readonly indexManager: IndexManager;
    private readonly documents: LangiumDocuments;
    private readonly workspace: InterspecWorkspace;
    private readonly regions: RegionParser;
    private readonly indexes: WorkspaceIndexes;
    /** Per text being completed, the offset of its parse's first lexer or parser error (Infinity if none). */
    private readonly errorOffsets = new Map<string, number>();
    /** Whether the client can insert snippets (`completionItem.snippetSupport`); else bare keywords are offered. */
    private snippetSupport = false;

    constructor(services: InterspecServices) {
        super(services);
        this.imports = services.imports;
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.workspace = services.shared.interspec.Workspace;
        this.regions = services.regions;
        this.indexes = services.engine.WorkspaceIndexes;
        services.shared.lsp.LanguageServer.onInitialize(params => {
            this.snippetSupport = Boolean(params.capabilities.textDocument?.completion?.completionItem?.snippetSupport);
        });
    }

    /**
     * One entry per construct: where the grammar accepts a top-level statement, its snippet replaces the bare
     * keyword (so Enter inserts the whole statement), and nowhere else is it offered.
     */
    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor) {
        // After a mapping's target: its options, described; a new statement (`when`, `suppress <rule>`) starts on a new line.
        const text = context.textDocument.getText();
        const target = mappingTargetOnLine(text.slice(text.lastIndexOf('\n', context.offset - 1) + 1, context.offset));
        if (target !== undefined) {
            const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
            const option = rule === 'Mapping' ? mappingOption(keyword.value) : undefined;
            if (option) {
                if (this.filterKeyword(context, keyword)) acceptor(context, mappingOptionItem(option, targetKind(target), this.snippetSupport));
                return;
            }
            if (rule === 'Message' || rule === 'MappingGroup' || rule === 'Suppression') return;
        }
        const snippet = this.snippetSupport ? statementSnippet(keyword) : undefined;
        const insertText = snippet && snippetText(snippet, snippetNamesOf(context.document, {
            indexManager: this.indexManager, imports: this.imports, workspace: this.workspace, documents: this.documents
        }));
        if (!snippet || !insertText || !this.filterKeyword(context, keyword)) {
            return super.completionForKeyword(context, keyword, acceptor);
        }
        acceptor(context, {
            label: snippet.keyword,
            kind: CompletionItemKind.Snippet,
            detail: `${snippet.keyword} statement`,
            documentation: snippet.description,
            insertText,
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: '1'
        });
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        // While this request runs, its text may be read from the region at the cursor (see regionAt).
        const errorAt = firstErrorOffset(document, text);
        this.errorOffsets.set(text, errorAt);
        try {
            // Inside a comment nothing is proposed (Langium would read the commented-out text as statements).
            const region = this.regionAt(text, offset);
            if (isInComment(text.slice(region.start, offset), offset - region.start)) {
                return CompletionList.create([], false);
            }
            const value = findValueContext(document, params);
            if (value) {
                return CompletionList.create(this.valueItems(document, value, offset), false);
            }
            // Standards, versions, message types, field paths and codes from the HL7 v2, FHIR and DICOM dictionaries.
            const dictionary = dictionaryCompletion(document.textDocument, offset, {
                segments: declaredSegmentsOf(document.parseResult.value),
                receiverStandard: (system, except) => receiverStandard(this.indexOf(document), system, except)
            });
            if (dictionary && !dictionary.merge) {
                return CompletionList.create(dictionary.items, dictionary.incomplete ?? false);
            }
            const grammar = await super.getCompletion(document, params);
            if (!dictionary || dictionary.items.length === 0) {
                return grammar;
            }
            return CompletionList.create([...dictionary.items, ...(grammar?.items ?? [])], (dictionary.incomplete ?? false) || (grammar?.isIncomplete ?? false));
        } finally {
            if (this.errorOffsets.get(text) === errorAt) this.errorOffsets.delete(text);
        }
    }

    /**
     * The part of `text` that completion at `offset` reads: the region the cursor is in (RegionParser.regionAround)
     * when everything before that region parsed without an error, so that the parser is at the top level where the
     * region starts and reading the region gives what reading the whole text before the cursor gives, in the time of
     * one element instead of the file (380 ms at the end of a 10,000-line file). Otherwise (an error before the
     * region, an import after an element, a text this request did not parse) the whole text, as Langium reads it.
     */
    private regionAt(text: string, offset: number): { start: number, end: number } {
        const errorAt = this.errorOffsets.get(text);
        const region = errorAt === undefined ? undefined : this.regions.regionAround(text, offset);
        return region && region.start < errorAt! ? region : { start: 0, end: text.length };
    }

    /** What the grammar accepts at `offset`, from the text of the region at the cursor (see regionAt). */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const text = document.getText();
        const { start } = this.regionAt(text, offset);
        if (start === 0) {
            return super.findFeaturesAt(document, offset);
        }
        return super.findFeaturesAt(TextDocument.create(document.uri, document.languageId, document.version, text.slice(start, offset)), offset - start);
    }

    /** The tokens around `offset`, lexed from the region at the cursor (see regionAt). */
    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const { start, end } = this.regionAt(text, offset);
        if (start === 0 && end === text.length) {
            return super.backtrackToAnyToken(text, offset);
        }
        const found = super.backtrackToAnyToken(text.slice(start, end), offset - start);
        const shift = (at: number | undefined) => at === undefined ? undefined : at + start;
        return {
            nextTokenStart: found.nextTokenStart + start,
            nextTokenEnd: found.nextTokenEnd + start,
            previousTokenStart: shift(found.previousTokenStart),
            previousTokenEnd: shift(found.previousTokenEnd)
        };
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        return !(rule && NAME_RULES.has(rule.name)) && super.filterKeyword(context, keyword);
    }

    /**
     * No candidates where the reference cannot be asked about: Langium may propose a reference that the node at the
     * cursor cannot hold (its grammar context and the parsed tree disagree after recovery), or one of a node that a
     * repeated statement left outside the tree. Asking the scope there throws, and Langium logs it.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const holds = this.astReflection.getTypeMetaData(refInfo.container.$type)?.properties[refInfo.property]?.referenceType !== undefined;
        if (!holds || !isInDocument(refInfo.container)) {
            return stream([]);
        }
        const listed = listedNames(refInfo.container, refInfo.property, context.offset);
        return super.getReferenceCandidates(refInfo, context).filter(description => !listed.has(description.name));
    }

    protected override async completionForCrossReference(context: CompletionContext, next: NextFeature<GrammarAST.CrossReference>, acceptor: CompletionAcceptor): Promise<void> {
        await super.completionForCrossReference(context, next, acceptor);
        const type = next.feature.type.ref?.name;
        if (!type) {
            return;
        }
        // Names declared in files of the same root that this file does not import yet: offer them with the import.
        const visible = this.imports.visibleUris(context.document);
        const root = this.workspace.rootOf(context.document.uri);
        const listed = context.node && next.property ? listedNames(context.node, next.property, context.offset) : new Set<string>();
        for (const description of this.indexManager.allElements(type)) {
            const uri = description.documentUri;
            if (visible.has(uri.toString()) || this.workspace.rootOf(uri) !== root || listed.has(description.name)) {
                continue;
            }
            const importPath = relativeImportPath(context.document.uri, uri);
            acceptor(context, {
                label: description.name,
                kind: this.nodeKindProvider.getCompletionItemKind(description),
                detail: `${description.type} in ${importPath} (adds the import)`,
                labelDetails: { description: `import "${importPath}"` },
                sortText: '2' + description.name,
                additionalTextEdits: [this.importEdit(context.document, importPath)]
            });
        }
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext) {
        return { ...super.createReferenceCompletionItem(description, refInfo, context), sortText: '0' + description.name };
    }

    /** `import "path"` on the line after the last import, or at the top of the file. */
    private importEdit(document: LangiumDocument, importPath: string): TextEdit {
        const imports = (document.parseResult.value as Model).imports ?? [];
        const last = imports[imports.length - 1]?.$cstNode;
        const line = last ? last.range.end.line + 1 : 0;
        return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `import "${importPath}"\n` };
    }

    /** The workspace index of the document's root. */
    private indexOf(document: LangiumDocument): WorkspaceIndex {
        return this.indexes.indexOf(this.workspace.rootOf(document.uri));
    }

    private valueItems(document: LangiumDocument, context: ValueContext, offset: number): CompletionItem[] {
        switch (context.kind) {
            case 'scenario':
                return EXCEPTION_SCENARIOS.map((scenario, index) => ({
                    label: scenario.name, kind: CompletionItemKind.EnumMember, detail: 'exception scenario',
                    documentation: scenario.detail, sortText: String(index).padStart(2, '0'),
                    textEdit: { range: context.range, newText: scenario.name }
                }));
            case 'unit':
                return UCUM_UNITS.map((unit, index) => {
                    const bare = /^[_a-zA-Z]\w*$/.test(unit) && !context.quoted;
                    return {
                        label: unit, kind: CompletionItemKind.Unit, detail: unit === 'UCUM' ? 'any UCUM unit' : 'UCUM unit',
                        sortText: String(index).padStart(3, '0'), filterText: context.quoted ? `"${unit}` : unit,
                        textEdit: { range: context.range, newText: bare ? unit : `"${unit}"` }
                    };
                });
            case 'timezone': {
                const name = interfaceContextAt(document.textDocument.getText(), offset)?.name;
                return zoneItems(this.indexOf(document), { ...context, interfaceName: context.mapping ? name : undefined });
            }
            case 'duty':
                return dutyItems(this.indexOf(document), context);
            case 'import':
                return this.importCandidates(document).map(candidate => ({
                    label: candidate, kind: CompletionItemKind.File, detail: 'spec file', filterText: `"${candidate}`,
                    textEdit: { range: context.range, newText: `"${candidate}"` }
                }));
        }
    }

    /** Spec files of the same workspace root, relative to the document, that it does not import yet. */
    private importCandidates(document: LangiumDocument): string[] {
        const root = this.workspace.rootOf(document.uri);
        const direct = new Set(this.imports.directImports(document).map(imported => imported.uri.toString()));
        return this.documents.all
            .filter(other => other.uri.toString() !== document.uri.toString() && !direct.has(other.uri.toString())
                && path.extname(other.uri.path) === '.ispec' && this.workspace.rootOf(other.uri) === root)
            .map(other => relativeImportPath(document.uri, other.uri))
            .toArray()
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    }
}

/** The snippet of the statement this keyword starts (its rule's first element), if it has one. */
function statementSnippet(keyword: GrammarAST.Keyword): StatementSnippet | undefined {
    const group: AstNode | undefined = keyword.$container;
    const rule = GrammarAST.isGroup(group) && group.elements[0] === keyword ? group.$container : undefined;
    return rule && GrammarAST.isParserRule(rule) ? STATEMENT_SNIPPETS.find(s => s.rule === rule.name && s.keyword === keyword.value) : undefined;
}

/**
 * Reads the line up to the cursor. The range returned covers what the completion replaces: the partly typed
 * value, from its opening quote if any, through a closing quote an editor may have auto-inserted.
 */
function findValueContext(document: LangiumDocument, params: CompletionParams): ValueContext | undefined {
    const text = document.textDocument.getText();
    const offset = document.textDocument.offsetAt(params.position);
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    // Nothing to offer inside a comment (strings may contain slashes, so they are blanked first).
    if (/\/\/|\/\*/.test(before.replace(/"(\\.|[^"\\])*"/g, '""'))) {
        return undefined;
    }
    const rangeFrom = (typed: string): Range => {
        const end = text[offset] === '"' && typed.startsWith('"') ? offset + 1 : offset;
        return { start: document.textDocument.positionAt(offset - typed.length), end: document.textDocument.positionAt(end) };
    };
    let match = /^\s*import\s+("[^"]*)?$/.exec(before);
    if (match) {
        return { kind: 'import', range: rangeFrom(match[1] ?? '') };
    }
    // A mapping's `timezone` takes `site` or a zone; a site's only a zone. A bare word typed may start either.
    match = /\btimezone\s+("[^"]*|[\w/+-]*)$/.exec(before);
    if (match) {
        const mapping = /->/.test(before) && interfaceContextAt(text, offset)?.messageType !== undefined;
        return { kind: 'timezone', range: rangeFrom(match[1]), quoted: match[1].startsWith('"'), mapping };
    }
    match = /(?:^|\s)duties\s+((?:[\w-]+\s*,\s*)*)([\w-]*)$/.exec(before);
    const element = match ? enclosingElementKeyword(text, offset) : undefined;
    if (match && (element === 'role' || element === 'data')) {
        return { kind: 'duty', range: rangeFrom(match[2]), listed: match[1].split(',').map(duty => duty.trim()).filter(Boolean), element };
    }
    match = /\bunits\s+(?:(?:"[^"]*"|[\w./*[\]{}%]+)\s*->\s*)?("[^"]*|[\w./*[\]{}%]*)$/.exec(before);
    if (match) {
        return { kind: 'unit', range: rangeFrom(match[1]), quoted: match[1].startsWith('"') };
    }
    match = /^\s*on\s+([\w-]*)$/.exec(before);
    if (match && isInsideInterface(document, offset)) {
        return { kind: 'scenario', range: rangeFrom(match[1]), quoted: false };
    }
    return undefined;
}

/** The keyword of the top-level element at `offset`: of the last line up to it that starts at column 0 with a word. */
function enclosingElementKeyword(text: string, offset: number): string | undefined {
    let found: string | undefined;
    for (const match of text.slice(0, offset).matchAll(/^([a-z][\w-]*)\b/gm)) found = match[1];
    return found;
}

/**
 * The names a list of references already holds (`notify Ops, |`), which completion does not offer again; the
 * reference at the cursor (being completed) is not counted.
 */
function listedNames(container: AstNode, property: string, offset: number): Set<string> {
    const value = (container as unknown as Record<string, unknown>)[property];
    if (!Array.isArray(value)) return new Set();
    return new Set(value.filter((reference): reference is Reference => isReference(reference))
        .filter(reference => !reference.$refNode || offset < reference.$refNode.offset || offset > reference.$refNode.end)
        .map(reference => reference.$refText));
}

/** Whether the offset lies inside an `interface … { }` block (exception handlers live only there). */
function isInsideInterface(document: LangiumDocument, offset: number): boolean {
    const model = document.parseResult.value as Model;
    return (model.elements ?? []).some(element => element.$type === 'Interface' && element.$cstNode
        && element.$cstNode.offset < offset && offset <= element.$cstNode.end);
}

/**
 * The offset (UTF-16) of the first lexer or parser error of the document's parse, Infinity when it has none, and 0
 * when the parse is not of `text` (the document changed since): then nothing before the cursor is known to be clean.
 */
function firstErrorOffset(document: LangiumDocument, text: string): number {
    const { parseResult } = document;
    if ((parseResult.value?.$cstNode as { fullText?: string } | undefined)?.fullText !== text) {
        return 0;
    }
    let first = Number.POSITIVE_INFINITY;
    for (const error of parseResult.lexerErrors) first = Math.min(first, error.offset);
    // The end-of-input token has no offset: an error there comes after everything.
    for (const error of parseResult.parserErrors) first = Math.min(first, Number.isNaN(error.token.startOffset) ? text.length : error.token.startOffset);
    return first;
}
