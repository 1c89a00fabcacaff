/**
 * Cyrillic and Greek letters that look like a Latin letter (Unicode Technical Standard #39, confusables.txt, the
 * single-letter entries onto a-z), by their lower case: the fold lowers case before it looks here. Ids of a workspace
 * are ASCII (names are ASCII letters, digits, `_` and `-`), so one of these in an evidence id is never meant.
 */
const LOOK_ALIKE: Readonly<Record<string, string>> = {
    // Cyrillic
    '\u0430': 'a', '\u0432': 'b', '\u0441': 'c', '\u0501': 'd', '\u0435': 'e', '\u04BB': 'h', '\u0456': 'i', '\u0458': 'j',
    '\u043A': 'k', '\u04CF': 'l', '\u043C': 'm', '\u043D': 'h', '\u043E': 'o', '\u0440': 'p', '\u051B': 'q', '\u0455': 's',
    '\u0442': 't', '\u0443': 'y', '\u04AF': 'y', '\u051D': 'w', '\u0445': 'x',
    // Greek
    '\u03B1': 'a', '\u03B2': 'b', '\u03B5': 'e', '\u03B6': 'z', '\u03B7': 'h', '\u03B9': 'i', '\u03BA': 'k', '\u03BC': 'm',
    '\u03BD': 'v', '\u03BF': 'o', '\u03C1': 'p', '\u03C4': 't', '\u03C5': 'u', '\u03C7': 'x',
    // Latin letters without a decomposition: dotless i and j (Turkish keyboards), script a and g, the click letter.
    '\u0131': 'i', '\u0237': 'j', '\u0251': 'a', '\u0261': 'g', '\u01C0': 'l'
};

/**
 * How an evidence id is compared with the workspace's ids when it does not match one exactly (`evidence-id-case`):
 * the ids are equal once both are folded, so the entry was meant for that id but counts for nothing.
 *
 * Folding applies Unicode compatibility decomposition (NFKD: full-width `ＴＭ` is `TM`, `é` is `e` and an accent),
 * lowers case, removes the format characters nobody sees (Unicode general category Cf: zero-width space U+200B,
 * joiners U+200C/U+200D, bidi controls U+202A–U+202E and U+2066–U+2069, the byte-order mark U+FEFF, the soft hyphen
 * U+00AD) and the combining marks (category M: an accent pasted in decomposed form), turns every dash (category Pd:
 * U+2010 hyphen, U+2011, en and em dash) and the minus sign U+2212 into `-`, and maps the Cyrillic and Greek letters
 * that look like Latin ones onto them (LOOK_ALIKE). A pasted id from a chat, a ticket, a word processor or a wiki
 * carries such characters; without folding, a `failed` entry written with one left an older `passed` standing and
 * the gate said GO. ASCII ids fold only by case: two ASCII ids that differ otherwise stay different.
 */
export function foldEvidenceId(id: string): string {
    return id.normalize('NFKD').toLowerCase()
        .replace(/[\p{Cf}\p{M}]/gu, '')
        .replace(/[\p{Pd}\u2212]/gu, '-')
        .replace(/[^\x00-\x7F]/gu, character => LOOK_ALIKE[character] ?? character);
}

/** The invisible (format, Unicode category Cf) characters of an id, as `U+200B` code points, for the message. */
export function invisibleCharacters(id: string): string[] {
    return codePoints([...id.matchAll(/\p{Cf}/gu)].map(match => match[0]));
}

/**
 * How an evidence id differs from the workspace id it folds to (`foldEvidenceId`), for the `evidence-id-case`
 * message: `only by case`, `only by case or character width` (full-width letters), `only by look-alike characters
 * (U+0435)` (letters, dashes or accents outside ASCII), `only by invisible characters (U+200B)`, or invisible
 * characters and one of the others.
 */
export function idDifference(id: string, known: string): string {
    const invisible = invisibleCharacters(id);
    const visible = id.replace(/\p{Cf}/gu, '');
    const parts = invisible.length ? [`invisible characters (${invisible.join(', ')})`] : [];
    if (visible !== known) {
        // A character that compatibility normalisation does not turn into ASCII is a look-alike, not a width form.
        const lookAlike = codePoints([...visible].filter(character => /[^\x00-\x7F]/.test(character.normalize('NFKC'))));
        parts.push(lookAlike.length ? `look-alike characters (${lookAlike.join(', ')})`
            : visible.toLowerCase() === known.toLowerCase() ? 'case' : 'case or character width');
    }
    return `only by ${parts.join(' and ')}`;
}

function codePoints(characters: string[]): string[] {
    return [...new Set(characters.map(character => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`))];
}
