import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findImportKind, writeDraft } from '../../language-server/import/index.js';
import { checkSample, sampleDocExamples } from './sample-doc-examples.js';

const FIXTURES = path.resolve('test/fixtures/import/hl7v2-profile');

/** The Messaging Workbench profile of the import fixtures, written as a `profile` file by the importer. */
async function profileFile(): Promise<{ name: string, text: string }> {
    const input = 'mwb/lab-results-oru-r01.xml';
    const draft = await findImportKind('hl7v2-profile')!.read([{ name: input, content: readFileSync(path.join(FIXTURES, input)) }], {});
    const file = writeDraft(draft).find(written => written.path.endsWith('-profile.ispec'))!;
    return { name: file.path, text: file.text };
}

function spec(profileFileName: string, profile: string): string {
    return `import "${profileFileName}"
interface LabResults "Lab results to EHR" {
    from LIS to EHR
    standard HL7v2 "2.5.1"
    transport MLLP over TLS
    owner LabIT
    message ORU^R01 ${profile} {
        PID-3 -> Patient.identifier identifier authority "VALLEY-MRN"
        OBX-3 -> Observation.code
    }
}
`;
}

describe('rules: sample-structure', function () {
    this.timeout(120000);
    sampleDocExamples('sample-structure');

    describe('a message against the conformance profile its message statement follows', () => {
        let profile: { name: string, text: string };
        before(async () => {
            profile = await profileFile();
        });

        it('accepts a message that keeps to the profile', async () => {
            const { findings } = await checkSample(spec(profile.name, 'profile LabResultsToEHRProfile'), readFileSync(path.join(FIXTURES, 'samples/clean.hl7')), { [profile.name]: profile.text });
            assert.deepEqual(findings.filter(f => f.code === 'sample-structure').map(f => `${f.line}:${f.column} ${f.message}`), []);
        });

        it('reports an X field populated, an R field empty, a segment beyond its maximum, repetitions beyond the maximum, an X segment and a missing R segment', async () => {
            const { findings } = await checkSample(spec(profile.name, 'profile LabResultsToEHRProfile'), readFileSync(path.join(FIXTURES, 'samples/breaks-profile.hl7')), { [profile.name]: profile.text });
            assert.deepEqual(findings.filter(f => f.code === 'sample-structure').map(f => `${f.line}:${f.column} ${f.message}`), [
                '2:62 PID-19 is populated; profile LabResultsToEHRProfile marks it X (not supported).',
                '8:43 OBX-11 is empty; profile LabResultsToEHRProfile requires it (usage R).',
                '13:1 Segment PID occurs 2 times; profile LabResultsToEHRProfile allows at most 1.',
                '18:82 OBR-17 has 3 repetitions; profile LabResultsToEHRProfile allows at most 2.',
                '22:1 Segment PD1 is present; profile LabResultsToEHRProfile marks it X (not supported).',
                '25:48 Profile LabResultsToEHRProfile requires segment PID (usage R); this message has none.'
            ]);
        });

        it('checks nothing of the profile when the message statement does not declare one', async () => {
            const { findings } = await checkSample(spec(profile.name, ''), readFileSync(path.join(FIXTURES, 'samples/breaks-profile.hl7')), { [profile.name]: profile.text });
            assert.deepEqual(findings.filter(f => f.code === 'sample-structure' && /profile/i.test(f.message)).map(f => f.message), []);
        });
    });
});
