import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

describe('vendor-accountability', () => {
    docExamples('vendor-accountability');

    describe('content, not presence', () => {
        const { codes, spec } = sitesWithParties;

        it('vendor-accountability: a rollback "TBC" is no rollback plan', async () => {
            const system = (rollback: string) => spec(`system V {\n    vendor "Acme"\n    support contact "support@acme.example" response 2h\n    rollback "${rollback}"\n}\n`);
            assert.deepEqual(await codes('vendor-accountability', system('TBC')), ['a.ispec:2 vendor-accountability']);
            assert.deepEqual(await codes('vendor-accountability', system('Previous release kept on the standby server')), []);
        });
    });

    describe('zero and absurd durations', () => {
        const { codes, spec } = sitesWithParties;

        it('vendor-accountability: the response fits the criticality of the interfaces (1d critical, 3d high by default; policy in interspec.yaml)', async () => {
            const files = (response: string, criticality: string) => spec(`system V {\n    vendor "Acme"\n    support contact "support@acme.example" response ${response}\n    rollback "Previous release kept"\n}\ninterface F {\n    from V to B owner Ops criticality ${criticality}\n}\n`);
            assert.deepEqual(await codes('vendor-accountability', files('30d', 'high')), ['a.ispec:4 vendor-accountability']);
            assert.deepEqual(await codes('vendor-accountability', files('2d', 'critical')), ['a.ispec:4 vendor-accountability']);
            assert.deepEqual(await codes('vendor-accountability', files('1d', 'critical')), []);
            assert.deepEqual(await codes('vendor-accountability', files('2d', 'high')), []);
            assert.deepEqual(await codes('vendor-accountability', { ...files('1d', 'critical'), 'interspec.yaml': 'rules:\n  vendor-accountability: [warning, { max-response: { critical: 4h } }]\n' }), ['a.ispec:4 vendor-accountability']);
        });
    });
});
