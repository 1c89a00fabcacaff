/*
 * The independent corpus: five realistic workspaces, each as a complete twin (should draw no findings) and a
 * planted twin (with the failures its manifest lists). Runs the real CLI on every twin and measures the rules:
 * planted failures found, false positives on complete twins. See test/corpus/README.md.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../cli/run-cli.js';
import { CORPUS, catches, check, readManifest, ruleIds, themes, topLevelBlocks, type Finding, type Plant } from './corpus.js';

/**
 * Planted failures the rules found when this floor was last raised. It only goes up: raise it when a rule fix
 * finds more, never lower it to make a run pass.
 */
const FOUND_FLOOR = 181;

interface ThemeResult { theme: string, plants: Plant[], found: Plant[], missed: Plant[], falsePositives: Finding[], structural: string[] }

function measure(theme: string, rules: Set<string>): ThemeResult {
    const plants = readManifest(theme);
    const complete = check(path.join(CORPUS, theme, 'complete'));
    const planted = check(path.join(CORPUS, theme, 'planted'));
    const structural = [...complete.map(f => ({ twin: 'complete', f })), ...planted.map(f => ({ twin: 'planted', f }))]
        .filter(({ f }) => !rules.has(f.rule))
        .map(({ twin, f }) => `${theme}/${twin}/${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`);
    const falsePositives = complete.filter(f => rules.has(f.rule) && (f.severity === 'error' || f.severity === 'warning'));
    const blocksByFile = new Map<string, Array<[number, number]>>();
    const blocksOf = (file: string) => {
        if (!blocksByFile.has(file)) {
            blocksByFile.set(file, topLevelBlocks(readFileSync(path.join(REPO, CORPUS, theme, 'planted', file), 'utf8')));
        }
        return blocksByFile.get(file)!;
    };
    // A finding the complete twin also draws (same file, rule and message) was not caused by the plant.
    const key = (f: Finding) => `${f.file}\u0000${f.rule}\u0000${f.message}`;
    const preExisting = new Set(complete.map(key));
    const fresh = planted.filter(f => !preExisting.has(key(f)));
    const found = plants.filter(plant => fresh.some(f => catches(plant, f, blocksOf(plant.file))));
    const missed = plants.filter(plant => !found.includes(plant));
    return { theme, plants, found, missed, falsePositives, structural };
}

describe('corpus: independent specifications measure the rules', function () {
    // Ten CLI runs on a shared 2-core machine.
    this.timeout(300_000);

    let results: ThemeResult[] = [];
    let rules = new Set<string>();

    before(() => {
        rules = ruleIds();
        results = themes().map(theme => measure(theme, rules));
        const planted = results.reduce((n, r) => n + r.plants.length, 0);
        const found = results.reduce((n, r) => n + r.found.length, 0);
        const falsePositives = results.reduce((n, r) => n + r.falsePositives.length, 0);
        const lines = [`corpus: found ${found}/${planted} planted, ${falsePositives} false positives on complete twins`];
        for (const r of results) {
            lines.push(`  ${r.theme}: found ${r.found.length}/${r.plants.length}, ${r.falsePositives.length} false positives`);
        }
        for (const r of results) {
            for (const p of r.missed) {
                lines.push(`  miss ${r.theme}/planted/${p.file}:${p.line} ${p.rule} (${p.why})`);
            }
        }
        for (const r of results) {
            for (const f of r.falsePositives) {
                lines.push(`  false positive ${r.theme}/complete/${f.file}:${f.line} ${f.rule} ${f.severity} ${f.message}`);
            }
        }
        for (const r of results) {
            lines.push(...r.structural.map(s => `  structural ${s}`));
        }
        console.log(lines.join('\n'));
    });

    it('has the five themes of the reading, each with both twins and a manifest of at least 8 planted failures', () => {
        for (const theme of ['adoption', 'common-failures', 'go-live-risks', 'multi-site-rollout', 'post-rollout']) {
            assert.ok(themes().includes(theme), `theme ${theme} is missing`);
        }
        for (const r of results) {
            assert.ok(existsSync(path.join(REPO, CORPUS, r.theme, 'complete')) && existsSync(path.join(REPO, CORPUS, r.theme, 'planted')), `${r.theme}: a twin is missing`);
            assert.ok(r.plants.length >= 8, `${r.theme}: ${r.plants.length} planted failures`);
        }
    });

    it('names, in every manifest entry, a catalogue rule and a line inside a planted file that has a complete twin', () => {
        for (const r of results) {
            for (const p of r.plants) {
                assert.ok(rules.has(p.rule), `${r.theme}: '${p.rule}' is not a rule of the catalogue`);
                const plantedFile = path.join(REPO, CORPUS, r.theme, 'planted', p.file);
                assert.ok(existsSync(plantedFile), `${r.theme}: ${p.file} is not in planted/`);
                const lines = readFileSync(plantedFile, 'utf8').split('\n');
                assert.ok(p.line >= 1 && p.line <= lines.length, `${r.theme}/${p.file}:${p.line} is outside the file`);
            }
            for (const file of new Set(r.plants.map(p => p.file))) {
                const complete = path.join(REPO, CORPUS, r.theme, 'complete', file);
                assert.ok(existsSync(complete), `${r.theme}: ${file} has no complete twin`);
            }
        }
    });

    it('parses and links every twin: no syntax or linking error anywhere', () => {
        const structural = results.flatMap(r => r.structural);
        assert.deepEqual(structural, [], 'the corpus itself is broken; fix the spec, not a rule');
    });

    it('draws no finding at warning or error from the complete twins', () => {
        const falsePositives = results.flatMap(r => r.falsePositives.map(f => `${r.theme}/complete/${f.file}:${f.line} ${f.rule} ${f.message}`));
        assert.deepEqual(falsePositives, [], `${falsePositives.length} false positives on complete twins`);
    });

    it(`finds at least ${FOUND_FLOOR} planted failures (the floor only goes up)`, () => {
        const found = results.reduce((n, r) => n + r.found.length, 0);
        assert.ok(found >= FOUND_FLOOR, `found ${found}, floor ${FOUND_FLOOR}: a rule stopped catching a planted failure`);
    });
});
