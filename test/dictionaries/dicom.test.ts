import { strict as assert } from 'node:assert';
import { listFields, lookupField, type FieldInfo } from '../../language-server/dictionaries/index.js';

function known(path: string): FieldInfo {
    const result = lookupField('DICOM', undefined, path);
    assert.equal(result.status, 'known', `${path} should be known, got ${JSON.stringify(result)}`);
    return (result as { field: FieldInfo }).field;
}

describe('dictionaries: DICOM', () => {
    it('finds an attribute by tag in any written form and by keyword', () => {
        const expected = { standard: 'DICOM', path: '(0010,0020)', name: 'PatientID', dataType: 'LO', kind: 'identifier', valueMultiplicity: '1' };
        for (const path of ['(0010,0020)', '0010,0020', '00100020', 'PatientID']) {
            assert.deepEqual(known(path), expected, path);
        }
        assert.equal(known('(0008,0050)').name, 'AccessionNumber');
        assert.equal(known('AccessionNumber').path, '(0008,0050)');
    });

    it('maps VRs to kinds', () => {
        assert.equal(known('AccessionNumber').kind, 'identifier');
        assert.equal(known('StudyInstanceUID').kind, 'identifier');
        assert.equal(known('StudyDate').kind, 'timestamp');
        assert.equal(known('StudyTime').kind, 'timestamp');
        assert.equal(known('AcquisitionDateTime').kind, 'timestamp');
        assert.equal(known('Modality').kind, 'code');
        assert.equal(known('PatientWeight').kind, 'quantity');
        assert.equal(known('Rows').dataType, 'US');
        assert.equal(known('Rows').kind, 'quantity');
        assert.equal(known('PatientName').kind, 'text');
        assert.equal(known('ReferencedStudySequence').kind, 'other');
    });

    it('knows repeating groups and retired attributes', () => {
        const overlay = known('(6002,3000)');
        assert.equal(overlay.name, 'OverlayData');
        assert.equal(overlay.path, '(6002,3000)');
        assert.equal(known('(60xx,3000)').name, 'OverlayData');
        const retired = known('(0028,1200)');
        assert.equal(retired.name, 'GrayLookupTableData');
        assert.equal(retired.retired, true);
        assert.equal(known('PatientID').retired, undefined);
    });

    it('does not judge private tags, and suggests the closest keyword', () => {
        assert.deepEqual(lookupField('DICOM', undefined, '(0009,0010)'), { status: 'unsupported' });
        assert.deepEqual(lookupField('DICOM', undefined, '(0010,0021)').status, 'known');
        assert.deepEqual(lookupField('DICOM', undefined, '(0010,0002)'), { status: 'unknown' });
        assert.deepEqual(lookupField('DICOM', undefined, 'PatientNmae'), { status: 'unknown', suggestion: 'PatientName' });
        assert.deepEqual(lookupField('DICOM', undefined, 'AccesionNumber'), { status: 'unknown', suggestion: 'AccessionNumber' });
    });

    it('lists attributes by tag or keyword prefix', () => {
        const group = listFields('DICOM', undefined, '(0010,');
        assert.ok(group.length > 20);
        assert.ok(group.every((f) => f.path.startsWith('(0010,')));
        const patient = listFields('DICOM', undefined, 'PatientI');
        assert.ok(patient.some((f) => f.name === 'PatientID'));
        assert.ok(patient.every((f) => f.name.startsWith('PatientI')));
    });
});
