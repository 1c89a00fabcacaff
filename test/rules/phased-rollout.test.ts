import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { workspaceGraph } from './workspaces.js';

describe('phased-rollout', () => {
    docExamples('phased-rollout');

    describe('pilot and phased rollout', () => {
        const { found, site, gate, feed } = workspaceGraph;

        const sites = `${site('North', 'pilot')}${site('South')}${site('East')}`;

        const all = (gates: string, rollout = '') => ({ 'a.ispec': `import "org.ispec"\n${rollout}${sites}${gates}` });

        it('a pilot gate that comes after a non-pilot gate is reported on its `after`', async () => {
            const inverted = await found('phased-rollout', all(`${gate('NorthPilot', 'North', {}, 'after SouthGoLive')}${gate('SouthGoLive', 'South, East', {})}`));
            assert.ok(inverted.some(f => /Pilot gate 'NorthPilot' comes after 'SouthGoLive'/.test(f)), inverted.join('\n'));
            assert.deepEqual(await found('phased-rollout', all(`${gate('NorthPilot', 'North', {})}${gate('SouthGoLive', 'South, East', {}, 'after NorthPilot')}`)), []);
        });

        it('one gate that takes the pilot live with the other sites contradicts the pilot', async () => {
            const together = await found('phased-rollout', all(gate('AllSites', 'North, South, East', {})));
            assert.equal(together.length, 1, together.join('\n'));
            assert.match(together[0], /takes pilot site North live together with South and East/);
        });

        it('`rollout big-bang` with a pilot site or go-live gates ordered by `after` contradicts itself', async () => {
            const bigBang = (sitesText: string, gates: string) => ({ 'a.ispec': `import "org.ispec"\nrollout big-bang because "one shared EHR build"\n${sitesText}${gates}` });
            const withPilot = await found('phased-rollout', bigBang(`${site('North', 'pilot')}${site('South')}`, gate('Everyone', 'North, South', {})));
            assert.equal(withPilot.length, 1, withPilot.join('\n'));
            assert.match(withPilot[0], /declared big-bang, but site North is marked `pilot`/);
            const ordered = await found('phased-rollout', bigBang(`${site('North')}${site('South')}`, `${gate('NorthLive', 'North', {})}${gate('SouthLive', 'South', {}, 'after NorthLive')}`));
            assert.equal(ordered.length, 1, ordered.join('\n'));
            assert.match(ordered[0], /gate SouthLive comes `after` gate NorthLive/);
            // One cut-over for every site, after a milestone (the data migration), is a big bang.
            const migration = `gate Migration {\n    sites North, South\n    milestone cutover\n    approver Ops\n}\n`;
            assert.deepEqual(await found('phased-rollout', bigBang(`${site('North')}${site('South')}`, `${migration}${gate('Everyone', 'North, South', {}, 'after Migration')}`)), []);
        });

        it('a hub that hosts an end of every interface the pilot runs goes live with the pilot; a peer site does not', async () => {
            // The state laboratory's data centre hosts the LIS every pilot interface runs to: the pilot cannot run without it.
            const hub = (hosts: string) => ({
                'a.ispec': `import "org.ispec"\n${site('Nursery', 'pilot')}${site('StateLab', '', hosts)}${site('South')}`
                    + `${feed('Orders', 'EHR', 'LIS', 'Nursery')}${feed('Results', 'LIS', 'EHR', 'Nursery')}`
                    + `${gate('PilotGoLive', 'StateLab, Nursery', {})}${gate('SouthGoLive', 'South', {}, 'after PilotGoLive')}`
            });
            assert.deepEqual(await found('phased-rollout', hub('hosts LIS')), []);
            const peer = await found('phased-rollout', hub('hosts none'));
            assert.equal(peer.length, 1, peer.join('\n'));
            assert.match(peer[0], /takes pilot site Nursery live together with StateLab/);
            // Hosting an end of only some pilot interfaces does not make a hub.
            const partial = await found('phased-rollout', { 'a.ispec': hub('hosts LIS')['a.ispec'] + feed('Images', 'EHR', 'PACS', 'Nursery') });
            assert.equal(partial.length, 1, partial.join('\n'));
        });

        it('a partner that hosts the other end of the pilot\'s own interface goes live with it; a site that merely runs a shared feed does not', async () => {
            // The laboratory pilots its results feed with the first hospital, whose EHR receives it; the second hospital follows.
            const files = (northHosts: string) => ({
                'a.ispec': `import "org.ispec"\n${site('Central', 'pilot', 'hosts LIS')}${site('North', '', northHosts)}${site('South', '', 'hosts PACS')}`
                    + `${feed('ToNorth', 'LIS', 'EHR', 'Central, North')}${feed('ToSouth', 'LIS', 'PACS', 'Central, South')}`
                    + `${gate('Pilot', 'Central, North', {})}${gate('SouthGoLive', 'South', {}, 'after Pilot')}`
            });
            assert.deepEqual(await found('phased-rollout', files('hosts EHR')), []);
            // North hosts neither end: the feed only runs there, and North is another site the pilot should precede.
            const shared = await found('phased-rollout', files('hosts none'));
            assert.equal(shared.length, 1, shared.join('\n'));
            assert.match(shared[0], /takes pilot site Central live together with North/);
        });

        it('`rollout phased` with one gate for every site is reported even without a pilot', async () => {
            const noPilot = (gates: string) => ({ 'a.ispec': `import "org.ispec"\nrollout phased because "waves"\n${site('South')}${site('East')}${gates}` });
            const once = await found('phased-rollout', noPilot(gate('Everyone', 'South, East', {})));
            assert.ok(once.some(f => /declared phased, but gate 'Everyone' takes every site live at once/.test(f)), once.join('\n'));
            const big = await found('phased-rollout', { 'a.ispec': `import "org.ispec"\nrollout big-bang because "one shared LIS cut-over"\n${site('South')}${site('East')}${gate('Everyone', 'South, East', {})}` });
            assert.deepEqual(big, []);
        });

        it('a `milestone` gate (retiring the replaced system after every site is live) is not a go-live: it need not follow the pilot nor take sites one by one', async () => {
            const goLives = `${gate('NorthPilot', 'North', {})}${gate('SouthGoLive', 'South, East', {}, 'after NorthPilot')}`;
            const retire = (extra: string) => `gate RetireOldLis {\n    sites North, South, East\n    ${extra}\n    approver Ops\n}\n`;
            const asGoLive = await found('phased-rollout', all(`${goLives}${retire('phase "Decommissioning"')}`));
            assert.ok(asGoLive.some(f => /Gate 'RetireOldLis' takes pilot site North live together with South and East/.test(f)), asGoLive.join('\n'));
            assert.deepEqual(await found('phased-rollout', all(`${goLives}${retire('milestone decommission')}`)), []);
            // A pilot gate that waits for a milestone (the data migration's cut-over) still goes live first.
            const cutover = `gate Migration {\n    sites North, South, East\n    milestone cutover\n    approver Ops\n}\n`;
            assert.deepEqual(await found('phased-rollout', all(`${cutover}${gate('NorthPilot', 'North', {}, 'after Migration')}${gate('SouthGoLive', 'South, East', {}, 'after NorthPilot')}`)), []);
        });
    });
});
