import { strict as assert } from 'node:assert';
import { isReference, type AstNode, type CstNode, type ParseResult } from 'langium';
import type { Range } from 'vscode-languageserver';

/** A parse result as text: the AST with each node's CST position, the CST leaves and composites, the errors. */
export function describeParse(result: ParseResult): string {
    const out: string[] = [];
    const root = result.value.$cstNode!.root;
    const cst = (node: CstNode, depth: number): void => {
        assert.equal(node.root, root, `a CST node at ${node.offset} hangs from another root`);
        const content = (node as { content?: CstNode[] }).content;
        out.push(`${' '.repeat(depth)}${content ? 'C' : node.hidden ? 'H' : 'L'} ${node.offset}+${node.length} ${at(node.range)} ${node.grammarSource?.$type ?? ''} ${node.astNode.$type}${content ? '' : ' ' + JSON.stringify(node.text)}`);
        for (const child of content ?? []) {
            assert.equal(child.container, node, 'a CST child whose container is not its parent');
            cst(child, depth + 1);
        }
    };
    cst(root, 0);
    const ast = (node: AstNode, depth: number): void => {
        out.push(`${' '.repeat(depth)}${node.$type} ${node.$containerProperty ?? ''}[${node.$containerIndex ?? ''}] ${node.$cstNode?.offset}-${node.$cstNode?.end} ${at(node.$cstNode?.range)}`);
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            for (const item of Array.isArray(value) ? value : [value]) {
                if (isReference(item)) {
                    out.push(`${' '.repeat(depth + 1)}${key} -> ${item.$refText} @${item.$refNode?.offset}`);
                } else if (item && typeof item === 'object' && '$type' in item) {
                    assert.equal((item as AstNode).$container, node, `${(item as AstNode).$type} has another container`);
                    ast(item as AstNode, depth + 1);
                } else {
                    out.push(`${' '.repeat(depth + 1)}${key} = ${JSON.stringify(item)}`);
                }
            }
        }
    };
    ast(result.value, 0);
    for (const error of result.lexerErrors) {
        out.push(`lexer ${error.offset}+${error.length} ${error.line}:${error.column} ${error.message}`);
    }
    for (const error of result.parserErrors) {
        const previous = (error as { previousToken?: { startOffset: number, endOffset?: number, endLine?: number, endColumn?: number } }).previousToken;
        const { token } = error;
        out.push(`parser ${token.startOffset}-${token.endOffset} ${token.startLine}:${token.startColumn}-${token.endLine}:${token.endColumn} `
            + `after ${previous?.startOffset}-${previous?.endOffset} ${previous?.endLine}:${previous?.endColumn} ${error.message}`);
    }
    return out.join('\n');
}

/** A range as `line:character-line:character`. */
function at(range: Range | undefined): string {
    return range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : 'none';
}

/** Fails with the first line where two descriptions differ, and the lines around it. */
export function assertSame(actual: string, expected: string, what: string): void {
    if (actual === expected) return;
    const a = actual.split('\n');
    const b = expected.split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    assert.fail(`${what}\nregion parse:\n${a.slice(Math.max(0, i - 3), i + 3).join('\n')}\nwhole parse:\n${b.slice(Math.max(0, i - 3), i + 3).join('\n')}`);
}
