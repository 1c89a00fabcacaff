import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithParties } from './workspaces.js';

describe('site-baseline', () => {
    docExamples('site-baseline');

    describe('content, not presence', () => {
        const { codes, spec } = sitesWithParties;

        it('site-baseline: a device version "latest" names no release; `hosts none` says a site hosts nothing', async () => {
            const site = (version: string, hosts: string) => spec(`site East {\n    timezone "UTC"\n    baseline {\n        device Scanner model "Acme S1" version ${version}\n        ${hosts}\n        network 100 Mbps\n    }\n}\n`);
            assert.deepEqual(await codes('site-baseline', site('"latest"', 'hosts A')), ['a.ispec:5 site-baseline']);
            assert.deepEqual(await codes('site-baseline', site('3.2.0', '')), ['a.ispec:2 site-baseline']);
            assert.deepEqual(await codes('site-baseline', site('3.2.0', 'hosts none // vendor-hosted')), []);
        });

        it('site-baseline: asks for devices only where an interface of the site sends from or to a device', async () => {
            const site = 'site East {\n    timezone "UTC"\n    baseline {\n        hosts A\n        network 100 Mbps\n    }\n}\n';
            const feed = (from: string) => `system Pump { kind infusion-pump }\nsystem Middleware { kind middleware medical-device }\ninterface Feed {\n    from ${from} to B\n    owner Ops\n    sites East\n}\n`;
            assert.deepEqual(await codes('site-baseline', spec(site + feed('A'))), []);
            assert.deepEqual(await codes('site-baseline', spec(site + feed('Pump'))), ['a.ispec:2 site-baseline']);
            assert.deepEqual(await codes('site-baseline', spec(site + feed('Middleware'))), ['a.ispec:2 site-baseline']);
        });

        it('site-baseline: a device another site hosts is that site\'s to document, not the sites it reports to', async () => {
            // Regulated laboratory software hosted at the laboratory: the hospital that receives its results has no device of its own.
            const sites = (labHosts: string) => `site Lab {\n    timezone "UTC"\n    baseline {\n        ${labHosts}\n        network 1 Gbps\n    }\n}\n`
                + 'site Ward {\n    timezone "UTC"\n    baseline {\n        hosts B\n        network 100 Mbps\n    }\n}\n'
                + 'system Lis { kind LIS medical-device }\ninterface Results {\n    from Lis to B\n    owner Ops\n    sites Lab, Ward\n}\n';
            assert.deepEqual(await codes('site-baseline', spec(sites('hosts Lis'))), ['a.ispec:2 site-baseline']);
            // Hosted nowhere, the device may be at any site the interface runs at: both are asked.
            assert.deepEqual(await codes('site-baseline', spec(sites('hosts A'))), ['a.ispec:2 site-baseline', 'a.ispec:9 site-baseline']);
        });
    });
});
