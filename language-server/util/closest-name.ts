/**
 * Names longer than this get no did-you-mean: nobody mistypes a 100-character identifier, and the edit distance
 * would cost time proportional to the length times each candidate's length.
 */
export const MAX_SUGGESTION_NAME_LENGTH = 100;

/**
 * The candidate nearest to `name` by edit distance (case-insensitive), if it is close enough to be a likely typo:
 * fewer than floor(length / 3) + 2 edits and fewer edits than the name has characters. An undefined name (a partial model) gets none. Ties go to the candidate
 * first in code-unit order. Bounded: a candidate whose length alone differs by too many edits is skipped, the
 * distance stops at the bound, and names over MAX_SUGGESTION_NAME_LENGTH characters get no suggestion.
 */
export function closestName(name: string | undefined, candidates: Iterable<string>): string | undefined {
    // A half-typed statement has no name yet: nothing to suggest.
    if (name === undefined || name.length > MAX_SUGGESTION_NAME_LENGTH) {
        return undefined;
    }
    let best: string | undefined;
    // One edit per three characters, at least one: 'LabITT' finds 'LabIT', 'Z' does not find 'Y'.
    let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
    const lower = name.toLowerCase();
    for (const candidate of candidates) {
        // The length difference is a lower bound of the distance.
        if (Math.abs(candidate.length - name.length) > bestDistance || candidate.length > MAX_SUGGESTION_NAME_LENGTH) {
            continue;
        }
        const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
        if (distance >= name.length) {
            continue;
        }
        if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

/**
 * Levenshtein distance, two rows at a time. With `limit`, stops as soon as every entry of a row exceeds it and
 * returns limit + 1 (the exact distance is then only known to be larger than the limit).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            rowMin = Math.min(rowMin, current[j]);
        }
        if (rowMin > limit) {
            return limit + 1;
        }
        previous = current;
    }
    return previous[b.length];
}
