import * as path from 'node:path';
import { AstUtils } from 'langium';
import type { Interface, Mapping } from '../language/generated/ast.js';

/**
 * The hover line that names a mapping a sample value feeds: "feeds `<the mapping's first line>` at
 * <file>:<1-based line> (interface <name>)", the file relative to the workspace root `root` with `/` separators.
 */
export function mappingFeedLine(root: string, mapping: Mapping, iface: Interface): string {
    const range = mapping.$cstNode?.range;
    const at = `${path.relative(root, AstUtils.getDocument(mapping).uri.fsPath).split(path.sep).join('/')}:${(range?.start.line ?? 0) + 1}`;
    const text = mapping.$cstNode?.text.split(/\r?\n/)[0].trim().replace(/\s+/g, ' ') ?? '';
    return `feeds \`${text}\` at ${at} (interface ${iface.name})`;
}
