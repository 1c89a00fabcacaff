import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { iterateHl7v2, readHl7v2, readHl7v2Stream, type Hl7Message, type Hl7ReadItem } from '../../language-server/samples/read/index.js';
import { allValues, digest } from './support.js';

// Round trip: messages are generated as structures (segments, fields, repetitions, components, subcomponents of
// text and escape sequences) with random legal delimiters, random line ends and optional MLLP framing and byte
// order mark; the text is written while recording where every subcomponent lands, then read back.

/** Printable ASCII punctuation: the characters chapter 2 allows as delimiters. */
const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 \t'];
const OTHER = ['é', 'ü', 'ß', '中', '😀', '\u00a0'];

interface Delimiters {
    field: string;
    component: string;
    repetition: string;
    escape: string;
    subcomponent: string;
    truncation: string;
    withTruncation: boolean;
}

/** A piece of a subcomponent: its ER7 text and the value it stands for. */
interface Piece { raw: string; value: string }
type Subcomponent = Piece[];
type Component = Subcomponent[];
type Repetition = Component[];
type Field = Repetition[];
interface Segment { name: string; fields: Field[] }
interface Message { msh: Field[]; segments: Segment[]; framed: boolean; separators: string[] }

const delimitersArb: fc.Arbitrary<Delimiters> = fc.record({
    chars: fc.shuffledSubarray(PUNCTUATION, { minLength: 6, maxLength: 6 }),
    withTruncation: fc.boolean()
}).map(({ chars, withTruncation }) => ({
    field: chars[0], component: chars[1], repetition: chars[2], escape: chars[3], subcomponent: chars[4], truncation: chars[5], withTruncation
}));

function pieceArb(d: Delimiters): fc.Arbitrary<Piece> {
    const used = new Set([d.field, d.component, d.repetition, d.escape, d.subcomponent, d.truncation]);
    const alphabet = [...LETTERS, ...OTHER, ...PUNCTUATION.filter(char => !used.has(char))];
    const text = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 6 }).map(chars => ({ raw: chars.join(''), value: chars.join('') }));
    const escapes: Array<[string, string]> = [
        ['F', d.field], ['S', d.component], ['T', d.subcomponent], ['R', d.repetition], ['E', d.escape],
        ['H', ''], ['N', ''], ['X41', 'A'], ['X0D0A', '\r\n'], ['XC3A9', 'é']
    ];
    // Formatting escapes start with '.', so a message whose delimiters include '.' cannot write them.
    if (!used.has('.')) escapes.push(['.br', '\n']);
    if (d.withTruncation) escapes.push(['P', d.truncation]);
    const escape = fc.constantFrom(...escapes).map(([content, value]) => ({ raw: `${d.escape}${content}${d.escape}`, value }));
    return fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: escape });
}

function fieldArb(d: Delimiters): fc.Arbitrary<Field> {
    const subcomponent = fc.array(pieceArb(d), { maxLength: 3 });
    const component = fc.array(subcomponent, { minLength: 1, maxLength: 3 });
    const repetition = fc.array(component, { minLength: 1, maxLength: 3 });
    return fc.array(repetition, { minLength: 1, maxLength: 3 });
}

const RESERVED = new Set(['MSH', 'FHS', 'BHS', 'BTS', 'FTS']);
const nameArb = fc.stringMatching(/^[A-Z][A-Z0-9]{2}$/).filter(name => !RESERVED.has(name));

function messageArb(d: Delimiters): fc.Arbitrary<Message> {
    const field = fieldArb(d);
    const simple = (value: string): Field => [[[[{ raw: value, value }]]]];
    return fc.record({
        msh: fc.array(field, { minLength: 10, maxLength: 10 }).map(fields => {
            // MSH-3..MSH-12; MSH-9, MSH-10 and MSH-12 must not be empty (the reader reports them).
            fields[6] = [[[[{ raw: 'ADT', value: 'ADT' }]], [[{ raw: 'A01', value: 'A01' }]]]];
            fields[7] = simple('CTRL1');
            fields[9] = simple('V2'); // no '.': it may be a delimiter here
            return fields;
        }),
        segments: fc.array(fc.record({ name: nameArb, fields: fc.array(field, { maxLength: 6 }) }), { maxLength: 5 }),
        framed: fc.boolean(),
        separators: fc.array(fc.constantFrom('\r', '\n', '\r\n'), { minLength: 6, maxLength: 6 })
    });
}

/** What the reader must find for one value: raw text, value, line, column, offset. */
type Expected = [string, string, number, number, number];

interface Written {
    text: string;
    /** Per message, per segment: [name, line, column, offset, values of its subcomponents in order]. */
    messages: Array<Array<[string, number, number, number, Expected[]]>>;
}

/** Writes messages as ER7 text, recording where each subcomponent starts. */
function write(messages: Message[], d: Delimiters, bom: boolean): Written {
    let text = bom ? '\uFEFF' : '';
    let line = 1;
    let column = 1;
    const offset = () => text.length - (bom ? 1 : 0);
    const push = (s: string) => {
        text += s;
        column += s.length;
    };
    const newline = (separator: string) => {
        text += separator;
        line++;
        column = 1;
    };
    const writeField = (field: Field, values: Expected[]) => {
        field.forEach((repetition, r) => {
            if (r > 0) push(d.repetition);
            repetition.forEach((component, c) => {
                if (c > 0) push(d.component);
                component.forEach((subcomponent, s) => {
                    if (s > 0) push(d.subcomponent);
                    const raw = subcomponent.map(piece => piece.raw).join('');
                    values.push([raw, subcomponent.map(piece => piece.value).join(''), line, column, offset()]);
                    push(raw);
                });
            });
        });
    };
    const written: Written['messages'] = [];
    messages.forEach((message, m) => {
        const segments: Array<[string, number, number, number, Expected[]]> = [];
        if (message.framed) push('\x0b');
        const msh: Expected[] = [];
        segments.push(['MSH', line, column, offset(), msh]);
        push('MSH');
        msh.push([d.field, d.field, line, column, offset()]);
        push(d.field);
        const encoding = d.component + d.repetition + d.escape + d.subcomponent + (d.withTruncation ? d.truncation : '');
        msh.push([encoding, encoding, line, column, offset()]);
        push(encoding);
        for (const field of message.msh) {
            push(d.field);
            writeField(field, msh);
        }
        const last = m === messages.length - 1;
        message.segments.forEach((segment, s) => {
            newline(message.separators[s % message.separators.length]);
            const values: Expected[] = [];
            segments.push([segment.name, line, column, offset(), values]);
            push(segment.name);
            for (const field of segment.fields) {
                push(d.field);
                writeField(field, values);
            }
        });
        // Every message but an unframed last one ends its last segment with a line end.
        if (message.framed) {
            newline(message.separators[5]);
            push('\x1c');
            newline('\r');
        } else if (!last || message.separators[4] !== '\n') {
            newline(message.separators[5]);
        }
        written.push(segments);
    });
    return { text, messages: written };
}

const inputArb = delimitersArb.chain(d => fc.record({
    d: fc.constant(d),
    messages: fc.array(messageArb(d), { minLength: 1, maxLength: 3 }),
    bom: fc.boolean()
}));

/** What the reader found, in the shape of Written. */
function found(messages: Hl7Message[]): Written['messages'] {
    return messages.map(message => message.segments.map(segment => {
        const values: Expected[] = [];
        for (const field of segment.fields) {
            if (segment.name === 'MSH' && field.number <= 2) {
                values.push([field.raw, field.value, field.line, field.column, field.offset]);
                continue;
            }
            for (const repetition of field.repetitions) {
                for (const component of repetition.components) {
                    for (const sub of component.subcomponents) values.push([sub.raw, sub.value, sub.line, sub.column, sub.offset]);
                }
            }
        }
        return [segment.name, segment.line, segment.column, segment.offset, values];
    }));
}

/** Reads every value, header fact and position of every item, so lazy parts run too. */
function touch(items: Iterable<Hl7ReadItem>): number {
    let count = 0;
    for (const item of items) {
        if (item.kind === 'problem') {
            assert.ok(item.problem.line >= 1 && item.problem.column >= 1 && item.problem.offset >= 0, JSON.stringify(item.problem));
            count++;
            continue;
        }
        const message = item.message;
        count += message.problems.length + JSON.stringify(message.header).length;
        for (const value of allValues(message)) count += value.value.length + value.range.end.offset;
        message.lookup('PID-3.4.1');
        count += message.range.end.offset;
    }
    return count;
}

/** Cuts bytes at the given points (taken modulo the length). */
function chunks(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
    const points = [...new Set(cuts.map(cut => (bytes.length === 0 ? 0 : cut % bytes.length)))].sort((a, b) => a - b);
    const pieces: Uint8Array[] = [];
    let from = 0;
    for (const point of points) {
        pieces.push(bytes.subarray(from, point));
        from = point;
    }
    pieces.push(bytes.subarray(from));
    return pieces;
}

async function collect(items: AsyncIterable<Hl7ReadItem>): Promise<Hl7ReadItem[]> {
    const list: Hl7ReadItem[] = [];
    for await (const item of items) list.push(item);
    return list;
}

function itemDigests(items: Iterable<Hl7ReadItem>): string[] {
    return [...items].map(item => (item.kind === 'message' ? digest(item.message) : JSON.stringify(item.problem)));
}

describe('samples: HL7 v2 reader properties (fast-check)', function () {
    this.timeout(120_000);

    it('recovers every value, unescaped value and position of random messages with random delimiters and line ends', () => {
        fc.assert(fc.property(inputArb, ({ d, messages, bom }) => {
            const written = write(messages, d, bom);
            for (const input of [written.text, Buffer.from(written.text, 'utf8')]) {
                const result = readHl7v2(input);
                assert.deepEqual(result.problems, []);
                assert.deepEqual(found(result.messages), written.messages);
                assert.deepEqual(result.messages.map(message => message.framed), messages.map(message => message.framed));
                assert.deepEqual(result.messages.map(message => message.encoding.field + message.encoding.component + message.encoding.repetition + message.encoding.escape + message.encoding.subcomponent + (message.encoding.truncation ?? '')),
                    messages.map(() => d.field + d.component + d.repetition + d.escape + d.subcomponent + (d.withTruncation ? d.truncation : '')));
            }
        }), { numRuns: 300, endOnFailure: true /* the structures are too large to shrink in time */, seed: Number(process.env.SEED ?? Date.now()) });
    });

    it('reads the same items whatever the chunking of a stream (cuts inside segments, CRLFs and UTF-8 characters)', async () => {
        await fc.assert(fc.asyncProperty(inputArb, fc.array(fc.nat(), { maxLength: 12 }), async ({ d, messages, bom }, cuts) => {
            const text = write(messages, d, bom).text;
            const bytes = Buffer.from(text, 'utf8');
            const whole = itemDigests(iterateHl7v2(bytes));
            assert.deepEqual(itemDigests(await collect(readHl7v2Stream(chunks(bytes, cuts)))), whole);
            // Text chunks (possibly splitting a surrogate pair) read as the whole text does.
            const textCuts = chunks(Buffer.from(text, 'latin1'), cuts).map(piece => piece.length);
            const pieces: string[] = [];
            let from = 0;
            for (const length of textCuts) {
                pieces.push(text.slice(from, from + length));
                from += length;
            }
            assert.deepEqual(itemDigests(await collect(readHl7v2Stream(pieces))), itemDigests(iterateHl7v2(text)));
        }), { numRuns: 200, endOnFailure: true });
    });

    it('never throws on random bytes, and every problem has a position', () => {
        fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 16, max: 400 }), (bytes, maxLineLength) => {
            touch(iterateHl7v2(bytes));
            touch(iterateHl7v2(bytes, { maxLineLength, maxProblemsPerMessage: 3, maxProblems: 3 }));
            touch(iterateHl7v2(Buffer.from(bytes).toString('latin1')));
            // The same bytes inside a message, where segments, fields and escapes are read.
            touch(iterateHl7v2(Buffer.concat([Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|'), bytes]), { maxLineLength }));
        }), { numRuns: 500, endOnFailure: true });
    });

    it('never throws on random HL7-like text (tokens of segments, delimiters, escapes, framing, binary)', async () => {
        const token = fc.constantFrom(
            'MSH', 'MSH|^~\\&|', 'PID', 'OBX', 'FHS|^~\\&', 'BHS|', 'BTS|', 'FTS|x', '|', '^', '~', '\\', '&', '#', '\r', '\n', '\r\n',
            '\x0b', '\x1c', '\x00', '\\X4\\', '\\XZZ\\', '\\.sp99\\', '\\H\\', '\\', '\ufeff', 'é', '\ud800', '😀', '8859/1', 'UNICODE UTF-16', '1', 'A', ' ', '""'
        );
        await fc.assert(fc.asyncProperty(fc.array(token, { maxLength: 120 }), fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 16, max: 64 }), async (tokens, cuts, maxLineLength) => {
            const text = tokens.join('');
            touch(iterateHl7v2(text));
            touch(iterateHl7v2(Buffer.from(text, 'utf8'), { maxLineLength }));
            const bytes = Buffer.from(text, 'utf8');
            assert.deepEqual(itemDigests(await collect(readHl7v2Stream(chunks(bytes, cuts), { maxLineLength }))), itemDigests(iterateHl7v2(bytes, { maxLineLength })));
        }), { numRuns: 500, endOnFailure: true });
    });
});
