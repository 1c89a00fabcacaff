import * as path from 'node:path';
import type { URI } from 'langium';

/** The path to write in `import "…"` so that `from` reaches `to`, with forward slashes. */
export function relativeImportPath(from: URI, to: URI): string {
    return path.relative(path.dirname(from.fsPath), to.fsPath).split(path.sep).join('/');
}

/** A file-system path relative to a root, with forward slashes, for messages and reports. */
export function relativeToRoot(root: string, fsPath: string): string {
    return path.relative(root, fsPath).split(path.sep).join('/') || path.basename(fsPath);
}
