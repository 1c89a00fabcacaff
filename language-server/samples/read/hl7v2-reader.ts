/**
 * Reads captured HL7 v2 messages in ER7 (the pipe-and-hat encoding) and keeps where every value is, so a finding
 * about a sample can point at the value it is about. No npm HL7 v2 parser keeps positions, hence this one.
 *
 * What it reads (HL7 v2 chapter 2, "Control"; section numbers of v2.5.1):
 * - delimiters from each header's MSH-1 and MSH-2 (2.5.4), not assumed to be `|^~\&`;
 * - segments ended by CR (the standard's segment terminator, 2.5.4), or by LF or CRLF as files on disk often are,
 *   mixed too; blank lines are skipped;
 * - MLLP framing (the minimal lower layer protocol of the HL7 Transport Specification: 0x0B start block,
 *   0x1C 0x0D end block) removed;
 * - several messages in one input, and batches (2.10.3: FHS/BHS ... BTS/FTS), whose messages carry the headers
 *   they were read under;
 * - escape sequences (2.7) unescaped (see ./hl7v2-escape.ts), the raw text kept as well;
 * - bytes decoded as UTF-8, or in the character set MSH-18 names (table 0211: 8859/1 ... 8859/15, GB 18030-2000,
 *   KS X 1001, BIG-5, ISO IR14, ISO IR87, UNICODE UTF-8) when TextDecoder can decode it.
 *
 * Bad input never throws: it becomes a problem (see {@link Hl7ProblemCode}) with line and column, and reading goes
 * on with what is sound. File-system errors (a missing file) do reject.
 *
 * Memory: the readers hold one message (plus one chunk of input) at a time; a line longer than `maxLineLength`
 * keeps only its first `maxLineLength` characters. Speed: about 15 MB/s on one core of the development machine
 * (a 142 MB capture of 200,000 messages in 10 s with 105 MB resident), values split only when asked for.
 */

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { decoderFor } from './hl7v2-escape.js';
import {
    Hl7Message,
    Hl7Segment,
    type Hl7BatchContext,
    type Hl7HierarchicDesignator,
    type Hl7MessageHeader,
    type Hl7Value
} from './hl7v2-model.js';
import { DEFAULT_ENCODING, type Hl7EncodingCharacters, type Hl7Problem, type Hl7ProblemCode } from './hl7v2-types.js';
import type { ProblemSeverity, TextPosition } from './positions.js';

/** Limits of one read; every one has a default far above real messages. */
export interface Hl7ReadOptions {
    /**
     * Characters (UTF-16 code units; bytes before decoding for byte input) kept of one line (segment); the rest
     * of a longer line is skipped and reported (`line-too-long`). Default 16 MiB: an OBX-5 with a base64 PDF of
     * 12 MB fits.
     */
    readonly maxLineLength?: number;
    /** Problems listed per message; one `too-many-problems` problem stands for the rest. Default 100. */
    readonly maxProblemsPerMessage?: number;
    /** Problems listed outside messages (not HL7, stray segments, batch counts). Default 1000. */
    readonly maxProblems?: number;
}

/** One thing read, in input order: a message, or a problem found outside any message. */
export type Hl7ReadItem =
    | { readonly kind: 'message'; readonly message: Hl7Message }
    | { readonly kind: 'problem'; readonly problem: Hl7Problem };

/** Everything read from one input. */
export interface Hl7ReadResult {
    /** The messages, in input order. */
    readonly messages: Hl7Message[];
    /** Every problem, in input order: those outside messages and those of each message (also in `message.problems`). */
    readonly problems: Hl7Problem[];
}

const DEFAULT_MAX_LINE = 16 * 1024 * 1024;
const DEFAULT_MAX_MESSAGE_PROBLEMS = 100;
const DEFAULT_MAX_PROBLEMS = 1000;
/** Characters the whole-input readers hand to the line splitter at a time. */
const SLICE = 1 << 20;

type Terminator = '' | '\r' | '\n' | '\r\n' | '\x1c';

interface SplitLine {
    /** The line's text, without terminator; in byte mode each character is one byte (latin1). */
    text: string;
    terminator: Terminator;
    /** Whether the line was longer than the limit (text holds its first part). */
    cut: boolean;
}

// eslint-disable-next-line no-control-regex
const TERMINATOR = /[\r\n\x1c]/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex
const BINARY = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]/;
const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;
const LOOKS_LIKE_SEGMENT = /^[A-Z][A-Z0-9]{2}(?:[!-/:-@[-`{-~]|$)/;
const DELIMITER = /^[!-/:-@[-`{-~]$/;

/**
 * Cuts a stream of text into lines at CR, LF, CRLF and 0x1C (MLLP end block), across chunk boundaries (a CR at the
 * end of one chunk and an LF at the start of the next are one CRLF). A line longer than `max` keeps its first
 * `max` characters; the rest goes to `onDrop` as it arrives, so memory stays bounded.
 */
class LineSplitter {
    private parts: string[] = [];
    private length = 0;
    private dropping = false;
    private held: SplitLine | undefined;

    constructor(
        private readonly max: number,
        /** Where to cut a line that overflows (`keep` = max): may move the cut back so a character is not split. */
        private readonly cutAt: (line: string, keep: number) => number,
        private readonly onLine: (line: SplitLine) => void,
        private readonly onDrop: (kept: string, piece: string) => void
    ) {}

    push(chunk: string): void {
        let pos = 0;
        if (this.held) {
            if (chunk.length === 0) return;
            const held = this.held;
            this.held = undefined;
            if (chunk.charCodeAt(0) === 10) {
                held.terminator = '\r\n';
                pos = 1;
            }
            this.onLine(held);
        }
        const length = chunk.length;
        while (pos < length) {
            TERMINATOR.lastIndex = pos;
            const match = TERMINATOR.exec(chunk);
            if (!match) {
                this.append(chunk, pos, length);
                return;
            }
            const at = match.index;
            this.append(chunk, pos, at);
            const code = chunk.charCodeAt(at);
            let terminator: Terminator;
            if (code === 13) {
                if (at + 1 === length) {
                    this.held = this.take('\r');
                    return;
                }
                terminator = chunk.charCodeAt(at + 1) === 10 ? '\r\n' : '\r';
            } else {
                terminator = code === 10 ? '\n' : '\x1c';
            }
            pos = at + terminator.length;
            this.onLine(this.take(terminator));
        }
    }

    end(): void {
        if (this.held) {
            const held = this.held;
            this.held = undefined;
            this.onLine(held);
        }
        if (this.length > 0 || this.dropping) this.onLine(this.take(''));
    }

    private append(chunk: string, from: number, to: number): void {
        if (from === to) return;
        if (this.dropping) {
            this.onDrop(this.parts[0] ?? '', chunk.slice(from, to));
            return;
        }
        const room = this.max - this.length;
        if (to - from <= room) {
            this.parts.push(from === 0 && to === chunk.length ? chunk : chunk.slice(from, to));
            this.length += to - from;
            return;
        }
        // Cut the whole line so far, not the piece: where a character starts may be in an earlier chunk.
        const line = this.parts.join('') + chunk.slice(from, to);
        const keep = this.cutAt(line, this.max);
        this.parts = [line.slice(0, keep)];
        this.length = keep;
        this.dropping = true;
        this.onDrop(this.parts[0], line.slice(keep));
    }

    private take(terminator: Terminator): SplitLine {
        const line: SplitLine = { text: this.parts.length === 1 ? this.parts[0] : this.parts.join(''), terminator, cut: this.dropping };
        this.parts = [];
        this.length = 0;
        this.dropping = false;
        return line;
    }
}

/** HL7 table 0211 (alternate character sets) to WHATWG encoding labels; null: not ASCII-compatible or not decodable here. */
const TABLE_0211: Record<string, string | null> = {
    'ASCII': 'utf-8',
    '8859/1': 'iso-8859-1',
    '8859/2': 'iso-8859-2',
    '8859/3': 'iso-8859-3',
    '8859/4': 'iso-8859-4',
    '8859/5': 'iso-8859-5',
    '8859/6': 'iso-8859-6',
    '8859/7': 'iso-8859-7',
    '8859/8': 'iso-8859-8',
    '8859/9': 'iso-8859-9',
    '8859/15': 'iso-8859-15',
    'ISO IR14': 'shift_jis',
    'ISO IR87': 'iso-2022-jp',
    'ISO IR159': null,
    'GB 18030-2000': 'gb18030',
    'KS X 1001': 'euc-kr',
    'CNS 11643-1992': null,
    'BIG-5': 'big5',
    'UNICODE': null,
    'UNICODE UTF-8': 'utf-8',
    'UNICODE UTF-16': null,
    'UNICODE UTF-32': null
};

/**
 * The TextDecoder (WHATWG encoding) label for an MSH-18 value (HL7 v2 table 0211, "Alternate character sets", as
 * in chapter 2's MSH-18; other WHATWG labels such as `windows-1252` are accepted too), and a sentence if it cannot
 * be honoured: UTF-16, UTF-32, `UNICODE` (no encoding named), ISO IR159, CNS 11643-1992 and unknown names decode
 * as UTF-8. Empty or undefined: UTF-8. ASCII decodes as UTF-8 (a superset); 8859/1 as WHATWG's iso-8859-1
 * (windows-1252). Never throws.
 */
export function resolveHl7Charset(name: string | undefined): { label: string; problem?: string } {
    const key = (name ?? '').trim().toUpperCase();
    if (key === '') return { label: 'utf-8' };
    const mapped = TABLE_0211[key];
    if (mapped) return { label: mapped };
    if (mapped === undefined) {
        try {
            const decoder = new TextDecoder(key.toLowerCase());
            if (!decoder.encoding.startsWith('utf-16')) return { label: decoder.encoding };
        } catch {
            // not a label TextDecoder knows: reported below
        }
    }
    return { label: 'utf-8', problem: `MSH-18 character set '${name!.trim()}' cannot be decoded here (not in HL7 table 0211 as a decodable, ASCII-compatible set, nor a known encoding label); the message is decoded as UTF-8` };
}

/** MSH-18's first repetition, read from the raw MSH text without splitting the whole line. */
function msh18Of(text: string): string | undefined {
    const separator = text[3];
    if (!separator || !DELIMITER.test(separator)) return undefined;
    // text[3] is MSH-1; each further separator starts the next field, from MSH-3 on.
    let at = 3;
    for (let field = 3; field <= 18; field++) {
        at = text.indexOf(separator, at + 1);
        if (at < 0) return undefined;
    }
    const end = text.indexOf(separator, at + 1);
    const value = text.slice(at + 1, end < 0 ? undefined : end);
    const repetition = text[5];
    return repetition && DELIMITER.test(repetition) && repetition !== separator ? value.split(repetition)[0] : value;
}

const ROLES = ['component', 'repetition', 'escape', 'subcomponent', 'truncation'] as const;

/**
 * The delimiters of a header segment (MSH, FHS, BHS) from its fields 1 and 2, and what is wrong with them (index
 * in the text and a sentence). Falls back to `|` and `^~\&` when the field separator or MSH-2 is unusable.
 */
export function readEncodingCharacters(text: string): { encoding: Hl7EncodingCharacters; problems: Array<{ at: number; message: string }> } {
    const name = text.slice(0, 3);
    const problems: Array<{ at: number; message: string }> = [];
    const separator = text[3];
    if (separator === undefined || !DELIMITER.test(separator)) {
        const what = separator === undefined ? 'missing' : `'${separator}', not printable ASCII punctuation`;
        problems.push({ at: 3, message: `${name}-1 (the field separator) is ${what}; read with the standard |^~\\&` });
        return { encoding: DEFAULT_ENCODING, problems };
    }
    const end = text.indexOf(separator, 4);
    const characters = text.slice(4, end < 0 ? undefined : end);
    const defaults = (why: string) => {
        problems.push({ at: 4, message: `${name}-2 (the encoding characters) ${why}; read with the standard ^~\\&` });
        const encoding: { -readonly [K in keyof Hl7EncodingCharacters]: Hl7EncodingCharacters[K] } = { ...DEFAULT_ENCODING, field: separator };
        for (const role of ROLES) if (encoding[role] === separator) encoding[role] = undefined;
        return { encoding, problems };
    };
    if (characters.length === 0) return defaults('is missing');
    if (/[A-Za-z0-9]/.test(characters)) return defaults(`'${characters.slice(0, 12)}' holds letters or digits, so it is not the encoding characters`);
    const encoding: { -readonly [K in keyof Hl7EncodingCharacters]: Hl7EncodingCharacters[K] } = { field: separator };
    const used = new Set([separator]);
    for (let i = 0; i < Math.min(characters.length, ROLES.length); i++) {
        const char = characters[i];
        const role = ROLES[i];
        if (!DELIMITER.test(char) || used.has(char)) {
            const why = used.has(char) ? 'already used by another delimiter' : 'not printable ASCII punctuation';
            problems.push({ at: 4 + i, message: `${name}-2 character ${i + 1} '${char}' cannot be the ${role} ${role === 'escape' ? 'character' : 'separator'} (${why}); the ${role} ${role === 'escape' ? 'character' : 'separator'} is not used` });
            continue;
        }
        encoding[role] = char;
        used.add(char);
    }
    if (characters.length < 4) {
        const missing = ROLES.slice(characters.length, 4).join(', ');
        problems.push({ at: 4 + characters.length, message: `${name}-2 has ${characters.length} encoding character${characters.length === 1 ? '' : 's'}, 4 expected (component, repetition, escape, subcomponent): no ${missing} separator is used` });
    } else if (characters.length > ROLES.length) {
        problems.push({ at: 4 + ROLES.length, message: `${name}-2 has ${characters.length} characters; HL7 v2 defines 5 at most (the 5th, the truncation character, from v2.7): the rest is ignored` });
    }
    return { encoding, problems };
}

/**
 * Collects problems up to a limit; past it, one `too-many-problems` stands for the rest. With a sink, problems go
 * to the sink instead of the list (memory stays bounded however many there are).
 */
class ProblemList {
    readonly list: Hl7Problem[] = [];
    private added = 0;
    private dropped = false;

    constructor(private readonly limit: number, private readonly sink?: (problem: Hl7Problem) => void) {}

    /** Problems taken so far (not counting the one that stands for the rest). */
    get count(): number {
        return this.added;
    }

    add(code: Hl7ProblemCode, severity: ProblemSeverity, message: string, at: TextPosition): void {
        if (this.added < this.limit) {
            this.added++;
            this.emit({ code, severity, message, line: at.line, column: at.column, offset: at.offset });
        } else if (!this.dropped) {
            this.dropped = true;
            this.emit({ code: 'too-many-problems', severity: 'warning', message: `more than ${this.limit} problems; the rest are not listed`, line: at.line, column: at.column, offset: at.offset });
        }
    }

    private emit(problem: Hl7Problem): void {
        if (this.sink) this.sink(problem);
        else this.list.push(problem);
    }
}

/** One decoded line of a message, with the position of its first character (MLLP start characters skipped). */
interface MessageLine {
    text: string;
    line: number;
    column: number;
    offset: number;
    cut: boolean;
}

interface PendingMessage {
    lines: MessageLine[];
    framed: boolean;
    closed: boolean;
    charset: string;
    charsetProblem?: string;
}

function at(line: MessageLine, index: number): TextPosition {
    return { line: line.line, column: line.column + index, offset: line.offset + index };
}

/** Problems of a line's characters: cut short, not decodable, control characters. */
function checkLine(line: MessageLine, problems: ProblemList, maxLineLength: number): void {
    if (line.cut) {
        problems.add('line-too-long', 'error', `segment longer than ${maxLineLength} characters; the rest of the line is skipped`, at(line, line.text.length));
    }
    const replacement = line.text.indexOf('\ufffd');
    if (replacement >= 0) {
        problems.add('invalid-characters', 'error', 'bytes that are not valid in the message\'s character set (decoded as U+FFFD); MSH-18 names the character set, UTF-8 if empty', at(line, replacement));
    }
    const control = CONTROL.exec(line.text);
    if (control) {
        const code = control[0].charCodeAt(0);
        const name = code === 0 ? 'NUL' : `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
        problems.add('control-character', 'error', `${name} inside a segment (binary data in an HL7 v2 message?)`, at(line, control.index));
    }
}

function present(value: Hl7Value | undefined): string | undefined {
    return value && value.raw !== '' ? value.value : undefined;
}

function designator(segment: Hl7Segment, n: number): Hl7HierarchicDesignator | undefined {
    const repetition = segment.field(n)?.repetitions[0];
    if (!repetition || repetition.raw === '') return undefined;
    return {
        text: repetition.value,
        namespaceId: present(repetition.component(1)),
        universalId: present(repetition.component(2)),
        universalIdType: present(repetition.component(3))
    };
}

/** The facts of an MSH segment (see {@link Hl7MessageHeader}). */
export function readMessageHeader(msh: Hl7Segment): Hl7MessageHeader {
    const first = (n: number) => msh.field(n)?.repetitions[0];
    return {
        sendingApplication: designator(msh, 3),
        sendingFacility: designator(msh, 4),
        receivingApplication: designator(msh, 5),
        receivingFacility: designator(msh, 6),
        dateTime: present(first(7)?.component(1)),
        messageType: present(first(9)?.component(1)),
        triggerEvent: present(first(9)?.component(2)),
        messageStructure: present(first(9)?.component(3)),
        controlId: present(first(10)),
        processingId: present(first(11)?.component(1)),
        version: present(first(12)?.component(1)),
        characterSets: (msh.field(18)?.repetitions ?? []).map(repetition => repetition.value).filter(value => value !== '')
    };
}

/** A header segment (MSH, FHS, BHS) read with its own delimiters; problems of its delimiters go to `problems`. */
function headerSegment(line: MessageLine, name: string, charset: string, problems: ProblemList): Hl7Segment {
    const { encoding, problems: found } = readEncodingCharacters(line.text);
    for (const problem of found) problems.add('encoding-characters', 'error', problem.message, at(line, problem.at));
    return new Hl7Segment(name, 1, 0, line.text, line.line, line.column, line.offset, encoding, charset);
}

function addEscapeProblems(segment: Hl7Segment, line: MessageLine, problems: ProblemList): void {
    if (!segment.encoding.escape || !segment.raw.includes(segment.encoding.escape)) return;
    for (const problem of segment.escapeProblems()) problems.add('escape', 'warning', problem.message, at(line, problem.at));
}

/** Builds a message from its decoded lines (the first is the MSH). */
function buildMessage(pending: PendingMessage, index: number, batch: Hl7BatchContext | undefined, options: Required<Hl7ReadOptions>, decodedFromBytes: boolean): Hl7Message {
    const problems = new ProblemList(options.maxProblemsPerMessage);
    const [mshLine] = pending.lines;
    checkLine(mshLine, problems, options.maxLineLength);
    const msh = headerSegment(mshLine, 'MSH', pending.charset, problems);
    addEscapeProblems(msh, mshLine, problems);
    const encoding = msh.encoding;
    const segments: Hl7Segment[] = [msh];
    const counts = new Map<string, number>([['MSH', 1]]);
    for (let i = 1; i < pending.lines.length; i++) {
        const line = pending.lines[i];
        checkLine(line, problems, options.maxLineLength);
        const name = line.text.slice(0, 3);
        if (!SEGMENT_NAME.test(name) || (line.text.length > 3 && line.text[3] !== encoding.field)) {
            const shown = line.text.length > 24 ? `${line.text.slice(0, 24)}…` : line.text;
            problems.add('not-a-segment', 'error', `line '${shown}' is not a segment (a 3-character segment name and the field separator '${encoding.field}'); skipped`, at(line, 0));
            continue;
        }
        const occurrence = (counts.get(name) ?? 0) + 1;
        counts.set(name, occurrence);
        const segment = new Hl7Segment(name, occurrence, segments.length, line.text, line.line, line.column, line.offset, encoding, pending.charset);
        addEscapeProblems(segment, line, problems);
        segments.push(segment);
    }
    const header = readMessageHeader(msh);
    const endOfMsh = at(mshLine, mshLine.text.length);
    if (pending.charsetProblem && decodedFromBytes) {
        const field18 = msh.field(18);
        problems.add('charset', 'warning', pending.charsetProblem, field18 ? at(mshLine, field18.at) : endOfMsh);
    }
    const required: Array<[number, string]> = [[9, 'message type'], [10, 'message control id'], [12, 'version id']];
    const missing = required.filter(([n]) => !msh.field(n) || msh.field(n)!.raw === '');
    if (missing.length > 0 && mshLine.text.length > 3) {
        const cutShort = !msh.field(9) && !pending.lines[1];
        for (const [n, what] of missing) {
            const place = msh.field(n) ? at(mshLine, msh.field(n)!.at) : endOfMsh;
            if (cutShort && n === 9) {
                problems.add('truncated', 'error', `the message ends inside its MSH segment (no MSH-${n} ${what} and no other segment): truncated?`, place);
            }
            problems.add('missing-header-field', 'error', `MSH-${n} (${what}) is empty; the standard requires it`, place);
        }
    }
    if (pending.framed && !pending.closed) {
        const last = pending.lines[pending.lines.length - 1];
        problems.add('truncated', 'error', 'the MLLP frame (0x0B) of this message has no end block (0x1C) before the next message or the end of the input: truncated?', at(last, last.text.length));
    }
    const list = problems.list.slice().sort((a, b) => a.offset - b.offset);
    return new Hl7Message(index, encoding, pending.charset, segments, header, list, pending.framed, batch);
}

/**
 * The reading machine shared by every entry point: text arrives in chunks (`push`), messages and problems come
 * out of `drain()` as soon as they are complete, `end()` flushes the last one. In byte mode each character of a
 * chunk is one byte (latin1), lines are decoded one by one with the charset of their message.
 */
class Hl7Reader {
    private readonly options: Required<Hl7ReadOptions>;
    private readonly splitter: LineSplitter;
    private readonly items: Hl7ReadItem[] = [];
    private readonly outside: ProblemList;
    private line = 1;
    private column = 1;
    private offset = 0;
    private atStart = true;
    private pending: PendingMessage | undefined;
    private frameOpen = false;
    private strayRun = false;
    private seenContent = false;
    private seenMessageOrBatch = false;
    private messageIndex = 0;
    private fileHeader: Hl7Segment | undefined;
    private batchHeader: Hl7Segment | undefined;
    private batchMessages = 0;
    private fileBatches = 0;
    private dropDecoder: TextDecoder | undefined;
    private dropped = 0;

    constructor(readonly mode: 'text' | 'bytes', options: Hl7ReadOptions) {
        this.options = {
            maxLineLength: Math.max(16, options.maxLineLength ?? DEFAULT_MAX_LINE),
            maxProblemsPerMessage: Math.max(1, options.maxProblemsPerMessage ?? DEFAULT_MAX_MESSAGE_PROBLEMS),
            maxProblems: Math.max(1, options.maxProblems ?? DEFAULT_MAX_PROBLEMS)
        };
        this.outside = new ProblemList(this.options.maxProblems, problem => this.items.push({ kind: 'problem', problem }));
        const cutAt = mode === 'bytes'
            // Do not cut a UTF-8 sequence: move back over continuation bytes (10xxxxxx), at most 3.
            ? (line: string, keep: number) => {
                let cut = keep;
                while (cut > 0 && keep - cut < 3 && (line.charCodeAt(cut) & 0xc0) === 0x80) cut--;
                return (line.charCodeAt(cut) & 0xc0) === 0x80 ? keep : cut;
            }
            // Do not cut a surrogate pair.
            : (line: string, keep: number) => (keep > 0 && (line.charCodeAt(keep) & 0xfc00) === 0xdc00 ? keep - 1 : keep);
        this.splitter = new LineSplitter(this.options.maxLineLength, cutAt, line => this.onLine(line), (kept, piece) => this.onDrop(kept, piece));
    }

    push(chunk: string): void {
        this.splitter.push(chunk);
    }

    end(): void {
        this.splitter.end();
        this.finishMessage();
        const here = { line: this.line, column: this.column, offset: this.offset };
        if (this.batchHeader) this.problem('batch', 'warning', `the batch that starts at line ${this.batchHeader.line} has no BTS (batch trailer)`, here);
        if (this.fileHeader) this.problem('batch', 'warning', `the file that starts at line ${this.fileHeader.line} has no FTS (file trailer)`, here);
        if (!this.seenMessageOrBatch && this.outside.count === 0) {
            this.problem('not-hl7', 'error', 'no HL7 v2 message in the input (no MSH segment)', { line: 1, column: 1, offset: 0 });
        }
    }

    /** The items read since the last call (taken at once: Array.shift on the thousands of one chunk would be quadratic). */
    *drain(): Generator<Hl7ReadItem> {
        yield* this.items.splice(0);
    }

    private problem(code: Hl7ProblemCode, severity: ProblemSeverity, message: string, where: TextPosition): void {
        this.outside.add(code, severity, message, where);
    }

    /** The charset a line is decoded with: its own MSH-18 for an MSH, its message's otherwise, UTF-8 outside messages. */
    private charsetFor(text: string): { label: string; problem?: string } {
        const start = skipFrameStart(text);
        if (text.startsWith('MSH', start)) return resolveHl7Charset(msh18Of(text.slice(start)));
        if (this.pending && !isBatchSegment(text.slice(start, start + 3))) return { label: this.pending.charset };
        return { label: 'utf-8' };
    }

    private onDrop(kept: string, piece: string): void {
        if (this.mode === 'text') {
            this.dropped += piece.length;
            return;
        }
        if (!this.dropDecoder) this.dropDecoder = new TextDecoder(this.charsetFor(kept).label, { ignoreBOM: true });
        this.dropped += this.dropDecoder.decode(Buffer.from(piece, 'latin1'), { stream: true }).length;
    }

    private onLine(split: SplitLine): void {
        let raw = split.text;
        if (this.atStart) {
            this.atStart = false;
            if (this.mode === 'bytes' && raw.startsWith('\xef\xbb\xbf')) raw = raw.slice(3);
            else if (this.mode === 'text' && raw.startsWith('\ufeff')) raw = raw.slice(1);
            else if (this.mode === 'bytes' && (raw.startsWith('\xff\xfe') || raw.startsWith('\xfe\xff'))) {
                this.problem('not-hl7', 'error', 'the input starts with a UTF-16 or UTF-32 byte order mark: HL7 v2 ER7 is read in ASCII-compatible character sets only', { line: 1, column: 1, offset: 0 });
            }
        }
        const charset = this.charsetFor(raw);
        const text = this.mode === 'bytes' && NON_ASCII.test(raw) ? decoderFor(charset.label).decode(Buffer.from(raw, 'latin1')) : raw;
        let dropped = 0;
        if (split.cut) {
            if (this.dropDecoder) dropped = this.dropped + this.dropDecoder.decode().length;
            else dropped = this.dropped;
            this.dropDecoder = undefined;
            this.dropped = 0;
        }
        const start = { line: this.line, column: this.column, offset: this.offset };
        const units = text.length + dropped;
        this.offset += units + split.terminator.length;
        if (split.terminator === '\x1c' || split.terminator === '') {
            this.column += units + split.terminator.length;
        } else {
            this.line++;
            this.column = 1;
        }
        this.handle(text, start, split, charset);
    }

    private handle(text: string, start: TextPosition, split: SplitLine, charset: { label: string; problem?: string }): void {
        const skip = skipFrameStart(text);
        const content = skip > 0 ? text.slice(skip) : text;
        const line: MessageLine = { text: content, line: start.line, column: start.column + skip, offset: start.offset + skip, cut: split.cut };
        if (skip > 0) {
            this.finishMessage();
            this.frameOpen = true;
        }
        if (content.trim() !== '') {
            const name = content.slice(0, 3);
            if (name === 'MSH') {
                this.finishMessage();
                this.strayRun = false;
                this.seenMessageOrBatch = true;
                this.pending = { lines: [line], framed: this.frameOpen, closed: false, charset: charset.label, charsetProblem: charset.problem };
            } else if (isBatchSegment(name)) {
                this.finishMessage();
                this.strayRun = false;
                this.seenMessageOrBatch = true;
                this.batchSegment(name, line);
            } else if (this.pending) {
                this.pending.lines.push(line);
            } else {
                this.stray(line);
            }
            this.seenContent = true;
        }
        if (split.terminator === '\x1c') {
            if (this.pending) this.pending.closed = true;
            this.finishMessage();
            this.frameOpen = false;
        }
    }

    private stray(line: MessageLine): void {
        if (this.strayRun) return;
        this.strayRun = true;
        const where = at(line, 0);
        if (BINARY.test(line.text)) {
            this.problem('binary', 'error', 'binary data (NUL, control characters or undecodable bytes) outside any HL7 v2 message; skipped up to the next MSH', where);
        } else if (!this.seenContent) {
            this.problem('not-hl7', 'error', 'the input does not start with an MSH, FHS or BHS segment, so it is not HL7 v2 ER7 as it stands; skipped up to the next MSH', where);
        } else if (LOOKS_LIKE_SEGMENT.test(line.text)) {
            this.problem('outside-message', 'error', `${line.text.slice(0, 3)} segment outside any message (no MSH before it, or after an MLLP end block); skipped up to the next MSH`, where);
        } else {
            this.problem('not-hl7', 'error', 'text that is not an HL7 v2 segment, outside any message; skipped up to the next MSH', where);
        }
    }

    private batchSegment(name: string, line: MessageLine): void {
        const problems = new ProblemList(this.options.maxProblemsPerMessage);
        const where = at(line, 0);
        if (name === 'FHS' || name === 'BHS') {
            checkLine(line, problems, this.options.maxLineLength);
            const segment = headerSegment(line, name, 'utf-8', problems);
            if (name === 'FHS') {
                if (this.batchHeader) this.problem('batch', 'warning', `FHS while the batch that starts at line ${this.batchHeader.line} has no BTS`, where);
                this.fileHeader = segment;
                this.batchHeader = undefined;
                this.fileBatches = 0;
            } else {
                if (this.batchHeader) this.problem('batch', 'warning', `BHS while the batch that starts at line ${this.batchHeader.line} has no BTS`, where);
                this.batchHeader = segment;
                this.fileBatches++;
            }
            this.batchMessages = 0;
        } else {
            const header = name === 'BTS' ? this.batchHeader : this.fileHeader;
            const encoding = header?.encoding ?? DEFAULT_ENCODING;
            const trailer = new Hl7Segment(name, 1, 0, line.text, line.line, line.column, line.offset, encoding, 'utf-8');
            const count = trailer.field(1)?.repetitions[0]?.raw ?? '';
            if (!header) {
                this.problem('batch', 'warning', `${name} without ${name === 'BTS' ? 'a BHS' : 'an FHS'} before it`, where);
            } else if (name === 'BTS') {
                if (/^\d+$/.test(count) && Number(count) !== this.batchMessages) {
                    this.problem('batch', 'warning', `BTS-1 says the batch has ${count} messages; ${this.batchMessages} were read`, trailer.field(1) ? at(line, trailer.field(1)!.at) : where);
                }
                this.batchHeader = undefined;
            } else {
                if (/^\d+$/.test(count) && Number(count) !== this.fileBatches) {
                    this.problem('batch', 'warning', `FTS-1 says the file has ${count} batches; ${this.fileBatches} were read`, trailer.field(1) ? at(line, trailer.field(1)!.at) : where);
                }
                this.fileHeader = undefined;
                this.batchHeader = undefined;
            }
        }
        for (const problem of problems.list) this.problem(problem.code, problem.severity, problem.message, problem);
    }

    private finishMessage(): void {
        const pending = this.pending;
        if (!pending) return;
        this.pending = undefined;
        let batch: Hl7BatchContext | undefined;
        if (this.fileHeader || this.batchHeader) {
            this.batchMessages++;
            batch = { fileHeader: this.fileHeader, batchHeader: this.batchHeader, indexInBatch: this.batchMessages };
        }
        const message = buildMessage(pending, this.messageIndex++, batch, this.options, this.mode === 'bytes');
        this.items.push({ kind: 'message', message });
        if (pending.framed && !pending.closed) this.frameOpen = false;
    }
}

function isBatchSegment(name: string): boolean {
    return name === 'FHS' || name === 'BHS' || name === 'BTS' || name === 'FTS';
}

/** Number of MLLP start-block characters (0x0B) at the start of a line. */
function skipFrameStart(text: string): number {
    let skip = 0;
    while (text.charCodeAt(skip) === 0x0b) skip++;
    return skip;
}

/** A byte chunk as a latin1 string (one character per byte), without copying the bytes twice. */
function latin1(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * Reads HL7 v2 messages from a whole input, one item at a time, in input order: each message when it is complete,
 * each problem outside a message where it is found (problems inside a message are in `message.problems`).
 *
 * @param input text (already decoded; a leading U+FEFF is skipped) or bytes (decoded per message: UTF-8 unless
 *   MSH-18 names another decodable character set; a UTF-8 byte order mark is skipped).
 * @param options limits (see {@link Hl7ReadOptions}).
 * @returns a generator: nothing is read before the first `next()`, and a string of hundreds of MB is read in
 *   1 MiB slices, so only the items not yet taken are held. Never throws on bad input.
 */
export function* iterateHl7v2(input: string | Uint8Array, options: Hl7ReadOptions = {}): Generator<Hl7ReadItem> {
    const reader = new Hl7Reader(typeof input === 'string' ? 'text' : 'bytes', options);
    const length = typeof input === 'string' ? input.length : input.byteLength;
    for (let from = 0; from < length; from += SLICE) {
        const to = Math.min(length, from + SLICE);
        reader.push(typeof input === 'string' ? input.slice(from, to) : latin1(input.subarray(from, to)));
        yield* reader.drain();
    }
    reader.end();
    yield* reader.drain();
}

/**
 * Reads every HL7 v2 message of a whole input (see {@link iterateHl7v2} for what is read and how bytes are
 * decoded). Never throws on bad input: what is wrong is in `problems`.
 */
export function readHl7v2(input: string | Uint8Array, options: Hl7ReadOptions = {}): Hl7ReadResult {
    const messages: Hl7Message[] = [];
    const problems: Hl7Problem[] = [];
    for (const item of iterateHl7v2(input, options)) {
        if (item.kind === 'message') {
            messages.push(item.message);
            problems.push(...item.message.problems);
        } else {
            problems.push(item.problem);
        }
    }
    return { messages, problems };
}

/**
 * Reads HL7 v2 messages from a stream of chunks (a file stream, a socket), yielding each message as soon as it is
 * complete: memory stays bounded by one message and one chunk, whatever the size of the stream. Positions are
 * those in the whole stream; chunks may end anywhere (inside a segment, between the CR and LF of a CRLF, inside a
 * UTF-8 character).
 *
 * @param source chunks: bytes (Buffer, Uint8Array: decoded per message as in {@link iterateHl7v2}) or strings
 *   (already decoded). The first chunk decides; later chunks of the other kind are converted.
 * @returns items in input order, as {@link iterateHl7v2} yields them; the same input gives the same items whatever
 *   the chunking. Rejects only if the source does.
 */
export async function* readHl7v2Stream(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: Hl7ReadOptions = {}): AsyncGenerator<Hl7ReadItem> {
    let reader: Hl7Reader | undefined;
    let textDecoder: TextDecoder | undefined;
    for await (const chunk of source) {
        reader ??= new Hl7Reader(typeof chunk === 'string' ? 'text' : 'bytes', options);
        if (typeof chunk === 'string') {
            reader.push(reader.mode === 'text' ? chunk : latin1(Buffer.from(chunk, 'utf8')));
        } else if (reader.mode === 'bytes') {
            reader.push(latin1(chunk));
        } else {
            textDecoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
            reader.push(textDecoder.decode(chunk, { stream: true }));
        }
        yield* reader.drain();
    }
    reader ??= new Hl7Reader('text', options);
    if (textDecoder) reader.push(textDecoder.decode());
    reader.end();
    yield* reader.drain();
}

/**
 * Reads the HL7 v2 messages of a file as a stream of `chunkSize`-byte reads (default 1 MiB), as
 * {@link readHl7v2Stream} does: a file of hundreds of MB is read with memory for one message.
 *
 * @returns items in file order. A path that is not a regular file (a FIFO, a device) gives one `not-a-file`
 *   problem and nothing else. Rejects with the file-system error if the file cannot be opened (ENOENT, EACCES).
 */
export async function* readHl7v2File(path: string, options: Hl7ReadOptions & { readonly chunkSize?: number } = {}): AsyncGenerator<Hl7ReadItem> {
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
        if (!(await handle.stat()).isFile()) {
            yield { kind: 'problem', problem: { code: 'not-a-file', severity: 'error', message: `${path} is not a regular file (a device, FIFO or socket); not read`, line: 1, column: 1, offset: 0 } };
            return;
        }
        const stream = handle.createReadStream({ highWaterMark: Math.max(1, options.chunkSize ?? SLICE), autoClose: false });
        try {
            yield* readHl7v2Stream(stream, options);
        } finally {
            stream.destroy();
        }
    } finally {
        await handle.close();
    }
}
