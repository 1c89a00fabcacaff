import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Gate, Interface, Model, Role, Site, System, Team, Data, Change, ChangeAuthority, Rollout } from '../../language-server/language/generated/ast.js';
import { checkFiles } from '../support/workspace.js';

/** Every construct of the language in a three-file workspace, so references also cross files. */
const ORG = `/** Laboratory IT: runs the LIS and its interfaces. */
team LabIT "Laboratory IT" {
    lead "Dana Ruiz"
    contact "labit@north.example"
    contact "labit-2@north.example"
    on-call "+1 555 0100"
}
team HIM "Health information management"
role LabTechnologist "Laboratory technologist" {
    team LabIT
    duties result-verification, analyser-operation
}
role LisEngine { service-account team LabIT duties result-delivery }
role SharedDesk { shared team HIM duties front-desk }
change-authority LabIT covers updates, patches, configuration
rollout phased because "North first"
change CHG-1042 "Local barcode" { status approved approved-by LabIT reference "CAB-1" }
`;

const SYSTEMS = `import "org.ispec"
system LIS "Laboratory information system" {
    kind LIS
    vendor "Clinisys" product "WinPath"
    version 5.4
    owner LabIT
    support contact "support@vendor.example" response 4h
    rollback "Restore previous release within 2h"
    logging "Message journal 90 days"
    remote-access approved-by LabIT via "vendor VPN"
    replaces OldLIS transition "Parallel run for 30 days"
    medical-device
    regulatory IVDR class B validation "VAL-2024-017"
    alerts to LabIT, HIM
}
system OldLIS { kind LIS }
system EHR { kind EHR version "2024.1.3" }
system Scanner { kind scanner version 13.0.4 }
site North "North General" {
    pilot
    timezone "America/Chicago"
    baseline {
        device Cobas "Roche cobas 8000" model "c702" version 3.2.1 count 2
        hosts LIS, EHR
        network 100 Mbps "to analysers"
    }
    downtime { fallback "Paper" reconciliation "Back-enter" }
    deviation LocalBarcode "2D barcodes" change CHG-1042
}
site South { timezone "America/Chicago" }
data LabObservation "Lab observations" {
    owner LabIT classification PHI retention 10y
    access LabTechnologist, LisEngine duties result-verification, result-delivery
    audit "All reads logged"
}
`;

const LAB = `import "systems.ispec"
import "org.ispec"
interface LabResults "Lab results to EHR" {
    from LIS to EHR
    standard HL7v2 2.5.1
    transport MLLP over TLS
    owner LabIT criticality critical
    carries LabObservation
    sites North, South
    affects LabTechnologist
    change-authority LabIT
    message ORU^R01 "Results" {
        PID-3 -> Patient.identifier identifier authority "MRN"
        OBX-5 -> Observation.valueQuantity.value as quantity units "mg/dL" -> "mmol/L" factor 0.0555
        OBX-2 -> Observation.valueQuantity.value units "[degF]" -> Cel convert "(x - 32) * 5 / 9"
        OBX-6 -> Observation.valueQuantity.unit as code units UCUM
        OBX-14 -> Observation.effectiveDateTime timezone "America/Chicago" clock "NTP"
        OBX-11 -> Observation.status codes { F -> final, C -> corrected, X -> cancelled, } receives F, C, X
        OBX-3 -> Observation.code codes { "GLU" -> "2345-7", 12 -> "12-x" }
        (0010,0020) -> Patient.identifier[0].value
        (01) -> Device.udiCarrier.deviceIdentifier
        PID-3.4.1 -> Patient.identifier.system suppress identifier-authority because "system is fixed"
    }
    message ADT^A08
    on downtime "Queue up to 24h then replay in order" escalate LabIT within 15m
    on duplicate-identity "Hold for review" escalate HIM within 4h notify LabTechnologist, LisEngine
    on out-of-order
    monitor {
        owner LabIT alerts to LabIT, HIM
        metric turnaround p95 < 5m benefit baseline 12m
        metric failed-messages <= 0.1%
        metric queue-depth < 200 messages
        metric availability >= 99.9%
        metric backlog > 3
    }
    suppress monitoring because "vendor monitors"
}
/** The pilot gate. */
gate NorthGoLive "North go-live" {
    site North
    phase "Pilot"
    approver LabIT
    hypercare 14d support LabIT escalate HIM
    criterion SimulatedExceptions "Exceptions simulated" {
        question exceptions
        evidence "Simulation log"
        evidence "Screenshots"
        approver LabIT
        covers LabResults
        trains LabTechnologist, LisEngine
        load "3x peak"
    }
    criterion Bare
}
gate SouthGoLive { sites South, North after NorthGoLive approver HIM approver LabIT }
`;

async function buildAll(): Promise<Map<string, Model>> {
    const { root, findings, workspace } = await checkFiles({ 'org.ispec': ORG, 'systems.ispec': SYSTEMS, 'lab.ispec': LAB });
    assert.deepEqual(findings.filter(f => !f.suppressed && f.severity === 'error' && !isRuleFinding(f.code)), [], 'no structural errors');
    const models = new Map<string, Model>();
    for (const document of workspace.documents as LangiumDocument<Model>[]) {
        models.set(path.relative(root, document.uri.fsPath), document.parseResult.value);
    }
    return models;
}

/** Structural codes; anything else is a conformance rule, which this file does not test. */
function isRuleFinding(code: string): boolean {
    return !['syntax', 'unresolved-reference', 'duplicate-name', 'duplicate-local-name', 'repeated-statement'].includes(code) && !code.startsWith('import-');
}

function element<T>(model: Model, type: string, name?: string): T {
    const found = model.elements.find(e => e.$type === type && (name === undefined || (e as { name?: string }).name === name));
    assert.ok(found, `${type} ${name ?? ''} not found`);
    return found as T;
}

describe('language: every construct parses and links into the expected values', () => {
    let models: Map<string, Model>;
    before(async () => {
        models = await buildAll();
    });

    it('teams and roles', () => {
        const org = models.get('org.ispec')!;
        const team = element<Team>(org, 'Team', 'LabIT');
        assert.deepEqual([team.title, team.lead, team.contacts, team.onCall], ['Laboratory IT', 'Dana Ruiz', ['labit@north.example', 'labit-2@north.example'], '+1 555 0100']);
        const role = element<Role>(org, 'Role', 'LabTechnologist');
        assert.equal(role.team?.ref?.name, 'LabIT');
        assert.deepEqual(role.duties, ['result-verification', 'analyser-operation']);
        const engine = element<Role>(org, 'Role', 'LisEngine');
        assert.deepEqual([engine.serviceAccount, engine.shared], [true, false]);
        assert.equal(element<Role>(org, 'Role', 'SharedDesk').shared, true);
    });

    it('governance: change authority, rollout, changes', () => {
        const org = models.get('org.ispec')!;
        const authority = element<ChangeAuthority>(org, 'ChangeAuthority');
        assert.equal(authority.approver.ref?.name, 'LabIT');
        assert.deepEqual(authority.scopes, ['updates', 'patches', 'configuration']);
        const rollout = element<Rollout>(org, 'Rollout');
        assert.deepEqual([rollout.phased, rollout.bigBang, rollout.reason], [true, false, 'North first']);
        const change = element<Change>(org, 'Change', 'CHG-1042');
        assert.deepEqual([change.status, change.approver?.ref?.name, change.reference], ['approved', 'LabIT', 'CAB-1']);
    });

    it('systems: versions, vendor accountability, regulatory record, transition, alert routing', () => {
        const systems = models.get('systems.ispec')!;
        const lis = element<System>(systems, 'System', 'LIS');
        assert.deepEqual([lis.kind, lis.vendor, lis.product, lis.version], ['LIS', 'Clinisys', 'WinPath', '5.4']);
        assert.deepEqual([lis.support?.contact, lis.support?.response], ['support@vendor.example', '4h']);
        assert.equal(lis.rollback, 'Restore previous release within 2h');
        assert.equal(lis.logging, 'Message journal 90 days');
        assert.deepEqual([lis.remoteAccess?.approver?.ref?.name, lis.remoteAccess?.method], ['LabIT', 'vendor VPN']);
        assert.equal(lis.medicalDevice, true);
        assert.deepEqual([lis.regulatory?.regime, lis.regulatory?.deviceClass, lis.regulatory?.validation], ['IVDR', 'B', 'VAL-2024-017']);
        assert.deepEqual([lis.replaces[0].system.ref?.name, lis.replaces[0].transition], ['OldLIS', 'Parallel run for 30 days']);
        assert.deepEqual(lis.alertsTo.map(a => a.ref?.name), ['LabIT', 'HIM']);
        assert.equal(element<System>(systems, 'System', 'EHR').version, '2024.1.3', 'a quoted version loses its quotes');
        assert.equal(element<System>(systems, 'System', 'Scanner').version, '13.0.4');
    });

    it('sites: baseline, downtime procedure, deviations tied to changes', () => {
        const systems = models.get('systems.ispec')!;
        const north = element<Site>(systems, 'Site', 'North');
        assert.deepEqual([north.pilot, north.timezone], [true, 'America/Chicago']);
        const device = north.baseline!.devices[0];
        assert.deepEqual([device.name, device.title, device.model, device.version, device.count], ['Cobas', 'Roche cobas 8000', 'c702', '3.2.1', 2]);
        assert.deepEqual(north.baseline!.hosts.map(h => h.ref?.name), ['LIS', 'EHR']);
        assert.deepEqual([north.baseline!.network?.amount, north.baseline!.network?.unit, north.baseline!.network?.note], [100, 'Mbps', 'to analysers']);
        assert.deepEqual([north.downtime?.fallback, north.downtime?.reconciliation], ['Paper', 'Back-enter']);
        assert.deepEqual([north.deviations[0].name, north.deviations[0].change?.ref?.name], ['LocalBarcode', 'CHG-1042']);
        assert.equal(element<Site>(systems, 'Site', 'South').pilot, false);
    });

    it('data sets: owner, classification, retention as a duration, access roles, duties, audit', () => {
        const data = element<Data>(models.get('systems.ispec')!, 'Data', 'LabObservation');
        assert.deepEqual([data.owners[0].ref?.name, data.classification, data.retention, data.audit], ['LabIT', 'PHI', '10y', 'All reads logged']);
        assert.deepEqual(data.access.map(a => a.ref?.name), ['LabTechnologist', 'LisEngine']);
        assert.deepEqual(data.duties, ['result-verification', 'result-delivery']);
    });

    it('interfaces: header statements resolve across files', () => {
        const lab = element<Interface>(models.get('lab.ispec')!, 'Interface', 'LabResults');
        assert.deepEqual([lab.source?.ref?.name, lab.target?.ref?.name], ['LIS', 'EHR']);
        assert.deepEqual([lab.standard?.name, lab.standard?.version], ['HL7v2', '2.5.1']);
        assert.deepEqual([lab.transport?.protocol, lab.transport?.security], ['MLLP', 'TLS']);
        assert.deepEqual([lab.owners.map(o => o.ref?.name), lab.criticality], [['LabIT'], 'critical']);
        assert.deepEqual(lab.carries.map(c => c.ref?.name), ['LabObservation']);
        assert.deepEqual(lab.sites.map(s => s.ref?.name), ['North', 'South']);
        assert.deepEqual(lab.affects.map(r => r.ref?.name), ['LabTechnologist']);
        assert.equal(lab.changeAuthority?.ref?.name, 'LabIT');
        assert.deepEqual(lab.messages.map(m => [m.type, m.title, m.mappings.length]), [['ORU^R01', 'Results', 10], ['ADT^A08', undefined, 0]]);
    });

    it('mappings: field paths, identifier authority, units and conversions, time zones, code maps', () => {
        const lab = element<Interface>(models.get('lab.ispec')!, 'Interface', 'LabResults');
        const [pid, obx5, obx2, obx6, obx14, obx11, obx3, dicom, gs1, component] = lab.messages[0].mappings;
        assert.deepEqual([pid.source, pid.target, pid.authority], ['PID-3', 'Patient.identifier', 'MRN']);
        assert.deepEqual([obx5.kind, obx5.units?.source, obx5.units?.target, obx5.units?.factor], ['quantity', 'mg/dL', 'mmol/L', 0.0555]);
        assert.deepEqual([obx2.units?.source, obx2.units?.target, obx2.units?.conversion], ['[degF]', 'Cel', '(x - 32) * 5 / 9']);
        assert.deepEqual([obx6.kind, obx6.units?.source, obx6.units?.target], ['code', 'UCUM', undefined]);
        assert.deepEqual([obx14.timezone, obx14.clock], ['America/Chicago', 'NTP']);
        assert.deepEqual(obx11.codes?.entries.map(e => [e.source, e.target]), [['F', 'final'], ['C', 'corrected'], ['X', 'cancelled']]);
        assert.deepEqual(obx11.codes?.receives, ['F', 'C', 'X']);
        assert.deepEqual(obx3.codes?.entries.map(e => [e.source, e.target]), [['GLU', '2345-7'], ['12', '12-x']], 'quoted and numeric codes read as text');
        assert.deepEqual([dicom.source, dicom.target], ['(0010,0020)', 'Patient.identifier[0].value']);
        assert.deepEqual([gs1.source, gs1.target], ['(01)', 'Device.udiCarrier.deviceIdentifier']);
        assert.equal(component.source, 'PID-3.4.1');
        assert.deepEqual(component.suppressions.map(s => [s.rule, s.reason]), [['identifier-authority', 'system is fixed']]);
    });

    it('exception handlers: scenario, action, escalation owner, response time, notified parties', () => {
        const lab = element<Interface>(models.get('lab.ispec')!, 'Interface', 'LabResults');
        assert.deepEqual(lab.handlers.map(h => [h.scenario, h.action, h.escalation?.ref?.name, h.response, h.notify.map(n => n.ref?.name)]), [
            ['downtime', 'Queue up to 24h then replay in order', 'LabIT', '15m', []],
            ['duplicate-identity', 'Hold for review', 'HIM', '4h', ['LabTechnologist', 'LisEngine']],
            ['out-of-order', undefined, undefined, undefined, []]
        ]);
    });

    it('monitoring: metrics with percentile, comparator, durations, percentages, counts and baselines', () => {
        const monitor = element<Interface>(models.get('lab.ispec')!, 'Interface', 'LabResults').monitor!;
        assert.deepEqual([monitor.owners.map(o => o.ref?.name), monitor.alertsTo.map(a => a.ref?.name)], [['LabIT'], ['LabIT', 'HIM']]);
        const metrics = monitor.metrics.map(m => [m.name, m.percentile, m.comparator, m.threshold.duration ?? m.threshold.percent ?? m.threshold.amount, m.threshold.unit, m.benefit, m.baseline?.duration]);
        assert.deepEqual(metrics, [
            ['turnaround', 'p95', '<', '5m', undefined, true, '12m'],
            ['failed-messages', undefined, '<=', '0.1%', undefined, false, undefined],
            ['queue-depth', undefined, '<', 200, 'messages', false, undefined],
            ['availability', undefined, '>=', '99.9%', undefined, false, undefined],
            ['backlog', undefined, '>', 3, undefined, false, undefined]
        ]);
    });

    it('suppressions on an element carry the rule id and the reason', () => {
        const lab = element<Interface>(models.get('lab.ispec')!, 'Interface', 'LabResults');
        assert.deepEqual(lab.suppressions.map(s => [s.rule, s.reason]), [['monitoring', 'vendor monitors']]);
    });

    it('gates: sites, phase, order, approvers, hypercare and criteria', () => {
        const model = models.get('lab.ispec')!;
        const north = element<Gate>(model, 'Gate', 'NorthGoLive');
        assert.deepEqual([north.sites.map(s => s.ref?.name), north.phase, north.approvers.map(a => a.ref?.name)], [['North'], 'Pilot', ['LabIT']]);
        assert.deepEqual([north.hypercare?.period, north.hypercare?.support?.ref?.name, north.hypercare?.escalation?.ref?.name], ['14d', 'LabIT', 'HIM']);
        const [criterion, bare] = north.criteria;
        assert.deepEqual([criterion.name, criterion.title, criterion.question, criterion.evidence, criterion.approver?.ref?.name], ['SimulatedExceptions', 'Exceptions simulated', 'exceptions', ['Simulation log', 'Screenshots'], 'LabIT']);
        assert.deepEqual([criterion.covers.map(c => c.ref?.name), criterion.trains.map(t => t.ref?.name), criterion.load], [['LabResults'], ['LabTechnologist', 'LisEngine'], '3x peak']);
        assert.deepEqual([bare.name, bare.question, bare.evidence], ['Bare', undefined, []]);
        const south = element<Gate>(model, 'Gate', 'SouthGoLive');
        assert.deepEqual([south.sites.map(s => s.ref?.name), south.after.map(g => g.ref?.name), south.approvers.map(a => a.ref?.name)], [['South', 'North'], ['NorthGoLive'], ['HIM', 'LabIT']]);
    });
});

describe('language: doc comments', () => {
    it('are the documentation of the element they precede, and plain comments are not', async () => {
        const { workspace } = await checkFiles({ 'org.ispec': ORG, 'systems.ispec': SYSTEMS, 'lab.ispec': LAB });
        const documentation = workspace.services.documentation.DocumentationProvider;
        const byName = (file: string, name: string) => workspace.documents
            .find(d => d.uri.fsPath.endsWith(file))!.parseResult.value.elements.find(e => (e as { name?: string }).name === name)!;
        assert.equal(documentation.getDocumentation(byName('org.ispec', 'LabIT'))?.trim(), 'Laboratory IT: runs the LIS and its interfaces.');
        assert.equal(documentation.getDocumentation(byName('lab.ispec', 'NorthGoLive'))?.trim(), 'The pilot gate.');
        assert.equal(documentation.getDocumentation(byName('org.ispec', 'HIM')), undefined);
    });
});

describe('language: value tokens', () => {
    it('reads durations in every unit, percentages with decimals, and version forms', async () => {
        const { workspace, findings } = await checkFiles({
            'a.ispec': [
                'team T', 'role R { team T duties d }',
                ...['500ms', '30s', '15m', '90min', '4h', '14d', '2w', '6mo', '10y', '1.5h'].map((d, i) => `data D${i} { retention ${d} }`),
                'system V1 { version 2.5.1 }', 'system V2 { version 5 }', 'system V3 { version R4 }', 'system V4 { version "2024b" }',
                'interface I { monitor { metric a < 0.05% metric b < 100% metric c < 12.5 ms } }'
            ].join('\n')
        });
        assert.deepEqual(findings.filter(f => f.code === 'syntax'), []);
        const model = workspace.documents[0].parseResult.value;
        const retentions = model.elements.filter(e => e.$type === 'Data').map(e => (e as Data).retention);
        assert.deepEqual(retentions, ['500ms', '30s', '15m', '90min', '4h', '14d', '2w', '6mo', '10y', '1.5h']);
        const versions = model.elements.filter(e => e.$type === 'System').map(e => (e as System).version);
        assert.deepEqual(versions, ['2.5.1', '5', 'R4', '2024b']);
        const metrics = (model.elements.find(e => e.$type === 'Interface') as Interface).monitor!.metrics;
        assert.deepEqual(metrics.map(m => [m.threshold.percent, m.threshold.amount, m.threshold.unit]), [['0.05%', undefined, undefined], ['100%', undefined, undefined], [undefined, 12.5, 'ms']]);
    });

    it('keeps keywords usable as field and code names', async () => {
        const { findings, workspace } = await checkFiles({
            'a.ispec': 'interface I { message ORU^R01 { Observation.status -> Observation.code codes { status -> final, critical -> high } receives status, critical } }\n'
        });
        assert.deepEqual(findings.filter(f => f.code === 'syntax'), []);
        const mapping = (workspace.documents[0].parseResult.value.elements[0] as Interface).messages[0].mappings[0];
        assert.deepEqual([mapping.source, mapping.target, mapping.codes?.receives], ['Observation.status', 'Observation.code', ['status', 'critical']]);
    });
});
