import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { commentOutElements, cutStatements, doubleLines, exampleWorkspaces, FuzzSession, mutationArbitrary, tokenBoundaries } from './harness.js';

/** Prefixes per example file in the bounded slice (evenly spaced token boundaries); `npm run fuzz` takes every one. */
const PREFIXES_PER_FILE = 2;
/** Mutations per example workspace in the bounded slice. */
const MUTATIONS_PER_WORKSPACE = 4;

describe('fuzz: every command and provider on half-typed and mutated specs (bounded slice)', function () {
    this.timeout(300_000);

    for (const root of exampleWorkspaces(process.cwd())) {
        it(`${path.basename(root)}: prefixes at token boundaries and seeded mutations never throw nor make an internal error`, async () => {
            const session = await FuzzSession.open(root);
            const crashes: string[] = [];
            try {
                for (const { file, text } of session.specFiles()) {
                    const boundaries = tokenBoundaries(text);
                    const step = Math.max(1, Math.floor(boundaries.length / PREFIXES_PER_FILE));
                    for (let i = step; i < boundaries.length; i += step) {
                        const outcome = await session.exercise(file, text.slice(0, boundaries[i]));
                        if (outcome.crash) crashes.push(`${path.basename(file)} prefix ${boundaries[i]}: ${outcome.crash}`);
                    }
                    await session.restore();
                }
                const files = session.specFiles();
                await fc.assert(fc.asyncProperty(fc.nat(files.length - 1).chain(index => fc.tuple(fc.constant(index), mutationArbitrary(files[index].text))),
                    async ([index, text]) => {
                        const outcome = await session.exercise(files[index].file, text);
                        await session.restore();
                        assert.equal(outcome.crash, undefined, `${path.basename(files[index].file)}: ${outcome.crash}`);
                    }), { seed: 16_7, numRuns: MUTATIONS_PER_WORKSPACE, endOnFailure: true });
            } finally {
                await session.restore();
            }
            assert.deepEqual(crashes, []);
        });

        // The whole kind of `suppress ` with no rule yet (a check read the missing id): every statement of every
        // file without its value.
        it(`${path.basename(root)}: every statement cut after its keyword never throws nor makes an internal error`, async () => {
            assert.deepEqual(await crashesOfEachFile(root, text => cutStatements(text, 1), 'cut after its keyword'), []);
        });

        // The whole kind of completion reading commented-out statements (found by npm run fuzz: a moved `*/` put a
        // code table inside a comment, and completion asked an import for its owners).
        it(`${path.basename(root)}: everything after the imports commented out never throws nor makes an internal error`, async () => {
            assert.deepEqual(await crashesOfEachFile(root, commentOutElements, 'commented out', { everyLine: true, completeEveryLine: true }), []);
        });

        // The whole kind of a statement written twice (hover on the first `standard` of two reached a node outside
        // the tree): every line of every file doubled, every provider at every word.
        it(`${path.basename(root)}: every line written twice never throws nor makes an internal error`, async () => {
            assert.deepEqual(await crashesOfEachFile(root, doubleLines, 'with every line twice', { everyLine: true }), []);
        });
    }
});

/** Each spec file of the workspace changed by `transform` and exercised alone: the crashes, as `file label: crash`. */
async function crashesOfEachFile(root: string, transform: (text: string) => string, label: string,
    options: Parameters<FuzzSession['exercise']>[2] = {}): Promise<string[]> {
    const session = await FuzzSession.open(root);
    const crashes: string[] = [];
    try {
        for (const { file, text } of session.specFiles()) {
            const outcome = await session.exercise(file, transform(text), options);
            if (outcome.crash) crashes.push(`${path.basename(file)} ${label}: ${outcome.crash}`);
            await session.restore();
        }
    } finally {
        await session.restore();
    }
    return crashes;
}
