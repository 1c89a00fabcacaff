import { strict as assert } from 'node:assert';
import { faults } from './scenarios.js';

/**
 * The fault harness in `npm test` (issue 29, item 4): the scenarios of test/faults/scenarios.ts, one test each,
 * but for the `long` ones (more inputs of a kind already covered here: other commands, other signals). `npm run
 * faults` runs every scenario and prints them as a table; .ci/run runs it after `npm test`.
 */
describe('faults: full devices, read-only folders, closed output, killed processes (npm run faults)', function () {
    this.timeout(240_000); // CLI runs and language servers on a shared machine

    for (const fault of faults().filter(f => !f.long)) {
        it(`${fault.group}: ${fault.name}`, async function () {
            const result = await fault.run();
            if (result.outcome === 'skip') {
                this.skip();
            }
            assert.equal(result.outcome, 'pass', result.detail);
        });
    }
});
