/**
 * Orders HL7 v2 version numbers as HL7 released them: `2.3.1` after `2.3`, `2.10` after `2.9`; a missing part counts
 * as 0 (`2.5` equals `2.5.0`). Negative, zero or positive like a sort comparator. Used by the dictionaries at run
 * time and by scripts/build-dictionaries.mjs when it writes them (one ordering for both).
 */
export function compareHl7v2Versions(a: string, b: string): number {
    return compareVersionParts(a.split('.').map(Number), b.split('.').map(Number));
}

/** compareHl7v2Versions on versions already split into numbers (`[2, 5, 1]`). */
export function compareVersionParts(a: readonly number[], b: readonly number[]): number {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const difference = (a[i] ?? 0) - (b[i] ?? 0);
        if (difference !== 0) return difference;
    }
    return 0;
}
