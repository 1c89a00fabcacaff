/**
 * Line and column bookkeeping shared by the sample readers (HL7 v2 ER7 and FHIR JSON).
 *
 * Conventions, the same in every reader:
 * - `line` and `column` are 1-based, as editors show them. A line ends at CR, LF or CRLF (each counts as one line
 *   break, as in the Language Server Protocol and VS Code); HL7 v2 files often separate segments by CR alone, so
 *   every segment is one line.
 * - `column` and `offset` count UTF-16 code units of the decoded text (the units of a JavaScript string and the
 *   Language Server Protocol's default position encoding): a character outside the Basic Multilingual Plane takes two.
 * - `offset` is 0-based from the start of the decoded input (for a stream, from the start of the whole stream, not
 *   of the chunk or message).
 * - A byte order mark (U+FEFF) at the very start of the input is not part of the text: line 1 column 1 and offset 0
 *   are the character after it, as an editor shows the file.
 * - A range's `end` is exclusive: the position just after the last character, so an empty value has start = end.
 */

/** A place in the decoded text: 1-based line, 1-based column (UTF-16 code units), 0-based offset (UTF-16 code units). */
export interface TextPosition {
    readonly line: number;
    readonly column: number;
    readonly offset: number;
}

/** A span of text: `start` is the first character, `end` is exclusive (just after the last character). */
export interface TextRange {
    readonly start: TextPosition;
    readonly end: TextPosition;
}

/** How bad a problem is: `error` for input that could not be read as it stands, `warning` for input read with doubt. */
export type ProblemSeverity = 'error' | 'warning';

/**
 * Something wrong in the input, found while reading it. Reading never throws on bad input: it records a problem
 * and goes on with what is sound. `line`/`column`/`offset` point at where the problem starts (see the conventions
 * at the top of this file); `code` is a stable identifier per kind of problem (each reader lists its codes).
 */
export interface ReadProblem<Code extends string = string> {
    readonly code: Code;
    readonly severity: ProblemSeverity;
    /** One sentence for a person: what is wrong and what the reader did about it. */
    readonly message: string;
    readonly line: number;
    readonly column: number;
    readonly offset: number;
}

/** The byte order mark, which the readers skip at the start of the input. */
export const BOM = '\uFEFF';

/**
 * Maps offsets of one string to lines and columns. Line breaks are CR, LF and CRLF. Built in one pass over the
 * text (memory: one number per line); each lookup is a binary search.
 */
export class LineIndex {
    /** Offset of the first character of each line; lineStarts[0] is `base`. */
    private readonly lineStarts: number[];

    /**
     * @param text the text to index.
     * @param base where `text` starts in the whole input: its first character gets this position (default line 1,
     *   column 1, offset 0). Used when a reader parses one slice (an NDJSON line) of a larger file.
     */
    constructor(private readonly text: string, private readonly base: TextPosition = { line: 1, column: 1, offset: 0 }) {
        const starts = [0];
        for (let i = 0; i < text.length; i++) {
            const code = text.charCodeAt(i);
            if (code === 13) {
                if (text.charCodeAt(i + 1) === 10) i++;
                starts.push(i + 1);
            } else if (code === 10) {
                starts.push(i + 1);
            }
        }
        this.lineStarts = starts;
    }

    /** Number of lines in the text (a text that ends with a line break has an empty last line). */
    get lineCount(): number {
        return this.lineStarts.length;
    }

    /** The position of a 0-based offset into the text (clamped to the text), in whole-input coordinates. */
    positionAt(offset: number): TextPosition {
        const at = Math.max(0, Math.min(offset, this.text.length));
        let low = 0;
        let high = this.lineStarts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.lineStarts[mid] <= at) low = mid;
            else high = mid - 1;
        }
        const column = at - this.lineStarts[low] + 1;
        return {
            line: this.base.line + low,
            column: low === 0 ? this.base.column + column - 1 : column,
            offset: this.base.offset + at
        };
    }

    /** The range of `length` characters from a 0-based offset into the text. */
    rangeAt(offset: number, length: number): TextRange {
        return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
    }
}
