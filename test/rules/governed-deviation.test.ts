import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { workspaceGraph } from './workspaces.js';

describe('governed-deviation', () => {
    docExamples('governed-deviation');

    describe('one software version per device model', () => {
        const { found } = workspaceGraph;

        const sites = (southDevice: string, deviation = '') => ({
            'a.ispec': `import "org.ispec"\nsite North {\n    pilot\n    timezone "UTC"\n    baseline { device US model "Sonara 9" version 6.0.3 hosts none network 1 Gbps }\n}\nsite South {\n    timezone "UTC"\n    baseline {\n        ${southDevice}\n        hosts none network 1 Gbps\n    }\n    ${deviation}\n}\n`
        });

        it('reports a device that runs another version than the pilot site, silent when a deviation of an approved change names it', async () => {
            const differs = await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8'));
            assert.equal(differs.length, 1, differs.join('\n'));
            assert.match(differs[0], /^a\.ispec:10 Device 'US' \("Sonara 9"\) runs version 5\.9\.8 here but 6\.0\.3 at site North/);
            assert.deepEqual(await found('governed-deviation', sites('device US model "Sonara 9" version 6.0.3')), []);
            assert.deepEqual(await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8', 'deviation OldUltrasound "Held back for a probe" change CHG-1 device US')), []);
            // A deviation written without `device` counts when its title names the device or the version it keeps.
            assert.deepEqual(await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8', 'deviation Hold "US held on 5.9.8" change CHG-1')), []);
            // A deviation about something else does not cover the device.
            const other = await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8', 'deviation Labels "Local label layout" change CHG-1'));
            assert.equal(other.length, 1, other.join('\n'));
        });

        it('asks (an info, on its approved-by) about a change behind a deviation approved by a party without change authority', async () => {
            const files = (approver: string, deviation = 'deviation Pantry "Satellite pantry stock list" change CHG-3') => ({
                'org.ispec': workspaceGraph.ORG,
                'a.ispec': `import "org.ispec"\nchange-authority Ops covers updates, patches, configuration\nrole Dietitian { team Lab }\nrole Engineer { team Ops }\n`
                    + `change CHG-3 {\n    status approved\n    approved-by ${approver}\n}\nsite South {\n    timezone "UTC"\n    ${deviation}\n}\n`
            });
            const asked = async (...args: Parameters<typeof files>) => (await checkFiles(files(...args))).findings
                .filter(f => f.code === 'governed-deviation').map(f => `${f.relative}:${f.line} ${f.severity} ${f.message}`);
            const self = await asked('Lab');
            assert.deepEqual(self.map(f => f.split(' ').slice(0, 2).join(' ')), ['a.ispec:7 info'], self.join('\n'));
            assert.match(self[0], /Change 'CHG-3', which deviation Pantry at South rests on, is approved by Lab, not by the change authority \(Ops\)/);
            // A role of another team is that team; the authority itself or one of its roles passes; no deviation, nothing to ask.
            assert.equal((await asked('Dietitian')).length, 1);
            assert.deepEqual(await asked('Ops'), []);
            assert.deepEqual(await asked('Engineer'), []);
            assert.deepEqual(await asked('Lab', ''), []);
        });

        it('an unapproved change is reported on the deviation, not again on the device', async () => {
            const unapproved = await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8', 'deviation OldUltrasound "Held back" change CHG-2 device US'));
            assert.deepEqual(unapproved.map(f => f.split(' ')[0]), ['a.ispec:13']);
        });
    });
});
