import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
import type { IToken } from 'chevrotain';
import { LIMITS } from '../util/limits.js';

/** Longer runs of comments with nothing between them are kept as one hidden token. */
const MAX_HIDDEN_RUN = 64;

/**
 * The lexer with two guards. A file over LIMITS.specBytes (counted as UTF-16 code units, which is at most its
 * size in bytes) is not tokenized: it gets one lexer error that names the limit, shown as a diagnostic, and parses
 * as an empty file. A run of many comments between two tokens becomes one hidden token: Langium inserts the
 * hidden tokens before a token with one spread call, which overflows the stack for tens of thousands of comments
 * (80,000 `/∗∗/` followed by `team T`).
 */
export class InterspecLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        if (text.length > LIMITS.specBytes) {
            return {
                tokens: [], hidden: [],
                errors: [{
                    offset: 0, length: 1, line: 1, column: 1,
                    message: `The file has ${text.length} characters; spec files are limited to ${LIMITS.specBytes} bytes. Split it into files that import each other.`
                }]
            };
        }
        const result = super.tokenize(text, options);
        if (result.hidden.length > MAX_HIDDEN_RUN) {
            result.hidden = mergeHiddenRuns(text, result.hidden, result.tokens);
        }
        return result;
    }
}

/** Joins each run of more than MAX_HIDDEN_RUN hidden tokens that no other token interrupts into its first token's type. */
function mergeHiddenRuns(text: string, hidden: IToken[], tokens: IToken[]): IToken[] {
    const merged: IToken[] = [];
    let next = 0; // index of the first token after the current hidden token
    let i = 0;
    while (i < hidden.length) {
        const start = hidden[i];
        while (next < tokens.length && tokens[next].startOffset < start.startOffset) next++;
        const limit = next < tokens.length ? tokens[next].startOffset : Number.POSITIVE_INFINITY;
        let end = i;
        while (end + 1 < hidden.length && hidden[end + 1].startOffset < limit) end++;
        if (end - i + 1 > MAX_HIDDEN_RUN) {
            const last = hidden[end];
            merged.push({
                ...start,
                image: text.slice(start.startOffset, last.endOffset! + 1),
                endOffset: last.endOffset, endLine: last.endLine, endColumn: last.endColumn
            });
        } else {
            merged.push(...hidden.slice(i, end + 1));
        }
        i = end + 1;
    }
    return merged;
}
