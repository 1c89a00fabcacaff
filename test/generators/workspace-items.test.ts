import * as assert from 'node:assert/strict';
import { buildChecklists, matrixRows } from '../../language-server/generators/index.js';
import { inputFromFiles } from './generator-support.js';

/**
 * What the workspace checks find that a tester can check (a correction code a handler needs, a received code without
 * its handler, a device on another version than the pilot site) shows as an open matrix row or checklist item until
 * evidence closes it.
 */
const ORG = `team Ops { on-call 24x7 }
system LIS { kind LIS owner Ops }
system EHR { kind EHR owner Ops }
system PACS { kind PACS owner Ops }
change CHG-1 { status approved approved-by Ops }
`;

describe('generators: rows and items for the workspace checks', () => {
    it('matrix: a correction handler without C in the status code map is an open row for C', async () => {
        const results = (codes: string) => `import "org.ispec"\nsite North { timezone "UTC" }\ninterface Results {\n    from LIS to EHR\n    owner Ops\n    sites North\n    message ORU^R01 {\n        OBX-11 -> Observation.status codes ${codes}\n    }\n    on correction "C supersedes the earlier value" escalate Ops within 1h\n}\n`;
        const rows = [...matrixRows(await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': results('{ F -> final } receives F') }))];
        const c = rows.find(row => row.id === 'TM-Results-North-ORU_R01-code-OBX-11-C');
        assert.ok(c, rows.map(row => row.id).join('\n'));
        assert.equal(c.handled, false);
        assert.match(c.expected, /^UNHANDLED: Results handles corrections, but the code map of OBX-11 does not map C/);
        assert.equal(c.evidence.status, 'pending');
        const fixed = [...matrixRows(await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': results('{ F -> final, C -> corrected } receives F, C') }))];
        assert.equal(fixed.find(row => row.id === 'TM-Results-North-ORU_R01-code-OBX-11-C')?.handled, true);
    });

    it('matrix: a received C without an `on correction` handler is an open correction row', async () => {
        const spec = `import "org.ispec"\ninterface Results {\n    from LIS to EHR\n    owner Ops\n    criticality low\n    message ORU^R01 {\n        OBX-11 -> Observation.status codes { F -> final, C -> corrected } receives F, C\n    }\n}\n`;
        const rows = [...matrixRows(await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': spec }))].filter(row => row.kind === 'exception');
        assert.deepEqual(rows.map(row => `${row.scenario}:${row.handled}`), ['correction:false']);
        assert.match(rows[0].expected, /OBX-11 receives C \(a correction\) but Results declares no "on correction" handler/);
    });

    it('checklist: a device on another version than the pilot site is an open readiness item of its gate; a deviation naming it closes the finding', async () => {
        const sites = (deviation: string) => `import "org.ispec"\nsite North {\n    pilot\n    timezone "UTC"\n    baseline { device US model "Sonara 9" version 6.0.3 hosts LIS network 1 Gbps }\n}\nsite South {\n    timezone "UTC"\n    baseline { device US model "Sonara 9" version 5.9.8 hosts none network 1 Gbps }\n    ${deviation}\n}\ngate SouthGoLive { site South approver Ops }\n`;
        const items = async (deviation: string) => (await buildChecklists(await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': sites(deviation) }), 'SouthGoLive'))[0]
            .groups.flatMap(group => group.items).filter(item => item.id.endsWith('.version'));
        const open = await items('');
        assert.deepEqual(open.map(item => `${item.id} ${item.status}`), ['SouthGoLive.readiness.South.US.version pending']);
        assert.match(open[0].title, /South: US \(Sonara 9\) upgraded to version 6\.0\.3 as at North, or its version 5\.9\.8 governed by a deviation/);
        assert.deepEqual(await items('deviation OldProbe "Probe compatibility" change CHG-1 device US'), []);
    });

    it('checklist: an interface without `sites` is in the scope of the gate of the site that hosts its system', async () => {
        const spec = `import "org.ispec"\nsite North {\n    timezone "UTC"\n    baseline { hosts PACS network 1 Gbps }\n}\ninterface Images {\n    from PACS to EHR\n    owner Ops\n    criticality critical\n}\ngate NorthGoLive { site North approver Ops }\n`;
        const checklist = (await buildChecklists(await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': spec }), 'NorthGoLive'))[0];
        const ids = checklist.groups.flatMap(group => group.items).map(item => item.id);
        assert.ok(ids.includes('NorthGoLive.exceptions.Images'), ids.join('\n'));
    });
});
