import { minimatch } from 'minimatch';

/**
 * Glob matching for `overrides[].files` in interspec.yaml, by minimatch (linear-time wildcard matching, so a
 * pattern such as `*a*a*a*a*z` cannot backtrack for minutes on a long file name): `**` crosses folders, `*` and `?`
 * stay within one, `{a,b}` is a choice. A pattern without a slash matches the file name in any folder, as in
 * .gitignore. `relativeFile` is relative to the workspace root; back slashes are read as folder separators.
 */
export function matchesGlob(relativeFile: string, pattern: string): boolean {
    const file = relativeFile.split('\\').join('/');
    const normalized = pattern.startsWith('./') ? pattern.slice(2) : pattern;
    return minimatch(file, normalized, { dot: true, matchBase: !normalized.includes('/'), nocomment: true, nonegate: true });
}
