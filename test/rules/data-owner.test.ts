import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
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

        it('data-owner: a copy a processor holds for one purpose (`record copy`, a print supplier\'s letter batches) is kept as short as the purpose needs', async () => {
            const copy = (retention: string) => `data LetterBatches {\n    owner Ops\n    classification PHI\n    record copy\n    retention ${retention}\n    access Nurse\n    duties care\n    audit "Deletion certified monthly"\n}\n`;
            assert.deepEqual(await lines('data-owner', copy('90d')), []);
            assert.deepEqual(await lines('data-owner', copy('0d')), [6]);
        });
    });

    describe('retention of data sets that travel together', () => {
        const { findings } = sitesWithCover;
        const data = (name: string, retention: string, record = '') => `data ${name} {\n    owner Ops\n    classification PHI\n    retention ${retention}\n${record}    access Nurse\n    duties care\n    audit "Every read logged"\n}\n`;
        const feed = 'interface F {\n    from A to B owner Ops carries Identity, Orders\n}\n';
        const found = async (body: string, extra: Record<string, string> = {}) => (await findings('data-owner', body, extra)).map(f => f.line);

        it('data-owner: a data set kept 2y on an interface that carries another kept 25y is reported on its retention', async () => {
            assert.deepEqual(await found(data('Identity', '25y') + data('Orders', '2y') + feed), [13]);
            assert.deepEqual(await found(data('Identity', '25y') + data('Orders', '25y') + feed), []);
            assert.deepEqual(await found(data('Identity', '25y') + data('Orders', '5y') + feed), []); // within the factor of 10
            // A copy is kept shorter on purpose; the record it copies is kept elsewhere.
            assert.deepEqual(await found(data('Identity', '25y') + data('Orders', '90d', '    record copy\n') + feed), []);
            assert.deepEqual(await found(data('Identity', '25y') + data('Orders', '5y') + feed, { 'interspec.yaml': 'rules:\n  data-owner: [error, { retention-ratio: 3 }]\n' }), [13]);
            assert.deepEqual(await found(data('Identity', '25y') + data('Orders', '2y')), []); // not carried together
            assert.deepEqual(await found(data('Identity', '25y') + data('Orders', '2y') + feed, { 'interspec.yaml': 'rules:\n  data-owner: [error, { retention-ratio: 20 }]\n' }), []);
        });

        it('data-owner: an info unless both state the same record class, then a warning', async () => {
            const severity = async (record: string) => (await checkFiles({ 'org.ispec': sitesWithCover.ORG, 'a.ispec': `import "org.ispec"\n${data('Identity', '25y', record) + data('Orders', '2y', record) + feed}` }))
                .findings.filter(f => f.code === 'data-owner').map(f => f.severity);
            assert.deepEqual(await severity(''), ['info']);
            assert.deepEqual(await severity('    record health-record\n'), ['warning']);
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
