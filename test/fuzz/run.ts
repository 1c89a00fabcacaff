/**
 * `npm run fuzz`: the long run of the robustness harness. Every prefix of every example file at token boundaries
 * (in file order), then seeded random mutations: input number i of a seed is always the same input, so a run
 * can be cut into slices that CI runs apart (docs/robustness.md). Prints the counts of inputs, crashes and runs
 * over 2 s; exits 1 on any crash.
 *
 *   node out/test/fuzz/run.js [--seed S] [--from A] [--count N]
 *
 * `--seed S` (default 167) draws the mutations; `--from A --count N` runs inputs A to A + N - 1 of that seed's
 * sequence (default 0 and 100,000: the whole run; `--inputs N` is `--count N`). Slices of one seed that cover
 * 0..99,999 between them run exactly the inputs of one 100,000-input run.
 */
import { exampleWorkspaces, FuzzSession } from './harness.js';
import { fuzzInputs } from './sequence.js';

const SLOW_MS = 2000;

function flag(name: string, fallback: number, minimum = 1): number {
    const index = process.argv.indexOf(name);
    const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
    return Number.isInteger(value) && value >= minimum ? value : fallback;
}

async function main(): Promise<number> {
    const count = flag('--count', flag('--inputs', 100_000));
    const from = flag('--from', 0, 0);
    const seed = flag('--seed', 167);
    let inputs = 0;
    let slow = 0;
    let prefixes = 0;
    const crashes: string[] = [];
    const sessions = await Promise.all(exampleWorkspaces(process.cwd()).map(root => FuzzSession.open(root)));
    const files = sessions.flatMap(session => session.specFiles().map(file => ({ ...file, session })));
    const sessionOf = new Map(files.map(file => [file.file, file.session]));
    let edited: { session: FuzzSession, file: string } | undefined;
    for (const input of fuzzInputs(files, seed, from, count)) {
        const session = sessionOf.get(input.file)!;
        // A file's prefixes follow one another on the same edited file; any other file starts from the files on disk.
        if (edited && edited.file !== input.file) await edited.session.restore();
        edited = { session, file: input.file };
        // Prefixes as an editor sees a file being typed (the editor features at every seventh); mutations restored each time.
        const outcome = await session.exercise(input.file, input.text, input.kind === 'prefix' ? { providers: input.boundary! % 7 === 0 } : {});
        if (input.kind === 'mutation') await session.restore(); else prefixes++;
        inputs++;
        if (outcome.milliseconds > SLOW_MS) {
            slow++;
            // Named so a slow input can be re-run alone (the machine may just have been busy).
            process.stderr.write(`slow: ${input.label}: ${outcome.milliseconds} ms\n`);
        }
        if (outcome.crash) {
            crashes.push(`${input.label}: ${outcome.crash}`);
            process.stderr.write(`crash: ${input.label}: ${outcome.crash}\n`);
        }
        if (inputs % 500 === 0) process.stdout.write(`${inputs} inputs, ${crashes.length} crashes, ${slow} over ${SLOW_MS / 1000} s\n`);
    }
    await edited?.session.restore();
    process.stdout.write(`fuzz: seed ${seed}, inputs ${from} to ${from + inputs - 1} (${inputs}: ${prefixes} prefixes, ${inputs - prefixes} mutations), `
        + `${crashes.length} crashes, ${slow} runs over ${SLOW_MS / 1000} s\n`);
    return crashes.length ? 1 : 0;
}

main().then(code => process.exit(code), error => {
    process.stderr.write(`fuzz harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
});
