/**
 * Field dictionaries of HL7 v2, FHIR and DICOM, derived from their published definitions (see
 * docs/dictionaries.md). Lookups run on every keystroke: each standard's data is loaded once, on first use, and
 * indexed by segment, resource or tag.
 */
import { listDicomFields, lookupDicomField } from './dicom.js';
import { listFhirFields, lookupFhirField } from './fhir.js';
import { listHl7v2Fields, lookupHl7v2Field } from './hl7v2.js';
import { DICOM_PATH, FHIR_PATH, HL7V2_PATH, fhirDictionaryPath } from './path-forms.js';
import type { FieldInfo, FieldLookup, Standard } from './types.js';

export type { FieldInfo, FieldKind, FieldLookup, Standard } from './types.js';
export { hl7v2VersionStatus, type Hl7v2VersionStatus } from './hl7v2.js';
export { isAssigningAuthority, isDateOnly } from './field-traits.js';

/** Which standard a path is written for, judged by its form alone: `PID-3.1`, `Patient.identifier`, `(0010,0020)` or `PatientID`. */
export function detectStandard(path: string): Standard | undefined {
    const text = path.trim();
    if (HL7V2_PATH.test(text)) return 'HL7v2';
    if (DICOM_PATH.test(text)) return 'DICOM';
    if (FHIR_PATH.test(fhirDictionaryPath(text))) return 'FHIR';
    return undefined;
}

/**
 * Looks a path up in the dictionary of a standard and version (`2.5.1`, `R4`, ...; undefined means the latest
 * HL7 v2 we have, FHIR R4). 'unsupported' means there is nothing to check against: a version or a kind of path
 * (Z-segments, FHIR extensions by URL, DICOM private tags) that no published dictionary covers.
 */
export function lookupField(standard: Standard, version: string | undefined, path: string): FieldLookup {
    switch (standard) {
        case 'HL7v2': return lookupHl7v2Field(version, path.trim());
        case 'FHIR': return lookupFhirField(version, path.trim());
        case 'DICOM': return lookupDicomField(path.trim());
        default: return { status: 'unsupported' };
    }
}

/**
 * Fields for completion: the children of the last complete part of `prefix` whose path starts with it
 * (`PID-` lists PID's fields, `PID-3.` the components of PID-3, `Observation.` Observation's elements).
 */
export function listFields(standard: Standard, version: string | undefined, prefix = ''): FieldInfo[] {
    switch (standard) {
        case 'HL7v2': return listHl7v2Fields(version, prefix.trim());
        case 'FHIR': return listFhirFields(version, prefix.trim());
        case 'DICOM': return listDicomFields(prefix.trim());
        default: return [];
    }
}
