import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithCover, sitesWithParties } from './workspaces.js';

describe('data-owner', () => {
    docExamples('data-owner');

    describe('content, not presence', () => {
        const { lines } = sitesWithCover;

        it('data-owner: PHI kept 30d instead of 30y is an absurd retention (min-phi-retention, default 1y)', async () => {
            const data = (classification: string, retention: string) => `data Chart {\n    owner Ops\n    classification ${classification}\n    retention ${retention}\n    access Nurse\n    duties care\n    audit "All reads logged"\n}\n`;
            assert.deepEqual(await lines('data-owner', data('PHI', '30d')), [5]);
            assert.deepEqual(await lines('data-owner', data('PHI', '30y')), []);
            assert.deepEqual(await lines('data-owner', data('internal', '30d')), []);
            assert.deepEqual(await lines('data-owner', data('PHI', '90d'), { 'interspec.yaml': 'rules:\n  data-owner: [error, { min-phi-retention: 60d }]\n' }), []);
        });
    });

    describe('zero and absurd durations', () => {
        const { codes, spec } = sitesWithParties;

        it('data-owner: `retention 0d` is no retention policy', async () => {
            const data = (retention: string) => spec(`data Images {\n    owner Ops\n    retention ${retention}\n    access Clerk\n}\n`);
            assert.deepEqual(await codes('data-owner', data('0d')), ['a.ispec:4 data-owner']);
            assert.deepEqual(await codes('data-owner', data('10y')), []);
        });
    });

    describe('parties that can answer', () => {
        const { codes, spec } = sitesWithParties;

        it('data-owner: a service account owns no data set', async () => {
            assert.deepEqual(await codes('data-owner', spec('data U {\n    owner Engine\n    retention 10y\n    access Clerk\n}\n')), ['a.ispec:3 data-owner']);
        });
    });
});
