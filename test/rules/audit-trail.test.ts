import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { sitesWithCover, sitesWithParties } from './workspaces.js';

describe('audit-trail', () => {
    docExamples('audit-trail');

    describe('identity and PHI from what is mapped', () => {
        const { messages, codes, spec } = sitesWithParties;

        it('audit-trail: a data set carried with patient identifiers is PHI whatever its classification, and needs audit', async () => {
            const files = (audit: string) => ({
                ...spec(`interface F {\n    from A to B owner Ops standard HL7v2 "2.5.1" carries Admissions\n    message ADT^A04 {\n        PID-3 -> PID-3 identifier authority "North Hospital MRN"\n    }\n}\n`),
                'b.ispec': `import "org.ispec"\ndata Admissions {\n    owner Ops\n    classification internal\n    retention 30y\n    access Clerk\n    duties registration\n${audit}}\n`
            });
            const found = await messages('audit-trail', files(''));
            assert.equal(found.length, 1);
            assert.match(found[0], /Admissions.*interface F carries it with patient identifiers/);
            // With audit, the classification is what is left wrong: the interface carries only this set.
            assert.deepEqual(await codes('audit-trail', files('    audit "Every view logged; reviewed monthly"\n')), ['b.ispec:4 audit-trail']);
        });
    });

    describe('classification below PHI on an interface that identifies patients', () => {
        const { findings } = sitesWithCover;
        const data = (name: string, classification: string) => `data ${name} {\n    owner Ops\n    classification ${classification}\n    retention 10y\n    access Nurse\n    duties care\n    audit "Every read logged"\n}\n`;
        const feed = (standard: string, mapping: string, carries: string) => `interface F {\n    from A to B owner Ops standard ${standard} carries ${carries}\n    message M {\n        ${mapping}\n    }\n}\n`;
        const severities = async (body: string) => (await findings('audit-trail', body)).map(f => `${f.line} ${/classify it PHI\.$/.test(f.message) ? 'certain' : 'other'}`);

        it('audit-trail: an internal set carried alone by an interface that maps PID-3 is reported on its classification', async () => {
            assert.deepEqual(await severities(data('Images', 'internal') + feed('HL7v2 "2.5.1"', 'PID-3 -> PID-3 identifier authority "MRN"', 'Images')), ['4 certain']);
            assert.deepEqual(await severities(data('Images', 'PHI') + feed('HL7v2 "2.5.1"', 'PID-3 -> PID-3 identifier authority "MRN"', 'Images')), []);
            assert.deepEqual(await severities(data('Images', 'internal') + feed('HL7v2 "2.5.1"', 'OBX-3 -> OBX-3', 'Images')), []);
        });

        it('audit-trail: a FHIR reference that names the patient by identifier identifies patients; another element does not', async () => {
            // Reference.identifier (FHIR R4): Communication.subject, Immunization.patient, Coverage.beneficiary carry the patient's identifier.
            for (const path of ['Communication.subject.identifier.value', 'Immunization.patient.identifier', 'Coverage.beneficiary.identifier.system']) {
                assert.deepEqual(await severities(data('Notes', 'internal') + feed('FHIR R4', `${path} -> ${path} identifier authority "NHI"`, 'Notes')), ['4 certain'], path);
                assert.deepEqual(await severities(data('Notes', 'PHI') + feed('FHIR R4', `${path} -> ${path} identifier authority "NHI"`, 'Notes')), [], path);
            }
            for (const path of ['Communication.identifier', 'Communication.sender.identifier', 'Device.identifier']) {
                assert.deepEqual(await severities(data('Notes', 'internal') + feed('FHIR R4', `${path} -> ${path}`, 'Notes')), [], path);
            }
        });

        it('audit-trail: on DICOM the Patient module makes the objects PHI; beside a PHI set on HL7 v2 nothing is said', async () => {
            const both = (standard: string, mapping: string) => data('Chart', 'PHI') + data('Slides', 'internal') + feed(standard, mapping, 'Chart, Slides');
            assert.deepEqual(await severities(both('DICOM "2024b"', '(0010,0020) -> (0010,0020) identifier authority "MRN"')), ['12 certain']);
            // A drug library travels in a pump programme beside the patient's identity without being about the patient.
            assert.deepEqual(await severities(both('HL7v2 "2.5.1"', 'PID-3 -> PID-3 identifier authority "MRN"')), []);
            const { findings: all } = await checkFiles({ 'org.ispec': sitesWithCover.ORG, 'a.ispec': `import "org.ispec"\n${both('DICOM "2024b"', '(0010,0020) -> (0010,0020) identifier authority "MRN"')}` });
            assert.deepEqual(all.filter(f => f.code === 'audit-trail').map(f => f.severity), ['warning']);
        });
    });

    describe('remote access nobody can trace', () => {
        const { lines } = sitesWithCover;
        const system = (via: string) => `system V {\n    kind LIS\n    remote-access approved-by Ops via "${via}"\n}\n`;

        it('audit-trail: a shared login or permanent access in the remote-access method is reported; named, per-session access is not', async () => {
            assert.deepEqual(await lines('audit-trail', system('Site-to-site VPN to the vendor, shared support login')), [4]);
            assert.deepEqual(await lines('audit-trail', system('Permanent VPN tunnel to the vendor')), [4]);
            assert.deepEqual(await lines('audit-trail', system('Generic vendor account on the jump host')), [4]);
            assert.deepEqual(await lines('audit-trail', system('Vendor VPN, named accounts, approved per session')), []);
            assert.deepEqual(await lines('audit-trail', system('Vendor jump host, no shared accounts, no permanent access')), []);
            assert.deepEqual(await lines('audit-trail', system('Vendor jump host with four-eyes approval and session recording through the group jump host')), []);
            assert.deepEqual(await lines('audit-trail', system('Long-standing vendor portal, named engineers, sessions kept in the permanent audit log')), []);
        });
    });
});
