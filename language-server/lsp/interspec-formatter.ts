import { AstUtils, CstUtils, DocumentState, GrammarAST, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode, type RootCstNode } from 'langium';
import { AbstractFormatter, type LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { isAnalyteUnit, isCodeMap, isMapping, type Model } from '../language/generated/ast.js';
import type { InterspecServices } from './interspec-lsp-module.js';

/**
 * Formats a spec the way the examples are written:
 * - one statement per line, blocks indented by one level (4 spaces by default), `}` on its own line;
 * - at most one blank line kept between statements, none before `}`;
 * - single spaces between the words of a statement, none before `,`;
 * - at least one space around `->` in mappings and before their options (more is kept: authors align columns);
 * - comments kept where they are, re-indented when on their own line;
 * - a statement the author wrapped stays wrapped, its continuation lines one level deeper;
 * - multi-line code maps keep their own layout (authors align them as tables).
 *
 * Only the white space between tokens changes, so the AST never does, and formatting twice gives the same text.
 * The rules depend on the gap between two tokens and the statement structure read from the grammar, so this
 * formatter computes each gap directly instead of going through Langium's region API (whose indentation follows
 * CST nesting, which does not match blocks such as `baseline { … }` opened by a keyword of the parent).
 */
export class InterspecFormatter extends AbstractFormatter {
    /** Grammar elements that begin a statement inside a `{ … }` block. */
    private readonly statementStarts = new Set<GrammarAST.AbstractElement>();

    private readonly shared: LangiumSharedServices;

    constructor(services: InterspecServices) {
        super();
        this.shared = services.shared;
        for (const node of AstUtils.streamAllContents(services.Grammar)) {
            if ((GrammarAST.isAlternatives(node) || GrammarAST.isGroup(node)) && node.cardinality === '*' && isBlockBody(node)) {
                const alternatives = GrammarAST.isAlternatives(node) ? node.elements : [node];
                for (const alternative of alternatives) {
                    const first = GrammarAST.isGroup(alternative) ? alternative.elements[0] : alternative;
                    this.statementStarts.add(first);
                    if (GrammarAST.isAssignment(first)) {
                        this.statementStarts.add(first.terminal);
                    }
                }
            } else if (GrammarAST.isAssignment(node) && node.cardinality === '*' && isBlockBody(node)) {
                // `{ entries+=AnalyteUnit* }`, `when … { mappings+=Mapping* }`: each item is a statement.
                this.statementStarts.add(node);
                this.statementStarts.add(node.terminal);
            }
        }
    }

    override async formatDocument(document: LangiumDocument, params: DocumentFormattingParams, token?: CancellationToken): Promise<TextEdit[]> {
        return super.formatDocument(await this.current(document, token), params);
    }

    override async formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams, token?: CancellationToken): Promise<TextEdit[]> {
        return super.formatDocumentRange(await this.current(document, token), params);
    }

    /**
     * The document as parsed from the editor's current text. An edit's rebuild can wait behind a running build
     * (e.g. the whole workspace re-validated), and edits computed from the previous parse would be applied to the new
     * text; so wait (bounded) until the parse has caught up with the text the editor holds.
     */
    private async current(document: LangiumDocument, token?: CancellationToken): Promise<LangiumDocument> {
        const uri = document.uri.toString();
        const deadline = Date.now() + 10_000;
        for (;;) {
            const latest = this.shared.workspace.LangiumDocuments.getDocument(document.uri) ?? document;
            const synced = this.shared.workspace.TextDocuments?.get(uri);
            // The root CST node keeps the text it was parsed from; the text document is the live one.
            const parsedText = (latest.parseResult?.value?.$cstNode as RootCstNode | undefined)?.fullText;
            const parsed = latest.state >= DocumentState.Parsed && (parsedText === undefined || parsedText === (synced ?? latest.textDocument).getText());
            if (parsed || Date.now() > deadline || token?.isCancellationRequested) {
                return latest;
            }
            await new Promise(resolve => setTimeout(resolve, 20));
        }
    }

    protected override format(_node: AstNode): void {
        // Not used: doDocumentFormat computes every gap itself (see the class comment).
    }

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        const root = document.parseResult.value.$cstNode;
        if (!root) {
            return [];
        }
        const text = document.textDocument.getText();
        const unit = options.insertSpaces === false ? '\t' : ' '.repeat(options.tabSize || 4);
        const eol = lineEnding(text);
        const starts = this.findStatementStarts(document);
        const leaves = CstUtils.flattenCst(root).toArray();
        const edits: TextEdit[] = [];
        const blockBraces: CstNode[] = [];
        let previous: LeafCstNode | undefined;
        for (const leaf of leaves) {
            if (isBlockBrace(leaf, '}')) {
                blockBraces.pop();
            }
            const depth = blockBraces.length;
            const gapStart = previous ? previous.end : 0;
            const gap = text.slice(gapStart, leaf.offset);
            const wanted = this.gapFor(previous, leaf, gap, depth, unit, starts, eol);
            if (wanted !== gap) {
                edits.push({ range: { start: document.textDocument.positionAt(gapStart), end: document.textDocument.positionAt(leaf.offset) }, newText: wanted });
            }
            if (isBlockBrace(leaf, '{')) {
                blockBraces.push(leaf);
            }
            previous = leaf;
        }
        const tail = text.slice(previous?.end ?? 0);
        if (previous && tail !== eol) {
            edits.push({ range: { start: document.textDocument.positionAt(previous.end), end: document.textDocument.positionAt(text.length) }, newText: eol });
        }
        return range ? edits.filter(edit => insideRange(edit.range, range)) : edits;
    }

    /** The white space that belongs between `previous` and `next`. */
    private gapFor(previous: LeafCstNode | undefined, next: LeafCstNode, gap: string, depth: number, unit: string, starts: Set<CstNode>, eol: string): string {
        const newlines = (gap.match(/\n/g) ?? []).length;
        const lines = (count: number, level: number) => eol.repeat(count) + unit.repeat(Math.max(0, level));
        if (!previous) {
            return '';
        }
        if (insideValue(previous, next)) {
            return gap;
        }
        const codeMap = AstUtils.getContainerOfType(next.astNode, isCodeMap);
        if (next.hidden) {
            if (codeMap && newlines > 0) {
                return gap;
            }
            return newlines > 0 ? lines(Math.min(newlines, 2), depth) : gap.length > 0 ? gap : ' ';
        }
        if (isBlockBrace(next, '}')) {
            return isBlockBrace(previous, '{') && !previous.hidden ? ' ' : lines(1, depth);
        }
        if (starts.has(next)) {
            return lines(Math.min(Math.max(newlines, 1), 2), depth);
        }
        // Inside a statement.
        if (newlines > 0 || previous.tokenType.name === 'SL_COMMENT') {
            return codeMap ? gap : lines(1, depth + 1);
        }
        if (next.text === ',' || (next.text === ':' && isAnalyteUnit(next.astNode))) {
            return '';
        }
        if (previous.text === ':' && isAnalyteUnit(previous.astNode)) {
            // `"2345-7":   "mg/dL"`: authors align the units of a per-analyte block as a column.
            return gap.length > 0 && !gap.includes('\n') ? gap : ' ';
        }
        if (isMappingColumnGap(previous, next)) {
            // Around `->` and before the first option: keep an author's alignment, never less than one space.
            return gap.length > 0 ? gap : ' ';
        }
        return ' ';
    }

    /** The first token of every statement: imports, top-level elements, and the statements inside blocks. */
    private findStatementStarts(document: LangiumDocument): Set<CstNode> {
        const starts = new Set<CstNode>();
        const model = document.parseResult.value as Model;
        for (const node of [...(model.imports ?? []), ...(model.elements ?? [])]) {
            const first = firstLeaf(node.$cstNode);
            if (first) {
                starts.add(first);
            }
        }
        // Every CST node made by the first element of a block statement (a keyword, or a rule call such as
        // `suppressions+=Suppression`) begins a statement.
        for (const node of CstUtils.streamCst(model.$cstNode!)) {
            if (!node.hidden && this.statementStarts.has(node.grammarSource as GrammarAST.AbstractElement)) {
                const first = firstLeaf(node);
                if (first) {
                    starts.add(first);
                }
            }
        }
        return starts;
    }
}

/**
 * The file's line ending, kept by the formatter: CRLF when its first line break is `\r\n`, else LF. A formatter
 * that rewrote every CRLF to LF would turn a formatted Windows file into one edit per line.
 */
export function lineEnding(text: string): '\r\n' | '\n' {
    const first = text.indexOf('\n');
    return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** Whether a repeated group sits between `{` and `}` of its rule, i.e. is the body of a block. */
function isBlockBody(element: GrammarAST.AbstractElement): boolean {
    const parent = element.$container;
    if (!GrammarAST.isGroup(parent)) {
        return false;
    }
    const index = parent.elements.indexOf(element);
    const before = parent.elements[index - 1];
    return GrammarAST.isKeyword(before) && before.value === '{';
}

/** A `{` or `}` that opens or closes a block of statements (not a code map's braces). */
function isBlockBrace(leaf: CstNode, brace: '{' | '}'): boolean {
    return !leaf.hidden && leaf.text === brace && GrammarAST.isKeyword(leaf.grammarSource) && !isCodeMap(leaf.astNode);
}

const DATA_TYPE_RULES = new WeakMap<GrammarAST.ParserRule, boolean>();

/**
 * Whether a grammar rule returns a value rather than a node, answered once per rule: Langium walks the rule's
 * definition each time, and the formatter asks for every token's ancestors (most of formatting's time).
 */
function isDataTypeRule(rule: GrammarAST.ParserRule): boolean {
    let known = DATA_TYPE_RULES.get(rule);
    if (known === undefined) {
        known = GrammarUtils.isDataTypeRule(rule);
        DATA_TYPE_RULES.set(rule, known);
    }
    return known;
}

/** Two tokens of one value (a field path, a message type): the gap between them is part of the value. */
function insideValue(previous: CstNode, next: CstNode): boolean {
    let value: CstNode | undefined;
    for (let node = next.container; node; node = node.container) {
        const source = node.grammarSource;
        if (GrammarAST.isRuleCall(source) && GrammarAST.isParserRule(source.rule.ref) && isDataTypeRule(source.rule.ref)) {
            value = node;
        } else if (value) {
            break;
        }
    }
    return value !== undefined && previous.offset >= value.offset && previous.end <= value.end;
}

/** Gaps around a mapping's `->` and before its first option, where authors align columns. */
function isMappingColumnGap(previous: CstNode, next: CstNode): boolean {
    const mapping = next.astNode;
    if (!isMapping(mapping) || previous.astNode !== mapping) {
        return false;
    }
    const target = GrammarUtils.findNodeForProperty(mapping.$cstNode, 'target');
    return next.text === '->' || previous.text === '->' || (target !== undefined && previous.end === target.end);
}

function firstLeaf(node: CstNode | undefined): CstNode | undefined {
    if (!node) {
        return undefined;
    }
    return CstUtils.flattenCst(node).find(leaf => !leaf.hidden);
}

function insideRange(inner: Range, outer: Range): boolean {
    const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}
