import * as path from 'node:path';
import type { Reference } from 'langium';

/*
 * Names as the generators print them. The index of the root's elements is the rules' WorkspaceIndex
 * (model/workspace-index.ts), shared with them.
 */

/** The name a reference points to, resolved or as written (an unresolved one is still shown). */
export function refName(reference: Reference | undefined): string | undefined {
    if (!reference) {
        return undefined;
    }
    return (reference.ref as { name?: string } | undefined)?.name ?? reference.$refText;
}

export function refNames(references: ReadonlyArray<Reference> | undefined): string[] {
    return (references ?? []).map(refName).filter((name): name is string => !!name);
}

/** A path relative to the workspace root with forward slashes, the same on every machine. */
export function relativeFile(root: string, file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
}

/** Distinct values in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
    return [...new Set(values)];
}
