import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

describe('interface-owner', () => {
    docExamples('interface-owner');

    describe('parties that can answer', () => {
        const { codes, spec } = sitesWithParties;

        it('interface-owner: a service account owns no interface', async () => {
            assert.deepEqual(await codes('interface-owner', spec('interface F {\n    from A to B owner Engine\n}\n')), ['a.ispec:3 interface-owner']);
            assert.deepEqual(await codes('interface-owner', spec('interface F {\n    from A to B owner Clerk\n}\n')), []);
        });
    });
});
