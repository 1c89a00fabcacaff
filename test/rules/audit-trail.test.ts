import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

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
            assert.deepEqual(await codes('audit-trail', files('    audit "Every view logged; reviewed monthly"\n')), []);
        });
    });
});
