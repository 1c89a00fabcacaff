import * as assert from 'node:assert/strict';
import { Utf8BlockSink } from '../../language-server/generators/text.js';

describe('generators: Utf8BlockSink', () => {
    it('passes the text on as its UTF-8 bytes, in blocks of at most the size, and waits when the target asks to', async () => {
        const writes: Buffer[] = [];
        let waiting = 0;
        const sink = new Utf8BlockSink({
            write: bytes => new Promise<void>(resolve => { waiting++; setImmediate(() => { writes.push(Buffer.from(bytes)); waiting--; resolve(); }); })
        }, 100);
        let expected = '';
        for (let i = 0; i < 1000; i++) {
            // Two- and four-byte characters, so a block boundary falls next to them.
            const row = `row ${i} ${'é'.repeat(i % 7)}${i % 13 === 0 ? '\u{1F600}' : ''}\n`;
            expected += row;
            await sink.write(row);
            assert.equal(waiting, 0, 'a write that passes a block on resolves after the target did');
        }
        await sink.flush();
        assert.equal(Buffer.concat(writes).toString('utf8'), expected);
        assert.ok(writes.length > 100 && writes.length < 1000, `${writes.length} writes for 1000 rows`);
        assert.ok(writes.every(block => block.length <= 100), 'no block is larger than the size');
    });

    it('passes a chunk larger than a block on by itself, after what it held', async () => {
        const writes: string[] = [];
        const sink = new Utf8BlockSink({ write: bytes => { writes.push(bytes.toString('utf8')); } }, 16);
        await sink.write('ab');
        await sink.write('x'.repeat(40));
        await sink.write('é');
        await sink.flush();
        assert.deepEqual(writes, ['ab', 'x'.repeat(40), 'é']);
    });

    it('flushes nothing when nothing is held', async () => {
        const writes: Buffer[] = [];
        const sink = new Utf8BlockSink({ write: bytes => { writes.push(bytes); } });
        await sink.flush();
        await sink.write('a');
        await sink.flush();
        await sink.flush();
        assert.equal(writes.length, 1);
    });
});
