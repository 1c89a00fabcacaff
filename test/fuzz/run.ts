/**
 * `npm run fuzz`: the long run of the robustness harness. Every prefix of every example file at token boundaries
 * (in a seeded order), then seeded random mutations, until `--inputs N` (default 100,000) inputs ran. Prints the
 * counts of inputs, crashes and runs over 2 s; exits 1 on any crash. `--seed S` changes the mutations.
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { exampleWorkspaces, FuzzSession, mutationArbitrary, tokenBoundaries } from './harness.js';

const SLOW_MS = 2000;

function flag(name: string, fallback: number): number {
    const index = process.argv.indexOf(name);
    const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
    return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<number> {
    const total = flag('--inputs', 100_000);
    const seed = flag('--seed', 167);
    let inputs = 0;
    let slow = 0;
    const crashes: string[] = [];
    const record = (label: string, outcome: { crash?: string, milliseconds: number }) => {
        inputs++;
        if (outcome.milliseconds > SLOW_MS) {
            slow++;
            // Named so a slow input can be re-run alone (the machine may just have been busy).
            process.stderr.write(`slow: ${label}: ${outcome.milliseconds} ms\n`);
        }
        if (outcome.crash) {
            crashes.push(`${label}: ${outcome.crash}`);
            process.stderr.write(`crash: ${label}: ${outcome.crash}\n`);
        }
        if (inputs % 500 === 0) process.stdout.write(`${inputs} inputs, ${crashes.length} crashes, ${slow} over ${SLOW_MS / 1000} s\n`);
    };
    const sessions = await Promise.all(exampleWorkspaces(process.cwd()).map(root => FuzzSession.open(root)));
    // Prefixes first: every token boundary of every file, as an editor sees a file being typed.
    for (const session of sessions) {
        for (const { file, text } of session.specFiles()) {
            for (const boundary of tokenBoundaries(text)) {
                if (inputs >= total) break;
                record(`${path.relative(process.cwd(), file)} prefix ${boundary}`, await session.exercise(file, text.slice(0, boundary), { providers: boundary % 7 === 0 }));
            }
            await session.restore();
        }
    }
    // Then mutations, seeded, until the budget is spent.
    const targets = sessions.flatMap(session => session.specFiles().map(file => ({ session, ...file })));
    const arbitrary = fc.nat(targets.length - 1).chain(index => fc.tuple(fc.constant(index), mutationArbitrary(targets[index].text)));
    // In chunks, so 100,000 mutated files are never held at once; chunk k draws with seed + k.
    for (let chunk = 0; inputs < total; chunk++) {
        for (const [index, text] of fc.sample(arbitrary, { seed: seed + chunk, numRuns: Math.min(200, total - inputs) })) {
            const target = targets[index];
            record(`${path.relative(process.cwd(), target.file)} mutation #${inputs} (seed ${seed + chunk})`, await target.session.exercise(target.file, text));
            await target.session.restore();
        }
    }
    process.stdout.write(`fuzz: ${inputs} inputs, ${crashes.length} crashes, ${slow} runs over ${SLOW_MS / 1000} s (seed ${seed})\n`);
    return crashes.length ? 1 : 0;
}

main().then(code => process.exit(code), error => {
    process.stderr.write(`fuzz harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
});
