import { strict as assert } from 'node:assert';
import { hl7v2VersionStatus, lookupField } from '../../language-server/dictionaries/index.js';
import { checkFiles } from '../support/workspace.js';

const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

/** `line severity code: message` of every finding of one interface with the given standard and mapping lines. */
async function findings(standard: string, mappings: string[]): Promise<string[]> {
    const { findings: found } = await checkFiles({
        'org.ispec': ORG,
        'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ORM^O01 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`
    });
    // Whether the version has the message type, and the message the segment, is message-structure's business.
    return found.filter(f => f.code !== 'message-structure').map(f => `${f.line} ${f.severity} ${f.code}: ${f.message}`);
}

describe('rules: HL7 v2 fields in the declared version', () => {
    it('looks an HL7 v2 target up in the declared version, not the newest', async () => {
        // In v2.3.1 OBR-13 is free text (ST) and OBR-27 is a TQ with a sixth component (priority); in 2.7.1
        // OBR-13 is coded (CWE) and OBR-27 plain text.
        assert.deepEqual(await findings('HL7v2 "2.3.1"', ['OBR-13 -> OBR-13', 'OBR-27.6 -> OBR-27.6 as text']), []);
        const newest = await findings('HL7v2 "2.7.1"', ['OBR-13 -> OBR-13', 'OBR-27.6 -> OBR-27.6 as text']);
        assert.deepEqual(newest.map(f => f.split(':')[0]), ['5 warning coded-values', '6 error known-fields']);
    });

    it('names the declared version and the first version that has the field, once per mapping', async () => {
        assert.deepEqual(await findings('HL7v2 "2.3.1"', ['TQ1-9 -> TQ1-9 as text']), [
            '5 error known-fields: TQ1-9 is not in HL7 v2.3.1; the TQ1 segment exists from v2.5.'
        ]);
        assert.deepEqual(await findings('HL7v2 "2.7.1"', ['OBR-27.6 -> OBR-27.6 as text']), [
            '5 error known-fields: OBR-27.6 is not in HL7 v2.7.1; it is in v2.2 to v2.6 only.'
        ]);
        // PID-40 (patient telecommunication information) came with v2.7.
        assert.deepEqual(await findings('HL7v2 "2.5.1"', ['PID-40 -> PID-40 as text']), [
            '5 error known-fields: PID-40 is not in HL7 v2.5.1; it exists from v2.7.'
        ]);
    });

    it('checks the receiver\'s version where the interface translates between versions', async () => {
        assert.deepEqual(await findings('HL7v2 "2.3.1" -> "2.5.1"', ['OBR-27.6 -> TQ1-9 as text']), []);
        assert.deepEqual(await findings('HL7v2 "2.5.1" -> "2.3.1"', ['TQ1-9 -> OBR-27.6 as text']), []);
        // Without the receiver's version, the target is checked in the sender's, and the message says how to declare it.
        assert.deepEqual(await findings('HL7v2 "2.3.1"', ['OBR-27.6 -> TQ1-9 as text']), [
            '5 error known-fields: TQ1-9 is not in HL7 v2.3.1; the TQ1 segment exists from v2.5. If the receiver speaks a later version, declare it: `standard HL7v2 2.3.1 -> 2.5`.'
        ]);
        const reversed = await findings('HL7v2 "2.5.1" -> "2.3.1"', ['OBR-27.6 -> TQ1-9 as text']);
        assert.deepEqual(reversed.map(f => f.split(':')[0]), ['5 error known-fields']);
    });

    it('only warns about a field of a released version newer than the dictionary, naming the newest it holds', async () => {
        const found = await findings('HL7v2 "2.9"', ['PID-50 -> PID-50 as text']);
        assert.deepEqual(found, [
            '5 warning known-fields: \'PID-50\' is not in HL7 v2.7.1, the newest version the field dictionary holds; check it against HL7 v2.9 by hand.'
        ]);
        // A field the dictionary's newest version has is checked as usual, without any finding.
        assert.deepEqual(await findings('HL7v2 "2.8"', ['PID-3 -> PID-3 identifier authority "MRN"']), []);
        assert.deepEqual(await findings('HL7v2 "2.9.1"', ['PID-3 -> PID-3 identifier authority "MRN"']), []);
    });

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
