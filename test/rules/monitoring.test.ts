import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithCover } from './workspaces.js';

describe('monitoring', () => {
    docExamples('monitoring');

    describe('content, not presence', () => {
        const { lines } = sitesWithCover;

        it('monitoring: a service account owns no monitor', async () => {
            const feed = (owner: string) => `role Engine { team Ops service-account duties delivery }\ninterface F {\n    from A to B owner Ops\n    monitor {\n        owner ${owner}\n        alerts to Ops\n        metric failed < 1%\n    }\n}\n`;
            assert.deepEqual(await lines('monitoring', feed('Engine')), [6]);
            assert.deepEqual(await lines('monitoring', feed('Ops')), []);
        });
    });
});
