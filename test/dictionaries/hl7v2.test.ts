import { strict as assert } from 'node:assert';
import { listFields, lookupField, type FieldInfo } from '../../language-server/dictionaries/index.js';

function known(version: string | undefined, path: string): FieldInfo {
    const result = lookupField('HL7v2', version, path);
    assert.equal(result.status, 'known', `${path} (${version}) should be known, got ${JSON.stringify(result)}`);
    return (result as { field: FieldInfo }).field;
}

describe('dictionaries: HL7 v2', () => {
    it('knows fields with their name, data type and kind', () => {
        assert.deepEqual(known('2.5.1', 'PID-3'), { standard: 'HL7v2', path: 'PID-3', name: 'Patient Identifier List', dataType: 'CX', kind: 'identifier' });
        assert.equal(known('2.5.1', 'PID-7').kind, 'timestamp');
        assert.equal(known('2.5.1', 'MSH-7').dataType, 'TS');
        assert.equal(known('2.7', 'MSH-7').dataType, 'DTM');
        assert.equal(known('2.7', 'MSH-7').kind, 'timestamp');
        assert.equal(known('2.5', 'PID-5').kind, 'other');
        assert.equal(known('2.5', 'NTE-3').kind, 'text');
        assert.equal(known('2.5', 'OBX-7').name, 'References Range');
    });

    it('treats placer and filler order numbers, merge ids and the message control id as identifiers', () => {
        for (const path of ['PID-2', 'PID-3', 'MRG-1', 'OBR-2', 'OBR-3', 'ORC-2', 'ORC-3', 'PV1-19', 'MSH-10']) {
            assert.equal(known('2.5.1', path).kind, 'identifier', path);
        }
    });

    it('leaves OBX-5 open: its type is what OBX-2 says, in every version', () => {
        for (const version of ['2.3', '2.5.1', '2.7', '2.8']) {
            const field = known(version, 'OBX-5');
            assert.equal(field.dataType, 'VARIES');
            assert.equal(field.kind, 'other');
        }
        assert.equal(known('2.5.1', 'OBX-2').table, '0125');
        assert.ok(known('2.5.1', 'OBX-2').codes!.includes('NM'));
        assert.ok(known('2.5.1', 'OBX-2').codes!.includes('SN'));
    });

    it('resolves components and subcomponents through the data types', () => {
        assert.deepEqual(known('2.5.1', 'PID-3.1'), { standard: 'HL7v2', path: 'PID-3.1', name: 'ID Number', dataType: 'ST', kind: 'identifier' });
        assert.equal(known('2.5.1', 'PID-3.4').dataType, 'HD');
        assert.equal(known('2.5.1', 'PID-3.4.1').name, 'Namespace ID');
        assert.equal(known('2.5.1', 'PID-3.5').table, '0203');
        assert.equal(known('2.5.1', 'OBR-3.1').kind, 'identifier');
        assert.equal(known('2.5.1', 'OBX-14.1').dataType, 'DTM');
        assert.equal(known('2.5.1', 'PID-3[2].1').path, 'PID-3.1');
        // A primitive's first component is the field itself; it has no second.
        assert.equal(known('2.5.1', 'PID-8.1').table, '0001');
        assert.equal(lookupField('HL7v2', '2.5.1', 'PID-8.2').status, 'unknown'); // PID-8 became CWE in 2.7
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'PID-3.99'), { status: 'unknown' });
    });

    it('lists the codes of the tables integrations check', () => {
        const cases: [string, string, string[]][] = [
            ['OBX-11', '0085', ['C', 'F', 'P', 'X']],
            ['ORC-1', '0119', ['CA', 'NW', 'OK', 'SC']],
            ['ORC-5', '0038', ['CA', 'CM', 'IP', 'SC']],
            ['MSH-9.2', '0003', ['A01', 'A08', 'O01', 'R01']],
            ['PID-8', '0001', ['F', 'M', 'U']],
            ['PV1-2', '0004', ['E', 'I', 'O']],
            ['OBX-8', '0078', ['H', 'HH', 'L', 'LL', 'N']],
            ['OBX-2', '0125', ['CE', 'NM', 'ST', 'TX']]
        ];
        for (const [path, table, some] of cases) {
            const field = known('2.5.1', path);
            assert.equal(field.kind, 'code', path);
            assert.equal(field.table, table, path);
            for (const code of some) assert.ok(field.codes?.includes(code), `${path} allows ${code}`);
        }
        assert.ok(!known('2.5.1', 'OBX-11').codes!.includes('Z'));
        assert.ok(!known('2.5.1', 'OBX-8').codes!.includes('null'));
        assert.ok(!known('2.5.1', 'MSH-9.2').codes!.includes('Varies'));
        assert.ok(known('2.5.1', 'MSH-12.1').codes!.includes('2.5.1'));
        assert.ok(known('2.5.1', 'MSH-12.1').codes!.includes('2.8'));
    });

    it('gives the table of a coded element to its first component', () => {
        const field = known('2.7', 'PID-8');
        assert.equal(field.dataType, 'CWE');
        const code = known('2.7', 'PID-8.1');
        assert.equal(code.kind, 'code');
        assert.equal(code.table, '0001');
        assert.ok(code.codes!.includes('F'));
    });

    it('is version-aware, and falls back to the nearest published version', () => {
        assert.equal(known('2.3', 'PID-8').name, 'Sex');
        assert.equal(known('2.5', 'PID-8').name, 'Administrative Sex');
        assert.equal(lookupField('HL7v2', '2.5', 'PID-40').status, 'unknown');
        assert.equal(known('2.7', 'PID-40').dataType, 'XTN');
        // 2.8 and 2.9 are not published in the source: they use 2.7.1.
        assert.equal(known('2.8', 'PID-40').dataType, 'XTN');
        assert.equal(known('2.9', 'PID-8').dataType, 'CWE');
        assert.equal(known('v2.5.1', 'PID-3').dataType, 'CX');
        // SPM arrived in 2.5.
        assert.equal(lookupField('HL7v2', '2.4', 'SPM-2').status, 'unknown');
        assert.equal(known('2.5', 'SPM-2').kind, 'identifier');
        // Without a version, the latest.
        assert.equal(known(undefined, 'PID-40').dataType, 'XTN');
        assert.deepEqual(lookupField('HL7v2', 'R4', 'PID-3'), { status: 'unsupported' });
        assert.deepEqual(lookupField('HL7v2', '3.0', 'PID-3'), { status: 'unsupported' });
    });

    it('suggests the closest segment for a typo and says nothing for numbers out of range', () => {
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'PlD-3'), { status: 'unknown', suggestion: 'PID-3' });
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'OBK-5'), { status: 'unknown', suggestion: 'OBR-5' });
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'PV1-2[1].1'), { status: 'known', field: known('2.5.1', 'PV1-2.1') });
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'MSJ-9.2'), { status: 'unknown', suggestion: 'MSH-9.2' });
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'pid-3.1'), { status: 'unknown', suggestion: 'PID-3.1' });
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'PID-99'), { status: 'unknown' });
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'QQQ-1'), { status: 'unknown' });
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'PID 3'), { status: 'unknown' });
        // Segments of a later version are not typos: TQ1 and SPM arrived in 2.5.
        for (const path of ['TQ1-7', 'SPM-2']) {
            const later = lookupField('HL7v2', '2.3.1', path);
            assert.equal(later.status, 'unknown');
            assert.equal(later.status === 'unknown' && later.suggestion, undefined);
            // ... but they say where the segment exists.
            assert.equal(later.status === 'unknown' && later.elsewhere?.segmentVersions[0], '2.5');
        }
    });

    it('does not judge site-defined Z-segments', () => {
        assert.deepEqual(lookupField('HL7v2', '2.5.1', 'ZPI-1'), { status: 'unsupported' });
    });

    it('lists fields and components for completion', () => {
        const pid = listFields('HL7v2', '2.5.1', 'PID-');
        assert.equal(pid.length, 39);
        assert.equal(pid[2].path, 'PID-3');
        assert.deepEqual(listFields('HL7v2', '2.5.1', 'PID-1').map((f) => f.path).slice(0, 3), ['PID-1', 'PID-10', 'PID-11']);
        const components = listFields('HL7v2', '2.5.1', 'PID-3.');
        assert.deepEqual(components.slice(0, 2).map((f) => f.name), ['ID Number', 'Check Digit']);
        assert.ok(components.every((f) => f.path.startsWith('PID-3.')));
        assert.deepEqual(listFields('HL7v2', '2.5.1', 'PID-3.4.').map((f) => f.path), ['PID-3.4.1', 'PID-3.4.2', 'PID-3.4.3']);
        const all = listFields('HL7v2', '2.5.1');
        assert.ok(all.some((f) => f.path === 'MSH-9') && all.some((f) => f.path === 'OBX-5'));
        assert.deepEqual(listFields('HL7v2', 'R4', 'PID-'), []);
    });
});
