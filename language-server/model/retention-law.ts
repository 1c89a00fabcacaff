/**
 * Minimum retention of health records by jurisdiction and record class, as the law (or the statutory code of
 * practice) says it, each with its source. Jurisdictions are ISO 3166-1 alpha-2 country codes or ISO 3166-2
 * subdivision codes (`SE`, `US`, `AU-NSW`, `GB-ENG`); `EU` applies to every member state. A row of professional guidance
 * that the jurisdiction's records codes adopt (the RCPath retention guidance in the UK) says so in its source. A subdivision also takes the
 * minimums of its country. interspec.yaml adds to or replaces these rows (`retention-law: { minimums: [...] }`).
 *
 * Record classes: `health-record` (the patient record of a hospital or practice), `pathology-report`,
 * `histopathology-slide`, `cytology-slide`, `transfusion-traceability` (the data that trace a blood component from
 * donor to recipient).
 */
export interface RetentionMinimum {
    jurisdiction: string;
    record: string;
    minimum: string;
    source: string;
}

export const RETENTION_MINIMUMS: readonly RetentionMinimum[] = [
    { jurisdiction: 'SE', record: 'health-record', minimum: '10y', source: 'Patientdatalagen (2008:355) 3 kap. 17 §: a patient record is kept at least ten years after the last entry' },
    { jurisdiction: 'DE', record: 'health-record', minimum: '10y', source: 'BGB § 630f Abs. 3: the patient record is kept ten years after the treatment ends' },
    { jurisdiction: 'FR', record: 'health-record', minimum: '20y', source: 'Code de la santé publique, art. R1112-7: the medical record of a health establishment is kept twenty years from the last stay or consultation' },
    { jurisdiction: 'NZ', record: 'health-record', minimum: '10y', source: 'Health (Retention of Health Information) Regulations 1996, reg. 6: ten years from the day after the last date services were provided' },
    { jurisdiction: 'AU-NSW', record: 'health-record', minimum: '7y', source: 'Health Records and Information Privacy Act 2002 (NSW), s. 25: an adult\'s health information is kept seven years from the last occasion of service' },
    { jurisdiction: 'GB-ENG', record: 'health-record', minimum: '8y', source: 'Records Management Code of Practice 2021 (NHS England), retention schedule: adult health records eight years after the conclusion of treatment' },
    { jurisdiction: 'GB-SCT', record: 'health-record', minimum: '6y', source: 'Records Management Code of Practice for Health and Social Care (Scotland) 2020, retention schedule: adult health records six years after the last entry (three years after death)' },
    { jurisdiction: 'GB', record: 'cytology-slide', minimum: '10y', source: 'The Royal College of Pathologists and IBMS, The retention and storage of pathological records and specimens (5th edition, G031, 2015), which the UK nations\' records codes of practice adopt for pathology: cytology slides (gynaecological and not) ten years' },
    { jurisdiction: 'CA-ON', record: 'health-record', minimum: '10y', source: 'Public Hospitals Act, R.R.O. 1990, Reg. 965, s. 20: a hospital\'s medical record is kept ten years after the patient\'s last discharge (for a minor, ten years after the eighteenth birthday)' },
    { jurisdiction: 'ES', record: 'health-record', minimum: '5y', source: 'Ley 41/2002 de autonomía del paciente, art. 17.1: the clinical record is kept at least five years from the discharge of each care episode' },
    { jurisdiction: 'AU-VIC', record: 'health-record', minimum: '7y', source: 'Health Records Act 2001 (Vic), Schedule 1, HPP 4.2: an adult\'s health information is kept seven years from the last occasion of service' },
    { jurisdiction: 'US', record: 'health-record', minimum: '5y', source: '42 CFR 482.24(b)(1) (Medicare Conditions of Participation for hospitals): medical records are retained at least five years' },
    { jurisdiction: 'US-AZ', record: 'health-record', minimum: '6y', source: 'A.R.S. § 12-2297(A)(1): an adult patient\'s records are kept at least six years after the last date the patient received services' },
    { jurisdiction: 'US', record: 'pathology-report', minimum: '10y', source: '42 CFR 493.1105 (CLIA): pathology test reports are retained at least ten years after the date of reporting' },
    { jurisdiction: 'US', record: 'histopathology-slide', minimum: '10y', source: '42 CFR 493.1105 (CLIA): histopathology slides are retained at least ten years from the date of examination' },
    { jurisdiction: 'US', record: 'cytology-slide', minimum: '5y', source: '42 CFR 493.1105 (CLIA): cytology slides are retained at least five years from the date of examination' },
    { jurisdiction: 'EU', record: 'transfusion-traceability', minimum: '30y', source: 'Directive 2002/98/EC, art. 14(3): the data needed for full traceability of blood and blood components are kept at least 30 years' }
];

/** The member states of the European Union (ISO 3166-1 alpha-2). */
const EU_MEMBERS = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
    'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

/** An ISO 3166-1 alpha-2 code or an ISO 3166-2 subdivision code: `SE`, `US-AZ`, `ES-CN`, `NZ-CIT`. */
export const JURISDICTION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** The jurisdictions whose rows apply where `code` is: itself, its country, and `EU` for a member state. */
export function applicableJurisdictions(code: string): string[] {
    const country = code.split('-')[0];
    return [...new Set([code, country, ...(EU_MEMBERS.has(country) ? ['EU'] : [])])];
}

/** The rows that apply to a record class in a jurisdiction, given the table in force. */
export function minimumsFor(code: string, record: string, table: readonly RetentionMinimum[]): RetentionMinimum[] {
    const places = applicableJurisdictions(code);
    return table.filter(row => row.record === record && places.includes(row.jurisdiction));
}

/** The table in force: the built-in rows, with each row of interspec.yaml replacing the one of its jurisdiction and class. */
export function retentionTable(overrides: readonly RetentionMinimum[] | undefined): RetentionMinimum[] {
    const rows = overrides ?? [];
    const replaced = (row: RetentionMinimum) => rows.some(o => o.jurisdiction === row.jurisdiction && o.record === row.record);
    return [...RETENTION_MINIMUMS.filter(row => !replaced(row)), ...rows];
}
