import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readHl7v2Stream } from '../../language-server/samples/read/index.js';
import { labResultMessages } from '../support/generated-samples.js';
import { REPO } from './support.js';

/**
 * Scale of sample checks (issue #25, item 6: "a 500 MB file … files are streamed, memory stays bounded"), in two
 * halves, because the whole check runs about 1,100 messages (1.8 MB) a second and 500 MB would take 5 minutes:
 * - the reader, which is what streams: 500 MiB of generated ORU^R01 messages from a generator (nothing written to
 *   disk) through `readHl7v2Stream`, with the RSS growth under 200 MB (about 80 MB measured; ~35 s);
 * - the whole check, reader and every sample rule: 20,000 messages (32 MB on disk) through `interspec check
 *   --samples … --interface LabResults examples/lab-network` in a process whose V8 heap is capped at 128 MB,
 *   far less than the parsed messages would take if anything kept them (~20 s idle, ~30 s loaded). The generated messages are copies of
 *   the example's clean captures, so the run must also find nothing.
 */

const MB = 1024 * 1024;

/** `bytes` of ER7 in chunks of about 1 MiB, cycling through 1,000 generated messages; counts them in `sent`. */
async function* generated(bytes: number, sent: { messages: number }): AsyncGenerator<Buffer> {
    const pool = [...labResultMessages(1000)];
    let total = 0;
    let n = 0;
    while (total < bytes) {
        const parts: string[] = [];
        let size = 0;
        while (size < MB) {
            const message = pool[n++ % pool.length];
            parts.push(message);
            size += message.length; // latin1 = ASCII here: one byte per character
        }
        const chunk = Buffer.from(parts.join(''), 'latin1');
        total += chunk.length;
        sent.messages = n;
        yield chunk;
    }
}

describe('samples: scale', function () {
    this.timeout(240000);

    it('streams 500 MiB of messages through the HL7 v2 reader in bounded memory', async () => {
        const rssBefore = process.memoryUsage().rss;
        let peak = rssBefore;
        let messages = 0;
        let problems = 0;
        const sent = { messages: 0 };
        const started = Date.now();
        for await (const item of readHl7v2Stream(generated(500 * MB, sent))) {
            if (item.kind === 'problem' || item.message.problems.length > 0) problems++;
            else if (++messages % 2000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
        }
        peak = Math.max(peak, process.memoryUsage().rss);
        const grown = (peak - rssBefore) / MB;
        console.log(`      ${messages} messages (500 MiB) read in ${((Date.now() - started) / 1000).toFixed(1)} s, RSS grew ${grown.toFixed(0)} MB at most`);
        assert.equal(problems, 0);
        assert.equal(messages, sent.messages, 'every message sent was read');
        assert.ok(grown < 200, `RSS grew ${grown.toFixed(0)} MB reading a 500 MiB stream`);
    });

    it('checks 20,000 messages (32 MB) against interface LabResults with a V8 heap of 128 MB, and finds nothing', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'interspec-large-sample-'));
        try {
            const file = path.join(folder, 'lab-results.hl7');
            const fd = openSync(file, 'w');
            for (const message of labResultMessages(20000)) writeSync(fd, message, null, 'latin1');
            closeSync(fd);
            const bin = path.join(REPO, 'bin', 'interspec.cjs');
            const started = Date.now();
            const run = spawnSync(process.execPath, ['--max-old-space-size=128', bin, 'check', 'examples/lab-network', '--samples', file, '--interface', 'LabResults', '--format', 'json'],
                { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * MB, timeout: 200000 });
            console.log(`      20,000 messages checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            assert.equal(run.signal, null, `the check was killed (${run.signal}): out of memory or time\n${run.stderr.slice(-2000)}`);
            assert.equal(run.status, 0, run.stderr.slice(-2000));
            const summary = JSON.parse(run.stdout).summary;
            assert.deepEqual({ errors: summary.errors, warnings: summary.warnings, infos: summary.infos }, { errors: 0, warnings: 0, infos: 0 });
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
