import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

describe('alert-routing', () => {
    docExamples('alert-routing');

    describe('parties that can answer', () => {
        const { codes, spec } = sitesWithParties;

        it('alert-routing: alerts never go to a service account', async () => {
            const system = (to: string) => spec(`system D {\n    medical-device\n    alerts to ${to}\n}\n`);
            assert.deepEqual(await codes('alert-routing', system('Engine')), ['a.ispec:4 alert-routing']);
            assert.deepEqual(await codes('alert-routing', system('Ops')), []);
        });
    });
});
