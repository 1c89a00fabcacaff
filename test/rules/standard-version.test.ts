import { strict as assert } from 'node:assert';
import { hl7v2VersionStatus, lookupField } from '../../language-server/dictionaries/index.js';
import { docExamples } from './doc-examples.js';
import { versionedFields } from './workspaces.js';

describe('standard-version', () => {
    docExamples('standard-version');

    describe('REST contracts', () => {
        const { findings } = versionedFields;

        it('asks where the contract of a REST interface that pins its API version is (an info); one that pins nothing is an error', async () => {
            const rest = async (standard: string) => (await findings(standard, [])).filter(f => / standard-version: /.test(f)).map(f => f.split(':')[0]);
            assert.deepEqual(await rest('REST 1.3.0'), ['3 info standard-version']);
            assert.match((await findings('REST 1.3.0', []))[0], /pins API version 1\.3\.0; say where its contract is: `standard REST 1\.3\.0 openapi/);
            assert.deepEqual(await rest('REST'), ['3 error standard-version']);
            assert.deepEqual(await rest('REST 1.3.0 openapi "https://api.example/openapi.json"'), []);
            assert.deepEqual(await rest('REST "TBD"'), ['3 error standard-version']);
        });
    });

    describe('released HL7 v2 versions', () => {
        const { findings } = versionedFields;

        it('flags a version that HL7 never released', async () => {
            const found = await findings('HL7v2 "2.9.9"', ['PID-3 -> PID-3 identifier authority "MRN"']);
            assert.deepEqual(found.map(f => f.split(':')[0]), ['3 error standard-version']);
            assert.match(found[0], /'2\.9\.9' is not a released HL7 v2 version/);
            const target = await findings('HL7v2 "2.5.1" -> "2.4.7"', ['PID-3 -> PID-3 identifier authority "MRN"']);
            assert.deepEqual(target.map(f => f.split(':')[0]), ['3 error standard-version']);
        });

        it('classifies versions from HL7 table 0104', () => {
            assert.deepEqual(hl7v2VersionStatus('2.5.1'), { status: 'published', data: '2.5.1', newest: '2.7.1' });
            assert.deepEqual(hl7v2VersionStatus('2.9'), { status: 'newer', data: '2.7.1', newest: '2.7.1' });
            assert.deepEqual(hl7v2VersionStatus('2.8.2'), { status: 'newer', data: '2.7.1', newest: '2.7.1' });
            assert.equal(hl7v2VersionStatus('2.9.9')?.status, 'unknown');
            assert.equal(hl7v2VersionStatus('2.5.3')?.status, 'unknown');
            assert.equal(hl7v2VersionStatus('latest'), undefined);
            const missing = lookupField('HL7v2', '2.3.1', 'TQ1-9');
            assert.equal(missing.status, 'unknown');
            assert.deepEqual(missing.status === 'unknown' && missing.elsewhere?.segmentVersions, ['2.5', '2.5.1', '2.6', '2.7', '2.7.1']);
        });
    });
});
