import { GrammarAST, RootCstNodeImpl, type AstNode, type CstNode, type LangiumParser, type ParseResult } from 'langium';
import type { Model } from './generated/ast.js';
import { placementOf, type CstPlacement } from './interspec-cst-node-builder.js';
import { LIMITS } from '../util/limits.js';

/**
 * Region parsing: a document is cut where a top-level keyword (`import`, `team`, `interface`, …) starts a line at
 * brace depth 0 outside strings and comments; each region is parsed on its own, and a region whose text did not
 * change since the document's previous parse is reused, not parsed again. The regions' ASTs and CSTs are spliced
 * into one Model with the offsets, positions and CST a whole parse gives. From the first region with a lexer or
 * parser error on, the rest of the document is parsed as one piece (error recovery may run past a region's end),
 * and an import after an element makes it parse whole; so the result always equals the whole parse
 * (`test/language/region-parse.test.ts` compares them over thousands of random edits).
 */
/**
 * Documents shorter than this many characters (about 100 lines) are parsed whole. Above it splitting pays twice: the
 * parse of the untouched elements is reused, and so are their rule findings (the rule engine keeps them per element
 * object); a leaf edit in a file of 300 lines took a quarter less time than with the file parsed whole.
 * `INTERSPEC_REGION_MIN_CHARS` overrides it (`npm run bench` measures the server with region parsing off as well).
 */
export const REGION_PARSE = { minChars: minCharsFromEnvironment() };

function minCharsFromEnvironment(): number {
    const value = Number(process.env.INTERSPEC_REGION_MIN_CHARS);
    return process.env.INTERSPEC_REGION_MIN_CHARS && !Number.isNaN(value) ? value : 4_000;
}

/** One region as last spliced: its text, the parse of that text, and where its CST nodes currently sit. */
type ParsedRegion = {
    text: string,
    model: Model,
    /** The region's CST nodes in order (the children of its own root). */
    nodes: CstNode[],
    /** Where its nodes sit (offset, line, root): moving the region is setting it. None when it has no nodes. */
    placement?: CstPlacement
};

/** What the last parse of one document left to reuse: its regions by text, and the CST root they hang from. */
type RegionCache = { regions: Map<string, ParsedRegion[]>, root: RootCstNodeImpl };

/**
 * Counts of parses so far, for tests and the benchmark: regions parsed anew, regions reused, parses of the rest of
 * a document from a region with a syntax error, and whole-document parses.
 */
export type RegionStats = { parsed: number, reused: number, suffix: number, whole: number };

/**
 * Parses documents region by region and keeps, per document URI, the regions of its last parse for the next one.
 * `parse` returns a Langium ParseResult whose Model, CST and errors equal `LangiumParser.parse(text)`'s; the reused
 * regions' AST nodes are the previous parse's objects (unlinked by the document builder before a re-parse).
 */
export class RegionParser {
    /** Per document URI, the regions of its last region parse, by text (a text may occur more than once). */
    private readonly caches = new Map<string, RegionCache>();
    private readonly keywords: Set<string> | undefined;
    readonly stats: RegionStats = { parsed: 0, reused: 0, suffix: 0, whole: 0 };
    /** The regions of the text regionAround was last asked about. */
    private lastSplit: { text: string, regions: Array<{ start: number, line: number }> } | undefined;

    constructor(private readonly parser: LangiumParser, grammar: GrammarAST.Grammar) {
        this.keywords = topLevelKeywords(grammar);
    }

    /**
     * The region `offset` is in, as [start, end) offsets (UTF-16) of `text`: from the last region start before
     * `offset` (strictly, so an offset at a region's first character belongs to the region before it, whose
     * statement it may still continue) to the next region start, or the whole text when it cannot be split. A
     * region starts at a line start outside strings and comments at brace depth 0, so in text the lexer reads without
     * error no token spans its bounds, and where the text before it parsed without error the parser is at the top
     * level at its start (completion reads it instead of the whole text before the cursor, under those conditions).
     */
    regionAround(text: string, offset: number): { start: number, end: number } {
        if (!this.keywords || text.length > LIMITS.specBytes) {
            return { start: 0, end: text.length };
        }
        // A completion request asks several times about one text.
        if (this.lastSplit?.text !== text) {
            this.lastSplit = { text, regions: splitRegions(text, this.keywords) };
        }
        const regions = this.lastSplit.regions;
        let k = 0;
        while (k + 1 < regions.length && regions[k + 1].start < offset) k++;
        return { start: regions[k].start, end: k + 1 < regions.length ? regions[k + 1].start : text.length };
    }

    /** Forgets what a document's last parse left (a deleted or closed document). */
    forget(uri: string): void {
        this.caches.delete(uri);
    }

    /** Parses `text`, the content of the document `uri`, reusing the regions its previous parse left. */
    parse(uri: string, text: string): ParseResult<Model> {
        const regions = this.keywords && text.length >= REGION_PARSE.minChars && text.length <= LIMITS.specBytes
            ? splitRegions(text, this.keywords) : undefined;
        const spliced = regions && regions.length > 1 ? this.splice(uri, text, regions) : undefined;
        if (spliced) {
            return spliced;
        }
        this.caches.delete(uri);
        this.stats.whole++;
        return this.parser.parse<Model>(text);
    }

    private splice(uri: string, text: string, regions: Array<{ start: number, line: number }>): ParseResult<Model> | undefined {
        const cache = this.caches.get(uri);
        const previous = cache?.regions ?? new Map<string, ParsedRegion[]>();
        const taken = new Map<string, number>();
        const next = new Map<string, ParsedRegion[]>();
        const parsed: ParsedRegion[] = [];
        let elementsSeen = false;
        let errors: Pick<ParseResult<Model>, 'lexerErrors' | 'parserErrors' | 'lexerReport'> | undefined;
        for (let i = 0; i < regions.length && !errors; i++) {
            const { start, line } = regions[i];
            const regionText = text.slice(start, i + 1 < regions.length ? regions[i + 1].start : text.length);
            const index = taken.get(regionText) ?? 0;
            let region = previous.get(regionText)?.[index];
            if (region) {
                taken.set(regionText, index + 1);
                this.stats.reused++;
            } else {
                // Parsed from a copy: the AST's strings and the cache's key would otherwise be slices that keep this
                // whole version of the document alive for as long as the region is reused (V8 slices point into
                // their parent string; 400 edits of the 10,000-line file kept 90 MB of old texts).
                const own = detached(regionText);
                let result = this.parser.parse<Model>(own);
                if (hasErrors(result)) {
                    // Error recovery may run past the region's end: from here on, the rest of the document parses as one
                    // region, in the state a whole parse is in at this keyword (no element started, at the top level).
                    result = this.parser.parse<Model>(text.slice(start));
                    errors = result;
                    this.stats.suffix++;
                } else {
                    this.stats.parsed++;
                }
                const nodes = [...(result.value.$cstNode as RootCstNodeImpl).content];
                const placement = nodes.length > 0 ? placementOf(nodes[0]) : undefined;
                if (nodes.length > 0 && !placement) {
                    return undefined; // a parser that builds Langium's own CST nodes: they cannot be moved, parse whole
                }
                region = { text: own, model: result.value, nodes, placement };
                if (errors) {
                    shiftErrors(errors, start, line);
                }
            }
            if (elementsSeen && region.model.imports.length > 0) {
                return undefined; // an import after an element is a syntax error of the whole parse
            }
            elementsSeen ||= region.model.elements.length > 0;
            parsed.push(region);
            if (!errors) {
                const same = next.get(region.text);
                if (same) same.push(region); else next.set(region.text, [region]);
            }
        }
        if (errors) {
            // While an element is broken, keep the regions after it for when it parses again.
            for (const [regionText, list] of previous) {
                const rest = list.slice(taken.get(regionText) ?? 0);
                if (rest.length > 0) next.set(regionText, [...next.get(regionText) ?? [], ...rest]);
            }
        }
        // One root per document, kept across parses: a region that did not move needs no fix-up at all. (The previous
        // parse's CST is discarded with it; Langium reads its text before parsing again.)
        const root = cache?.root ?? new RootCstNodeImpl(text);
        root.root = root;
        (root as unknown as { _text: string })._text = text;
        (root as unknown as { _rangeCache?: unknown })._rangeCache = undefined;
        root.content.length = 0;
        const model = { $type: 'Model', imports: [], elements: [] } as unknown as Model;
        for (let i = 0; i < parsed.length; i++) {
            const region = parsed[i];
            shift(region, regions[i].start, regions[i].line, root);
            for (const node of region.nodes) root.content.push(node);
            for (const imported of region.model.imports) {
                adopt(imported, model, 'imports', model.imports.length);
                model.imports.push(imported);
            }
            for (const element of region.model.elements) {
                adopt(element, model, 'elements', model.elements.length);
                model.elements.push(element);
            }
        }
        root.astNode = model;
        (model as { $cstNode?: CstNode }).$cstNode = root;
        this.caches.set(uri, { regions: next, root });
        return {
            value: model,
            lexerErrors: errors?.lexerErrors ?? [],
            parserErrors: errors?.parserErrors ?? [],
            lexerReport: errors?.lexerReport ?? { diagnostics: [] }
        } as ParseResult<Model>;
    }
}

function hasErrors(result: ParseResult): boolean {
    return result.lexerErrors.length > 0 || result.parserErrors.length > 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0;
}

type MutableToken = { startOffset: number, endOffset?: number, startLine?: number, endLine?: number };

/** Moves the lexer and parser errors of a parse of `text.slice(offset)` to the whole text (`line`: 0-based). */
function shiftErrors(result: Pick<ParseResult, 'lexerErrors' | 'parserErrors' | 'lexerReport'>, offset: number, line: number): void {
    for (const error of [...result.lexerErrors, ...result.lexerReport?.diagnostics ?? []]) {
        const writable = error as { offset: number, line?: number };
        writable.offset += offset;
        if (typeof writable.line === 'number') writable.line += line;
    }
    const shifted = new Set<MutableToken>();
    const shiftToken = (token: MutableToken | undefined) => {
        if (!token || shifted.has(token) || Object.isFrozen(token) || Number.isNaN(token.startOffset)) return; // the shared EOF token
        shifted.add(token);
        token.startOffset += offset;
        if (typeof token.endOffset === 'number') token.endOffset += offset;
        if (typeof token.startLine === 'number') token.startLine += line;
        if (typeof token.endLine === 'number') token.endLine += line;
    };
    for (const error of result.parserErrors) {
        const withTokens = error as unknown as { token?: MutableToken, previousToken?: MutableToken, resyncedTokens?: MutableToken[] };
        shiftToken(withTokens.token);
        shiftToken(withTokens.previousToken);
        for (const token of withTokens.resyncedTokens ?? []) shiftToken(token);
    }
}

/** Makes `node` a child of `container` at `property`[`index`], as the whole parse links it. */
/** A copy of `text` that does not keep the string it was sliced from alive (flattening a concatenation copies it). */
function detached(text: string): string {
    return (' ' + text).slice(1);
}

function adopt(node: AstNode, container: AstNode, property: string, index: number): void {
    const writable = node as { $container?: AstNode, $containerProperty?: string, $containerIndex?: number };
    writable.$container = container;
    writable.$containerProperty = property;
    writable.$containerIndex = index;
}

/**
 * Moves a region's CST nodes to start at `offset` and `line` (regions start at a line start, so columns stay) and
 * under `root`, in constant time: placed nodes (`interspec-cst-node-builder.ts`) add their placement's offset and line
 * to their own and read their root from it, and build new range objects (diagnostics of the previous parse may still
 * hold the old ones).
 */
function shift(region: ParsedRegion, offset: number, line: number, root: RootCstNodeImpl): void {
    if (region.placement) {
        region.placement.offset = offset;
        region.placement.line = line;
        region.placement.root = root;
    }
}

/**
 * The keywords that start a top-level element (the first keyword of each alternative of the grammar's `Element`
 * rule) and `import`; undefined when an alternative does not start with a keyword (then nothing is split).
 */
function topLevelKeywords(grammar: GrammarAST.Grammar): Set<string> | undefined {
    const element = grammar.rules.find(rule => rule.name === 'Element');
    if (!element || !GrammarAST.isParserRule(element) || !GrammarAST.isAlternatives(element.definition)) {
        return undefined;
    }
    const keywords = new Set<string>(['import']);
    for (const alternative of element.definition.elements) {
        const rule = GrammarAST.isRuleCall(alternative) ? alternative.rule.ref : undefined;
        const first = rule && GrammarAST.isParserRule(rule)
            ? (GrammarAST.isGroup(rule.definition) ? rule.definition.elements[0] : rule.definition) : undefined;
        if (!first || !GrammarAST.isKeyword(first)) {
            return undefined;
        }
        keywords.add(first.value);
    }
    return keywords;
}

/** Characters an ID continues with (`terminal ID: /[_a-zA-Z][\w]*(-[\w]+)*\/`): a keyword followed by one is an ID. */
const WORD = /[_a-zA-Z]\w*(?:-\w+)*/y;

/** Characters that neither break a line nor open a string, a comment or a block. */
const PLAIN = /[^\n\r"\/{}]+/y;

/**
 * Where regions start: offset 0, and each line start (offset and 0-based line) whose first word is a top-level
 * keyword, at brace depth 0 outside strings and comments. Lines are counted as the lexer counts them
 * (`\r\n`, `\r` or `\n`).
 */
export function splitRegions(text: string, keywords: Set<string>): Array<{ start: number, line: number }> {
    const regions = [{ start: 0, line: 0 }];
    let depth = 0;
    let line = 0;
    let i = 0;
    const n = text.length;
    let lineStart = true;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (lineStart && i > 0 && depth === 0) {
            WORD.lastIndex = i;
            const match = WORD.exec(text);
            if (match && keywords.has(match[0])) {
                regions.push({ start: i, line });
            }
        }
        lineStart = false;
        if (c === 10 /* \n */) {
            line++; lineStart = true; i++;
        } else if (c === 13 /* \r */) {
            line++; lineStart = true; i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
        } else if (c === 34 /* " */) {
            // STRING: /"(\\.|[^"\\])*"/ may span lines
            i++;
            while (i < n && text.charCodeAt(i) !== 34) {
                const d = text.charCodeAt(i);
                if (d === 92 /* \ */ && i + 1 < n) {
                    i++;
                    line += lineBreakAt(text, i);
                } else {
                    line += lineBreakAt(text, i);
                }
                i++;
            }
            i++;
        } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
            while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? n : end + 2;
            for (let j = i; j < stop; j++) line += lineBreakAt(text, j);
            i = stop;
        } else if (c === 123 /* { */) {
            depth++; i++;
        } else if (c === 125 /* } */) {
            depth--; i++;
        } else {
            // A run of characters none of the cases above looks at, skipped in one match.
            PLAIN.lastIndex = i + 1;
            i = PLAIN.test(text) ? PLAIN.lastIndex : i + 1;
        }
    }
    return regions;
}

/** 1 where a line break ends at `i` as the lexer counts it (`\n`, or `\r` not followed by `\n`), else 0. */
function lineBreakAt(text: string, i: number): number {
    const c = text.charCodeAt(i);
    return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10) ? 1 : 0;
}
