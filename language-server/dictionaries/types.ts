/** What a field holds, as far as the checks on mappings care. */
export type FieldKind = 'identifier' | 'quantity' | 'timestamp' | 'code' | 'text' | 'other';

export type Standard = 'HL7v2' | 'FHIR' | 'DICOM';

/** One field of a standard, as its published definition describes it. */
export interface FieldInfo {
    standard: Standard;
    /** The canonical form of the path: `PID-3.1`, `Observation.valueQuantity.value`, `(0010,0020)`. */
    path: string;
    /** HL7 v2: the field or component name; FHIR: the element's short description; DICOM: the keyword. */
    name: string;
    /** HL7 v2 data type (`CX`), FHIR type(s) (`Quantity`, `Quantity|string` for an open choice), DICOM VR. */
    dataType: string;
    kind: FieldKind;
    /** HL7 v2 table number (`0085`) or FHIR value set id (`observation-status`). */
    table?: string;
    /** The codes the table or required value set allows, where the standard fixes them. */
    codes?: string[];
    /** DICOM: the attribute is retired from the standard. */
    retired?: boolean;
    /** DICOM: the value multiplicity of PS3.6 (`1`, `1-n`, `2`): how many values the attribute holds. */
    valueMultiplicity?: string;
}

export type FieldLookup =
    | { status: 'known', field: FieldInfo }
    | {
        status: 'unknown', suggestion?: string,
        /** HL7 v2: the version looked in, when the path exists in other published versions. */
        version?: string,
        /** HL7 v2: the published versions that have the path, and those that have its segment (ascending). */
        elsewhere?: { versions: string[], segmentVersions: string[] }
    }
    | { status: 'unsupported' };
