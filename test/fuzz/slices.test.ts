import { strict as assert } from 'node:assert';
import { CHUNK, exampleSpecFiles, fuzzInputs, prefixCount, type FuzzInput } from './sequence.js';

/**
 * `npm run fuzz --from A --count N` runs slices of one input sequence (docs/robustness.md): slices that cover
 * 0..N-1 between them must run exactly the inputs of one run of N, whatever the cut points (inside the prefixes,
 * across the start of the mutations, inside a chunk of draws).
 */
describe('fuzz: slices of a seed\'s input sequence compose into the whole run', function () {
    this.timeout(120_000);
    const files = exampleSpecFiles(process.cwd());
    const prefixes = prefixCount(files);
    const key = (input: FuzzInput) => `${input.index} ${input.label} ${input.text.length} ${hash(input.text)}`;

    it('cut anywhere around the first mutations, the slices give the inputs of the one run', () => {
        assert.ok(prefixes > 0, 'the sequence starts with prefixes');
        assert.equal([...fuzzInputs(files, 167, prefixes - 1, 2)].map(input => input.kind).join(), 'prefix,mutation');
        const start = prefixes - 150;
        const whole = [...fuzzInputs(files, 167, start, 3 * CHUNK)].map(key);
        assert.equal(whole.length, 3 * CHUNK);
        for (const cuts of [[1], [150], [151, 350], [149, 150, 351], [17, 250, 449, 599]]) {
            const parts: string[] = [];
            const points = [0, ...cuts, 3 * CHUNK];
            for (let i = 0; i + 1 < points.length; i++) {
                parts.push(...[...fuzzInputs(files, 167, start + points[i], points[i + 1] - points[i])].map(key));
            }
            assert.deepEqual(parts, whole, `cut at ${cuts.join(', ')}`);
        }
    });

    it('a slice far into the mutations draws only its own chunks, and another seed gives other mutations', () => {
        const from = prefixes + 40 * CHUNK + 37;
        const slice = [...fuzzInputs(files, 167, from, 5)];
        assert.deepEqual(slice.map(input => input.index), [from, from + 1, from + 2, from + 3, from + 4]);
        assert.ok(slice.every(input => input.label.includes(`seed ${167 + 40}`)));
        const other = [...fuzzInputs(files, 168, from, 5)];
        assert.notDeepEqual(other.map(key), slice.map(key));
    });
});

function hash(text: string): number {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    return h;
}
