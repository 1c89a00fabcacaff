/**
 * HL7 v2 escape sequences in ER7 text: finding them, checking them and unescaping them.
 *
 * Source: HL7 Version 2 (2.5.1 through 2.9) Chapter 2 "Control", section "Use of escape sequences in text fields"
 * (2.7 in v2.5.1, 2.7.1–2.7.4 in later versions). An escape sequence is the escape character (MSH-2, 3rd
 * character, normally `\`), one or more characters, and the escape character again. It never spans a field,
 * component, repetition or subcomponent separator.
 *
 * | sequence          | meaning (chapter 2)                               | unescaped value here                          |
 * | ----------------- | ------------------------------------------------- | --------------------------------------------- |
 * | `\F\`             | field separator                                   | the message's field separator (MSH-1)         |
 * | `\S\`             | component separator                               | the message's component separator             |
 * | `\T\`             | subcomponent separator                            | the message's subcomponent separator          |
 * | `\R\`             | repetition separator                              | the message's repetition separator            |
 * | `\E\`             | escape character                                  | the message's escape character                |
 * | `\P\`             | truncation character (v2.7+)                      | the message's truncation character (MSH-2, 5th) |
 * | `\H\` `\N\`       | start / end highlighting                          | dropped (display hint, no text)               |
 * | `\Xhh...\`        | hexadecimal data                                  | the bytes, decoded with the message's charset |
 * | `\.br\`           | formatted text: line break                        | `\n`                                          |
 * | `\.sp<n>\`        | formatted text: end line, skip n lines            | `\n` repeated max(n, 1) times                 |
 * | `\.sk<n>\`        | formatted text: skip n spaces                     | n spaces (1 if no number)                     |
 * | `\.fi\ \.nf\ \.ce\ \.in<n>\ \.ti<n>\` | fill, no-fill, centre, indent | dropped (layout only)                         |
 * | `\Zxxx\`          | locally defined                                   | kept as written                               |
 * | `\Cxxyy\ \Mxxyyzz\` | ISO 2022 character set switches                 | kept as written (not interpreted)             |
 *
 * Anything else between two escape characters, an escape character without a closing one before the next
 * separator, or a sequence whose separator the message does not define (e.g. `\P\` without a truncation
 * character) is kept as written in the value and reported by {@link findEscapeProblems}.
 */

import { TextDecoder } from 'node:util';
import type { Hl7EncodingCharacters } from './hl7v2-types.js';

/** An escape sequence that is not one of chapter 2's, or not closed: where it starts in the text and why. */
export interface EscapeProblem {
    /** 0-based index of the opening escape character in the scanned text. */
    readonly at: number;
    readonly message: string;
}

const HEX = /^X((?:[0-9A-Fa-f]{2})+)$/;
const FORMATTING_DROPPED = /^\.(?:fi|nf|ce|in[+-]?\d*|ti[+-]?\d*)$/;
const SPACE_LINES = /^\.sp(\d*)$/;
const SKIP_SPACES = /^\.sk(\d*)$/;
const CHARSET_SWITCH = /^(?:C[0-9A-Fa-f]{4}|M[0-9A-Fa-f]{4}(?:[0-9A-Fa-f]{2})?)$/;
/** The most characters a repeat count in `.sp<n>` or `.sk<n>` produces, so `\.sp999999999\` stays small. */
const MAX_REPEAT = 100;

const decoders = new Map<string, TextDecoder>();

/** A TextDecoder for a WHATWG encoding label, cached; UTF-8 if the label is not supported. */
export function decoderFor(label: string): TextDecoder {
    let decoder = decoders.get(label);
    if (!decoder) {
        try {
            decoder = new TextDecoder(label, { fatal: false, ignoreBOM: true });
        } catch {
            decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
        }
        decoders.set(label, decoder);
    }
    return decoder;
}

/**
 * What an escape sequence's content (the text between the two escape characters) stands for: the replacement
 * text, or undefined if it is not a sequence chapter 2 defines (or names a separator the message does not have).
 * `charset` is a WHATWG encoding label for `\X..\` data.
 */
export function interpretEscape(content: string, encoding: Hl7EncodingCharacters, charset: string): string | undefined {
    switch (content) {
        case 'F': return encoding.field;
        case 'S': return encoding.component;
        case 'T': return encoding.subcomponent;
        case 'R': return encoding.repetition;
        case 'E': return encoding.escape;
        case 'P': return encoding.truncation;
        case 'H':
        case 'N':
        case '.br':
            return content === '.br' ? '\n' : '';
    }
    const hex = HEX.exec(content);
    if (hex) {
        const bytes = new Uint8Array(hex[1].length / 2);
        for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex[1].slice(i * 2, i * 2 + 2), 16);
        return decoderFor(charset).decode(bytes);
    }
    if (FORMATTING_DROPPED.test(content)) return '';
    const lines = SPACE_LINES.exec(content);
    if (lines) return '\n'.repeat(Math.min(MAX_REPEAT, Math.max(1, Number(lines[1] || '1'))));
    const spaces = SKIP_SPACES.exec(content);
    if (spaces) return ' '.repeat(Math.min(MAX_REPEAT, Math.max(1, Number(spaces[1] || '1'))));
    if (content.startsWith('Z') || CHARSET_SWITCH.test(content)) return `${encoding.escape}${content}${encoding.escape}`;
    return undefined;
}

/** Whether a character is one of the message's separators (field, component, repetition, subcomponent). */
function isSeparator(char: string, encoding: Hl7EncodingCharacters): boolean {
    return char === encoding.field || char === encoding.component || char === encoding.repetition || char === encoding.subcomponent;
}

/**
 * Index of the escape character that closes the sequence opened at `open`, or -1 if a separator or the end of
 * the text comes first.
 */
function closingEscape(text: string, open: number, encoding: Hl7EncodingCharacters): number {
    const escape = encoding.escape!;
    for (let i = open + 1; i < text.length; i++) {
        const char = text[i];
        if (char === escape) return i;
        if (isSeparator(char, encoding)) return -1;
    }
    return -1;
}

/**
 * The value of ER7 text with its escape sequences replaced (table above). Text without the escape character is
 * returned as it is (no copy). A sequence that is not chapter 2's is kept as written; so is a lone escape
 * character. Never throws.
 */
export function unescapeHl7(raw: string, encoding: Hl7EncodingCharacters, charset = 'utf-8'): string {
    const escape = encoding.escape;
    if (!escape || !raw.includes(escape)) return raw;
    let out = '';
    let from = 0;
    let open = raw.indexOf(escape);
    while (open >= 0) {
        const close = closingEscape(raw, open, encoding);
        if (close < 0) {
            open = raw.indexOf(escape, open + 1);
            continue;
        }
        const replacement = interpretEscape(raw.slice(open + 1, close), encoding, charset);
        if (replacement !== undefined) {
            out += raw.slice(from, open) + replacement;
            from = close + 1;
        }
        open = raw.indexOf(escape, close + 1);
    }
    return out + raw.slice(from);
}

/**
 * The escape sequences in `text` (a segment's text, from index `from`) that are not chapter 2's or not closed,
 * with the index of their opening escape character. Empty if the message defines no escape character.
 */
export function findEscapeProblems(text: string, encoding: Hl7EncodingCharacters, charset: string, from = 0): EscapeProblem[] {
    const escape = encoding.escape;
    const problems: EscapeProblem[] = [];
    if (!escape) return problems;
    let open = text.indexOf(escape, from);
    while (open >= 0) {
        const close = closingEscape(text, open, encoding);
        if (close < 0) {
            problems.push({ at: open, message: `escape character '${escape}' without a closing '${escape}' before the next separator; kept as written` });
            open = text.indexOf(escape, open + 1);
            continue;
        }
        const content = text.slice(open + 1, close);
        if (interpretEscape(content, encoding, charset) === undefined) {
            const shown = content.length > 20 ? `${content.slice(0, 20)}…` : content;
            problems.push({ at: open, message: `escape sequence '${escape}${shown}${escape}' is not one of HL7 v2 chapter 2's (or names a separator the message does not define); kept as written` });
        }
        open = text.indexOf(escape, close + 1);
    }
    return problems;
}
