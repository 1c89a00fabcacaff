/**
 * Block comments (closed or not), line comments and strings: strings so that `"http://x"` is no comment. A closed
 * string may span lines, as the lexer's STRING does (`"see\n/* legacy"` holds no comment); one still being typed
 * runs to the cursor on its line.
 */
const COMMENT_OR_STRING = /\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n\r]*|"(?:\\.|[^"\\])*"|"(?:\\.|[^"\\\n])*$/g;

/**
 * Whether `offset` (in UTF-16 code units) lies inside a comment of `text`: a block comment, even one not closed yet,
 * or a line comment. Reads the text before the offset only, so half-typed input answers too.
 */
export function isInComment(text: string, offset: number): boolean {
    const before = text.slice(0, offset);
    let last: RegExpMatchArray | undefined;
    for (const match of before.matchAll(COMMENT_OR_STRING)) last = match;
    if (!last || last.index! + last[0].length !== before.length) {
        return false;
    }
    const found = last[0];
    return found.startsWith('//') || (found.startsWith('/*') && !(found.length >= 4 && found.endsWith('*/')));
}
