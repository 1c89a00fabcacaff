/**
 * How an evidence id is compared with the workspace's ids when it does not match one exactly (`evidence-id-case`):
 * the ids are equal once both are folded, so the entry was meant for that id but counts for nothing.
 *
 * Folding applies Unicode compatibility normalisation (NFKC: full-width `ＴＭ` is `TM`), removes the format
 * characters nobody sees (Unicode general category Cf: zero-width space U+200B, joiners U+200C/U+200D, bidi
 * controls U+202A–U+202E and U+2066–U+2069, the byte-order mark U+FEFF, the soft hyphen U+00AD), and lowers case.
 * A pasted id from a chat or a ticket carries such characters; without folding, a `failed` entry written with one
 * left an older `passed` standing and the gate said GO.
 */
export function foldEvidenceId(id: string): string {
    return id.normalize('NFKC').replace(/\p{Cf}/gu, '').toLowerCase();
}

/** The invisible (format, Unicode category Cf) characters of an id, as `U+200B` code points, for the message. */
export function invisibleCharacters(id: string): string[] {
    return [...new Set([...id.matchAll(/\p{Cf}/gu)].map(match => `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`))];
}
