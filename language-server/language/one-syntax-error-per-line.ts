import type { LangiumParser, ParseResult } from 'langium';
import type { ILexingError, IRecognitionException } from 'chevrotain';

/**
 * One syntax error per line. After the first error on a line, Chevrotain's recovery reports what it skipped and
 * re-synchronised on, in the grammar's terms and at the same place; the first error is the one an architect can act
 * on, and the rest is noise while typing. Per line the first lexer error is kept (an unexpected character or an
 * unterminated text is the cause of what the parser then trips on), else the first parser error; a parser error on
 * the token right after another error (nothing but white space between) follows on from it and is dropped, also on
 * the next line (`PID-` then `}`: the '}' is no mapping's '->' only because the field was not finished); after a block
 * comment with no end (`/*` with no `*∕` after it) nothing is reported, since all that follows is meant as comment.
 * Only messages are dropped: the tokens, the AST and error recovery are those of the parse.
 */
export function collapseSyntaxErrors<T extends ParseResult>(result: T, text: string): T {
    const { lexerErrors, parserErrors } = result;
    if (lexerErrors.length + parserErrors.length <= 1) {
        return result;
    }
    const entries = [
        ...lexerErrors.map(error => ({ error, lexer: true, ...lexerPlace(error) })),
        ...parserErrors.map(error => ({ error, lexer: false, ...parserPlace(error) }))
    ].sort((a, b) => a.offset - b.offset || Number(b.lexer) - Number(a.lexer));
    const openComment = lexerErrors.find(error => text.startsWith('/*', error.offset));
    const kept = new Map<number, typeof entries[number]>();
    let previousEnd: number | undefined;
    for (const entry of entries) {
        if (openComment && entry.offset > openComment.offset) {
            break;
        }
        const followsOn = !entry.lexer && previousEnd !== undefined && /^\s*$/.test(text.slice(previousEnd, entry.offset));
        previousEnd = Math.max(previousEnd ?? 0, entry.end);
        if (followsOn) {
            continue;
        }
        const first = kept.get(entry.line);
        if (!first || (entry.lexer && !first.lexer)) {
            kept.set(entry.line, entry);
        }
    }
    const keep = new Set([...kept.values()].map(entry => entry.error));
    result.lexerErrors = lexerErrors.filter(error => keep.has(error));
    result.parserErrors = parserErrors.filter(error => keep.has(error));
    return result;
}

/** The parser with its results' syntax errors collapsed to one per line (collapseSyntaxErrors). */
export function useOneSyntaxErrorPerLine(parser: LangiumParser): LangiumParser {
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => collapseSyntaxErrors(parse(input, options), input)) as LangiumParser['parse'];
    return parser;
}

function lexerPlace(error: ILexingError): { line: number, offset: number, end: number } {
    return { line: error.line ?? 1, offset: error.offset, end: error.offset + error.length };
}

/** Where the document validator shows a parser error: its token, or the end of the token before an inserted one. */
function parserPlace(error: IRecognitionException): { line: number, offset: number, end: number } {
    const token = error.token;
    if (!Number.isNaN(token.startOffset)) {
        return { line: token.startLine ?? 1, offset: token.startOffset, end: (token.endOffset ?? token.startOffset) + 1 };
    }
    const previous = (error as { previousToken?: IRecognitionException['token'] }).previousToken;
    if (previous && !Number.isNaN(previous.startOffset)) {
        const end = (previous.endOffset ?? previous.startOffset) + 1;
        return { line: previous.endLine ?? 1, offset: end, end };
    }
    return { line: 1, offset: 0, end: 0 };
}
