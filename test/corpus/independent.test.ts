/*
 * The independent corpora (test/corpus/independent/README.md): specifications written by hands that never saw the
 * rules, scored by their own scorer against the built CLI. Found may only go up and false positives only down;
 * raise a floor (or lower a ceiling) when a rule change earns it, never the other way to make a run pass.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { BIN, REPO } from '../cli/run-cli.js';

const SCORER = path.join(REPO, 'test/corpus/independent/score.sh');

interface Score {
    found: number;
    planted: number;
    /** Every finding on a complete twin, with its severity. */
    cleanFindings: Array<{ line: string, severity: string }>;
    output: string;
}

/** Runs the scorer on one corpus folder and reads its summary and the findings it lists on the complete twins. */
function score(corpus: string): Score {
    const result = spawnSync('bash', [SCORER], {
        cwd: REPO, encoding: 'utf8', timeout: 280_000,
        env: { ...process.env, CORPUS: path.join(REPO, corpus), ISPEC: `${process.execPath} ${BIN}` }
    });
    const output = String(result.stdout);
    const summary = /corpus: found (\d+)\/(\d+) planted/.exec(output);
    assert.ok(summary, `the scorer printed no summary:\n${output}\n${result.stderr}`);
    const cleanFindings = output.split('\n')
        .filter(line => /^\s+FP\s/.test(line))
        .map(line => ({ line: line.trim(), severity: /\((error|warning|info|hint)\)/.exec(line)?.[1] ?? 'unknown' }));
    return { found: Number(summary[1]), planted: Number(summary[2]), cleanFindings, output };
}

/** The floors and ceilings each corpus stands at now. */
const EXPECTED = {
    'test/corpus/independent/independent-1': { foundAtLeast: 38, warningsOrErrorsAtMost: 0 },
    'test/corpus/independent/dev': { foundAtLeast: 86, warningsOrErrorsAtMost: 20 }
} as const;

describe('corpus: specifications written without the rules in view', function () {
    this.timeout(300_000);

    for (const [corpus, expected] of Object.entries(EXPECTED)) {
        it(`${path.basename(corpus)}: finds at least ${expected.foundAtLeast} planted defects and raises at most ${expected.warningsOrErrorsAtMost} warnings or errors on the complete twins`, () => {
            const result = score(corpus);
            const loud = result.cleanFindings.filter(finding => finding.severity === 'error' || finding.severity === 'warning');
            // The scorer's per-workspace lines, so a failing run says what changed.
            const byRule = new Map<string, number>();
            for (const finding of result.cleanFindings) {
                const rule = /^FP\s+\S+\s+(\S+)/.exec(finding.line)?.[1] ?? '?';
                byRule.set(`${rule} (${finding.severity})`, (byRule.get(`${rule} (${finding.severity})`) ?? 0) + 1);
            }
            console.log([...result.output.split('\n').filter(line => /^(==|corpus:)/.test(line)),
                `findings on complete twins by rule: ${[...byRule].sort().map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none'}`]
                .map(line => `      ${line}`).join('\n'));
            assert.ok(result.found >= expected.foundAtLeast, `found ${result.found}/${result.planted}, fewer than ${expected.foundAtLeast}:\n${result.output}`);
            assert.ok(loud.length <= expected.warningsOrErrorsAtMost,
                `${loud.length} warnings or errors on complete twins, more than ${expected.warningsOrErrorsAtMost}:\n${loud.map(f => f.line).join('\n')}`);
        });
    }
});
