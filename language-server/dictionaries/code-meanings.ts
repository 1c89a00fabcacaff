/**
 * What each code of an HL7 v2 table or a FHIR required value set means: the table value's description
 * (hl7-dictionary, one set of tables for all versions: table 0085 `F` → "Final results; Can only be changed with a
 * corrected result.") or the code's display in the FHIR release (`observation-status` `final` → "Final"). Data:
 * data/code-meanings.json, built by scripts/build-dictionaries.mjs; loaded only when first asked (completion, hover).
 */
import { loadData } from './load-data.js';
import { resolveFhirRelease } from './fhir.js';
import type { FieldInfo } from './types.js';

interface MeaningData {
    /** Table number (`0085`) → code → description. */
    hl7v2: Record<string, Record<string, string>>;
    /** Release → value set id (`observation-status`) → code → display. */
    fhir: Record<'R4' | 'R5', Record<string, Record<string, string>>>;
}

let loaded: MeaningData | undefined;

function load(): MeaningData {
    loaded ??= loadData<MeaningData>(() => require('./data/code-meanings.json'), './data/code-meanings.json');
    return loaded;
}

/**
 * The meaning of each code of the field's table (HL7 v2) or required value set (FHIR, in the release `version`
 * names; R4 when none), by code; empty when the field has no table or the source gives no texts.
 */
export function codeMeanings(field: Pick<FieldInfo, 'standard' | 'table'>, version?: string): ReadonlyMap<string, string> {
    if (!field.table) return new Map();
    let meanings: Record<string, string> | undefined;
    if (field.standard === 'HL7v2') {
        meanings = load().hl7v2[field.table];
    } else if (field.standard === 'FHIR') {
        const release = resolveFhirRelease(version) ?? 'R4';
        meanings = load().fhir[release][field.table];
    }
    return new Map(Object.entries(meanings ?? {}));
}
