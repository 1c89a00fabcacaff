import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

describe('downtime-procedure', () => {
    docExamples('downtime-procedure');

    describe('content, not presence', () => {
        const { codes, spec } = sitesWithParties;

        it('downtime-procedure: a reconciliation "n/a" is no reconciliation', async () => {
            const files = (reconciliation: string) => spec(`site East {\n    timezone "UTC"\n    downtime { fallback "Paper request forms" reconciliation "${reconciliation}" }\n}\ninterface F {\n    from A to B owner Ops criticality critical sites East\n}\n`);
            assert.deepEqual(await codes('downtime-procedure', files('n/a')), ['a.ispec:2 downtime-procedure']);
            assert.deepEqual(await codes('downtime-procedure', files('Held messages replayed and checked against the day list')), []);
        });
    });
});
