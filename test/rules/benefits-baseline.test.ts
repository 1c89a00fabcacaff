import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithCover } from './workspaces.js';

describe('benefits-baseline', () => {
    docExamples('benefits-baseline');

    describe('content, not presence', () => {
        const { lines } = sitesWithCover;

        it('benefits-baseline: the baseline is in the unit of the threshold', async () => {
            const metric = (text: string) => `interface F {\n    from A to B owner Ops\n    monitor {\n        owner Ops\n        metric ${text}\n    }\n}\n`;
            assert.deepEqual(await lines('benefits-baseline', metric('paper-records < 2% benefit baseline 9d')), [6]);
            assert.deepEqual(await lines('benefits-baseline', metric('turnaround p90 < 60m benefit baseline 40%')), [6]);
            assert.deepEqual(await lines('benefits-baseline', metric('scopes-unrecorded < 1 scopes benefit baseline 12 sets')), [6]);
            assert.deepEqual(await lines('benefits-baseline', metric('turnaround p90 < 2h benefit baseline 3d')), []);
            assert.deepEqual(await lines('benefits-baseline', metric('paper-records < 2% benefit baseline 100%')), []);
            assert.deepEqual(await lines('benefits-baseline', metric('scopes-unrecorded < 1 scopes benefit baseline 12 scope')), []);
        });
    });
});
