/**
 * Minimal glob matching for `overrides[].files` in interspec.yaml: `**` crosses folders, `*` and `?` stay within
 * one, `{a,b}` is a choice. A pattern without a slash matches the file name in any folder, as in .gitignore.
 */
export function matchesGlob(relativeFile: string, pattern: string): boolean {
    const file = relativeFile.split('\\').join('/');
    const normalized = pattern.startsWith('./') ? pattern.slice(2) : pattern;
    const target = normalized.includes('/') ? file : file.slice(file.lastIndexOf('/') + 1);
    return globToRegExp(normalized).test(target);
}

export function globToRegExp(pattern: string): RegExp {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
        const char = pattern[i];
        if (char === '*' && pattern[i + 1] === '*') {
            const slash = pattern[i + 2] === '/';
            source += slash ? '(?:.*/)?' : '.*';
            i += slash ? 2 : 1;
        } else if (char === '*') {
            source += '[^/]*';
        } else if (char === '?') {
            source += '[^/]';
        } else if (char === '{') {
            const end = pattern.indexOf('}', i);
            if (end < 0) {
                source += '\\{';
                continue;
            }
            source += '(?:' + pattern.slice(i + 1, end).split(',').map(escapeRegExp).join('|') + ')';
            i = end;
        } else {
            source += escapeRegExp(char);
        }
    }
    return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
