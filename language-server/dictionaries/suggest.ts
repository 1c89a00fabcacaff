import { closestName } from '../util/closest-name.js';

/**
 * `closestName` over many candidates (thousands of DICOM keywords) without computing every edit distance: a
 * candidate whose length or letters differ by more edits than closestName would accept is skipped first.
 */
export function closestAmong(name: string, candidates: Iterable<string>): string | undefined {
    // closestName accepts fewer than floor(length / 3) + 2 edits.
    const allowed = Math.max(1, Math.floor(name.length / 3)) + 1;
    const wanted = letterCounts(name, new Int16Array(LETTERS));
    const counts = new Int16Array(LETTERS);
    const plausible: string[] = [];
    for (const candidate of candidates) {
        if (Math.abs(candidate.length - name.length) >= allowed) continue;
        // Each edit changes the letter counts by at most 2.
        counts.set(wanted);
        let distance = 0;
        for (let i = 0; i < candidate.length; i++) counts[slot(candidate.charCodeAt(i))]--;
        for (let i = 0; i < LETTERS; i++) distance += Math.abs(counts[i]);
        if (distance <= 2 * (allowed - 1)) plausible.push(candidate);
    }
    return closestName(name, plausible);
}

const LETTERS = 64;

/** Case-insensitive slot of a character; everything that is not a letter or digit shares one. */
function slot(code: number): number {
    if (code >= 97 && code <= 122) return code - 97;
    if (code >= 65 && code <= 90) return code - 65;
    if (code >= 48 && code <= 57) return 26 + code - 48;
    return 36 + (code % (LETTERS - 36));
}

function letterCounts(text: string, counts: Int16Array): Int16Array {
    for (let i = 0; i < text.length; i++) counts[slot(text.charCodeAt(i))]++;
    return counts;
}
