/**
 * How imported values are written as Interspec text: names, strings, codes, comments and HL7 v2 field paths.
 * Every importer goes through these so that a value from a spreadsheet cell or an XML attribute can never break
 * the syntax of the draft (an unbalanced quote, a keyword used as a name, a newline inside a comment).
 */
import { AstUtils, GrammarAST } from 'langium';
import { InterspecGrammar } from '../language/generated/grammar.js';

const ID = /^[_a-zA-Z]\w*(-\w+)*$/;

interface Keywords {
    /** Every keyword of the grammar. */
    all: Set<string>;
    /** Keywords the grammar also takes where a code or a field name goes (the `Word` rule). */
    words: Set<string>;
}

let keywords: Keywords | undefined;

/** The grammar's keywords, read once from the generated grammar so the list can never fall behind it. */
function grammarKeywords(): Keywords {
    if (keywords) return keywords;
    const grammar = InterspecGrammar();
    const all = new Set<string>();
    for (const node of AstUtils.streamAllContents(grammar)) {
        if (GrammarAST.isKeyword(node)) all.add(node.value);
    }
    const words = new Set<string>();
    const word = grammar.rules.find(rule => rule.name === 'Word');
    if (word) {
        for (const node of AstUtils.streamAllContents(word)) {
            if (GrammarAST.isKeyword(node)) words.add(node.value);
        }
    }
    keywords = { all, words };
    return keywords;
}

/** A string literal: `"…"` with `\` and `"` escaped and line breaks folded into spaces. */
export function quote(value: string): string {
    return `"${oneLine(value).replace(/[\\"]/g, ch => `\\${ch}`)}"`;
}

/** The value on one line, runs of white space (line breaks included) folded into one space, trimmed. */
export function oneLine(value: string): string {
    return value.replace(/\s+/g, ' ').trim();
}

/**
 * A name for a declared element (system, team, interface) from free text: `Lab System (LIS)` gives `LabSystemLIS`.
 * Letters, digits, `_` and inner `-` are kept; a name that would start with a digit or be a keyword gets a prefix.
 * `fallback` is used when nothing of the text is left.
 */
export function toName(text: string, fallback = 'Imported'): string {
    const words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Za-z0-9_-]+/).filter(Boolean);
    let name = words.map(word => word.charAt(0).toUpperCase() + word.slice(1)).join('').replace(/-+$/g, '').replace(/^-+/, '').replace(/-{2,}/g, '-');
    if (name === '') name = fallback;
    if (!/^[A-Za-z_]/.test(name)) name = `${fallback}${name}`;
    if (!ID.test(name) || grammarKeywords().all.has(name)) name = `${fallback}${name.replace(/[^\w]/g, '')}`;
    return name;
}

/**
 * A name the user gave (`--from`, `--to`, `--interface`): kept as written when the grammar reads it as a name (so it
 * can name a system the workspace declares, `lab_sys` included), else made one with {@link toName}.
 */
export function givenName(text: string, fallback = 'Imported'): string {
    return ID.test(text) && !grammarKeywords().all.has(text) ? text : toName(text, fallback);
}

/** A code as written in a code map or a `receives` list: bare where the grammar reads it as a code, else quoted. */
export function codeText(code: string): string {
    const { all, words } = grammarKeywords();
    if (ID.test(code) && (!all.has(code) || words.has(code))) return code;
    // Bare only when the number reads back as the same text: `253088698300028811170411` or `1.50` would not.
    if (/^\d+(\.\d+)?$/.test(code) && String(Number(code)) === code) return code;
    return quote(code);
}

/** Whether `type` can be written as a message type (`ORU^R01`, `ADT^A01^ADT_A01`): words joined by `^`. */
export function isMessageType(type: string): boolean {
    return type.split('^').every(part => ID.test(part) && codeText(part) === part);
}

/** A `//` comment line's text: one line, never closing or opening a block comment. */
export function commentText(text: string): string {
    return oneLine(text).replace(/\*\//g, '* /');
}

/** A `/** … *\/` doc comment's text: one line, with no `*\/` inside. */
export function docText(text: string): string {
    return oneLine(text).replace(/\*\//g, '* /');
}

const WORD_STEP = String.raw`[_a-zA-Z]\w*(?:-\w+)*`;
/** `[authority = "NHS"]`: the HL7 v2 repetition selected by its assigning authority (a string as `quote` writes it). */
const AUTHORITY_STEP = String.raw`\[authority = "(?:[^"\\]|\\.)*"\]`;
const FIELD_PATH = new RegExp(String.raw`^(?:\([0-9A-Fa-f]{4},[0-9A-Fa-f]{4}\)|${WORD_STEP}(?:\.(?:${WORD_STEP}|\d+)|\[(?:\d+|x)\]|${AUTHORITY_STEP}|:${WORD_STEP})*)$`);

/**
 * Whether `path` can be written as a mapping's field path (`OBX-5.1`, `Observation.value[x]`, `(0010,0020)`,
 * `PID-3[authority = "NHS"]`).
 */
export function isFieldPath(path: string): boolean {
    return FIELD_PATH.test(path);
}

/**
 * An HL7 v2 field reference in any of the spellings sheets and engines use (`PID-3`, `PID.3`, `PID 3`, `PID:3`,
 * `PID-3-1`, `PID.3.1`, `pid-3.1`, `PID-3.1.2`, `OBX-5(1)`) as the language writes it (`PID-3`, `PID-3.1`,
 * `PID-3.1.2`); undefined when the text is not one. Segment ids are three characters (HL7 v2 chapter 2: a letter
 * then two letters or digits; Z-segments included).
 */
export function hl7FieldPath(text: string): string | undefined {
    const match = /^\s*([A-Za-z][A-Za-z0-9]{2})\s*[-.: ]\s*(\d{1,3})(?:\s*\(\s*\d+\s*\))?(?:\s*[-.]\s*(\d{1,3}))?(?:\s*[-.]\s*(\d{1,3}))?\s*$/.exec(text);
    if (!match) return undefined;
    const [, segment, fieldNumber, component, subcomponent] = match;
    const parts = [`${segment.toUpperCase()}-${Number(fieldNumber)}`];
    if (component !== undefined) parts.push(String(Number(component)));
    if (subcomponent !== undefined) parts.push(String(Number(subcomponent)));
    return parts.join('.');
}
