import * as assert from 'node:assert/strict';
import { DefaultTokenBuilder, EmptyFileSystem } from 'langium';
import type { TokenType } from 'chevrotain';
import { createInterspecCoreServices } from '../../language-server/language/interspec-module.js';
import { InterspecTokenBuilder } from '../../language-server/language/interspec-token-builder.js';

/** A token as the lexer sees it: name, pattern, and the names of its longer alternatives. */
function shape(token: TokenType): unknown {
    const longer = token.LONGER_ALT === undefined ? [] : [token.LONGER_ALT].flat();
    return { name: token.name, pattern: String(token.PATTERN), longer: longer.map(alt => alt.name), group: token.GROUP, lineBreaks: token.LINE_BREAKS };
}

describe('token builder', () => {
    it('builds the tokens Langium builds, with each terminal\'s partial pattern made once', () => {
        const grammar = createInterspecCoreServices(EmptyFileSystem).Interspec.Grammar;
        const ours = new InterspecTokenBuilder().buildTokens(grammar, { caseInsensitive: false });
        const langiums = new DefaultTokenBuilder().buildTokens(grammar, { caseInsensitive: false });
        const list = (tokens: typeof ours) => (Array.isArray(tokens) ? tokens : Object.values(tokens)).map(shape);
        assert.deepEqual(list(ours), list(langiums));
        // Some keyword has a longer alternative (an identifier continues it), or the comparison proves nothing.
        assert.ok(list(ours).some(token => (token as { longer: string[] }).longer.length > 0));
    });
});
