/**
 * Layout for the plain-text outputs (`--format text`, what a terminal shows): spec text made safe and flat, words
 * wrapped to a width in terminal columns, headings, labelled fields with a hanging indent. Deterministic: the same
 * text, width and style give the same lines. No Markdown, no HTML: what is printed is what the spec says.
 */
import { escapeTerminal } from '../../util/escape.js';
import type { EvidenceStatus } from '../model.js';

/**
 * How the text is coloured: each function wraps one piece of laid-out text (never text still to be wrapped, so
 * colour codes never count towards a width). The CLI passes picocolors' `createColors(enabled)`, decided by
 * `src/cli/color.ts` (a terminal, NO_COLOR, FORCE_COLOR); everyone else gets PLAIN_STYLE.
 */
export interface TextStyle {
    bold(text: string): string;
    dim(text: string): string;
    red(text: string): string;
    green(text: string): string;
    yellow(text: string): string;
}

const same = (text: string) => text;

/** No colour: the text as it is. */
export const PLAIN_STYLE: TextStyle = { bold: same, dim: same, red: same, green: same, yellow: same };

/** Options of the text formats. */
export interface TextOptions {
    /** Terminal columns each line fits in (default TEXT_WIDTH; below MIN_TEXT_WIDTH, MIN_TEXT_WIDTH is used). */
    width?: number;
    style?: TextStyle;
}

/** The width when none is given: a file, a pipe, the editor. */
export const TEXT_WIDTH = 100;
/** Narrower than this and labelled fields could not keep a readable column; lines then fit this many columns. */
export const MIN_TEXT_WIDTH = 40;

/** The width a text format lays out to: `width` in whole columns, at least MIN_TEXT_WIDTH. */
export function textWidth(width: number | undefined): number {
    return width === undefined || !Number.isFinite(width) ? TEXT_WIDTH : Math.max(MIN_TEXT_WIDTH, Math.floor(width));
}

/**
 * Spec text as one safe run of words: line breaks and tabs become spaces (the layout decides where lines break),
 * runs of spaces one space, and every control or bidirectional formatting character visible `\uXXXX`
 * (escapeTerminal), so a spec string cannot move the cursor, clear the screen or reorder a line.
 */
export function plainText(text: string): string {
    return escapeTerminal(text.replace(/[\s\u2028\u2029]+/g, ' ').trim());
}

// Characters a terminal shows in two columns (East Asian Wide and Fullwidth, Unicode UAX #11, and the emoji
// blocks), and characters it shows in none (combining marks, format characters such as the zero-width space).
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
const NO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;

function charWidth(char: string): number {
    return NO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
}

/** The columns a terminal gives a text without colour codes (see WIDE and NO_WIDTH). */
export function displayWidth(text: string): number {
    if (/^[\x20-\x7E]*$/.test(text)) {
        return text.length;
    }
    let width = 0;
    for (const char of text) {
        width += charWidth(char);
    }
    return width;
}

/** Where a word too long for a line is best cut: after one of these (ids, field paths, URLs). */
const BREAK_AFTER = /[-_./:^,;]/;

/** A word wider than `width` in pieces that each fit, cut after a separator in the second half of a piece when there is one. */
function breakWord(word: string, width: number): string[] {
    const pieces: string[] = [];
    let chars = [...word];
    while (chars.length) {
        let used = 0;
        let end = 0;
        while (end < chars.length && used + charWidth(chars[end]) <= width) {
            used += charWidth(chars[end]);
            end++;
        }
        if (end === chars.length) {
            pieces.push(chars.join(''));
            break;
        }
        end = Math.max(end, 1);
        for (let cut = end; cut > end / 2; cut--) {
            if (BREAK_AFTER.test(chars[cut - 1])) {
                end = cut;
                break;
            }
        }
        pieces.push(chars.slice(0, end).join(''));
        chars = chars.slice(end);
    }
    return pieces;
}

/**
 * Plain text (see plainText) as lines of at most `width` columns, broken between words; a word wider than a line
 * is cut (breakWord). An empty text is one empty line.
 */
export function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    let used = 0;
    for (const word of text.split(' ').filter(Boolean)) {
        const size = displayWidth(word);
        if (line && used + 1 + size <= width) {
            line += ` ${word}`;
            used += 1 + size;
            continue;
        }
        if (line) {
            lines.push(line);
        }
        const pieces = size <= width ? [word] : breakWord(word, width);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1];
        used = displayWidth(line);
    }
    lines.push(line);
    return lines;
}

/** `text` wrapped to `width - indent` columns, the first line after `first`, the others after `indent` spaces. */
export function hanging(first: string, text: string, width: number, indent = displayWidth(first)): string[] {
    const rest = ' '.repeat(indent);
    return wrap(text, width - indent).map((line, index) => (index === 0 ? first.padEnd(indent) : rest) + line);
}

/**
 * A heading: its text wrapped to the width in the style's bold, underlined with `rule` (`=` for a page, `-` for
 * a section) as wide as its longest line.
 */
export function heading(text: string, rule: '=' | '-', width: number, style: TextStyle): string[] {
    const lines = wrap(text, width);
    const underline = rule.repeat(Math.max(...lines.map(displayWidth)));
    return [...lines.map(line => style.bold(line)), style.dim(underline)];
}

/** Prose wrapped narrower than this reads a few words a line: labels then go above their values. */
const MIN_VALUE_COLUMNS = 32;

/**
 * Labelled fields, one per line, values aligned after the longest label and wrapped under themselves:
 *
 *     Preconditions    LIS and Middleware are connected at Riverside; a test
 *                      patient is registered.
 *
 * When the value column would be narrower than MIN_VALUE_COLUMNS, each label stands on its line and its value
 * follows, indented by two more. `paint` colours a field's value (one line at a time).
 */
export class Fields {
    private readonly column: number;
    private readonly stacked: boolean;

    constructor(labels: readonly string[], private readonly indent: number, private readonly width: number, private readonly style: TextStyle) {
        this.column = indent + Math.max(...labels.map(label => label.length)) + 2;
        this.stacked = width - this.column < MIN_VALUE_COLUMNS;
    }

    lines(label: string, value: string, paint: (text: string) => string = same): string[] {
        const pad = ' '.repeat(this.indent);
        if (this.stacked) {
            return [pad + this.style.dim(label), ...wrap(value, this.width - this.indent - 2).map(line => `${pad}  ${paint(line)}`)];
        }
        const rest = ' '.repeat(this.column);
        return wrap(value, this.width - this.column).map((line, index) =>
            (index === 0 ? pad + this.style.dim(label) + ' '.repeat(this.column - this.indent - label.length) : rest) + paint(line));
    }
}

/** Lines as text, each ended by a line feed. */
export function lines(list: readonly string[]): string {
    return list.map(line => `${line}\n`).join('');
}

/** The colour of an evidence status: complete green (waived dim), failed red, pending yellow. */
export function statusPaint(status: EvidenceStatus, style: TextStyle): (text: string) => string {
    switch (status) {
        case 'passed':
        case 'done': return style.green;
        case 'waived': return style.dim;
        case 'failed': return style.red;
        case 'pending': return style.yellow;
    }
}
