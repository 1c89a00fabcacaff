import * as assert from 'node:assert/strict';
import { LIMITS } from '../../language-server/util/limits.js';
import { rollout } from '../support/synthetic-workspace.js';

// The seeded workspaces the benchmark (scripts/bench.mjs) measures are ones the product accepts.
describe('bench: the synthetic workspaces', () => {
    it('the benchmark rollout of 1,000 interfaces keeps every file under the spec-file limit', () => {
        const files = rollout(1000, 20, 4);
        for (const [file, text] of Object.entries(files)) {
            assert.ok(Buffer.byteLength(text) <= LIMITS.specBytes, `${file}: ${Buffer.byteLength(text)} bytes`);
        }
        const interfaces = Object.values(files).reduce((sum, text) => sum + (text.match(/^interface /gm) ?? []).length, 0);
        assert.equal(interfaces, 1000);
    });
});
