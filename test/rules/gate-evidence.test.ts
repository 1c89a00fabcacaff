import { strict as assert } from 'node:assert';
import { buildChecklists } from '../../language-server/generators/index.js';
import { inputFromFiles } from '../generators/generator-support.js';
import { docExamples } from './doc-examples.js';
import { sitesWithCover } from './workspaces.js';

describe('gate-evidence', () => {
    docExamples('gate-evidence');

    describe('content, not presence', () => {
        const { ORG, findings, lines } = sitesWithCover;

        const gate = (evidence: string, trains = 'trains Clerk, Nurse') => `gate G {\n    site North\n    approver Ops\n    hypercare 14d support Ops escalate Desk\n    criterion Ready {\n        question readiness\n        ${evidence}\n        approver Ops\n        ${trains}\n    }\n}\ninterface F {\n    from A to B owner Ops sites North\n    affects Clerk, Nurse\n}\n`;

        it('gate-evidence: a list of empty or blank strings is no evidence; one blank entry beside real ones is named', async () => {
            assert.deepEqual(await lines('gate-evidence', gate('evidence ""\n        evidence "  "')), [6]);
            assert.deepEqual(await lines('gate-evidence', gate('evidence ""\n        evidence "n/a"')), [6]);
            const mixed = await findings('gate-evidence', gate('evidence "Training records by role"\n        evidence " "'));
            assert.deepEqual(mixed.map(f => f.line), [9]);
            assert.match(mixed[0].message, /Evidence " " of criterion 'Ready' names nothing/);
            assert.deepEqual(await lines('gate-evidence', gate('evidence "Training records by role"')), []);
        });

        it('checklist: blank evidence entries are not listed as required evidence', async () => {
            const input = await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': `import "org.ispec"\n${gate('evidence "Training records"\n        evidence " "')}` });
            const item = buildChecklists(input, 'G')[0].groups.flatMap(group => group.items).find(i => i.id === 'G.Ready');
            assert.deepEqual(item?.evidenceRequired, ['Training records']);
        });
    });
});
