import * as path from 'node:path';
import type { LangiumDocument } from 'langium';

/** A mutation: where it applies (a pattern) and the texts it may write there instead. */
export type Mutation = [RegExp, string[]];

/**
 * One random edit of a spec text, as the incremental-equivalence tests make them: with probability `deleteLine` a
 * whole line is deleted, with `strayCharacter` (beyond that) a brace, quote, word or newline is typed at a random
 * place, and otherwise one of the `mutations` whose pattern occurs is applied at one of its occurrences (an edit
 * of a cross-file fact, a rename, an import). A text no mutation applies to gets a newline.
 */
export function mutateText(text: string, random: () => number, mutations: readonly Mutation[], odds: { deleteLine: number, strayCharacter: number }): string {
    const roll = random();
    if (roll < odds.deleteLine) {
        const lines = text.split('\n');
        lines.splice(Math.floor(random() * lines.length), 1);
        return lines.join('\n');
    }
    if (roll < odds.deleteLine + odds.strayCharacter) {
        const at = Math.floor(random() * text.length);
        return text.slice(0, at) + ['}', '{', '"', ' x ', '\n'][Math.floor(random() * 5)] + text.slice(at);
    }
    const candidates = mutations.filter(([pattern]) => pattern.test(text));
    if (candidates.length === 0) {
        return text + '\n';
    }
    const [pattern, replacements] = candidates[Math.floor(random() * candidates.length)];
    const matches = [...text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'))];
    const match = matches[Math.floor(random() * matches.length)];
    const replacement = replacements[Math.floor(random() * replacements.length)];
    return text.slice(0, match.index) + replacement + text.slice(match.index! + match[0].length);
}

/**
 * Every document's diagnostics as sorted lines (range, severity, code, message and the quick-fix `data`: a stale one
 * would fix the wrong thing), by path relative to `root`, paths sorted: what an incremental build must equal.
 */
export function diagnosticsByPath(documents: Iterable<LangiumDocument>, root: string): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const document of documents) {
        const relative = path.relative(root, document.uri.fsPath).split(path.sep).join('/');
        result[relative] = (document.diagnostics ?? []).map(d =>
            `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${d.message} ${JSON.stringify(d.data ?? null)}`).sort();
    }
    return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
