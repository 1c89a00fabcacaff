import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { exampleWorkspaces, mutationArbitrary, tokenBoundaries } from './harness.js';

/**
 * The input sequence of `npm run fuzz` for one seed, so that it can be run in slices (docs/robustness.md): input i
 * is always the same input. First every prefix of every example file at its token boundaries (files of the example
 * workspaces in order), then seeded mutations of those files: mutation j is draw j % CHUNK of chunk floor(j / CHUNK),
 * drawn with seed + chunk. A slice draws only the chunks it needs.
 */
export const CHUNK = 200;

export interface SpecFile { file: string, text: string }

export interface FuzzInput {
    /** The input's number in the seed's sequence. */
    index: number;
    file: string;
    text: string;
    /** How to run it again alone: `#index: file prefix N` or `#index: file mutation (seed S, draw D)`. */
    label: string;
    kind: 'prefix' | 'mutation';
    /** For prefixes: the boundary (the editor features run at every seventh). */
    boundary?: number;
}

/** The .ispec files of the example workspaces, in the order the sequence takes them. */
export function exampleSpecFiles(repo: string): SpecFile[] {
    return exampleWorkspaces(repo).flatMap(root => readdirSync(root).filter(name => name.endsWith('.ispec')).sort()
        .map(name => ({ file: path.join(root, name), text: readFileSync(path.join(root, name), 'utf8') })));
}

/** How many inputs of the sequence are prefixes (they come first). */
export function prefixCount(files: SpecFile[]): number {
    return files.reduce((sum, { text }) => sum + tokenBoundaries(text).length, 0);
}

/** Inputs `from` to `from + count - 1` of the sequence of `seed` over `files`. */
export function* fuzzInputs(files: SpecFile[], seed: number, from: number, count: number, cwd = process.cwd()): Generator<FuzzInput> {
    const end = from + count;
    let index = 0;
    for (const { file, text } of files) {
        const boundaries = tokenBoundaries(text);
        if (index + boundaries.length <= from) {
            index += boundaries.length;
            continue;
        }
        for (const boundary of boundaries) {
            if (index >= end) return;
            if (index >= from) {
                yield { index, file, text: text.slice(0, boundary), label: `#${index}: ${path.relative(cwd, file)} prefix ${boundary}`, kind: 'prefix', boundary };
            }
            index++;
        }
    }
    const prefixes = index;
    const arbitrary = fc.nat(files.length - 1).chain(target => fc.tuple(fc.constant(target), mutationArbitrary(files[target].text)));
    for (let chunk = Math.max(0, Math.floor((from - prefixes) / CHUNK)); prefixes + chunk * CHUNK < end; chunk++) {
        const samples = fc.sample(arbitrary, { seed: seed + chunk, numRuns: CHUNK });
        for (let draw = 0; draw < samples.length; draw++) {
            index = prefixes + chunk * CHUNK + draw;
            if (index >= end) return;
            if (index < from) continue;
            const [target, text] = samples[draw];
            yield { index, file: files[target].file, text, label: `#${index}: ${path.relative(cwd, files[target].file)} mutation (seed ${seed + chunk}, draw ${draw})`, kind: 'mutation' };
        }
    }
}
