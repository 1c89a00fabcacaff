import type { ReadProblem } from './positions.js';

/**
 * The delimiters of one HL7 v2 message (or batch header), read from its header segment: MSH-1 is the field
 * separator, MSH-2 holds, in this order, the component separator, the repetition separator, the escape character,
 * the subcomponent separator and, from v2.7, the truncation character (HL7 v2 chapter 2, "Message delimiters",
 * section 2.5.4 in v2.5.1 / 2.6 in v2.7+). The recommended values are `|` and `^~\&` (and `#`), but any other
 * printable ASCII punctuation is legal and the reader takes what the message says.
 *
 * A role is undefined when MSH-2 does not define it (too short) or defines it illegally (a letter, a digit, a
 * space or control character, or a character already used by another role): the reader then does not split on
 * it, and reports the fact as an `encoding-characters` problem.
 */
export interface Hl7EncodingCharacters {
    /** MSH-1: separates fields; always defined (`|` when MSH-1 is illegal). */
    readonly field: string;
    readonly component?: string;
    readonly repetition?: string;
    readonly escape?: string;
    readonly subcomponent?: string;
    /** v2.7+: marks a value its sender truncated; only used here to unescape `\P\`. */
    readonly truncation?: string;
}

/** The standard encoding characters `|^~\&`, used when a header segment's own are missing. */
export const DEFAULT_ENCODING: Hl7EncodingCharacters = Object.freeze({
    field: '|',
    component: '^',
    repetition: '~',
    escape: '\\',
    subcomponent: '&'
});

/**
 * The kinds of problems the HL7 v2 reader reports (each a {@link ReadProblem} with this code):
 * - `not-hl7`: text that is not HL7 v2 ER7 (the input does not start with MSH, FHS or BHS; no message at all;
 *   a UTF-16 or UTF-32 byte order mark). Error.
 * - `binary`: NUL or other control characters outside any message (an image, a PDF, a zip). Error.
 * - `outside-message`: a segment before the first MSH, or after an MLLP end block, that belongs to no message;
 *   skipped up to the next MSH, FHS or BHS. Error.
 * - `encoding-characters`: MSH-1/MSH-2 (or FHS/BHS-1/2) missing or illegal; the message is read with `|^~\&`
 *   or without the role concerned. Error.
 * - `not-a-segment`: a line inside a message that does not start with a 3-character segment name and the field
 *   separator (a wrapped line of text, for instance); the line is skipped. Error.
 * - `line-too-long`: a segment longer than `maxLineLength`; the rest of it is skipped. Error.
 * - `charset`: MSH-18 names a character set that cannot be decoded here (UTF-16, UTF-32, an unknown name);
 *   the message is decoded as UTF-8. Warning.
 * - `invalid-characters`: bytes that are not valid in the message's character set (decoded as U+FFFD), or a
 *   U+FFFD already in text input. Error.
 * - `control-character`: NUL or another control character (not tab) inside a segment. Error.
 * - `escape`: an escape sequence that is not chapter 2's, or not closed; kept as written. Warning.
 * - `truncated`: an MLLP frame (0x0B) without its end block (0x1C) before the next message or the end of input,
 *   or a message header cut short. Error.
 * - `missing-header-field`: MSH-9 (message type), MSH-10 (control id) or MSH-12 (version), which the standard
 *   requires, is empty. Error.
 * - `batch`: a batch trailer without its header, or a BTS-1/FTS-1 count that does not match what was read. Warning.
 * - `too-many-problems`: more problems than the limit in one message (or outside messages); the rest are not
 *   listed. Warning.
 * - `not-a-file`: readHl7v2File was given a path that is not a regular file (a FIFO, a device). Error.
 */
export type Hl7ProblemCode =
    | 'not-hl7'
    | 'binary'
    | 'outside-message'
    | 'encoding-characters'
    | 'not-a-segment'
    | 'line-too-long'
    | 'charset'
    | 'invalid-characters'
    | 'control-character'
    | 'escape'
    | 'truncated'
    | 'missing-header-field'
    | 'batch'
    | 'too-many-problems'
    | 'not-a-file';

/** A problem found while reading HL7 v2 text (see {@link Hl7ProblemCode} for the codes). */
export type Hl7Problem = ReadProblem<Hl7ProblemCode>;
