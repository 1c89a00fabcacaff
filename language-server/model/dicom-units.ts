/**
 * The units DICOM PS3.3 (Information Object Definitions) defines for numeric attributes, as UCUM codes, with the
 * module whose attribute description states the unit. A value of these attributes is in that unit by definition:
 * a spec that declares another unit on the DICOM side misreads every value (Pixel Spacing read as micrometres is
 * 1000 times off). Only attributes whose description names the unit are listed; most numeric attributes carry
 * no unit of their own, or one given by another attribute (Rescale Type, Measurement Units Code Sequence).
 */
export const DICOM_UNITS: Readonly<Record<string, { unit: string, source: string }>> = {
    '(0010,1020)': { unit: 'm', source: 'PS3.3 C.7.2.2 Patient Study Module, Patient\'s Size' },
    '(0010,1030)': { unit: 'kg', source: 'PS3.3 C.7.2.2 Patient Study Module, Patient\'s Weight' },
    '(0018,0050)': { unit: 'mm', source: 'PS3.3 C.7.6.2 Image Plane Module, Slice Thickness' },
    '(0018,0060)': { unit: 'kV', source: 'PS3.3 C.8.2.1 CT Image Module, KVP (peak kilovoltage)' },
    '(0018,0080)': { unit: 'ms', source: 'PS3.3 C.8.3.1 MR Image Module, Repetition Time' },
    '(0018,0081)': { unit: 'ms', source: 'PS3.3 C.8.3.1 MR Image Module, Echo Time' },
    '(0018,0087)': { unit: 'T', source: 'PS3.3 C.8.3.1 MR Image Module, Magnetic Field Strength' },
    '(0018,0088)': { unit: 'mm', source: 'PS3.3 C.8.3.1 MR Image Module, Spacing Between Slices' },
    '(0018,0090)': { unit: 'mm', source: 'PS3.3 C.8.2.1 CT Image Module, Data Collection Diameter' },
    '(0018,1100)': { unit: 'mm', source: 'PS3.3 C.8.2.1 CT Image Module, Reconstruction Diameter' },
    '(0018,1110)': { unit: 'mm', source: 'PS3.3 C.8.2.1 CT Image Module, Distance Source to Detector' },
    '(0018,1111)': { unit: 'mm', source: 'PS3.3 C.8.2.1 CT Image Module, Distance Source to Patient' },
    '(0018,1130)': { unit: 'mm', source: 'PS3.3 C.8.2.1 CT Image Module, Table Height' },
    '(0018,1150)': { unit: 'ms', source: 'PS3.3 C.8.2.1 CT Image Module, Exposure Time' },
    '(0018,1151)': { unit: 'mA', source: 'PS3.3 C.8.2.1 CT Image Module, X-Ray Tube Current' },
    '(0018,1152)': { unit: 'mA.s', source: 'PS3.3 C.8.2.1 CT Image Module, Exposure' },
    '(0018,1164)': { unit: 'mm', source: 'PS3.3 C.8.11.4 DX Detector Module, Imager Pixel Spacing' },
    '(0020,0032)': { unit: 'mm', source: 'PS3.3 C.7.6.2 Image Plane Module, Image Position (Patient)' },
    '(0020,1041)': { unit: 'mm', source: 'PS3.3 C.7.6.2 Image Plane Module, Slice Location' },
    '(0028,0030)': { unit: 'mm', source: 'PS3.3 C.7.6.2 Image Plane Module and 10.7.1.3, Pixel Spacing' },
    '(0040,072A)': { unit: 'mm', source: 'PS3.3 C.8.12.4 Whole Slide Microscopy Image Module, X Offset in Slide Coordinate System' },
    '(0040,073A)': { unit: 'mm', source: 'PS3.3 C.8.12.4 Whole Slide Microscopy Image Module, Y Offset in Slide Coordinate System' },
    '(0040,074A)': { unit: 'um', source: 'PS3.3 C.8.12.4 Whole Slide Microscopy Image Module, Z Offset in Slide Coordinate System' },
    '(0048,0001)': { unit: 'mm', source: 'PS3.3 C.8.12.4 Whole Slide Microscopy Image Module, Imaged Volume Width' },
    '(0048,0002)': { unit: 'mm', source: 'PS3.3 C.8.12.4 Whole Slide Microscopy Image Module, Imaged Volume Height' },
    '(0048,0003)': { unit: 'um', source: 'PS3.3 C.8.12.4 Whole Slide Microscopy Image Module, Imaged Volume Depth' }
};

/** The PS3.3 unit of a DICOM attribute by its tag as the dictionary writes it (`(0028,0030)`), or undefined. */
export function dicomUnitOf(tag: string): { unit: string, source: string } | undefined {
    return DICOM_UNITS[tag.toUpperCase()];
}
