import * as path from 'node:path';
import type { AstNode, AstNodeDescription, IndexManager, LangiumDocument, LangiumDocuments, ReferenceInfo, Stream } from 'langium';
import { AstUtils, GrammarAST, stream, TextDocument } from 'langium';
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
import { EXCEPTION_SCENARIOS, timeZones, UCUM_UNITS } from './completion-values.js';
import { dictionaryCompletion } from './dictionary-completion.js';
import { declaredSegmentsOf } from '../model/declared-segments.js';
import { snippetNamesOf, snippetText, STATEMENT_SNIPPETS, type StatementSnippet } from './statement-snippets.js';

/** Grammar rules that only exist to let keywords double as names; their keywords are noise in completion. */
const NAME_RULES = new Set(['Word', 'FieldPath', 'MessageType', 'Code', 'Unit']);

/** What the text before the cursor says is being typed, where the grammar alone cannot tell. */
type ValueContext =
    | { kind: 'import' | 'timezone', range: Range }
    | { kind: 'unit' | 'scenario', range: Range, quoted: boolean };

/**
 * Completion that knows where it is: names visible through imports (and names from files not yet imported,
 * adding the import), keywords valid at the cursor, exception scenarios after `on`, units after `units`,
 * IANA time zones in `timezone "…"`, and the other spec files of the workspace in `import "…"`.
 */
export class InterspecCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['"', '.', '-', '^'] };
    private readonly imports: InterspecImports;
    private readonly indexManager: IndexManager;
    private readonly documents: LangiumDocuments;
    private readonly workspace: InterspecWorkspace;
    private readonly regions: RegionParser;
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
        services.shared.lsp.LanguageServer.onInitialize(params => {
            this.snippetSupport = Boolean(params.capabilities.textDocument?.completion?.completionItem?.snippetSupport);
        });
    }

    /**
     * One entry per construct: where the grammar accepts a top-level statement, its snippet replaces the bare
     * keyword (so Enter inserts the whole statement), and nowhere else is it offered.
     */
    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor) {
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
                return CompletionList.create(this.valueItems(document, value), false);
            }
            // Standards, versions, message types, field paths and codes from the HL7 v2, FHIR and DICOM dictionaries.
            const dictionary = dictionaryCompletion(document.textDocument, offset, declaredSegmentsOf(document.parseResult.value));
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
        return super.getReferenceCandidates(refInfo, context);
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
        for (const description of this.indexManager.allElements(type)) {
            const uri = description.documentUri;
            if (visible.has(uri.toString()) || this.workspace.rootOf(uri) !== root) {
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

    private valueItems(document: LangiumDocument, context: ValueContext): CompletionItem[] {
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
            case 'timezone':
                return timeZones().map(zone => ({
                    label: zone, kind: CompletionItemKind.Constant, detail: 'IANA time zone', filterText: `"${zone}`,
                    textEdit: { range: context.range, newText: `"${zone}"` }
                }));
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
    match = /\btimezone\s+("[^"]*)?$/.exec(before);
    if (match) {
        return { kind: 'timezone', range: rangeFrom(match[1] ?? '') };
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
