import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithDevices, workspaceGraph } from './workspaces.js';
import { checkFiles } from '../support/workspace.js';

describe('gate-coverage', () => {
    docExamples('gate-coverage');

    describe('a gate covers every critical interface that runs at its sites', () => {
        const { found, lines, site, feed, gate } = workspaceGraph;

        it('names the interfaces the exceptions criterion misses, although other criteria cover them', async () => {
            const files = (exceptions: string) => ({
                'a.ispec': `import "org.ispec"\n${site('North')}${feed('Orders', 'EHR', 'LIS', 'North')}${feed('Results', 'LIS', 'EHR', 'North')}${feed('Reports', 'PACS', 'EHR', 'North')}`,
                'g.ispec': `import "a.ispec"\n${gate('NorthGoLive', 'North', { exceptions, 'data-meaning': 'Orders, Results, Reports' })}`
            });
            const missing = await found('gate-coverage', files('Orders'));
            assert.equal(missing.length, 1, missing.join('\n'));
            assert.match(missing[0], /^g\.ispec:5 The exceptions criterion of gate 'NorthGoLive' does not cover critical interfaces Results and Reports/);
            assert.deepEqual(await found('gate-coverage', files('Orders, Results, Reports')), []);
        });

        it('leaves an interface to the later gate that takes live the site hosting its other end, not to a gate before it, one in no order, or for a shared feed', async () => {
            // A laboratory's pilot with the first hospital; the feed to the second hospital goes live at that hospital's gate.
            const all = { exceptions: 'ToNorth', 'data-meaning': 'ToNorth', 'load-test': 'ToNorth' };
            const south = { exceptions: 'ToSouth', 'data-meaning': 'ToSouth', 'load-test': 'ToSouth' };
            const files = (southGate: string, southHosts = 'hosts PACS') => ({
                'a.ispec': `import "org.ispec"\n${site('Central', '', 'hosts LIS')}${site('North', '', 'hosts EHR')}${site('South', '', southHosts)}`
                    + `${feed('ToNorth', 'LIS', 'EHR', 'Central, North')}${feed('ToSouth', 'LIS', 'PACS', 'Central, South')}`,
                'g.ispec': `import "a.ispec"\n${gate('Pilot', 'Central, North', all)}${southGate}`
            });
            const later = gate('SouthGoLive', 'South', south, 'after Pilot');
            assert.deepEqual(await found('gate-coverage', files(later)), []);
            // No gate takes South live, or one in no order with the pilot: the pilot is the gate that must test it. So
            // must it when South hosts neither end: the feed runs at Central from the pilot on (a shared feed).
            for (const [southGate, southHosts] of [['', undefined], [gate('SouthGoLive', 'South', south), undefined], [later, 'hosts none']]) {
                const missing = await found('gate-coverage', files(southGate!, southHosts));
                assert.ok(missing.some(f => f.startsWith('g.ispec:2 ') && f.includes("Gate 'Pilot' does not cover critical interface ToSouth")), missing.join('\n'));
            }
        });

        it('counts an interface without `sites` as running where its systems are hosted; listed `sites` bound it', async () => {
            const files = (feeds: string) => ({
                'a.ispec': `import "org.ispec"\n${site('North', '', 'hosts LIS')}${site('South', '', 'hosts EHR')}${feeds}`,
                'g.ispec': `import "a.ispec"\n${gate('NorthGoLive', 'North', { exceptions: 'Orders', 'data-meaning': 'Orders' })}`
            });
            // Results runs at North because the LIS is hosted there: the North gate must cover it.
            const hosted = await found('gate-coverage', files(`${feed('Orders', 'EHR', 'LIS', 'North')}${feed('Results', 'LIS', 'PACS')}`));
            assert.ok(hosted.some(f => f.startsWith('g.ispec:2 ') && f.includes('critical interface Results')), hosted.join('\n'));
            // Listed as running at South only: out of the North gate's scope, whatever the LIS's host.
            const bounded = await found('gate-coverage', files(`${feed('Orders', 'EHR', 'LIS', 'North')}${feed('Results', 'LIS', 'EHR', 'South')}`));
            assert.ok(bounded.every(f => !f.startsWith('g.ispec')), bounded.join('\n'));
        });

        it('a `milestone` gate is not a go-live: it answers no go-live question, covers no interface, and gives its sites no gate', async () => {
            const retire = (extra: string) => `gate RetireOldLis {\n    sites North\n    ${extra}\n    approver Ops\n}\n`;
            const files = (gates: string) => ({
                'a.ispec': `import "org.ispec"\n${site('North')}${feed('Orders', 'EHR', 'LIS', 'North')}`,
                'g.ispec': `import "a.ispec"\n${gates}`
            });
            const live = gate('NorthGoLive', 'North', { exceptions: 'Orders', 'data-meaning': 'Orders', 'load-test': 'Orders' });
            const asGoLive = await found('gate-coverage', files(`${live}${retire('after NorthGoLive')}`));
            assert.ok(asGoLive.some(f => /Gate 'RetireOldLis' does not answer exceptions/.test(f)), asGoLive.join('\n'));
            assert.deepEqual(await found('gate-coverage', files(`${live}${retire('after NorthGoLive\n    milestone decommission')}`)), []);
            // Only a milestone names the site: the site still has no go-live gate.
            assert.deepEqual(await lines('gate-coverage', files(retire('milestone decommission'))), ['a.ispec:2']);
        });

        it('an interface an earlier gate of the same site covered (`after`) need not be covered again; another site\'s gate does not count', async () => {
            const files = (second: string) => ({
                'a.ispec': `import "org.ispec"\n${site('North')}${site('South')}${feed('Orders', 'EHR', 'LIS', 'North, South')}${feed('Results', 'LIS', 'EHR', 'North')}`,
                'g.ispec': `import "a.ispec"\n${gate('NorthWave1', 'North', { exceptions: 'Orders, Results', 'data-meaning': 'Orders, Results', 'load-test': 'Orders, Results' })}${second}`
            });
            const wave2 = (sites: string) => gate('Wave2', sites, { exceptions: 'Orders', 'data-meaning': 'Orders', 'load-test': 'Orders' }, 'after NorthWave1');
            // (South runs Orders and has no gate here: that finding is on the site, in a.ispec.)
            assert.deepEqual((await found('gate-coverage', files(wave2('North')))).filter(f => f.startsWith('g.ispec')), []);
            // Orders also runs at South, which no earlier gate tested: South's gate covers it itself.
            const south = gate('SouthGoLive', 'South', { exceptions: 'Results', 'data-meaning': 'Results', 'load-test': 'Results' }, 'after NorthWave1');
            const missing = await found('gate-coverage', files(south));
            assert.ok(missing.some(f => /Gate 'SouthGoLive' does not cover critical interface Orders/.test(f)), missing.join('\n'));
            // Without `after`, the earlier gate is not known to come first.
            const unordered = gate('Wave2', 'North', { exceptions: 'Orders', 'data-meaning': 'Orders', 'load-test': 'Orders' });
            const again = await found('gate-coverage', files(unordered));
            assert.ok(again.some(f => /Gate 'Wave2' does not cover critical interface Results/.test(f)), again.join('\n'));
        });

        it('a later wave need not load-test again what a gate it comes after load-tested, when its new sites host neither end (FP-20)', async () => {
            const files = (south: string, after = 'after NorthPilot') => ({
                'a.ispec': `import "org.ispec"\nsystem PumpServer { kind pump-server owner Ops }\n${site('North', '', 'hosts EHR, LIS, PumpServer')}${site('South', '', south)}`
                    + `${feed('Orders', 'EHR', 'LIS', 'North, South')}${feed('Programs', 'EHR', 'PumpServer', 'North, South')}`,
                'g.ispec': `import "a.ispec"\n${gate('NorthPilot', 'North', { exceptions: 'Orders, Programs', 'data-meaning': 'Orders, Programs', 'load-test': 'Orders, Programs' })}`
                    + gate('SouthWave', 'South', { exceptions: 'Orders, Programs', 'data-meaning': 'Orders, Programs', 'load-test': 'Orders' }, after)
            });
            const loadFindings = async (south: string, after?: string) => (await found('gate-coverage', files(south, after))).filter(f => /load-test criterion of gate 'SouthWave'/.test(f));
            // Both ends of Programs are in North's data centre, and the pilot load-tested it: the wave adds no path for it.
            assert.deepEqual(await loadFindings('hosts none'), []);
            // South's pumps load the central pump server: the wave adds traffic to Programs.
            const pumps = await loadFindings('device InfusionPump "Smart infusion pumps" count 180\n    hosts none');
            assert.equal(pumps.length, 1, pumps.join('\n'));
            assert.match(pumps[0], /does not cover critical interface Programs/);
            // An end hosted at the new site, or no order between the gates: asked for again; with no devices there
            // the spec states no volume, so it is asked, not required.
            const hosted = await loadFindings('hosts EHR');
            assert.equal(hosted.length, 1, hosted.join('\n'));
            assert.match(hosted[0], /does not name critical interface Programs; the spec does not say its volume/);
            assert.equal((await loadFindings('hosts none', 'phase "Wave 2"')).length, 1);
        });

        it('asks, as an info, about a central feed whose data meaning an earlier gate compared, at a new site that hosts neither end', async () => {
            const files = (southHosts: string, dataMeaning = 'Results', after = 'after NorthPilot') => ({
                'a.ispec': `import "org.ispec"\n${site('North', '', 'hosts EHR, LIS')}${site('South', '', southHosts)}`
                    + `${feed('Orders', 'EHR', 'LIS', 'North, South')}${feed('Results', 'LIS', 'EHR', 'North, South')}`,
                'g.ispec': `import "a.ispec"\n${gate('NorthPilot', 'North', { exceptions: 'Orders, Results', 'data-meaning': 'Orders, Results', 'load-test': 'Orders, Results' })}`
                    + gate('SouthWave', 'South', { exceptions: 'Orders, Results', 'data-meaning': dataMeaning, 'load-test': 'Orders, Results' }, after)
            });
            const dataMeaning = async (...args: Parameters<typeof files>) => (await checkFiles({ 'org.ispec': workspaceGraph.ORG, ...files(...args) })).findings
                .filter(f => f.code === 'gate-coverage' && /data-meaning criterion of gate 'SouthWave'/.test(f.message)).map(f => `${f.severity} ${f.message}`);
            // Both ends in North's data centre, compared there by the pilot: whether South's configuration changes
            // what orders mean is context the spec does not state.
            const central = await dataMeaning('hosts none');
            assert.equal(central.length, 1, central.join('\n'));
            assert.match(central[0], /^info .*does not cover critical interface Orders, whose data meaning an earlier gate compared/);
            assert.deepEqual(await dataMeaning('hosts none', 'Orders, Results'), []);
            // An end hosted at the new site (South's own LIS), or no order between the gates: an error as before.
            for (const [hosts, covers, after] of [['hosts LIS', 'Results', 'after NorthPilot'], ['hosts none', 'Results', 'phase "Wave 2"']]) {
                const findings = await dataMeaning(hosts, covers, after);
                assert.equal(findings.length, 1, findings.join('\n'));
                assert.match(findings[0], /^error .*does not cover critical interface Orders that runs at its site/);
            }
        });

        it('reports a per-question gap on the criterion\'s `covers` clause, where the interface goes', async () => {
            const files = {
                'a.ispec': `import "org.ispec"\n${site('North')}${feed('Orders', 'EHR', 'LIS', 'North')}${feed('Results', 'LIS', 'EHR', 'North')}`,
                'g.ispec': 'import "a.ispec"\ngate G {\n    site North\n    approver Ops\n'
                    + '    criterion E { question exceptions evidence "Simulation" approver Ops covers Orders, Results }\n'
                    + '    criterion L {\n        question load-test\n        evidence "Load test"\n        approver Ops\n        covers Orders\n        load "2x peak"\n    }\n}\n'
            };
            const load = (await found('gate-coverage', files)).filter(f => /load-test criterion/.test(f));
            assert.deepEqual(load.map(f => f.split(' ')[0]), ['g.ispec:10']);
        });

        it('names a site that runs a hosted critical interface but has no gate', async () => {
            const files = { 'a.ispec': `import "org.ispec"\n${site('North', '', 'hosts PACS')}${feed('Images', 'PACS', 'EHR')}` };
            assert.deepEqual(await lines('gate-coverage', files), ['a.ispec:2']);
        });
    });

    describe('the load test', () => {
        const { feed } = sitesWithDevices;

        const gate = (load: string) => ({
            ...feed('    criticality critical\n'),
            'b.ispec': `import "org.ispec"\ninterface Orders {\n    from EHR to LIS\n    owner Ops\n    criticality critical\n    sites North\n}\n`,
            'g.ispec': `import "a.ispec"\nimport "b.ispec"\ngate NorthGoLive {\n    site North\n    approver Ops\n    criterion E { question exceptions evidence "Simulation" approver Ops covers Feed, Orders }\n`
                + `    criterion L { question load-test evidence "Load test" approver Ops covers ${load} load "2x peak" }\n}\n`
        });

        it('a load-test criterion that names interfaces covers every critical interface of its sites whose volume the spec states', async () => {
            const toRis = (files: Record<string, string>, change = (text: string) => text) =>
                ({ ...files, 'b.ispec': change(files['b.ispec'].replace('from EHR to LIS', 'from EHR to RIS')) });
            const loadFindings = async (files: Record<string, string>, org = sitesWithDevices.ORG) => (await checkFiles({ 'org.ispec': org, ...files })).findings
                .filter(f => f.code === 'gate-coverage' && /load-test/.test(f.message)).map(f => `${f.relative}:${f.line} ${f.severity} ${f.message}`);
            // Image transfers (DICOM) are the large ones: orders into the RIS as a worklist a load test never drives.
            const images = await loadFindings(toRis(gate('Feed'), text => text.replace('    owner Ops', '    standard DICOM\n    owner Ops')));
            assert.deepEqual(images.map(f => f.split(' ').slice(0, 2).join(' ')), ['g.ispec:7 error'], images.join('\n'));
            assert.match(images[0], /load-test criterion of gate 'NorthGoLive' does not cover critical interface Orders/);
            // A system serving devices the site's baseline counts: the devices' traffic is stated.
            const devices = sitesWithDevices.ORG.replace('system RIS { kind RIS owner Ops }', 'system RIS { kind modality-worklist owner Ops }')
                .replace('site North { timezone "America/Chicago" baseline { hosts LIS } }', 'site North { timezone "America/Chicago" baseline { hosts LIS device CtScanner "CT worklist clients" count 12 } }');
            const served = await loadFindings(toRis(gate('Feed')), devices);
            assert.deepEqual(served.map(f => f.split(' ').slice(0, 2).join(' ')), ['g.ispec:7 error'], served.join('\n'));
            // Orders into the RIS, whose volume the spec does not state: asked as an info, never an error.
            const unstated = await loadFindings(toRis(gate('Feed')));
            assert.deepEqual(unstated.map(f => f.split(' ').slice(0, 2).join(' ')), ['g.ispec:7 info'], unstated.join('\n'));
            assert.match(unstated[0], /does not name critical interface Orders; the spec does not say its volume/);
            assert.deepEqual(await loadFindings(toRis(gate('Feed, Orders'))), []);
        });

        it('asks, as an info, about an interface both of whose systems the load test drives (orders EHR to LIS beside results LIS to EHR)', async () => {
            const { findings } = await checkFiles({ 'org.ispec': sitesWithDevices.ORG, ...gate('Feed') });
            const load = findings.filter(f => f.code === 'gate-coverage' && /load-test/.test(f.message));
            assert.deepEqual(load.map(f => `${f.relative}:${f.line} ${f.severity}`), ['g.ispec:7 info']);
            assert.match(load[0].message, /does not name critical interface Orders, whose systems it drives under load; if its own traffic needs testing at peak, add `covers Orders`/);
        });
    });
});
