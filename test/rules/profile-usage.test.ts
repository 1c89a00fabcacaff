import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples, PRELUDE } from './doc-examples.js';

/** The profile-usage findings of a spec next to the rule pages' prelude, as `<line> <severity> <message>`. */
async function profileFindings(spec: string, extra: Record<string, string> = {}): Promise<string[]> {
    const { findings } = await checkFiles({ 'prelude.ispec': PRELUDE, 'spec.ispec': `import "prelude.ispec"\n${spec}`, ...extra });
    const broken = findings.filter(f => f.code === 'syntax' || f.code === 'unresolved-reference' || f.code === 'duplicate-local-name');
    assert.deepEqual(broken.map(f => `${f.line} ${f.message}`), [], 'the spec must be valid');
    return findings.filter(f => f.code === 'profile-usage').map(f => `${f.relative}:${f.line} ${f.severity} ${f.message}`);
}

const PROFILE = `
profile Results "ORU^R01" {
    message ORU^R01^ORU_R01 version 2.5.1
    segment MSH usage R cardinality 1..1 {
        field 1 ST usage R
        field 9 MSG usage R cardinality 1..1 "Message Type"
    }
    group PATIENT_RESULT usage R cardinality 1..* {
        segment PID usage R cardinality 1..1 {
            field 3 CX usage R cardinality 1..*
            field 19 ST usage X
        }
        segment NK1 usage X
        segment OBX usage R cardinality 1..*
    }
    segment NTE usage O cardinality 0..* { field 3 FT usage RE }
    segment NTE usage O cardinality 0..* { field 3 FT usage X }
}
`;

function spec(mappings: string[], profile = 'profile Results'): string {
    return `${PROFILE}
interface Feed {
    from LIS to EHR
    standard HL7v2 "2.5.1"
    owner LabIT
    message ORU^R01 ${profile} {
${mappings.map(line => `        ${line}\n`).join('')}    }
}
`;
}

describe('rules: profile-usage', function () {
    this.timeout(120000);
    docExamples('profile-usage');

    it('warns on an X field or X segment mapped, on either side, components included', async () => {
        const found = await profileFindings(spec(['PID-3 -> Patient.identifier identifier authority "MRN"', 'MSH-9 -> MessageHeader.eventCoding', 'PID-19.1 -> Patient.identifier[1].value', 'NK1-2 -> Patient.contact.name']));
        assert.deepEqual(found.filter(f => f.includes(' warning ')).map(f => f.replace(/^spec.ispec:\d+ warning /, '')), [
            'PID-19.1: profile Results marks PID-19 X (not supported); the sender never populates it, so this mapping reads nothing.',
            'NK1-2: profile Results marks segment NK1 X (not supported); the sender never sends it.'
        ]);
    });

    it('reports an R field left unmapped as info, once, and never MSH-1', async () => {
        const found = await profileFindings(spec(['MSH-9 -> MessageHeader.eventCoding']));
        assert.deepEqual(found, ['spec.ispec:25 info PID-3 is required by profile Results (usage R, CX) but not mapped; map it, or say that the engine fills it.']);
    });

    it('reports a field not listed for a listed segment, and a segment not listed, as info; leaves a segment without field list alone', async () => {
        const found = await profileFindings(spec(['PID-3 -> Patient.identifier identifier authority "MRN"', 'MSH-9 -> MessageHeader.eventCoding', 'PID-8 -> Patient.gender', 'OBR-4 -> ServiceRequest.code', 'OBX-3 -> Observation.code']));
        assert.deepEqual(found.map(f => f.replace(/^spec.ispec:\d+ /, '')), [
            'info PID-8: profile Results does not list PID-8; check that the sender populates it, or add it to the profile.',
            'info OBR-4: profile Results does not list segment OBR; check that the sender sends it, or add it to the profile.'
        ]);
    });

    it('takes a field X only when every place of its segment marks it X', async () => {
        assert.deepEqual(await profileFindings(spec(['PID-3 -> Patient.identifier identifier authority "MRN"', 'MSH-9 -> MessageHeader.eventCoding', 'NTE-3 -> Observation.note.text'])), []);
    });

    it('warns when the message is not of the type the profile constrains, and checks nothing else of it', async () => {
        const found = await profileFindings(spec(['PID-19 -> Patient.identifier[1].value']).replace('message ORU^R01 profile', 'message ADT^A01 profile'));
        assert.deepEqual(found, ['spec.ispec:25 warning Profile Results constrains ORU^R01^ORU_R01, not ADT^A01.']);
    });

    it('says nothing of a message without a profile', async () => {
        assert.deepEqual(await profileFindings(spec(['PID-19 -> Patient.identifier[1].value', 'OBR-4 -> ServiceRequest.code'], '')), []);
    });

    it('says which file to import when the profile is declared in a file the spec does not import', async () => {
        const { findings } = await checkFiles({ 'prelude.ispec': PRELUDE, 'profile.ispec': PROFILE, 'spec.ispec': `import "prelude.ispec"
interface Feed {
    from LIS to EHR
    standard HL7v2 "2.5.1"
    owner LabIT
    message ORU^R01 profile Results
}
` });
        assert.deepEqual(findings.filter(f => f.code === 'unresolved-reference').map(f => `${f.relative}:${f.line} ${f.message}`),
            ['spec.ispec:6 The conformance profile \'Results\' is declared in profile.ispec, which this file does not import. Add: import "profile.ispec"']);
    });

    it('keeps the profile keywords usable as codes and field names', async () => {
        assert.deepEqual(await profileFindings(spec(['OBX-11 -> Observation.status codes { profile -> usage, group -> cardinality, length -> final }'], '')), []);
    });

    it('follows a profile declared in an imported file', async () => {
        const found = await profileFindings(`import "profile.ispec"
interface Feed {
    from LIS to EHR
    standard HL7v2 "2.5.1"
    owner LabIT
    message ORU^R01 profile Results {
        PID-3 -> Patient.identifier identifier authority "MRN"
        MSH-9 -> MessageHeader.eventCoding
        PID-19 -> Patient.identifier[1].value
    }
}
`, { 'profile.ispec': PROFILE });
        assert.equal(found.length, 1);
        assert.match(found[0], /^spec.ispec:10 warning PID-19: profile Results marks PID-19 X/);
    });

    it('makes a field listed twice in one profile segment a structural error, not in two places of the segment', async () => {
        const { findings } = await checkFiles({ 'p.ispec': `profile Twice {
    segment PID { field 3 CX usage R field 3 CX usage RE }
    segment NTE { field 3 FT usage O }
    segment NTE { field 3 FT usage X }
}
` });
        assert.deepEqual(findings.filter(f => f.code === 'duplicate-local-name').map(f => `${f.line}:${f.column} ${f.message}`),
            ['2:44 Field PID-3 is listed twice in this profile segment; keep one.']);
    });

    it('checks the profile: usage codes, cardinalities, X with a minimum', async () => {
        const found = await profileFindings(`profile Odd {
    segment PID usage Q cardinality 2..1 {
        field 3 CX usage X cardinality 1..1
        field 5 XPN usage re cardinality 0..*
    }
}
`);
        assert.deepEqual(found.map(f => f.replace(/^spec.ispec:(\d+) warning /, '$1 ')), [
            "3 Usage 'Q' is not an HL7 v2 usage code; use R (required), RE (required but may be empty), C (conditional), CE (conditional but may be empty), O (optional), X (not supported), B (backward compatibility only), W (withdrawn).",
            '3 Cardinality 2..1 has a minimum above its maximum.',
            '4 Usage X (not supported) with cardinality 1..1: an element that is never sent has a minimum of 0.'
        ]);
    });
});
