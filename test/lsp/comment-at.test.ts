import { strict as assert } from 'node:assert';
import { isInComment } from '../../language-server/lsp/comment-at.js';

describe('lsp: whether a position is inside a comment', () => {
    /** The offset of the `|` in `marked`, and the text without it. */
    const at = (marked: string): [string, number] => [marked.replace('|', ''), marked.indexOf('|')];

    it('inside block comments, closed or not yet, and line comments', () => {
        for (const marked of ['team T /* a | b */', 'team T /** doc\n  own|', '/*|', 'team T // a note |', 'team T //|', '/* a */ b /* c |']) {
            assert.equal(isInComment(...at(marked)), true, JSON.stringify(marked));
        }
    });

    it('not in code, after a closed comment, or in a string that holds comment characters (on one line or several, as the lexer reads it)', () => {
        for (const marked of ['team |T', '/* a */ team |T', '/* a */|', 'system S { vendor "http://x.example/|" }', 'team T "/* not a comment |"', 'team T "a // b" |', '', 'team A "see\n/* legacy"\nteam B {\n  |']) {
            assert.equal(isInComment(...at(marked.includes('|') ? marked : `${marked}|`)), false, JSON.stringify(marked));
        }
    });
});
