import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { checkFiles } from '../support/workspace.js';
import { sitesWithCover, workspaceGraph } from './workspaces.js';

describe('training-by-role', () => {
    docExamples('training-by-role');

    describe('content, not presence', () => {
        const { findings, lines } = sitesWithCover;

        const gate = (evidence: string, trains = 'trains Clerk, Nurse') => `gate G {\n    site North\n    approver Ops\n    hypercare 14d support Ops escalate Desk\n    criterion Ready {\n        question readiness\n        ${evidence}\n        approver Ops\n        ${trains}\n    }\n}\ninterface F {\n    from A to B owner Ops sites North\n    affects Clerk, Nurse\n}\n`;

        it('training-by-role: reported on the readiness criterion of the gate that does not train the role, at its `trains` clause when it has one', async () => {
            const found = await findings('training-by-role', gate('evidence "Training records"', 'trains Clerk'));
            assert.deepEqual(found.map(f => f.line), [10]);
            assert.match(found[0].message, /Gate 'G' goes live without training role Nurse \(affected by F\); add `trains Nurse` to criterion 'Ready'/);
            assert.deepEqual(await lines('training-by-role', gate('evidence "Training records"', '')), [6]);
            assert.deepEqual(await lines('training-by-role', gate('evidence "Training records"')), []);
        });
    });

    describe('a central role trained at an earlier gate', () => {
        const { found } = workspaceGraph;

        /** An image system hosted at North only, run by Informatics; the pilot at North trains both roles, the wave at South follows it. */
        const files = (adminTeam: string, after = 'after Pilot') => ({
            'a.ispec': `import "org.ispec"\nteam Informatics\nteam Ward\nrole ImageAdmin { team ${adminTeam} duties administration }\nrole Nurse { team Ward duties care }\n`
                + `system IMS { kind image-management owner Informatics }\n`
                + `site North { timezone "UTC" baseline { hosts IMS network 1 Gbps } }\nsite South { timezone "UTC" baseline { hosts none network 1 Gbps } }\n`
                + `interface Images {\n    from LIS to IMS\n    owner Ops\n    sites North, South\n    affects ImageAdmin, Nurse\n}\n`,
            'g.ispec': `import "a.ispec"\ngate Pilot {\n    site North\n    approver Ops\n    criterion Ready { question readiness evidence "Training records" approver Ops trains ImageAdmin, Nurse }\n}\n`
                + `gate Wave {\n    site South\n    ${after}\n    approver Ops\n    criterion Ready { question readiness evidence "Training records" approver Ops trains Nurse }\n}\n`
        });

        it('need not be trained again: the team that runs a system hosted elsewhere serves every site', async () => {
            assert.deepEqual(await found('training-by-role', files('Informatics')), []);
        });

        it('a site-local role, or a central one with no earlier gate that trains it, is still asked for', async () => {
            const local = await found('training-by-role', files('Ward'));
            assert.equal(local.length, 1, local.join('\n'));
            // The pilot's gate trains ImageAdmin at North; whether Ward's ImageAdmin also works at South the spec
            // does not say, so the wave is asked (an info), not told.
            assert.match(local[0], /Gate 'Wave' does not train role ImageAdmin \(affected by Images\), which the gate of another site trains; the spec does not say where it works\. If it works at South, add `trains ImageAdmin`/);
            assert.equal((await found('training-by-role', files('Informatics', ''))).length, 1);
        });
    });

    describe('on the gate that misses it', () => {
        const { found, site } = workspaceGraph;

        it('names the untrained role at the readiness criterion of the gate, with the interfaces that affect it', async () => {
            const files = (trains: string) => ({
                'a.ispec': `import "org.ispec"\nrole Nurse { team Ops duties care }\nrole Clerk { team Ops duties registration }\n${site('North')}interface Feed {\n    from LIS to EHR\n    owner Ops\n    sites North\n    affects Nurse, Clerk\n}\n`,
                'g.ispec': `import "a.ispec"\ngate NorthGoLive {\n    site North\n    approver Ops\n    criterion Ready { question readiness evidence "Training records" approver Ops ${trains} }\n}\n`
            });
            const missed = await found('training-by-role', files('trains Clerk'));
            assert.equal(missed.length, 1, missed.join('\n'));
            assert.match(missed[0], /^g\.ispec:5 Gate 'NorthGoLive' goes live without training role Nurse \(affected by Feed\)/);
            assert.deepEqual(await found('training-by-role', files('trains Clerk, Nurse')), []);
        });
    });

    describe('where the spec does not say where a role works', () => {
        const findings = async (rule: string, body: string) => (await checkFiles({ 'org.ispec': sitesWithCover.ORG, 'a.ispec': `import "org.ispec"\n${body}` })).findings
            .filter(f => f.code === rule && f.relative === 'a.ispec');
        /** Feed runs at North and South; North's gate trains Nurse and Clerk, South's `southTrains`. */
        const files = (southTrains: string) => `gate NorthGoLive {\n    site North\n    approver Ops\n    criterion Ready { question readiness evidence "Training records" approver Ops trains Clerk, Nurse }\n}\n`
            + `gate SouthGoLive {\n    site South\n    approver Ops\n    criterion Ready { question readiness evidence "Training records" approver Ops ${southTrains} }\n}\n`
            + `interface F {\n    from A to B owner Ops sites North, South\n    affects Clerk, Nurse\n}\n`;

        it('training-by-role: a role the gate of another site trains is an info that asks; a role no gate of the interface trains is a warning', async () => {
            const asked = await findings('training-by-role', files('trains Clerk'));
            assert.deepEqual(asked.map(f => [f.line, f.severity]), [[10, 'info']], asked.map(f => f.message).join('\n'));
            assert.match(asked[0].message, /does not train role Nurse \(affected by F\), which the gate of another site trains; the spec does not say where it works\. If it works at South, add `trains Nurse`/);
            const both = `gate NorthGoLive {\n    site North\n    approver Ops\n    criterion Ready { question readiness evidence "Training records" approver Ops trains Clerk }\n}\n`
                + `gate SouthGoLive {\n    site South\n    approver Ops\n    criterion Ready { question readiness evidence "Training records" approver Ops trains Clerk }\n}\n`
                + `interface F {\n    from A to B owner Ops sites North, South\n    affects Clerk, Nurse\n}\n`;
            const told = await findings('training-by-role', both);
            assert.deepEqual(told.map(f => [f.line, f.severity]), [[5, 'warning'], [10, 'warning']], told.map(f => f.message).join('\n'));
            assert.match(told[0].message, /Gate 'NorthGoLive' goes live without training role Nurse/);
        });
    });

    describe('milestones that take no site live', () => {
        const { findings } = sitesWithCover;
        const files = (kind: string) => `gate RetireOld {\n    site North\n    ${kind}\n    approver Ops\n    criterion Archived {\n        question readiness\n        evidence "Archive reconciled"\n        approver Ops\n    }\n}\n`
            + `interface F {\n    from A to B owner Ops sites North\n    affects Clerk, Nurse\n}\n`;

        it('training-by-role: a decommission milestone trains nobody; the same gate without `milestone` is asked to', async () => {
            assert.deepEqual((await findings('training-by-role', files('milestone decommission'))).map(f => f.message), []);
            const asGoLive = await findings('training-by-role', files('// a go-live'));
            assert.equal(asGoLive.length, 1, 'without milestone the second gate is a go-live that trains nobody');
            assert.match(asGoLive[0].message, /Gate 'RetireOld' goes live without training/);
        });
    });
});
