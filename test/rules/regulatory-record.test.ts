import { strict as assert } from 'node:assert';
import { buildChecklists } from '../../language-server/generators/index.js';
import { inputFromFiles } from '../generators/generator-support.js';
import { docExamples } from './doc-examples.js';
import { sitesWithCover, sitesWithDevices, sitesWithParties } from './workspaces.js';

describe('regulatory-record', () => {
    docExamples('regulatory-record');

    describe('content, not presence', () => {
        const { ORG, lines } = sitesWithCover;

        it('regulatory-record: a vendor certificate is not a site validation; a device kind needs a regime', async () => {
            const device = (validation: string) => `system D {\n    vendor "Acme Medical"\n    medical-device\n    regulatory MDR class IIa validation "${validation}"\n    alerts to Ops\n}\n`;
            for (const validation of ['CE certificate 2797-MDR-0001', 'Acme Medical declaration of conformity', "Manufacturer's FDA 510(k) clearance"]) {
                assert.deepEqual(await lines('regulatory-record', device(validation)), [5], validation);
            }
            for (const validation of ['IQ/OQ/PQ record VAL-2026-07', 'Site acceptance tests per unit, CE marked devices', 'VAL-PACS-2026-01']) {
                assert.deepEqual(await lines('regulatory-record', device(validation)), [], validation);
            }
            assert.deepEqual(await lines('regulatory-record', 'system Pumps {\n    kind infusion-pump\n}\n'), [2]);
            assert.deepEqual(await lines('regulatory-record', 'system Scanners {\n    kind barcode-scanner\n}\n'), []);
            assert.deepEqual(await lines('regulatory-record', 'system Pumps {\n    kind infusion-pump\n    regulatory MDR class IIb validation "VAL-PUMP-01"\n}\n'), []);
        });

        it('checklist: a vendor certificate given as validation, and an undeclared device kind, stay open compliance items', async () => {
            const input = await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': `import "org.ispec"
system Pumps { kind infusion-pump }
system D { kind analyser medical-device regulatory IVDR class C validation "Manufacturer CE certificate" alerts to Ops }
interface F {\n    from Pumps to D owner Ops sites North\n}
gate G {\n    site North\n}\n` });
            const items = buildChecklists(input, 'G')[0].groups.flatMap(group => group.items);
            const notes = (name: string) => items.find(item => item.id.endsWith(name))?.notes;
            assert.deepEqual(notes('compliance.Pumps'), ['No site validation record is declared.']);
            assert.deepEqual(notes('compliance.D'), ['The validation names the manufacturer\'s certification, not a validation at the site.']);
        });
    });

    describe('the class a device that acts on the patient has (dev ICU-06)', () => {
        const { found } = sitesWithDevices;
        const device = (kind: string, regulatory: string) => ({ 'a.ispec': `import "org.ispec"\nsystem D {\n    kind ${kind}\n    owner Ops\n    medical-device\n    regulatory ${regulatory} validation "VAL-D-2026-01"\n}\n` });

        it('a ventilators\' alarm system at MDR class I, a pump server at IIa: below the class their kind has under MDR Annex VIII', async () => {
            const alarm = await found('regulatory-record', device('alarm-distribution', 'MDR class I'));
            assert.deepEqual(alarm.map(f => f.split(' ')[0]), ['a.ispec:6']);
            assert.match(alarm[0], /'D' \(kind alarm-distribution\) is declared MDR class I, below class IIa/);
            assert.match((await found('regulatory-record', device('pump-server', 'TGA class IIa')))[0], /below class IIb/);
            assert.match((await found('regulatory-record', device('ventilator', 'MDR class Is')))[0], /below class IIb/);
        });

        it('at or above the class, a device that does not act on the patient, a regime graded otherwise, or the option lowered: nothing', async () => {
            assert.deepEqual(await found('regulatory-record', device('alarm-distribution', 'MDR class IIb')), []);
            assert.deepEqual(await found('regulatory-record', device('infusion-pump', 'WAND class III')), []);
            assert.deepEqual(await found('regulatory-record', device('PDMS', 'MDR class I')), []);
            assert.deepEqual(await found('regulatory-record', device('infusion-pump', 'FDA class II')), []);
            assert.deepEqual(await found('regulatory-record', device('alarm-distribution', 'MDR class I'), 'rules:\n  regulatory-record: [warning, { minimum-class: { alarm: I } }]\n'), []);
        });
    });

    describe('placeholders', () => {
        const { codes, spec } = sitesWithParties;

        it('regulatory-record: a validation "pending" is no site validation record', async () => {
            const system = (validation: string) => spec(`system D {\n    medical-device\n    regulatory MDR class IIa validation "${validation}"\n    alerts to Ops\n}\n`);
            assert.deepEqual(await codes('regulatory-record', system('pending')), ['a.ispec:4 regulatory-record']);
            assert.deepEqual(await codes('regulatory-record', system('IQ/OQ/PQ record VAL-2024-07')), []);
        });
    });
});
