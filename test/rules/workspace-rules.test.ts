import { strict as assert } from 'node:assert';
import { RULES } from '../../language-server/rules/registry.js';
import { checkFiles } from '../support/workspace.js';

const RULE_IDS = new Set(RULES.map(rule => rule.id));

/**
 * #10 item 2, reasoning over the workspace graph: each case is a small workspace that fails on the rules before
 * this change (the gate, pilot, status-code, device-version and retyped-name checks) and its corrected twin.
 */
const ORG = `team Ops { on-call 24x7 }
team Lab
system LIS { kind LIS owner Ops }
system EHR { kind EHR owner Ops }
system PACS { kind PACS owner Ops }
change CHG-1 { status approved approved-by Ops }
change CHG-2 { status proposed }
`;

/** `file:line` and message of every finding of the rule outside org.ispec. */
async function found(rule: string, files: Record<string, string>): Promise<string[]> {
    const { findings } = await checkFiles({ 'org.ispec': ORG, ...files });
    const structural = findings.filter(f => !RULE_IDS.has(f.code));
    assert.deepEqual(structural.map(f => `${f.relative}:${f.line} ${f.message}`), [], 'the example must be valid Interspec');
    return findings.filter(f => f.code === rule && f.relative !== 'org.ispec').map(f => `${f.relative}:${f.line} ${f.message}`);
}

const lines = (rule: string, files: Record<string, string>) => found(rule, files).then(all => all.map(f => f.split(' ')[0]));

function site(name: string, extra = '', hosts = 'hosts none'): string {
    return `site ${name} {\n    ${extra}\n    timezone "UTC"\n    baseline { ${hosts} }\n}\n`;
}

function feed(name: string, from: string, to: string, sites?: string): string {
    return `interface ${name} {\n    from ${from} to ${to}\n    owner Ops\n    criticality critical\n${sites ? `    sites ${sites}\n` : ''}}\n`;
}

function gate(name: string, sites: string, criteria: Record<string, string>, extra = ''): string {
    const body = ['exceptions', 'data-meaning', 'compliance', 'readiness', 'load-test'].map(question => {
        const covers = criteria[question] ? ` covers ${criteria[question]}` : '';
        return `    criterion C${question.replace('-', '')} { question ${question} evidence "Report" approver Ops${covers} }`;
    });
    return `gate ${name} {\n    sites ${sites}\n${extra ? `    ${extra}\n` : ''}    approver Ops\n${body.join('\n')}\n}\n`;
}

describe('workspace rules: a gate covers every critical interface that runs at its sites', () => {
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

    it('names a site that runs a hosted critical interface but has no gate', async () => {
        const files = { 'a.ispec': `import "org.ispec"\n${site('North', '', 'hosts PACS')}${feed('Images', 'PACS', 'EHR')}` };
        assert.deepEqual(await lines('gate-coverage', files), ['a.ispec:2']);
    });
});

describe('workspace rules: pilot and phased rollout', () => {
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

    it('`rollout phased` with one gate for every site is reported even without a pilot', async () => {
        const noPilot = (gates: string) => ({ 'a.ispec': `import "org.ispec"\nrollout phased because "waves"\n${site('South')}${site('East')}${gates}` });
        const once = await found('phased-rollout', noPilot(gate('Everyone', 'South, East', {})));
        assert.ok(once.some(f => /declared phased, but gate 'Everyone' takes every site live at once/.test(f)), once.join('\n'));
        const big = await found('phased-rollout', { 'a.ispec': `import "org.ispec"\nrollout big-bang because "one shared LIS cut-over"\n${site('South')}${site('East')}${gate('Everyone', 'South, East', {})}` });
        assert.deepEqual(big, []);
    });
});

describe('workspace rules: correction and cancellation codes match their handlers', () => {
    const results = (obx11: string, obr25: string, handlers: string) => ({
        'a.ispec': `import "org.ispec"\ninterface Results {\n    from LIS to EHR\n    owner Ops\n    message ORU^R01 {\n        OBR-25 -> DiagnosticReport.status codes { ${obr25}\n        OBX-11 -> Observation.status codes { ${obx11}\n    }\n${handlers}}\n`
    });
    const handlers = '    on correction "C supersedes the earlier value" escalate Ops within 1h\n    on cancellation "X withdraws the report" escalate Ops within 1h\n';

    it('a correction handler needs C in OBX-11 and OBR-25, a cancellation handler X in OBR-25 (tables 0085, 0123)', async () => {
        const missing = await found('coded-values', results('F -> final } receives F', 'F -> final } receives F', handlers));
        assert.deepEqual(missing.map(f => f.replace(/ .*?handles (\w+).*does not map (\w+).*/, ' $1 $2')).sort(), ['a.ispec:6 cancellations X', 'a.ispec:6 corrections C', 'a.ispec:7 corrections C']);
        assert.deepEqual(await found('coded-values', results('F -> final, C -> corrected } receives F, C', 'F -> final, C -> corrected, X -> cancelled } receives F, C, X', handlers)), []);
    });

    it('a code in the map but not in `receives` is named', async () => {
        const notReceived = await found('coded-values', results('F -> final, C -> corrected } receives F', 'F -> final, C -> corrected, X -> cancelled } receives F, C, X', handlers));
        assert.ok(notReceived.some(f => /does not list C in `receives`/.test(f)), notReceived.join('\n'));
    });

    it('a received correction or cancellation code needs its handler', async () => {
        const unhandled = await found('coded-values', results('F -> final, C -> corrected } receives F, C', 'F -> final, X -> cancelled } receives F, X', ''));
        assert.deepEqual(unhandled.map(f => f.replace(/ .*no `on (\w+)`.*/, ' $1')), ['a.ispec:6 cancellation', 'a.ispec:7 correction']);
    });

    it('FHIR DiagnosticReport.status: corrected, cancelled and entered-in-error', async () => {
        const fhir = (codes: string) => ({
            'a.ispec': `import "org.ispec"\ninterface Reports {\n    from LIS to EHR\n    owner Ops\n    standard FHIR R4\n    message DiagnosticReport {\n        DiagnosticReport.status -> DiagnosticReport.status codes { ${codes}\n    }\n${handlers}}\n`
        });
        const missing = await found('coded-values', fhir('final -> final, corrected -> corrected } receives final, corrected'));
        assert.ok(missing.some(f => /does not map cancelled and entered-in-error/.test(f)), missing.join('\n'));
        assert.deepEqual(await found('coded-values', fhir('final -> final, corrected -> corrected, cancelled -> cancelled, entered-in-error -> entered-in-error } receives final, corrected, cancelled, entered-in-error')), []);
    });
});

describe('workspace rules: one software version per device model', () => {
    const sites = (southDevice: string, deviation = '') => ({
        'a.ispec': `import "org.ispec"\nsite North {\n    pilot\n    timezone "UTC"\n    baseline { device US model "Sonara 9" version 6.0.3 hosts none network 1 Gbps }\n}\nsite South {\n    timezone "UTC"\n    baseline {\n        ${southDevice}\n        hosts none network 1 Gbps\n    }\n    ${deviation}\n}\n`
    });

    it('reports a device that runs another version than the pilot site, silent when a deviation of an approved change names it', async () => {
        const differs = await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8'));
        assert.equal(differs.length, 1, differs.join('\n'));
        assert.match(differs[0], /^a\.ispec:10 Device 'US' \("Sonara 9"\) runs version 5\.9\.8 here but 6\.0\.3 at site North/);
        assert.deepEqual(await found('governed-deviation', sites('device US model "Sonara 9" version 6.0.3')), []);
        assert.deepEqual(await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8', 'deviation OldUltrasound "Held back for a probe" change CHG-1 device US')), []);
        // A deviation written without `device` counts when its title names the device or the version it keeps.
        assert.deepEqual(await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8', 'deviation Hold "US held on 5.9.8" change CHG-1')), []);
        // A deviation about something else does not cover the device.
        const other = await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8', 'deviation Labels "Local label layout" change CHG-1'));
        assert.equal(other.length, 1, other.join('\n'));
    });

    it('an unapproved change is reported on the deviation, not again on the device', async () => {
        const unapproved = await found('governed-deviation', sites('device US model "Sonara 9" version 5.9.8', 'deviation OldUltrasound "Held back" change CHG-2 device US'));
        assert.deepEqual(unapproved.map(f => f.split(' ')[0]), ['a.ispec:13']);
    });
});

describe('workspace rules: retyped master data', () => {
    it('flags device models, device names, locations and exam codes that differ only in case, spacing or punctuation', async () => {
        const files = {
            'a.ispec': `import "org.ispec"\nsite North "North Hospital" {\n    timezone "UTC"\n    baseline { device CBCT "Cone-beam CT" model "Orion 3D" version 2.7 hosts none network 1 Gbps }\n}\n`,
            'b.ispec': `import "org.ispec"\nsite South "north  hospital" {\n    timezone "UTC"\n    baseline { device CBCT "Cone beam CT" model "Orion3D" version 2.7 hosts none network 1 Gbps }\n}\n`
                + `codetable Exams {\n    owner Ops\n    source EHR\n    version 1\n    codes "CT HEAD", "US ABDO"\n}\ncodetable MoreExams {\n    owner Ops\n    source EHR\n    version 1\n    codes "CT-Head"\n}\n`
        };
        const retyped = (await found('master-data', files)).map(f => f.replace(/ differs from .*/, ''));
        assert.deepEqual(retyped, [
            "b.ispec:2 Location 'north  hospital'",
            "b.ispec:4 Device 'Cone beam CT'",
            "b.ispec:4 Device model 'Orion3D'",
            "b.ispec:16 Exam code 'CT-Head'"
        ]);
        const clean = { ...files, 'b.ispec': `import "org.ispec"\nsite South "South Hospital" {\n    timezone "UTC"\n    baseline { device CBCT "Cone-beam CT" model "Orion 3D" version 2.7 hosts none network 1 Gbps }\n}\n` };
        assert.deepEqual(await found('master-data', clean), []);
    });
});

describe('workspace rules: training by role, on the gate that misses it', () => {
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
