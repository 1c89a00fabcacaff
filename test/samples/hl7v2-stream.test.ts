import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { iterateHl7v2, readHl7v2File, readHl7v2Stream, type Hl7ReadItem } from '../../language-server/samples/read/index.js';
import { digest, snapshot } from './support.js';

const MESSAGES = 50_000;

/**
 * A large capture: MESSAGES messages cycling through CR, CRLF and LF line ends and MLLP framing, in batches of
 * 10,000 under one FHS, with non-ASCII names (2-byte ü, 4-byte emoji), escapes and a long NTE line.
 */
function largeCapture(count: number): Buffer {
    const parts: string[] = ['FHS|^~\\&|LIS|LAB|EHR|HOSP|20240311000000\r\n'];
    let batches = 0;
    for (let i = 0; i < count; i++) {
        if (i % 10_000 === 0) {
            parts.push(`BHS|^~\\&|LIS|LAB|EHR|HOSP|20240311000000||||B${i / 10_000}\r\n`);
            batches++;
        }
        const separator = ['\r', '\r\n', '\n', '\r'][i % 4];
        const framed = i % 4 === 3;
        const segments = [
            `MSH|^~\\&|LIS|LAB^2.16.840.1.113883.19.4.6^ISO|EHR|HOSP|20240311${String(i % 1_000_000).padStart(6, '0')}||ORU^R01^ORU_R01|MSG${i}|P|2.5.1|||AL|NE||UNICODE UTF-8`,
            `PID|1||${100_000 + i}^^^HOSP^MR~${900_000 + i}^^^NHS^NH||Müller^Jürgen^${i % 7 === 0 ? 'Ölaf' : 'K'}||19700101|M`,
            `OBR|1|ORD${i}|FIL${i}|24331-1^Lipid panel^LN|||20240311080000`,
            `OBX|1|NM|2093-3^Cholesterol^LN||${(4 + (i % 30) / 10).toFixed(1)}|mmol/L^mmol/L^UCUM|<5.2|N|||F`,
            `OBX|2|ST|8251-1^Comment^LN||Fasting \\T\\ rested 😀 \\X0D0A\\ checked|||||F`,
            `NTE|1|L|${'Specimen received in good condition; '.repeat(8)}#${i}`
        ];
        const message = segments.join(separator) + separator;
        parts.push(framed ? `\x0b${message}\x1c\r` : message);
        if (i % 10_000 === 9_999 || i === count - 1) parts.push(`BTS|${(i % 10_000) + 1}\r\n`);
    }
    parts.push(`FTS|${batches}\r\n`);
    return Buffer.from(parts.join(''), 'utf8');
}

/** A digest per item, with a full snapshot of every `every`-th message. */
function describeItem(item: Hl7ReadItem, every: number): unknown {
    if (item.kind === 'problem') return item.problem;
    return item.message.index % every === 0 ? [digest(item.message), snapshot(item.message)] : digest(item.message);
}

/**
 * Reads `stream` and the whole-input reader side by side, comparing item by item; returns the number of messages.
 * The whole capture has no problem; a head of it may lack its batch trailers (`batch` warnings).
 */
async function compareWithWhole(stream: AsyncIterable<Hl7ReadItem>, whole: Iterator<Hl7ReadItem>, every: number, head = false): Promise<number> {
    let messages = 0;
    for await (const item of stream) {
        const expected = whole.next();
        assert.equal(expected.done, false, 'the stream read more items than the whole input');
        assert.deepEqual(describeItem(item, every), describeItem(expected.value as Hl7ReadItem, every));
        if (item.kind === 'message') {
            messages++;
            assert.deepEqual(item.message.problems, []);
        } else if (!head || item.problem.code !== 'batch') {
            assert.fail(JSON.stringify(item.problem));
        }
    }
    assert.equal(whole.next().done, true, 'the stream read fewer items than the whole input');
    return messages;
}

/** Chunks of `bytes` cut at the given sorted byte positions. */
function* cutAt(bytes: Buffer, points: number[]): Generator<Buffer> {
    let from = 0;
    for (const point of points) {
        if (point <= from || point >= bytes.length) continue;
        yield bytes.subarray(from, point);
        from = point;
    }
    yield bytes.subarray(from);
}

describe('samples: HL7 v2 streaming reader', function () {
    this.timeout(300_000);
    let folder: string;
    let capture: Buffer;
    let file: string;

    before(() => {
        folder = mkdtempSync(path.join(tmpdir(), 'interspec-hl7-stream-'));
        capture = largeCapture(MESSAGES);
        file = path.join(folder, 'capture.hl7');
        writeFileSync(file, capture);
    });

    after(() => rmSync(folder, { recursive: true, force: true }));

    it(`reads a file of ${MESSAGES.toLocaleString('en')} messages in 64 KiB chunks as the whole-input reader does`, async () => {
        assert.ok(capture.length > 30_000_000, `${capture.length} bytes`);
        // An odd chunk size, so chunk ends fall everywhere: inside segments, CRLFs and UTF-8 characters.
        const messages = await compareWithWhole(readHl7v2File(file, { chunkSize: 65_537 }), iterateHl7v2(capture), 997);
        assert.equal(messages, MESSAGES);
    });

    it('reads the same when chunks end between CR and LF, inside ü and inside an emoji, and inside a segment', async () => {
        const head = capture.subarray(0, capture.indexOf('MSH|^~\\&|LIS|LAB^2.16.840.1.113883.19.4.6^ISO|EHR|HOSP|20240311002000'));
        const points: number[] = [];
        for (let i = 0; i < head.length; i++) {
            const byte = head[i];
            if (byte === 0x0d && head[i + 1] === 0x0a) points.push(i + 1); // CR | LF
            else if (byte === 0xc3) points.push(i + 1); // inside ü, Ö
            else if (byte === 0xf0) points.push(i + 2); // inside 😀
            else if (byte === 0x7c && i % 5 === 0) points.push(i + 1); // inside a segment
            else if (byte === 0x1c) points.push(i + 1); // between the MLLP end block and its CR
        }
        assert.ok(points.length > 10_000, `${points.length} cut points`);
        const messages = await compareWithWhole(readHl7v2Stream(cutAt(head, points)), iterateHl7v2(head), 1, true);
        assert.equal(messages, 2000);
        // One byte at a time, for the first messages.
        const small = head.subarray(0, head.indexOf('MSH|', 3000));
        const bytes = Array.from({ length: small.length }, (_, i) => small.subarray(i, i + 1));
        await compareWithWhole(readHl7v2Stream(bytes), iterateHl7v2(small), 1, true);
    });

    it('positions are those in the whole file: the last message of the capture', async () => {
        let last: Hl7ReadItem | undefined;
        for await (const item of readHl7v2File(file, { chunkSize: 1 << 20 })) if (item.kind === 'message') last = item;
        assert.ok(last && last.kind === 'message');
        const message = last.message;
        assert.equal(message.header.controlId, `MSG${MESSAGES - 1}`);
        const text = capture.toString('utf8');
        const nte = message.segment('NTE')!.field(3)!;
        assert.equal(nte.offset, text.lastIndexOf('NTE|1|L|') + 'NTE|1|L|'.length);
        assert.equal(text.slice(nte.offset, nte.endOffset), nte.raw);
        const linesBefore = text.slice(0, nte.offset).split(/\r\n|\r|\n/).length;
        assert.equal(nte.line, linesBefore);
        assert.deepEqual([message.batch?.batchHeader?.field(11)?.value, message.batch?.indexInBatch], ['B4', 10_000]);
    });

    it('yields each message once it is complete, before reading further: memory is bounded by one message', async () => {
        let pulled = 0;
        const chunkSize = 64 * 1024;
        async function* counted(): AsyncGenerator<Buffer> {
            for (let from = 0; from < capture.length; from += chunkSize) {
                pulled++;
                yield capture.subarray(from, from + chunkSize);
            }
        }
        const iterator = readHl7v2Stream(counted())[Symbol.asyncIterator]();
        const first = await iterator.next();
        assert.equal(first.done, false);
        assert.equal((first.value as Hl7ReadItem).kind, 'message');
        assert.equal(pulled, 1, 'the first message came out of the first chunk');
        let messages = 1;
        while (messages < 1000) {
            const next = await iterator.next();
            if ((next.value as Hl7ReadItem).kind === 'message') messages++;
        }
        // 1,000 messages of about 640 bytes: about 10 chunks, not the 30 MB file.
        assert.ok(pulled <= 12, `${pulled} chunks read for 1,000 messages`);
        await iterator.return?.(undefined);
    });

    it('gives a problem, not an exception, for a path that is not a regular file; rejects for a missing file', async () => {
        const items: Hl7ReadItem[] = [];
        for await (const item of readHl7v2File(folder)) items.push(item);
        assert.deepEqual(items.map(item => item.kind === 'problem' && item.problem.code), ['not-a-file']);
        await assert.rejects(async () => {
            for await (const item of readHl7v2File(path.join(folder, 'missing.hl7'))) assert.fail(JSON.stringify(item));
        }, /ENOENT/);
    });
});
