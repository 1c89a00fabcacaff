import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
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

        it('vendor-accountability: a system another one replaces is switched off, not updated, and needs no rollback of its own', async () => {
            const legacy = 'system Old {\n    vendor "Elekta"\n    support contact "support@elekta.example" response 4h\n}\n';
            const replacing = (replaces: string) => `system New {\n    vendor "Varian"\n    support contact "support@varian.example" response 2h\n    rollback "Courses stay on the old system until the cut-over is verified"\n${replaces}}\n`;
            assert.deepEqual(await codes('vendor-accountability', spec(legacy + replacing(''))), ['a.ispec:2 vendor-accountability']);
            assert.deepEqual(await codes('vendor-accountability', spec(legacy + replacing('    replaces Old transition "read-only from each site\'s go-live"\n'))), []);
            // A placeholder is still a placeholder: the replaced system that writes one is asked for a real one.
            assert.deepEqual(await codes('vendor-accountability', spec(legacy.replace('response 4h\n', 'response 4h\n    rollback "TBC"\n') + replacing('    replaces Old\n'))), ['a.ispec:2 vendor-accountability']);
        });
    });

    describe('what the spec says about the vendor', () => {
        const { ORG, spec } = sitesWithParties;

        it('vendor-accountability: a system that states none of its vendor\'s obligations asks (an info), naming the critical or high interfaces that would wait on the vendor', async () => {
            const engine = 'system Broker {\n    vendor "InterSystems"\n}\n';
            const feed = (criticality: string) => `interface F {\n    from Broker to B owner Ops criticality ${criticality}\n}\n`;
            const found = async (files: Record<string, string>) => (await checkFiles({ 'org.ispec': ORG, ...files })).findings
                .filter(f => f.code === 'vendor-accountability');
            const severities = async (files: Record<string, string>) => (await found(files)).map(f => f.severity);
            assert.deepEqual(await severities(spec(engine)), ['info']);
            assert.deepEqual(await severities(spec(engine + feed('medium'))), ['info']);
            // Whether the vendor owes support in this programme (a device under a service contract, a state agency's
            // register) is what the spec has not said: asked, with what would wait on the vendor.
            const behindCritical = await found(spec(engine + feed('critical')));
            assert.deepEqual(behindCritical.map(f => f.severity), ['info']);
            assert.match(behindCritical[0].message, /Interface F would wait on InterSystems in a failure; if InterSystems supports it/);
            assert.deepEqual(await severities(spec(engine + feed('high'))), ['info']);
            // It started saying what the vendor owes and left the rest out: a warning wherever it sits.
            assert.deepEqual(await severities(spec(engine.replace('}', '    support contact "support@isc.example" response 4h\n}'))), ['warning']);
        });

        it('vendor-accountability: a replaced system\'s rollback ("frozen") states no vendor obligation: without `support` it only asks', async () => {
            const legacy = 'system Old {\n    vendor "BD"\n    rollback "Not updated further; frozen at 4.9.3"\n}\n';
            const replacing = (replaces: string) => `system New {\n    vendor "BD"\n    support contact "support@bd.example" response 2h\n    rollback "Cabinets re-pointed to the old server"\n${replaces}}\n`;
            const severities = async (files: Record<string, string>) => (await checkFiles({ 'org.ispec': ORG, ...files })).findings
                .filter(f => f.code === 'vendor-accountability').map(f => `${f.line} ${f.severity}`);
            assert.deepEqual(await severities(spec(legacy + replacing('    replaces Old\n'))), ['2 info']);
            // Not replaced, its rollback is an obligation stated, and the missing contact a warning.
            assert.deepEqual(await severities(spec(legacy + replacing(''))), ['2 warning']);
            // Replaced, and a critical interface still ends at it: still silent about its vendor, asked.
            assert.deepEqual(await severities(spec(legacy + replacing('    replaces Old\n') + 'interface F {\n    from Old to B owner Ops criticality critical\n}\n')), ['2 info']);
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
