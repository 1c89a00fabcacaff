/**
 * What a known field is beyond its kind: a calendar date without a time of day, or the assigning authority of an
 * identifier. Rules use these to avoid asking a date for a time zone or an authority for an authority.
 */
import { lookupHl7v2Field } from './hl7v2.js';
import { lookupFhirField } from './fhir.js';
import type { FieldInfo } from './types.js';

/**
 * Whether the field holds a calendar date only: HL7 v2 `DT` (PID-7 in v2.1, date of birth), FHIR `date`
 * (`Patient.birthDate`), DICOM VR `DA` (PatientBirthDate). A date has no time of day, so no time zone applies.
 * Sources: HL7 v2 chapter 2A (DT), FHIR R4 datatypes (date), DICOM PS3.5 §6.2 (DA).
 */
export function isDateOnly(field: FieldInfo): boolean {
    switch (field.standard) {
        case 'HL7v2': return field.dataType === 'DT';
        case 'FHIR': return field.dataType === 'date';
        case 'DICOM': return field.dataType === 'DA';
        default: return false;
    }
}

/** HL7 v2 components that name who assigned an identifier (CX.4, CX.9, CX.10; XCN.9 ...), by their published name. */
const HL7V2_AUTHORITY_NAME = /^assigning (authority|jurisdiction|agency)/i;
/** In an entity identifier (EI), components 2 to 4 (namespace id, universal id and its type) are the assigning authority. */
const HL7V2_EI_AUTHORITY = new Set([2, 3, 4]);

/**
 * Whether the field is the assigning authority of an identifier rather than an identifier: HL7 v2 CX.4 and its
 * subcomponents (PID-3.4, PID-3.4.1) and EI.2-4 (HL7 v2 chapter 2A, CX and EI); FHIR `Identifier.system` and
 * `Identifier.assigner` (FHIR datatypes, Identifier); DICOM Issuer of ... attributes such as IssuerOfPatientID
 * (0010,0021) (PS3.6). `version` is the HL7 v2 or FHIR version the path was looked up in.
 */
export function isAssigningAuthority(field: FieldInfo, version?: string): boolean {
    switch (field.standard) {
        case 'HL7v2': {
            const match = /^(\w{3}-\d+)\.(\d+)/.exec(field.path);
            if (!match) return false;
            const component = lookupHl7v2Field(version, `${match[1]}.${match[2]}`);
            if (component.status === 'known' && HL7V2_AUTHORITY_NAME.test(component.field.name)) return true;
            const parent = lookupHl7v2Field(version, match[1]);
            return parent.status === 'known' && parent.field.dataType === 'EI' && HL7V2_EI_AUTHORITY.has(Number(match[2]));
        }
        case 'FHIR': {
            const match = /^(.+)\.(system|assigner)$/.exec(field.path);
            if (!match) return false;
            if (/^Identifier$/.test(match[1])) return true;
            const parent = lookupFhirField(version, match[1]);
            return parent.status === 'known' && parent.field.dataType === 'Identifier';
        }
        case 'DICOM': return /^IssuerOf/.test(field.name);
        default: return false;
    }
}
