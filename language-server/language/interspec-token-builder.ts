import { DefaultTokenBuilder, RegExpUtils, type GrammarAST } from 'langium';
import type { TokenType } from 'chevrotain';

/**
 * Langium's token builder with the partial patterns of the terminals built once. To give each keyword its longer
 * alternatives (the terminals that could continue it, as `ID` continues `site`), Langium builds a partial pattern of
 * every terminal for every keyword: keywords × terminals patterns on every start, 50 ms of a one-file `check`
 * (issue 28, cold start). The tokens are the same (`test/language/token-builder.test.ts`).
 */
export class InterspecTokenBuilder extends DefaultTokenBuilder {
    private readonly partials = new Map<string, RegExp>();

    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        return terminalTokens.filter(token => {
            const source = (token?.PATTERN as RegExp | undefined)?.source;
            if (!source) return false;
            let partial = this.partials.get(source);
            if (!partial) {
                partial = RegExpUtils.partialRegExp('^' + source + '$');
                this.partials.set(source, partial);
            }
            const match = keyword.value.match(partial);
            return !!match && match[0].length > 0;
        });
    }
}
