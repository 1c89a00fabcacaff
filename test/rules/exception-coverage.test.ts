import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

describe('exception-coverage', () => {
    docExamples('exception-coverage');

    describe('scenarios about a patient\'s records', () => {
        const { messages, spec } = sitesWithParties;
        const handled = ['downtime', 'recovery', 'correction', 'out-of-order', 'urgent']
            .map(scenario => `    on ${scenario} "Handled" escalate Ops within 15m\n`).join('');
        const counts = (options: { standard?: string, mapping?: string, classification?: string, carries?: string } = {}) => spec(
            `data Counts { owner Ops classification ${options.classification ?? 'confidential'} retention 3y }\n`
            + `interface Counts {\n    from A to B\n    standard ${options.standard ?? 'REST 3.1.0'}\n    owner Ops\n    criticality critical\n`
            + `${options.carries ?? '    carries Counts\n'}`
            + `    message CountEvent {\n        ${options.mapping ?? 'count.itemId -> inventory.item as code codes { A -> A } receives A'}\n    }\n${handled}}\n`);

        it('asks no duplicate-identity or cancellation handler of an API feed the spec says carries no patient (controlled-substance counts)', async () => {
            assert.deepEqual(await messages('exception-coverage', counts()), []);
        });

        it('still asks them where the spec says or leaves open that a patient is carried', async () => {
            const asked = (found: string[]) => found.some(message => /does not handle duplicate-identity and cancellation/.test(message));
            // A patient identifier mapped, PHI carried, no data set named, or a standard whose messages are a patient's.
            for (const variant of [
                { mapping: 'patient.mrn -> inventory.patient.identifier as identifier identifier authority "MRN"' },
                { classification: 'PHI' },
                { carries: '' },
                { standard: 'HL7v2 "2.5.1"', mapping: 'OBX-3 -> OBX-3 codes table Catalogue' }
            ]) {
                const files = counts(variant);
                if (variant.standard) files['a.ispec'] = files['a.ispec'].replace('data Counts', 'codetable Catalogue { owner Ops source A version "1" }\ndata Counts');
                const found = await messages('exception-coverage', files);
                assert.ok(asked(found), `${JSON.stringify(variant)}: ${found.join('\n')}`);
            }
        });
    });
});
