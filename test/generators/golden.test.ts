import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { allOutputs, LAB_FIXTURE, loadInput, matchesGolden, REPO } from './generator-support.js';

/**
 * Every format of the lab fixture, compared with committed files in test/golden/lab/ that were reviewed by eye.
 * After an intended change: `UPDATE_GOLDEN=1 npm test`, then review `git diff test/golden`.
 */
describe('golden outputs (test/golden/lab)', () => {
    let outputs: Record<string, string>;
    before(async () => {
        outputs = await allOutputs(await loadInput(LAB_FIXTURE));
    });
    for (const file of ['matrix.md', 'matrix.csv', 'matrix.json', 'matrix.html', 'checklist.md', 'checklist.html', 'checklist.json']) {
        it(file, () => {
            const result = matchesGolden(path.join(REPO, 'test/golden/lab', file), outputs[file]);
            assert.ok(result.ok, result.ok ? '' : result.message);
        });
    }
});
