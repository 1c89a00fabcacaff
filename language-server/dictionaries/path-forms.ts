/** The written forms of field paths, one per standard; case-tolerant so that typos still find their standard. */

/** `PID-3`, `PID-3.1`, `PID-3.4.1`, `PID-3[2].1`: segment, field, optional repetition, component, subcomponent. */
export const HL7V2_PATH = /^([A-Za-z][A-Za-z0-9]{2})-(\d+)(?:\[(\d+)\])?(?:\.(\d+))?(?:\.(\d+))?$/;

/** `(0010,0020)`, `0010,0020`, `00100020`, or a keyword such as `PatientID` (no dots, dashes or spaces). */
export const DICOM_TAG = /^\(?([0-9A-Fa-fXx]{4}),?([0-9A-Fa-fXx]{4})\)?$/;
export const DICOM_KEYWORD = /^[A-Z][A-Za-z0-9]*$/;
export const DICOM_PATH = new RegExp(`${DICOM_TAG.source}|${DICOM_KEYWORD.source}`);

/** `Patient.identifier`, `Patient.identifier[0].value`, `Observation.value[x]`: a type (capitalised, unlike the JSON paths of REST APIs), then dotted element names. */
export const FHIR_PATH = /^[A-Z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*(?:\[(?:x|\d+)\])?(?:\[\d+\])?)+$/;
