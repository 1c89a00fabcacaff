import { strict as assert } from 'node:assert';
import { RULES } from '../../language-server/rules/registry.js';
import { checkFiles } from '../support/workspace.js';

const RULE_IDS = new Set(RULES.map(rule => rule.id));

/**
 * Kinds of fault that specs written independently of the rules (test/corpus: device-integration, reference-lab)
 * showed the rules missing or misjudging. Each case fails on the rules before this change, and its twin is clean.
 */
const ORG = `team Ops { on-call 24x7 }
team Bench { on-call "Weekdays 07:00-17:00, voicemail otherwise" }
team Rota { on-call "+1 800 555-0190, rota in the ICU office" }
role EngineAccount { team Ops service-account }
system LIS { kind LIS owner Ops }
system EHR { kind EHR owner Ops }
system Gateway { kind device-gateway owner Ops }
system Monitor { kind patient-monitor owner Ops }
system Speech { kind speech-recognition owner Ops }
system RIS { kind RIS owner Ops }
site North { timezone "America/Chicago" baseline { hosts LIS } }
site South { timezone "America/Chicago" baseline { hosts EHR } }
`;

/** `file:line message` of every finding of the rule outside org.ispec; the example must be valid Interspec. */
async function found(rule: string, files: Record<string, string>, config?: string): Promise<string[]> {
    const { findings } = await checkFiles({ 'org.ispec': ORG, ...files, ...(config ? { 'interspec.yaml': config } : {}) });
    const structural = findings.filter(f => !RULE_IDS.has(f.code));
    assert.deepEqual(structural.map(f => `${f.relative}:${f.line} ${f.message}`), [], 'the example must be valid Interspec');
    return findings.filter(f => f.code === rule && f.relative !== 'org.ispec').map(f => `${f.relative}:${f.line} ${f.message}`);
}

function feed(body: string, handlers = '', standard = 'HL7v2 "2.5.1"', from = 'LIS'): Record<string, string> {
    return { 'a.ispec': `import "org.ispec"\ninterface Feed {\n    from ${from} to EHR\n    standard ${standard}\n    owner Ops\n    sites North, South\n${body}${handlers}}\n` };
}

describe('held-out kinds: exception-escalation', () => {
    const urgent = (within: string, party = 'Ops') => feed('', `    on urgent "Page the clinician" escalate ${party} within ${within}\n`);

    it('an urgent escalation slower than 1h (option max-response) is a finding, with a quick fix to the limit', async () => {
        const slow = await found('exception-escalation', urgent('4h'));
        assert.equal(slow.length, 1, slow.join('\n'));
        assert.match(slow[0], /^a\.ispec:\d+ The 'urgent' escalation is answered within 4h, longer than 1h/);
        assert.deepEqual(await found('exception-escalation', urgent('30m')), []);
        assert.deepEqual(await found('exception-escalation', urgent('1h')), []);
        assert.deepEqual(await found('exception-escalation', urgent('4h'), 'rules:\n  exception-escalation: [warning, { max-response: { urgent: 4h } }]\n'), []);
        assert.equal((await found('exception-escalation', urgent('30m'), 'rules:\n  exception-escalation: [warning, { max-response: { urgent: 15m } }]\n')).length, 1);
    });

    it('an on-call text that limits cover to some hours or days is no cover for urgent cases; a number or rota is', async () => {
        const bench = await found('exception-escalation', urgent('15m', 'Bench'));
        assert.equal(bench.length, 1, bench.join('\n'));
        assert.match(bench[0], /goes to Bench, which has no on-call cover at every hour/);
        assert.deepEqual(await found('exception-escalation', urgent('15m', 'Rota')), []);
    });
});

describe('held-out kinds: escalations reach people', () => {
    it('an escalation to a service account is a finding for any scenario; to a team of people it is not', async () => {
        const to = (party: string) => feed('', `    on downtime "Paper forms" escalate ${party} within 15m\n`);
        const account = await found('exception-escalation', to('EngineAccount'));
        assert.equal(account.length, 1, account.join('\n'));
        assert.match(account[0], /goes to EngineAccount, a service account: software does not answer an escalation/);
        assert.deepEqual(await found('exception-escalation', to('Ops')), []);
    });
});

describe('held-out kinds: gate-coverage of the load test', () => {
    const gate = (load: string) => ({
        ...feed('    criticality critical\n'),
        'b.ispec': `import "org.ispec"\ninterface Orders {\n    from EHR to LIS\n    owner Ops\n    criticality critical\n    sites North\n}\n`,
        'g.ispec': `import "a.ispec"\nimport "b.ispec"\ngate NorthGoLive {\n    site North\n    approver Ops\n    criterion E { question exceptions evidence "Simulation" approver Ops covers Feed, Orders }\n`
            + `    criterion L { question load-test evidence "Load test" approver Ops covers ${load} load "2x peak" }\n}\n`
    });

    it('a load-test criterion that names interfaces covers every critical interface of its sites', async () => {
        const missing = await found('gate-coverage', gate('Feed'));
        assert.ok(missing.some(f => /load-test criterion of gate 'NorthGoLive' does not cover critical interface Orders/.test(f)), missing.join('\n'));
        assert.deepEqual((await found('gate-coverage', gate('Feed, Orders'))).filter(f => /load-test/.test(f)), []);
    });
});

describe('held-out kinds: type-compatibility of HL7 v2 composite types', () => {
    const route = (mapping: string) => feed(`    message ORU^R01 {\n        ${mapping}\n    }\n`, '', 'HL7v2 "2.6"');

    it('an organisation into an address, a device identifier into a coded method: the families differ', async () => {
        const address = await found('type-compatibility', route('OBX-23 -> OBX-24'));
        assert.equal(address.length, 1, address.join('\n'));
        assert.match(address[0], /OBX-23 \(.*XON\) holds an organisation but OBX-24 \(.*XAD\) holds an address/);
        assert.equal((await found('type-compatibility', route('OBX-18 -> OBX-17 identifier authority "urn:oid:1.2.3"'))).length, 1);
    });

    it('a declared kind must still fit the target: a dose declared a quantity does not go into a coded unit field', async () => {
        const dose = await found('type-compatibility', route('RXA-6 -> RXA-7 as quantity units UCUM'));
        assert.equal(dose.length, 1, dose.join('\n'));
        assert.match(dose[0], /RXA-6 is declared a number \(`as quantity`\) but RXA-7 holds a code/);
        assert.deepEqual(await found('type-compatibility', route('RXA-6 -> RXA-6 as quantity units UCUM')), []);
        assert.deepEqual(await found('type-compatibility', route('OBX-6 -> NTE-3 as code')), []); // free text holds a code written out
    });

    it('fields of one family, a component, a code map or a declared kind are not judged', async () => {
        assert.deepEqual(await found('type-compatibility', route('OBX-23 -> OBX-23')), []);
        assert.deepEqual(await found('type-compatibility', route('OBX-3 -> OBX-17 codes { A -> B } receives A')), []);
        assert.deepEqual(await found('type-compatibility', route('OBX-23.1 -> OBX-24.1')), []);
        assert.deepEqual(await found('type-compatibility', route('OBX-23 -> OBX-24 as text')), []);
    });
});

describe('held-out kinds: patient-identity authorities that name no issuer', () => {
    const identity = (authority: string) => feed(`    message ORU^R01 {\n        PID-3[1] -> PID-3 identifier authority "${authority}"\n    }\n`);

    it('"local" or "hospital" in a workspace of several sites says nobody; a named issuer does', async () => {
        const local = await found('patient-identity', identity('local'));
        assert.equal(local.length, 1, local.join('\n'));
        assert.match(local[0], /"local" says only that the issuer is local, not who issued it; with 2 sites/);
        assert.equal((await found('patient-identity', identity('Hospital'))).length, 1);
        assert.deepEqual(await found('patient-identity', identity('Regina General MRN (urn:oid:2.16.124.10.1)')), []);
    });
});

describe('held-out kinds: coded-values on a feed of device measurements', () => {
    const vitals = (from: string) => feed('    message ORU^R01 {\n        OBX-11 -> OBX-11 codes { R -> R, X -> X } receives R, X\n    }\n',
        '    on correction "Artefacts are marked invalid by the clinician in the receiving record" escalate Ops within 1h\n', 'HL7v2 "2.6"', from);

    it('a device or device gateway never sends C: its correction handler asks for no C; an LIS still does', async () => {
        assert.deepEqual(await found('coded-values', vitals('Gateway')), []);
        assert.deepEqual(await found('coded-values', vitals('Monitor')), []);
        const lis = await found('coded-values', vitals('LIS'));
        assert.ok(lis.some(f => /handles corrections, but the code map of OBX-11 does not map C/.test(f)), lis.join('\n'));
    });
});

describe('held-out kinds: coded-values on a feed into the order filler', () => {
    const files = (orders: boolean) => ({
        'a.ispec': `import "org.ispec"\ninterface Reports {\n    from Speech to RIS\n    standard HL7v2 "2.5.1"\n    owner Ops\n    message ORU^R01 {\n        OBR-25 -> OBR-25 codes { P -> P, F -> F } receives P, F\n    }\n`
            + '    on cancellation "A draft for a cancelled study is discarded" escalate Ops within 1h\n}\n',
        'b.ispec': `import "org.ispec"\ninterface Orders {\n    from EHR to RIS\n    standard HL7v2 "2.5.1"\n    owner Ops\n    message ${orders ? 'OMI^O23' : 'ADT^A01'} {\n        PID-8 -> PID-8 codes { F -> F, M -> M } receives F, M\n    }\n}\n`
    });

    it('the filler cancels orders (OBR-25 X): a feed into it from a system that fills none carries no X', async () => {
        assert.deepEqual((await found('coded-values', files(true))).filter(f => f.startsWith('a.ispec')), []);
        const noFiller = (await found('coded-values', files(false))).filter(f => f.startsWith('a.ispec'));
        assert.ok(noFiller.some(f => /handles cancellations, but the code map of OBR-25 does not map X/.test(f)), noFiller.join('\n'));
    });
});

describe('held-out kinds: coded-values of pharmacy order control', () => {
    const orders = (type: string, codes: string) => feed(`    message ${type} {\n        ORC-1 -> ORC-1 codes { ${codes} } receives ${codes.split(', ').map(entry => entry.split(' ')[0]).join(', ')}\n    }\n`);

    it('a medication order feed (OMP, RDE) maps DC: a started drug is discontinued, not cancelled; a lab order feed need not', async () => {
        const missing = await found('coded-values', orders('RDE^O11', 'NW -> NW, XO -> XO, CA -> CA'));
        assert.equal(missing.length, 1, missing.join('\n'));
        assert.match(missing[0], /sends medication orders \(RDE\^O11\) but the code map of ORC-1 does not map DC/);
        assert.equal((await found('coded-values', orders('OMP^O09', 'NW -> NW, CA -> CA'))).length, 1);
        assert.deepEqual(await found('coded-values', orders('RDE^O11', 'NW -> NW, XO -> XO, DC -> DC, CA -> CA')), []);
        assert.deepEqual(await found('coded-values', orders('OML^O21', 'NW -> NW, CA -> CA')), []);
    });
});

describe('held-out kinds: message-structure knows IHE-profiled message types', () => {
    const alarms = (version: string, type: string, mapping = 'OBX-8 -> OBX-8') => feed(`    message ${type} {\n        ${mapping}\n    }\n`, '', `HL7v2 "${version}"`, 'Gateway');

    it('ORU^R40 (IHE PCD-04 Report Alert) is a message type on HL7 v2.6 with the segments of ORU^R01; not before 2.6', async () => {
        assert.deepEqual(await found('message-structure', alarms('2.6', 'ORU^R40')), []);
        const segment = await found('message-structure', alarms('2.6', 'ORU^R40', 'EVN-2 -> OBX-14 timezone "UTC"'));
        assert.ok(segment.some(f => /Segment EVN is not part of ORU\^R40/.test(f)), segment.join('\n'));
        const older = await found('message-structure', alarms('2.5.1', 'ORU^R40'));
        assert.ok(older.some(f => /ORU\^R40 is not a message type of HL7 v2\.5\.1/.test(f)), older.join('\n'));
    });
});
