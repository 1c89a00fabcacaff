import * as assert from 'node:assert/strict';
import { BufferedSink } from '../../language-server/generators/text.js';

describe('generators: BufferedSink', () => {
    it('passes the text on unchanged, in blocks of about the limit, and waits when the sink asks to', async () => {
        const writes: string[] = [];
        let waiting = 0;
        const buffered = new BufferedSink({
            write: chunk => new Promise<void>(resolve => { waiting++; setImmediate(() => { writes.push(chunk); waiting--; resolve(); }); })
        }, 100);
        let expected = '';
        for (let i = 0; i < 1000; i++) {
            const row = `row ${i} ${'é'.repeat(i % 7)}\n`;
            expected += row;
            await buffered.write(row);
            assert.equal(waiting, 0, 'a write that passes a block on resolves after the sink did');
        }
        await buffered.flush();
        assert.equal(writes.join(''), expected);
        assert.ok(writes.length > 100 && writes.length < 1000, `${writes.length} writes for 1000 rows`);
        assert.ok(writes.slice(0, -1).every(chunk => chunk.length >= 100 && chunk.length < 130), 'each block but the last is one chunk past the limit at most');
    });

    it('flushes nothing when nothing is held', async () => {
        const writes: string[] = [];
        const buffered = new BufferedSink({ write: chunk => { writes.push(chunk); } });
        await buffered.flush();
        await buffered.write('a');
        await buffered.flush();
        await buffered.flush();
        assert.deepEqual(writes, ['a']);
    });
});
