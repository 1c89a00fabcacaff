/**
 * The HL7 v2 message model the reader builds: message → segments → fields → repetitions → components →
 * subcomponents, each value with its raw ER7 text, its unescaped value and its place in the file.
 *
 * Numbering follows the standard (HL7 v2 chapter 2, "Message construction rules"): fields, repetitions,
 * components and subcomponents are numbered from 1. In the header segments MSH, FHS and BHS, field 1 is the field
 * separator itself and field 2 the encoding characters (so MSH-3 is the third field, as the standard counts, even
 * though it is the second run of text between separators).
 *
 * Positions follow ./positions.ts: 1-based line and column, 0-based offset, UTF-16 code units, exclusive ends. A
 * value never spans lines (segments are separated by line breaks), so `endLine` equals `line`.
 *
 * Segments split into fields only when asked (`fields`, `field(n)`), and fields into repetitions, components and
 * subcomponents likewise, so reading a large file costs one object per segment until a check looks inside.
 */

import { findEscapeProblems, unescapeHl7 } from './hl7v2-escape.js';
import type { Hl7EncodingCharacters, Hl7Problem } from './hl7v2-types.js';
import type { TextPosition, TextRange } from './positions.js';

/** Segments whose fields 1 and 2 are the field separator and the encoding characters. */
const HEADER_SEGMENTS = new Set(['MSH', 'FHS', 'BHS']);

/** Whether a segment name is a header segment (MSH, FHS, BHS): field 1 is its field separator, field 2 MSH-2. */
export function isHeaderSegment(name: string): boolean {
    return HEADER_SEGMENTS.has(name);
}

/** Splits `text` at `separator` (undefined: no split): each piece with its index in `text`. */
function splitAt(text: string, separator: string | undefined): Array<[string, number]> {
    if (!separator || !text.includes(separator)) return [[text, 0]];
    const pieces: Array<[string, number]> = [];
    let from = 0;
    for (;;) {
        const at = text.indexOf(separator, from);
        if (at < 0) {
            pieces.push([text.slice(from), from]);
            return pieces;
        }
        pieces.push([text.slice(from, at), from]);
        from = at + 1;
    }
}

/**
 * One value of a segment (a field, repetition, component or subcomponent): its ER7 text as written (`raw`), its
 * value with escape sequences replaced (`value`, see ./hl7v2-escape.ts), and where it is in the file.
 */
export abstract class Hl7Value {
    private unescaped?: string;

    /**
     * @param segment the segment the value is in.
     * @param at 0-based index of the value's first character in the segment's text.
     * @param raw the value's text as written, separators inside it included (for a field: all its repetitions).
     * @param verbatim whether the value is a header's own field separator or encoding characters (MSH-1, MSH-2),
     *   which are never split or unescaped.
     */
    constructor(readonly segment: Hl7Segment, readonly at: number, readonly raw: string, readonly verbatim = false) {}

    /**
     * The value with its escape sequences replaced (HL7 v2 chapter 2; table in ./hl7v2-escape.ts). For a value
     * with separators inside (a field with components), an unescaped `\S\` and a real component separator look
     * the same: use the leaves (subcomponents, or components without subcomponents) for exact values. MSH-1 and
     * MSH-2 are returned as written. An HL7 null (`""`) is returned as written, two double quotes.
     */
    get value(): string {
        if (this.unescaped === undefined) {
            this.unescaped = this.verbatim ? this.raw : unescapeHl7(this.raw, this.segment.encoding, this.segment.charset);
        }
        return this.unescaped;
    }

    /** 1-based line of the first character. */
    get line(): number {
        return this.segment.line;
    }

    /** 1-based column of the first character (UTF-16 code units). */
    get column(): number {
        return this.segment.column + this.at;
    }

    /** 0-based offset of the first character in the whole input (UTF-16 code units). */
    get offset(): number {
        return this.segment.offset + this.at;
    }

    /** 1-based line of the end (the same line: values never span lines). */
    get endLine(): number {
        return this.segment.line;
    }

    /** 1-based column just after the last character (exclusive; equals `column` for an empty value). */
    get endColumn(): number {
        return this.column + this.raw.length;
    }

    /** 0-based offset just after the last character (exclusive). */
    get endOffset(): number {
        return this.offset + this.raw.length;
    }

    /** Where the value is: start and exclusive end. */
    get range(): TextRange {
        return {
            start: { line: this.line, column: this.column, offset: this.offset },
            end: { line: this.line, column: this.endColumn, offset: this.endOffset }
        };
    }
}

/** A subcomponent: the smallest value, between subcomponent separators. `number` is 1-based. */
export class Hl7Subcomponent extends Hl7Value {
    constructor(segment: Hl7Segment, at: number, raw: string, readonly number: number, verbatim = false) {
        super(segment, at, raw, verbatim);
    }
}

/** A component of one repetition of a field. `number` is 1-based (PID-3.4 is component 4). */
export class Hl7Component extends Hl7Value {
    private split?: Hl7Subcomponent[];

    constructor(segment: Hl7Segment, at: number, raw: string, readonly number: number, verbatim = false) {
        super(segment, at, raw, verbatim);
    }

    /** The subcomponents (at least one; one holding the whole component when it has no subcomponent separator). */
    get subcomponents(): readonly Hl7Subcomponent[] {
        if (!this.split) {
            const separator = this.verbatim ? undefined : this.segment.encoding.subcomponent;
            this.split = splitAt(this.raw, separator).map(([raw, at], i) => new Hl7Subcomponent(this.segment, this.at + at, raw, i + 1, this.verbatim));
        }
        return this.split;
    }

    /** Subcomponent `n` (1-based), or undefined if the component has fewer. */
    subcomponent(n: number): Hl7Subcomponent | undefined {
        return this.subcomponents[n - 1];
    }
}

/** One repetition of a field (a field that does not repeat has one). `number` is 1-based. */
export class Hl7Repetition extends Hl7Value {
    private split?: Hl7Component[];

    constructor(segment: Hl7Segment, at: number, raw: string, readonly number: number, verbatim = false) {
        super(segment, at, raw, verbatim);
    }

    /** The components (at least one; one holding the whole repetition when it has no component separator). */
    get components(): readonly Hl7Component[] {
        if (!this.split) {
            const separator = this.verbatim ? undefined : this.segment.encoding.component;
            this.split = splitAt(this.raw, separator).map(([raw, at], i) => new Hl7Component(this.segment, this.at + at, raw, i + 1, this.verbatim));
        }
        return this.split;
    }

    /** Component `n` (1-based), or undefined if the repetition has fewer. */
    component(n: number): Hl7Component | undefined {
        return this.components[n - 1];
    }
}

/**
 * A field of a segment. `number` is the field's number as the standard counts (PID-3 is 3; MSH-1 is the field
 * separator, MSH-2 the encoding characters). `raw` holds all repetitions.
 */
export class Hl7Field extends Hl7Value {
    private split?: Hl7Repetition[];

    constructor(segment: Hl7Segment, at: number, raw: string, readonly number: number, verbatim = false) {
        super(segment, at, raw, verbatim);
    }

    /** Whether the field is empty (nothing between its separators). An HL7 null `""` is not empty. */
    get isEmpty(): boolean {
        return this.raw.length === 0;
    }

    /** The repetitions (at least one; one holding the whole field when it does not repeat). */
    get repetitions(): readonly Hl7Repetition[] {
        if (!this.split) {
            const separator = this.verbatim ? undefined : this.segment.encoding.repetition;
            this.split = splitAt(this.raw, separator).map(([raw, at], i) => new Hl7Repetition(this.segment, this.at + at, raw, i + 1, this.verbatim));
        }
        return this.split;
    }

    /** Repetition `n` (1-based), or undefined if the field has fewer. */
    repetition(n: number): Hl7Repetition | undefined {
        return this.repetitions[n - 1];
    }

    /** Component `n` (1-based) of repetition `repetition` (1-based, default the first). */
    component(n: number, repetition = 1): Hl7Component | undefined {
        return this.repetition(repetition)?.component(n);
    }
}

/**
 * One segment: one line of the message. `name` is its 3-character id (MSH, PID, ZPD); `occurrence` counts the
 * segments of that name in the message from 1 (the second OBX has occurrence 2); `index` is its 0-based place among
 * the message's segments. `raw` is the segment's text without line break or MLLP framing characters; `line`,
 * `column`, `offset` are those of its first character (the first letter of the name).
 */
export class Hl7Segment {
    private split?: Hl7Field[];

    constructor(
        readonly name: string,
        readonly occurrence: number,
        readonly index: number,
        readonly raw: string,
        readonly line: number,
        readonly column: number,
        readonly offset: number,
        /** The delimiters this segment is read with (its message's, or a batch header's own). */
        readonly encoding: Hl7EncodingCharacters,
        /** WHATWG label of the character set `\X..\` data is decoded with (the message's MSH-18, default utf-8). */
        readonly charset: string
    ) {}

    /** The fields, in order: fields[0] is field 1 (for MSH: the field separator). Empty for a segment of only its name. */
    get fields(): readonly Hl7Field[] {
        if (!this.split) this.split = this.splitFields();
        return this.split;
    }

    /** Field `n` as the standard numbers it (PID-3: field(3)), or undefined if the segment has fewer fields. */
    field(n: number): Hl7Field | undefined {
        return this.fields[n - 1];
    }

    /** Where the segment is, from the first letter of its name to its last character (line break excluded). */
    get range(): TextRange {
        return {
            start: { line: this.line, column: this.column, offset: this.offset },
            end: { line: this.line, column: this.column + this.raw.length, offset: this.offset + this.raw.length }
        };
    }

    /** Where the segment's name is (its first three characters). */
    get nameRange(): TextRange {
        const length = Math.min(3, this.raw.length);
        return {
            start: { line: this.line, column: this.column, offset: this.offset },
            end: { line: this.line, column: this.column + length, offset: this.offset + length }
        };
    }

    /** The position of the character at 0-based `index` of the segment's text. */
    positionAt(index: number): TextPosition {
        return { line: this.line, column: this.column + index, offset: this.offset + index };
    }

    private splitFields(): Hl7Field[] {
        const text = this.raw;
        const separator = this.encoding.field;
        const fields: Hl7Field[] = [];
        if (text.length <= 3) return fields;
        if (isHeaderSegment(this.name)) {
            fields.push(new Hl7Field(this, 3, text[3], 1, true));
            if (text.length === 4) return fields;
            const end = text.indexOf(separator, 4);
            const encodingEnd = end < 0 ? text.length : end;
            fields.push(new Hl7Field(this, 4, text.slice(4, encodingEnd), 2, true));
            if (end < 0) return fields;
            for (const [raw, at] of splitAt(text.slice(end + 1), separator)) {
                fields.push(new Hl7Field(this, end + 1 + at, raw, fields.length + 1));
            }
            return fields;
        }
        for (const [raw, at] of splitAt(text.slice(4), separator)) {
            fields.push(new Hl7Field(this, 4 + at, raw, fields.length + 1));
        }
        return fields;
    }

    /** The escape sequences in the segment that chapter 2 does not define or that are not closed (header fields 1-2 skipped). */
    escapeProblems(): Array<{ at: number; message: string }> {
        let from = 4;
        if (isHeaderSegment(this.name)) {
            const end = this.raw.indexOf(this.encoding.field, 4);
            if (end < 0) return [];
            from = end + 1;
        }
        return findEscapeProblems(this.raw, this.encoding, this.charset, from);
    }
}

/** HD (hierarchic designator) as in MSH-3 to MSH-6: the first repetition's components, unescaped; undefined when empty. */
export interface Hl7HierarchicDesignator {
    /** The whole first repetition, unescaped (e.g. `GHH LAB` or `LAB^2.16.840.1.113883.19.4.6^ISO`). */
    readonly text: string;
    /** HD.1 namespace id. */
    readonly namespaceId?: string;
    /** HD.2 universal id (an OID, a URI). */
    readonly universalId?: string;
    /** HD.3 universal id type (ISO, DNS, URI...). */
    readonly universalIdType?: string;
}

/**
 * The facts of a message header (MSH), unescaped, from the first repetition of each field; a fact is undefined
 * when its field or component is empty or absent. Source: HL7 v2 chapter 2, segment MSH.
 */
export interface Hl7MessageHeader {
    /** MSH-3 sending application. */
    readonly sendingApplication?: Hl7HierarchicDesignator;
    /** MSH-4 sending facility. */
    readonly sendingFacility?: Hl7HierarchicDesignator;
    /** MSH-5 receiving application. */
    readonly receivingApplication?: Hl7HierarchicDesignator;
    /** MSH-6 receiving facility. */
    readonly receivingFacility?: Hl7HierarchicDesignator;
    /** MSH-7.1 date/time of message, as written (e.g. `20240131120000+0100`). */
    readonly dateTime?: string;
    /** MSH-9.1 message code (ADT, ORU). In v2.1 MSH-9 had no components: then this is the whole field. */
    readonly messageType?: string;
    /** MSH-9.2 trigger event (A01, R01). */
    readonly triggerEvent?: string;
    /** MSH-9.3 message structure (ADT_A01), from v2.3.1. */
    readonly messageStructure?: string;
    /** MSH-10 message control id. */
    readonly controlId?: string;
    /** MSH-11.1 processing id (P production, T training, D debugging). */
    readonly processingId?: string;
    /** MSH-12.1 version id (2.3, 2.5.1, 2.8). */
    readonly version?: string;
    /** MSH-18 character sets, every repetition (the first is the message's; table 0211: ASCII, 8859/1, UNICODE UTF-8...). */
    readonly characterSets: readonly string[];
}

/** The batch a message was read in: the file and batch headers in force (HL7 v2 chapter 2, "Batch protocol"). */
export interface Hl7BatchContext {
    /** The FHS segment of the file the message is in, if any. */
    readonly fileHeader?: Hl7Segment;
    /** The BHS segment of the batch the message is in, if any. */
    readonly batchHeader?: Hl7Segment;
    /** 1-based place of the message in its batch (or file, without a BHS). */
    readonly indexInBatch: number;
}

/** One HL7 v2 message: from an MSH segment to the segment before the next message, batch segment or MLLP end block. */
export class Hl7Message {
    constructor(
        /** 0-based place of the message among the messages of the input. */
        readonly index: number,
        /** Its delimiters, from its MSH-1 and MSH-2. */
        readonly encoding: Hl7EncodingCharacters,
        /** WHATWG label of the character set it was decoded with (utf-8 unless MSH-18 names another); for text input, the one `\X..\` data is decoded with. */
        readonly charset: string,
        /** Its segments in order; segments[0] is the MSH. Lines that are not segments are left out (and reported). */
        readonly segments: readonly Hl7Segment[],
        /** The facts of its MSH. */
        readonly header: Hl7MessageHeader,
        /** Problems found in the message, in order of position. */
        readonly problems: readonly Hl7Problem[],
        /** Whether it came in an MLLP frame (0x0B ... 0x1C 0x0D). */
        readonly framed: boolean,
        /** The batch it was read in, if it came after an FHS or BHS. */
        readonly batch?: Hl7BatchContext
    ) {}

    /** From the first character of the MSH to the end of the last segment. */
    get range(): TextRange {
        const first = this.segments[0].range;
        const last = this.segments[this.segments.length - 1].range;
        return { start: first.start, end: last.end };
    }

    /** The segments named `name`, in order (their `occurrence` is 1, 2, ...). */
    segmentsNamed(name: string): Hl7Segment[] {
        return this.segments.filter(segment => segment.name === name);
    }

    /** Occurrence `occurrence` (1-based, default 1) of segment `name`, or undefined. */
    segment(name: string, occurrence = 1): Hl7Segment | undefined {
        return this.segments.find(segment => segment.name === name && segment.occurrence === occurrence);
    }

    /** The values at an HL7 v2 path such as `PID-3`, `PID-3.4.1` or `OBX(2)-5`; see {@link lookup}. */
    lookup(path: string | Hl7Path): Hl7Match[] {
        return lookup(this, path);
    }
}

/**
 * A parsed HL7 v2 location in the standard's notation: segment, field and optionally component and subcomponent,
 * with an optional segment occurrence and field repetition (1-based; undefined means every one).
 */
export interface Hl7Path {
    readonly segment: string;
    readonly occurrence?: number;
    readonly field: number;
    readonly repetition?: number;
    readonly component?: number;
    readonly subcomponent?: number;
}

const PATH = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\]|\((\d+)\))?[-.](\d+)(?:\[(\d+)\]|\((\d+)\))?(?:\.(\d+)(?:\.(\d+))?)?$/;

/**
 * Parses an HL7 v2 location: `SEG-F`, `SEG-F.C`, `SEG-F.C.S` (the standard's notation, e.g. `PID-3`, `PID-3.4`,
 * `PID-3.4.1`), with `.` also accepted after the segment name (`PID.3.4`), an optional segment occurrence after
 * the name and an optional repetition after the field number, each 1-based in `[n]` or `(n)`: `OBX[2]-5`,
 * `PID-3(2).1`. Returns undefined for anything else (numbers must be at least 1).
 */
export function parseHl7Path(path: string): Hl7Path | undefined {
    const match = PATH.exec(path.trim());
    if (!match) return undefined;
    const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
    const parsed: Hl7Path = {
        segment: match[1],
        occurrence: number(match[2] ?? match[3]),
        field: Number(match[4]),
        repetition: number(match[5] ?? match[6]),
        component: number(match[7]),
        subcomponent: number(match[8])
    };
    for (const value of [parsed.occurrence, parsed.field, parsed.repetition, parsed.component, parsed.subcomponent]) {
        if (value !== undefined && value < 1) return undefined;
    }
    return parsed;
}

/**
 * One value found at a path: the segment and field it is in, the 1-based repetition, and the value itself (a
 * repetition for `PID-3`, a component for `PID-3.4`, a subcomponent for `PID-3.4.1`).
 */
export interface Hl7Match {
    readonly segment: Hl7Segment;
    readonly field: Hl7Field;
    readonly repetition: number;
    readonly value: Hl7Repetition | Hl7Component | Hl7Subcomponent;
}

/**
 * The values of `message` at an HL7 v2 path (see {@link parseHl7Path} for the notation): for every occurrence of
 * the segment (or the one named) and every repetition of the field (or the one named), the repetition, component
 * or subcomponent asked for. Values that are absent (a field the segment does not have, a component after the
 * last one written) are not matches; present but empty values are, with value ''. `OBX-5` gives every repetition
 * of OBX-5 in every OBX. An unparsable path gives no match.
 */
export function lookup(message: Hl7Message, path: string | Hl7Path): Hl7Match[] {
    const parsed = typeof path === 'string' ? parseHl7Path(path) : path;
    if (!parsed) return [];
    const matches: Hl7Match[] = [];
    for (const segment of message.segments) {
        if (segment.name !== parsed.segment) continue;
        if (parsed.occurrence !== undefined && segment.occurrence !== parsed.occurrence) continue;
        const field = segment.field(parsed.field);
        if (!field) continue;
        for (const repetition of field.repetitions) {
            if (parsed.repetition !== undefined && repetition.number !== parsed.repetition) continue;
            let value: Hl7Repetition | Hl7Component | Hl7Subcomponent | undefined = repetition;
            if (parsed.component !== undefined) {
                const component = repetition.component(parsed.component);
                value = component && parsed.subcomponent !== undefined ? component.subcomponent(parsed.subcomponent) : component;
            }
            if (value) matches.push({ segment, field, repetition: repetition.number, value });
        }
    }
    return matches;
}

/** The segments of `message` named `name`, in order. */
export function segments(message: Hl7Message, name: string): Hl7Segment[] {
    return message.segmentsNamed(name);
}

/** Field `n` of `segment` as the standard numbers it (MSH-1 is the field separator), or undefined. */
export function field(segment: Hl7Segment, n: number): Hl7Field | undefined {
    return segment.field(n);
}
