/**
 * The services a DICOM interface's message can name: the DIMSE services of PS3.7 (§9 composite, §10 normalized)
 * and the DICOMweb services of PS3.18 (§10). Upper case, as the standard writes them.
 */
export const DICOM_SERVICES: readonly string[] = [
    'C-STORE', 'C-FIND', 'C-GET', 'C-MOVE', 'C-ECHO',
    'N-EVENT-REPORT', 'N-GET', 'N-SET', 'N-ACTION', 'N-CREATE', 'N-DELETE',
    'STOW-RS', 'QIDO-RS', 'WADO-RS', 'WADO-URI', 'UPS-RS'
];
