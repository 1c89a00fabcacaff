import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
    DEFAULT_ENCODING,
    lookup,
    parseHl7Path,
    readEncodingCharacters,
    readHl7v2,
    resolveHl7Charset,
    unescapeHl7,
    type Hl7Message,
    type Hl7Problem
} from '../../language-server/samples/read/index.js';
import { checkPositions, fixture, SAMPLES } from './support.js';

const HL7 = path.join(SAMPLES, 'hl7v2');

/** The one message of a fixture file. */
function only(name: string): Hl7Message {
    const result = readHl7v2(fixture(`hl7v2/${name}`));
    assert.equal(result.messages.length, 1, `${name}: ${JSON.stringify(result.problems)}`);
    return result.messages[0];
}

/** [line, column, offset, endLine, endColumn] of the value at a path (first match). */
function where(message: Hl7Message, at: string): [string, number, number, number, number, number] {
    const [match] = lookup(message, at);
    assert.ok(match, `nothing at ${at}`);
    const value = match.value;
    return [value.value, value.line, value.column, value.offset, value.endLine, value.endColumn];
}

function codes(problems: readonly Hl7Problem[]): string[] {
    return problems.map(problem => problem.code);
}

describe('samples: HL7 v2 reader on real messages', () => {
    it('reads every fixture with every value where it says (line, column and offset checked against the text)', () => {
        const files = readdirSync(HL7).filter(name => name.endsWith('.hl7'));
        assert.ok(files.length >= 15, files.join(', '));
        let values = 0;
        for (const name of files) {
            const bytes = fixture(`hl7v2/${name}`);
            const { messages, problems } = readHl7v2(bytes);
            assert.ok(messages.length >= 1, name);
            const text = new TextDecoder(messages[0].charset).decode(bytes);
            values += checkPositions(text, messages);
            // The only problem in the fixtures is the unknown escape the escapes fixture holds on purpose.
            assert.deepEqual(codes(problems), name === 'escapes.hl7' ? ['escape'] : [], `${name}: ${JSON.stringify(problems)}`);
        }
        assert.ok(values > 10_000, `${values} values`);
    });

    it('reads the header facts of MSH: type, trigger, structure, version, applications, facilities, control id', () => {
        const adt = only('fhir-converter-ADT-A01-01.hl7');
        assert.deepEqual(
            [adt.header.messageType, adt.header.triggerEvent, adt.header.messageStructure, adt.header.version, adt.header.controlId, adt.header.processingId],
            ['ADT', 'A01', 'ADT_A01', '2.8', 'MSG00001', 'P']
        );
        assert.deepEqual(adt.header.sendingApplication, { text: 'ADTApp', namespaceId: 'ADTApp', universalId: undefined, universalIdType: undefined });
        assert.deepEqual(adt.header.sendingFacility, { text: 'GHHSFacility^2.16.840.1.122848.1.30^ISO', namespaceId: 'GHHSFacility', universalId: '2.16.840.1.122848.1.30', universalIdType: 'ISO' });
        assert.equal(adt.header.receivingApplication?.universalId, '1.Edu');
        assert.equal(adt.header.receivingFacility?.namespaceId, 'GHHRFacility');
        assert.equal(adt.header.dateTime, '198908181126+0215');
        assert.deepEqual(adt.header.characterSets, []);

        const glucose = only('python-hl7-oru-glucose.hl7');
        assert.deepEqual(
            [glucose.header.messageType, glucose.header.triggerEvent, glucose.header.messageStructure, glucose.header.version, glucose.header.controlId],
            ['ORU', 'R01', undefined, '2.4', 'CNTRL-3456']
        );
        assert.equal(glucose.header.sendingFacility?.text, 'ELAB-3');
        assert.deepEqual(only('latin1-msh18.hl7').header.characterSets, ['8859/1']);
    });

    it('numbers MSH fields as the standard does: MSH-1 is the field separator, MSH-2 the encoding characters', () => {
        const msh = only('python-hl7-oru-glucose.hl7').segments[0];
        assert.deepEqual(msh.fields.slice(0, 4).map(field => [field.number, field.raw, field.column]), [[1, '|', 4], [2, '^~\\&', 5], [3, 'GHH LAB', 10], [4, 'ELAB-3', 18]]);
        // MSH-2 is not split at its own repetition and component characters, nor unescaped.
        assert.equal(msh.field(2)!.repetitions.length, 1);
        assert.equal(msh.field(2)!.component(1)!.subcomponents[0].value, '^~\\&');
        assert.equal(msh.field(9)!.value, 'ORU^R01');
        assert.equal(msh.field(13), undefined);
    });

    it('splits fields into repetitions, components and subcomponents (python-hl7\'s example)', () => {
        const pid = only('python-hl7-repetitions.hl7').segment('PID')!;
        assert.deepEqual(pid.fields.map(field => field.raw), ['Field1', 'Component1^Component2', 'Component1^Sub-Component1&Sub-Component2^Component3', 'Repeat1~Repeat2']);
        assert.deepEqual(pid.field(3)!.component(2)!.subcomponents.map(sub => [sub.number, sub.raw]), [[1, 'Sub-Component1'], [2, 'Sub-Component2']]);
        assert.deepEqual(pid.field(4)!.repetitions.map(repetition => [repetition.number, repetition.raw, repetition.column]), [[1, 'Repeat1', 86], [2, 'Repeat2', 94]]);
    });
});

describe('samples: HL7 v2 lookups', () => {
    const adt = only('fhir-converter-ADT-A01-01.hl7');

    it('finds PID-3 (every repetition), PID-3.4, PID-3.4.1 and a named repetition', () => {
        assert.deepEqual(lookup(adt, 'PID-3').map(match => [match.repetition, match.value.raw]), [
            [1, 'PATID1234^5^M11^test1&2.16.1&HCD^MR^GOOD HEALTH HOSPITAL'],
            [2, '123456789^^^USSSA^SS']
        ]);
        assert.deepEqual(lookup(adt, 'PID-3.4').map(match => match.value.raw), ['test1&2.16.1&HCD', 'USSSA']);
        assert.deepEqual(lookup(adt, 'PID-3.4.1').map(match => match.value.value), ['test1', 'USSSA']);
        // Absent values are not matches: the second repetition's PID-3.4 has no second subcomponent.
        assert.deepEqual(lookup(adt, 'PID-3.4.2').map(match => match.value.value), ['2.16.1']);
        assert.deepEqual(lookup(adt, 'PID-3(2).1').map(match => match.value.value), ['123456789']);
        assert.deepEqual(lookup(adt, 'PID-3[2].1').map(match => match.value.value), ['123456789']);
        assert.deepEqual(lookup(adt, 'PID.3.1').map(match => match.value.value), ['PATID1234', '123456789']);
        // Present but empty values are matches.
        assert.deepEqual(lookup(adt, 'PID-3(2).2').map(match => match.value.value), ['']);
        assert.deepEqual(lookup(adt, 'PID-99'), []);
        assert.deepEqual(lookup(adt, 'not a path'), []);
    });

    it('finds OBX-5 in every OBX, or in one occurrence', () => {
        const lri = only('fhir-converter-LRI_2.0-NG_CBC_Typ_Message.hl7');
        const obx = lri.segmentsNamed('OBX');
        assert.ok(obx.length > 10);
        assert.deepEqual(obx.map(segment => segment.occurrence), obx.map((_, i) => i + 1));
        assert.equal(lookup(lri, 'OBX-5').length, obx.reduce((sum, segment) => sum + (segment.field(5)?.repetitions.length ?? 0), 0));
        const second = lookup(lri, 'OBX[2]-5');
        assert.equal(second.length, 1);
        assert.equal(second[0].segment, obx[1]);
        assert.deepEqual(lookup(lri, 'OBX(2)-5'), second);
        assert.equal(lri.segment('OBX', 2), obx[1]);
    });

    it('parses the standard\'s path forms and refuses others', () => {
        assert.deepEqual(parseHl7Path('PID-3.4.1'), { segment: 'PID', occurrence: undefined, field: 3, repetition: undefined, component: 4, subcomponent: 1 });
        assert.deepEqual(parseHl7Path('OBX(2)-5(3).1'), { segment: 'OBX', occurrence: 2, field: 5, repetition: 3, component: 1, subcomponent: undefined });
        assert.deepEqual(parseHl7Path('ZPD-1'), { segment: 'ZPD', occurrence: undefined, field: 1, repetition: undefined, component: undefined, subcomponent: undefined });
        for (const bad of ['PID', 'PID-', 'pid-3', 'PID-0', 'PID-3.0', 'PID-3..4', 'PID-3.4.1.2', 'PI-3', 'OBX[0]-5', 'PID-3 4']) {
            assert.equal(parseHl7Path(bad), undefined, bad);
        }
    });
});

describe('samples: HL7 v2 positions', () => {
    it('in a CRLF file: the second message\'s values are on their editor lines', () => {
        const text = fixture('hl7v2/crlf-two-adt.hl7').toString('utf8');
        const { messages } = readHl7v2(text);
        assert.equal(messages.length, 2);
        assert.deepEqual(messages.map(message => [message.segments[0].line, message.header.controlId]), [[1, 'REG-0001'], [5, 'REG-0002']]);
        const offset = text.indexOf('PID|1||7723501^^^NORTH^MR|') + 'PID|1||'.length;
        assert.deepEqual(where(messages[1], 'PID-3.1'), ['7723501', 7, 8, offset, 7, 15]);
        assert.deepEqual(where(messages[0], 'PID-3.4.2'), ['2.16.840.1.113883.3.72.5.9', 3, 24, text.indexOf('2.16.840.1.113883.3.72.5.9'), 3, 50]);
        assert.equal(messages[0].header.characterSets[0], 'UNICODE UTF-8');
    });

    it('in an MLLP-framed file: the 0x0B start block takes column 1, the 0x1C end block ends the message', () => {
        const text = fixture('hl7v2/mllp-framed.hl7').toString('latin1');
        const { messages, problems } = readHl7v2(text);
        assert.deepEqual(problems, []);
        assert.deepEqual(messages.map(message => [message.framed, message.segments.length, message.segments[0].line, message.segments[0].column, message.segments[0].offset]), [
            [true, 4, 1, 2, 1],
            [true, 2, 6, 2, text.indexOf('MSH', 5)]
        ]);
        assert.deepEqual(where(messages[0], 'MSH-10'), ['LIS-77', 1, 60, 59, 1, 66]);
        assert.deepEqual(where(messages[1], 'MSA-2'), ['EHR-12', 7, 8, text.indexOf('EHR-12'), 7, 14]);
        assert.deepEqual(where(messages[0], 'OBX-6.3'), ['UCUM', 4, 47, text.indexOf('UCUM'), 4, 51]);
    });

    it('in a batch file: messages carry the FHS and BHS they were read under, positions go on across them', () => {
        const { messages, problems } = readHl7v2(fixture('hl7v2/batch.hl7'));
        assert.deepEqual(problems, []);
        assert.deepEqual(messages.map(message => [message.index, message.batch?.indexInBatch, message.batch?.fileHeader?.line, message.batch?.batchHeader?.line, message.segments[0].line]), [
            [0, 1, 1, 2, 3],
            [1, 2, 1, 2, 6]
        ]);
        const bhs = messages[0].batch!.batchHeader!;
        assert.equal(bhs.field(11)!.value, 'BATCH-1');
        assert.equal(bhs.field(2)!.raw, '^~\\&');
        assert.equal(messages[0].batch!.fileHeader!.field(9)!.value, 'lab-20240307.hl7');
        assert.deepEqual(where(messages[1], 'OBX-5'), ['7.9', 8, 31, fixture('hl7v2/batch.hl7').indexOf('7.9'), 8, 34]);
    });

    it('with non-standard encoding characters ! * $ / @ read from MSH-1 and MSH-2', () => {
        const message = only('alternate-encoding.hl7');
        assert.deepEqual(message.encoding, { field: '!', component: '*', repetition: '$', escape: '/', subcomponent: '@' });
        assert.deepEqual([message.header.messageType, message.header.triggerEvent, message.header.version], ['ORM', 'O01', '2.3']);
        assert.deepEqual(where(message, 'PID-3.4.2'), ['1.2.3', 2, 25, fixture('hl7v2/alternate-encoding.hl7').indexOf('1.2.3'), 2, 30]);
        assert.deepEqual(where(message, 'PID-3(2).1'), ['900', 2, 38, fixture('hl7v2/alternate-encoding.hl7').indexOf('900'), 2, 41]);
        assert.deepEqual(message.segment('PID')!.field(5)!.repetitions.map(repetition => repetition.components.map(component => component.value)), [['de Vries', 'Karin']]);
        // Escapes use the message's own escape character and separators.
        assert.equal(lookup(message, 'OBR-4.2')[0].value.value, 'CHEST X-RAY PA!LAT');
        assert.equal(lookup(message, 'NTE-3')[0].value.value, 'Patient says / is fine; ratio 1@2 * 3A');
    });

    it('of escaped values: the raw text is where the value is written; the value is unescaped', () => {
        const message = only('escapes.hl7');
        const name = lookup(message, 'PID-5.1')[0].value;
        assert.deepEqual([name.raw, name.value, name.line, name.column, name.endColumn], ['O\\E\\Brien\\T\\Sons', 'O\\Brien&Sons', 2, 23, 39]);
        // Inside a component, \T\ is a character of the value, not a subcomponent separator.
        assert.equal(message.segment('PID')!.field(5)!.component(1)!.subcomponents.length, 1);
        const text = lookup(message, 'OBX-5')[0].value;
        assert.equal(text.value, 'Line one\nLine two high |pipe^hat~tilde\r\nend');
        assert.deepEqual([text.line, text.column, text.endColumn], [3, 33, 33 + text.raw.length]);
        assert.equal(lookup(message, 'OBX(2)-5')[0].value.value, 'Local \\Zcode\\ and \\Q\\ unknown');
        assert.deepEqual(message.problems.map(problem => [problem.code, problem.line, problem.column]), [['escape', 4, 47]]);
    });
});

describe('samples: HL7 v2 escape sequences (chapter 2)', () => {
    const standard = { ...DEFAULT_ENCODING, truncation: '#' };

    it('replaces the delimiter escapes with the message\'s delimiters', () => {
        assert.equal(unescapeHl7('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\P\\g', standard), 'a|b^c&d~e\\f#g');
        assert.equal(unescapeHl7('a/F/b', { field: '!', component: '*', repetition: '$', escape: '/', subcomponent: '@' }), 'a!b');
    });

    it('drops highlighting, turns formatting into line breaks and spaces, decodes hexadecimal data', () => {
        assert.equal(unescapeHl7('\\H\\bold\\N\\ text', standard), 'bold text');
        assert.equal(unescapeHl7('a\\.br\\b\\.sp2\\c\\.sk3\\d\\.sk\\e\\.in+4\\f\\.ti-2\\g\\.fi\\\\.nf\\\\.ce\\h', standard), 'a\nb\n\nc   d efgh');
        assert.equal(unescapeHl7('\\X0D0A\\ \\X48656C6C6F\\', standard), '\r\n Hello');
        assert.equal(unescapeHl7('\\XC3A9\\', standard), 'é');
        assert.equal(unescapeHl7('\\XE9\\', standard, 'iso-8859-1'), 'é');
        // A repeat count cannot blow a value up.
        assert.equal(unescapeHl7('\\.sp999999999\\', standard).length, 100);
    });

    it('keeps local (\\Z..\\) and character-set (\\C..\\, \\M..\\) sequences, unknown and unclosed ones as written', () => {
        assert.equal(unescapeHl7('a\\Zlocal\\b', standard), 'a\\Zlocal\\b');
        assert.equal(unescapeHl7('\\C2842\\x\\M2442\\', standard), '\\C2842\\x\\M2442\\');
        assert.equal(unescapeHl7('a\\Q\\b \\X4\\ \\\\', standard), 'a\\Q\\b \\X4\\ \\\\');
        assert.equal(unescapeHl7('50\\ off', standard), '50\\ off');
        assert.equal(unescapeHl7('a\\P\\b', DEFAULT_ENCODING), 'a\\P\\b');
        assert.equal(unescapeHl7('no escapes', { field: '|' }), 'no escapes');
    });

    it('reports unknown and unclosed escapes where they start', () => {
        const { messages } = readHl7v2('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rNTE|1||50\\ off^\\Q\\ \\Zok\\ \\.br\\\r');
        assert.deepEqual(messages[0].problems.map(problem => [problem.code, problem.line, problem.column]), [['escape', 2, 10], ['escape', 2, 16]]);
    });
});

describe('samples: HL7 v2 encoding characters', () => {
    it('reads the v2.7+ truncation character as the fifth', () => {
        assert.deepEqual(readEncodingCharacters('MSH|^~\\&#|A'), { encoding: { ...DEFAULT_ENCODING, truncation: '#' }, problems: [] });
    });

    it('reports wrong or missing encoding characters and reads on with what is sound', () => {
        const cases: Array<[string, Partial<Record<string, string | undefined>>, string[]]> = [
            ['MSH|^~|A', { field: '|', component: '^', repetition: '~' }, ['MSH-2 has 2 encoding characters']],
            ['MSH|^^\\&|A', { field: '|', component: '^', escape: '\\', subcomponent: '&' }, ['character 2 \'^\' cannot be the repetition']],
            ['MSH|^~\\|&|A', { field: '|', component: '^', repetition: '~', escape: '\\' }, ['MSH-2 has 3']],
            ['MSH||A|B', { ...DEFAULT_ENCODING }, ['MSH-2 (the encoding characters) is missing']],
            ['MSH|ADT|B', { ...DEFAULT_ENCODING }, ['holds letters or digits']],
            ['MSH', { ...DEFAULT_ENCODING }, ['MSH-1 (the field separator) is missing']],
            ['MSHX^~\\&', { ...DEFAULT_ENCODING }, ['MSH-1 (the field separator) is \'X\'']],
            ['MSH^^~\\&', { field: '^', repetition: '~', escape: '\\', subcomponent: '&' }, ['MSH-2 (the encoding characters) is missing']],
            ['MSH| ~\\&|', { field: '|', repetition: '~', escape: '\\', subcomponent: '&' }, ['character 1 \' \'']],
            ['MSH|^~\\&#!%|', { ...DEFAULT_ENCODING, truncation: '#' }, ['HL7 v2 defines 5 at most']]
        ];
        for (const [text, encoding, messages] of cases) {
            const read = readEncodingCharacters(text);
            assert.deepEqual(Object.fromEntries(Object.entries(read.encoding).filter(([, value]) => value !== undefined)), encoding, text);
            assert.equal(read.problems.length, messages.length, `${text}: ${JSON.stringify(read.problems)}`);
            messages.forEach((message, i) => assert.ok(read.problems[i].message.includes(message), `${text}: ${read.problems[i].message}`));
        }
    });

    it('in a message: the problem points at MSH-2, the rest of the message is read without the missing role', () => {
        const { messages, problems } = readHl7v2('MSH|^~|LAB|F|EHR|H|20240101||ORU^R01|9|P|2.5\rPID|1||A&B^C~D');
        assert.deepEqual(problems.map(problem => [problem.code, problem.line, problem.column]), [['encoding-characters', 1, 7]]);
        const pid3 = messages[0].segment('PID')!.field(3)!;
        assert.deepEqual(pid3.repetitions.map(repetition => repetition.components.map(component => component.subcomponents.map(sub => sub.raw))), [[['A&B'], ['C']], [['D']]]);
    });
});

describe('samples: HL7 v2 bad input never throws', () => {
    it('binary data (a PNG header), NUL bytes and text that is not HL7 v2 become problems', () => {
        const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
        const binary = readHl7v2(png);
        assert.deepEqual([binary.messages.length, codes(binary.problems)], [0, ['binary']]);
        assert.deepEqual([binary.problems[0].line, binary.problems[0].column], [1, 1]);

        const json = readHl7v2('{"resourceType": "Patient"}\n');
        assert.deepEqual(codes(json.problems), ['not-hl7']);

        const nul = readHl7v2('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||12\u00003\r');
        assert.deepEqual(nul.problems.map(problem => [problem.code, problem.line, problem.column]), [['control-character', 2, 10]]);
        assert.equal(nul.messages[0].segment('PID')!.field(3)!.raw, '12\u00003');

        assert.deepEqual(codes(readHl7v2('').problems), ['not-hl7']);
        assert.deepEqual(codes(readHl7v2(Uint8Array.from([0xff, 0xfe, 0x4d, 0, 0x53, 0, 0x48, 0])).problems), ['not-hl7', 'binary']);
    });

    it('a segment before MSH and text between messages: one problem per run, the messages are read', () => {
        const { messages, problems } = readHl7v2('EVN|A01\rPID|1\rMSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\r\x0bMSH|^~\\&|A|B|C|D|20240101||ADT^A01|2|P|2.5\r\x1c\rPID|stray\rNTE|stray\r');
        assert.deepEqual(messages.map(message => message.header.controlId), ['1', '2']);
        assert.deepEqual(problems.map(problem => [problem.code, problem.line, problem.column]), [['not-hl7', 1, 1], ['outside-message', 6, 1]]);
        const later = readHl7v2('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\r\x1c\rPID|1\r').problems;
        assert.deepEqual(later.map(problem => [problem.code, problem.message.slice(0, 11)]), [['outside-message', 'PID segment']]);
    });

    it('a line in a message that is not a segment is skipped and reported', () => {
        const { messages, problems } = readHl7v2('MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\nOBX|1|TX|||first line\nwrapped second line\npid|lower\nOBX|2|TX|||next\n');
        assert.deepEqual(messages[0].segments.map(segment => `${segment.name}${segment.occurrence}`), ['MSH1', 'OBX1', 'OBX2']);
        assert.deepEqual(problems.map(problem => [problem.code, problem.line, problem.column]), [['not-a-segment', 3, 1], ['not-a-segment', 4, 1]]);
    });

    it('a truncated message: an MLLP frame without end block, a message cut inside MSH', () => {
        const unclosed = readHl7v2('\x0bMSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||12\r\x0bMSH|^~\\&|A|B|C|D|20240101||ADT^A01|2|P|2.5\r\x1c\r');
        assert.deepEqual(unclosed.problems.map(problem => [problem.code, problem.line, problem.column]), [['truncated', 2, 10]]);
        assert.deepEqual(unclosed.messages.map(message => message.framed), [true, true]);

        const cut = readHl7v2('MSH|^~\\&|A|B|C|D|2024');
        assert.deepEqual(codes(cut.problems), ['truncated', 'missing-header-field', 'missing-header-field', 'missing-header-field']);
        assert.equal(cut.messages[0].header.sendingApplication?.text, 'A');
    });

    it('an over-long line keeps its first part; positions after it stay right', () => {
        const long = `OBX|1|ED|||${'A'.repeat(5000)}é|||F`;
        const text = `MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\r\n${long}\r\nNTE|1||after\r\n`;
        for (const input of [text, Buffer.from(text, 'utf8')]) {
            const { messages, problems } = readHl7v2(input, { maxLineLength: 100 });
            assert.deepEqual(problems.map(problem => [problem.code, problem.line, problem.column]), [['line-too-long', 2, 101]]);
            const obx = messages[0].segment('OBX')!;
            assert.equal(obx.raw, long.slice(0, 100));
            assert.deepEqual(where(messages[0], 'NTE-3'), ['after', 3, 8, text.indexOf('after'), 3, 13]);
        }
    });

    it('decodes bytes as UTF-8 unless MSH-18 names a decodable character set; undecodable bytes are reported', () => {
        const latin1 = only('latin1-msh18.hl7');
        assert.equal(latin1.charset, 'iso-8859-1');
        assert.deepEqual(where(latin1, 'PID-5.1'), ['Müller', 2, 25, fixture('hl7v2/latin1-msh18.hl7').indexOf('M\xfcller', 0, 'latin1'), 2, 31]);
        assert.equal(lookup(latin1, 'PID-11.1')[0].value.value, 'Straße 5');

        // The same bytes without MSH-18: decoded as UTF-8, the ü bytes reported.
        const unnamed = readHl7v2(Buffer.from(fixture('hl7v2/latin1-msh18.hl7').toString('latin1').replace('|8859/1', ''), 'latin1'));
        assert.deepEqual(unnamed.problems.map(problem => [problem.code, problem.line, problem.column]), [['invalid-characters', 2, 26]]);

        const utf16 = readHl7v2('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5||||||UNICODE UTF-16\r');
        assert.deepEqual(codes(utf16.problems), [], 'text input is already decoded');
        const utf16Bytes = readHl7v2(Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5||||||UNICODE UTF-16\r'));
        assert.deepEqual(utf16Bytes.problems.map(problem => [problem.code, problem.column]), [['charset', 49]]);
        assert.equal(utf16Bytes.messages[0].charset, 'utf-8');

        assert.deepEqual(resolveHl7Charset('8859/15'), { label: 'iso-8859-15' });
        assert.deepEqual(resolveHl7Charset('windows-1252'), { label: 'windows-1252' });
        assert.deepEqual(resolveHl7Charset(' unicode utf-8 '), { label: 'utf-8' });
        assert.equal(resolveHl7Charset('UTF-16LE').label, 'utf-8');
        assert.ok(resolveHl7Charset('EBCDIC').problem);
    });

    it('batches: trailer counts are checked, trailers without headers and headers without trailers reported', () => {
        const wrongCount = readHl7v2('BHS|^~\\&|A\rMSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rBTS|3\r');
        assert.deepEqual(wrongCount.problems.map(problem => [problem.code, problem.line, problem.column]), [['batch', 3, 5]]);
        assert.match(wrongCount.problems[0].message, /3 messages; 1 were read/);
        const orphan = readHl7v2('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rBTS|1\rFTS|1\r');
        assert.deepEqual(codes(orphan.problems), ['batch', 'batch']);
        const open = readHl7v2('FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\r');
        assert.deepEqual(codes(open.problems), ['batch', 'batch']);
        assert.equal(open.messages[0].batch?.indexInBatch, 1);
        const badHeader = readHl7v2('BHS|ABC\rMSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rBTS|1\r');
        assert.deepEqual(badHeader.problems.map(problem => [problem.code, problem.line, problem.column]), [['encoding-characters', 1, 5]]);
    });

    it('caps the problems listed per message', () => {
        const lines = Array.from({ length: 50 }, (_, i) => `not a segment ${i}`);
        const { messages } = readHl7v2(['MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5', ...lines].join('\r'), { maxProblemsPerMessage: 10 });
        assert.deepEqual(codes(messages[0].problems), [...Array(10).fill('not-a-segment'), 'too-many-problems']);
    });
});
