/**
 * Folders no workspace scan enters (build output and installed packages): the build's search for `.ispec` files,
 * the evidence loader and the check cache all skip the same ones, so the cache sees every file the others read.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'out', 'dist']);
