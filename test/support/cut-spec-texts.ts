import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from './synthetic-workspace.js';

/** The repository root (tests run from out/test/<folder>). */
const REPO = path.join(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** Every `.ispec` file under a folder, sorted. */
export function specFiles(folder: string): string[] {
    return readdirSync(folder).sort().flatMap(name => {
        const file = path.join(folder, name);
        return statSync(file).isDirectory() ? specFiles(file) : name.endsWith('.ispec') ? [file] : [];
    });
}

/**
 * The texts of every spec under examples/ and test/corpus/, then `cuts` texts cut from them at seeded random places
 * (a prefix, or the text with up to 200 characters taken out): the broken inputs a parser meets while someone types,
 * for comparing two builds of the parser on the same texts. Same seed, same texts.
 */
export function specTextsWithCuts(seed: number, cuts = 400): string[] {
    const texts = [...specFiles(path.join(REPO, 'examples')), ...specFiles(path.join(REPO, 'test/corpus'))].map(file => readFileSync(file, 'utf8'));
    const random = seededRandom(seed);
    for (let i = 0; i < cuts; i++) {
        const text = texts[Math.floor(random() * texts.length)];
        const at = Math.floor(random() * text.length);
        const length = Math.floor(random() * 200);
        texts.push(random() < 0.5 ? text.slice(0, at) : text.slice(0, at) + text.slice(at + length));
    }
    return texts;
}
