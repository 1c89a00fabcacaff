// Regenerates language-server/dictionaries/data/code-equivalences.json: what status, priority, sex and class codes
// mean across HL7 v2 tables, FHIR value sets and DICOM defined terms, and the published HL7 v2-to-FHIR concept maps
// between them. coded-values reads it to find a code map entry that gives a code another meaning
// (`HD -> active`: held becomes active).
//
//   node scripts/build-code-equivalences.mjs --repo DIR [--commit SHA]
//
// DIR is a git directory (or clone) of https://github.com/HL7/v2-to-fhir, the HL7 v2-to-FHIR implementation guide
// (HL7 specification content, Apache License 2.0 per its LICENSE file). The concept maps are read with `git show`
// at the pinned commit below, from mappings/codesystems/ and one row of mappings/segments/; nothing else of it is
// copied. Each code's meaning class is curated here from the code's definition in its table or value set (the HL7 v2
// table texts, the FHIR value set definitions, DICOM PS3.3 enumerated values), each system with its source.
// The output is deterministic: same commit, same bytes.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const COMMIT = '8c9b414be1729c98988b17e7fa86221fc8018c73';
const REPOSITORY = 'https://github.com/HL7/v2-to-fhir';
const OUT = join(resolve(fileURLToPath(import.meta.url), '..', '..'), 'language-server', 'dictionaries', 'data', 'code-equivalences.json');

const args = process.argv.slice(2);
const repo = args[args.indexOf('--repo') + 1];
const commit = args.includes('--commit') ? args[args.indexOf('--commit') + 1] : COMMIT;
if (!args.includes('--repo') || !repo) {
    console.error('usage: node scripts/build-code-equivalences.mjs --repo <git dir of HL7/v2-to-fhir> [--commit <sha>]');
    process.exit(2);
}

/** One file of the repository at the commit, as text. */
function show(path) {
    return execFileSync('git', ['--git-dir', repo, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 24 });
}

/** RFC 4180 rows (quoted fields with commas, doubled quotes). */
function csvRows(text) {
    const rows = [];
    let row = [], field = '', quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
            else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') { row.push(field); field = ''; }
        else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n') i++;
            row.push(field); rows.push(row); row = []; field = '';
        } else field += c;
    }
    if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
    return rows;
}

const CONCEPT_MAP = name => `mappings/codesystems/HL7 Concept Map_ ${name} - Sheet1.csv`;

/**
 * The v2 code → FHIR codes pairs of one concept map sheet: rows whose v2 code and FHIR code are both given and whose
 * FHIR code system is `system` (a sheet may mix targets of several systems: PatientClass gives v2-0004 codes too).
 */
function conceptMap(name, system) {
    const pairs = {};
    for (const row of csvRows(show(CONCEPT_MAP(name))).slice(2)) {
        const [code, , table] = row;
        const target = (row[6] ?? '').trim();
        const targetSystem = row.slice(7).find(cell => /^https?:\/\//.test(cell.trim()))?.trim();
        if (!code?.trim() || !/^HL7\d{4}$/.test(table?.trim() ?? '') || !target || targetSystem !== system) continue;
        (pairs[code.trim()] ??= []).push(target);
    }
    return pairs;
}

/** TXA-19 AV -> DocumentReference.status current: the one value the TXA segment sheet maps (other codes go to an extension). */
function txaAvailability() {
    const path = 'mappings/segments/HL7 Segment - FHIR R4_ TXA[DocumentReference] - Sheet1.csv';
    const row = csvRows(show(path)).find(cells => cells[1] === 'TXA-19' && cells.some(cell => /TXA-19 = "AV"/.test(cell)));
    if (!row || !row.includes('"current"')) throw new Error(`TXA-19 AV -> current not found in ${path}`);
    return { path, pairs: { AV: ['current'] } };
}

const V2_TEXT = 'HL7 v2 table texts (HL7 v2.5.1, as hl7-dictionary 1.0.1 gives them)';
const FHIR_VS = 'FHIR R4 value set definitions (hl7.fhir.r4b.core 4.3.0)';

/**
 * The meaning classes, per domain. `classes`: class → what it means (for messages); `vague`: classes that say
 * nothing specific (unknown, other): a code mapped into one loses its meaning but is given no false one;
 * `near`: class pairs whose confusion is a loss of detail, not a contradiction (a correction filed as a final
 * result); `alike`: class pairs that carry the same news to a receiver (a result cancelled or entered in error: either
 * withdraws it, as the FHIR DiagnosticReport.status definitions say); `scenarios`: the exception scenario a class
 * carries (`on correction` for a corrected result); `systems`: code system → { source, codes: code → class }; a code
 * without a class (table 0085 N, not asked) is not judged. `maps`: the published v2-to-FHIR concept maps.
 */
const DOMAINS = [
    {
        id: 'result-status',
        classes: {
            registered: 'no result yet', preliminary: 'a preliminary result', final: 'the final result',
            changed: 'a corrected or amended final result', cancelled: 'no result: cancelled', error: 'withdrawn: entered in error', unknown: 'status unknown'
        },
        vague: ['unknown'],
        near: [['final', 'changed'], ['registered', 'preliminary']],
        alike: [['cancelled', 'error']],
        scenarios: { changed: 'correction', cancelled: 'cancellation', error: 'cancellation' },
        systems: {
            'fhir:observation-status': { source: FHIR_VS, codes: { registered: 'registered', preliminary: 'preliminary', final: 'final', amended: 'changed', corrected: 'changed', cancelled: 'cancelled', 'entered-in-error': 'error', unknown: 'unknown' } },
            'fhir:diagnostic-report-status': { source: FHIR_VS, codes: { registered: 'registered', partial: 'preliminary', preliminary: 'preliminary', final: 'final', amended: 'changed', corrected: 'changed', appended: 'changed', cancelled: 'cancelled', 'entered-in-error': 'error', unknown: 'unknown' } },
            'fhir:composition-status': { source: FHIR_VS, codes: { preliminary: 'preliminary', final: 'final', amended: 'changed', 'entered-in-error': 'error' } },
            'v2:0085': { source: `${V2_TEXT}; the classes of A, C, D, F, P, W, X follow the concept map`, codes: { I: 'registered', R: 'preliminary', S: 'preliminary', B: 'changed', U: 'final' } },
            'v2:0123': { source: `${V2_TEXT}; the classes of C, F, I, O, P, R, S, X follow the concept map`, codes: { A: 'preliminary' } }
        },
        maps: [
            { from: 'v2:0085', to: 'fhir:observation-status', sheet: 'ObservationResultStatusCodesInterpretation', system: 'http://hl7.org/fhir/observation-status' },
            { from: 'v2:0123', to: 'fhir:diagnostic-report-status', sheet: 'ResultStatus[Non-Queries]', system: 'http://hl7.org/fhir/diagnostic-report-status' }
        ]
    },
    {
        id: 'order-status',
        classes: { draft: 'not yet active (draft)', active: 'active', 'on-hold': 'on hold', ended: 'cancelled, discontinued or replaced', completed: 'completed', error: 'entered in error', unknown: 'status unknown' },
        vague: ['unknown'],
        near: [],
        alike: [['ended', 'error']],
        systems: {
            'fhir:request-status': { source: FHIR_VS, codes: { draft: 'draft', active: 'active', 'on-hold': 'on-hold', revoked: 'ended', completed: 'completed', 'entered-in-error': 'error', unknown: 'unknown' } },
            'fhir:medicationrequest-status': { source: FHIR_VS, codes: { draft: 'draft', active: 'active', 'on-hold': 'on-hold', cancelled: 'ended', stopped: 'ended', completed: 'completed', 'entered-in-error': 'error', unknown: 'unknown' } },
            'fhir:medication-statement-status': { source: FHIR_VS, codes: { active: 'active', 'on-hold': 'on-hold', stopped: 'ended', completed: 'completed', 'entered-in-error': 'error', unknown: 'unknown' } },
            'v2:0038': { source: `${V2_TEXT}; the classes follow the concept map`, codes: {} }
        },
        maps: [
            { from: 'v2:0038', to: 'fhir:request-status', sheet: 'OrderStatus', system: 'http://hl7.org/fhir/request-status' }
        ]
    },
    {
        id: 'administration-status',
        classes: { completed: 'given (completed)', 'not-done': 'not given', 'in-progress': 'in progress', 'on-hold': 'on hold', stopped: 'stopped before the end', error: 'entered in error', unknown: 'status unknown' },
        vague: ['unknown'],
        near: [['completed', 'stopped'], ['in-progress', 'on-hold']],
        systems: {
            'fhir:event-status': { source: FHIR_VS, codes: { 'in-progress': 'in-progress', 'not-done': 'not-done', 'on-hold': 'on-hold', stopped: 'stopped', completed: 'completed', 'entered-in-error': 'error', unknown: 'unknown' } },
            'fhir:medication-admin-status': { source: FHIR_VS, codes: { 'in-progress': 'in-progress', 'not-done': 'not-done', 'on-hold': 'on-hold', stopped: 'stopped', completed: 'completed', 'entered-in-error': 'error', unknown: 'unknown' } },
            'fhir:immunization-status': { source: FHIR_VS, codes: { completed: 'completed', 'not-done': 'not-done', 'entered-in-error': 'error' } },
            'v2:0322': { source: `${V2_TEXT}; the classes follow the concept map`, codes: {} }
        },
        maps: [
            { from: 'v2:0322', to: 'fhir:event-status', sheet: 'CompletionStatus', system: 'http://hl7.org/fhir/event-status' }
        ]
    },
    {
        id: 'document-availability',
        classes: { available: 'available for patient care', obsolete: 'obsolete (superseded)', cancelled: 'cancelled', unavailable: 'unavailable for patient care', error: 'entered in error' },
        near: [['obsolete', 'cancelled'], ['obsolete', 'unavailable'], ['cancelled', 'unavailable'], ['obsolete', 'error'], ['unavailable', 'error']],
        alike: [['cancelled', 'error']],
        systems: {
            'v2:0273': { source: `${V2_TEXT}: AV available for patient care, CA deleted, OB obsolete, UN unavailable for patient care`, codes: { AV: 'available', OB: 'obsolete', CA: 'cancelled', UN: 'unavailable' } },
            'fhir:document-reference-status': { source: FHIR_VS, codes: { current: 'available', superseded: 'obsolete', 'entered-in-error': 'error' } }
        },
        maps: [{ from: 'v2:0273', to: 'fhir:document-reference-status', segment: 'txa' }]
    },
    {
        id: 'priority',
        classes: { urgent: 'sooner than routine (urgent, ASAP, STAT)', routine: 'routine', elective: 'elective' },
        near: [['routine', 'elective']],
        systems: {
            'fhir:request-priority': { source: `${FHIR_VS}: urgent, asap and stat are each "sooner than" routine`, codes: { routine: 'routine', urgent: 'urgent', asap: 'urgent', stat: 'urgent' } },
            'v2:0027': { source: `${V2_TEXT}: S stat, A ASAP, R routine (P preop, C callback, T timing critical and PRN rank no urgency)`, codes: { S: 'urgent', A: 'urgent', R: 'routine' } },
            'v2:0485': { source: `${V2_TEXT}: S stat, A ASAP, R routine; the classes follow the concept map`, codes: {} },
            'v2:0280': { source: `${V2_TEXT}: S STAT, A ASAP, R routine (RF1-2 Referral Priority)`, codes: { S: 'urgent', A: 'urgent', R: 'routine' } },
            'v2:0217': { source: `${V2_TEXT}: 1 emergency, 2 urgent, 3 elective (PV2-25 Visit Priority Code)`, codes: { 1: 'urgent', 2: 'urgent', 3: 'elective' } },
            'fhir:v3-ActPriority': { source: 'HL7 v3 ActPriority (Encounter.priority, example binding): EM emergency, UR urgent, S stat, A ASAP, R routine, EL elective', codes: { EM: 'urgent', UR: 'urgent', S: 'urgent', A: 'urgent', R: 'routine', EL: 'elective' } },
            'dicom:(0040,1003)': { source: 'DICOM PS3.3 C.4.11 Requested Procedure Priority (0040,1003): STAT, HIGH, ROUTINE, MEDIUM, LOW (MEDIUM and LOW rank below HIGH, unclassed)', codes: { STAT: 'urgent', HIGH: 'urgent', ROUTINE: 'routine' } }
        },
        maps: [
            { from: 'v2:0485', to: 'fhir:request-priority', sheet: 'ExtendedPriorityCodes', system: 'http://hl7.org/fhir/request-priority' },
            { from: 'v2:0217', to: 'fhir:v3-ActPriority', sheet: 'EncounterPriority', system: 'http://terminology.hl7.org/CodeSystem/v3-ActPriority' }
        ]
    },
    {
        id: 'sex',
        classes: { female: 'female', male: 'male', other: 'other (ambiguous, not applicable)', unknown: 'unknown' },
        vague: ['other', 'unknown'],
        near: [],
        systems: {
            'fhir:administrative-gender': { source: FHIR_VS, codes: { female: 'female', male: 'male', other: 'other', unknown: 'unknown' } },
            'v2:0001': { source: `${V2_TEXT}; the classes follow the concept map`, codes: {} },
            'dicom:(0010,0040)': { source: 'DICOM PS3.3 C.7.1.1 Patient\'s Sex (0010,0040): M male, F female, O other', codes: { M: 'male', F: 'female', O: 'other' } }
        },
        maps: [
            { from: 'v2:0001', to: 'fhir:administrative-gender', sheet: 'AdministrativeSex', system: 'http://hl7.org/fhir/administrative-gender' }
        ]
    },
    {
        id: 'patient-class',
        classes: { emergency: 'emergency', inpatient: 'inpatient', outpatient: 'outpatient (ambulatory)', preadmit: 'pre-admission' },
        near: [['emergency', 'outpatient'], ['preadmit', 'inpatient'], ['preadmit', 'outpatient']],
        systems: {
            'v2:0004': { source: `${V2_TEXT}: E emergency, I inpatient, O outpatient, P preadmit; the classes follow the concept map (R, B, C, N, U unclassed)`, codes: {} },
            'fhir:v3-ActEncounterCode': { source: 'HL7 v3 ActEncounterCode (the R4 binding of Encounter.class): EMER, IMP, ACUTE, NONAC, AMB, PRENC', codes: { EMER: 'emergency', IMP: 'inpatient', ACUTE: 'inpatient', NONAC: 'inpatient', AMB: 'outpatient', PRENC: 'preadmit' } }
        },
        maps: [
            { from: 'v2:0004', to: 'fhir:v3-ActEncounterCode', sheet: 'PatientClass[EncounterClass]', system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode' }
        ]
    },
    {
        id: 'yes-no',
        classes: { yes: 'yes', no: 'no' },
        near: [],
        systems: {
            'v2:0136': { source: `${V2_TEXT}: Y yes, N no`, codes: { Y: 'yes', N: 'no' } },
            'fhir:boolean': { source: 'FHIR boolean', codes: { true: 'yes', false: 'no' } }
        },
        maps: [
            { from: 'v2:0136', to: 'fhir:boolean', sheet: 'YesNoIndicator', system: 'http://terminology.hl7.org/CodeSystem/special-values' }
        ]
    },
    {
        id: 'allergy-severity',
        classes: { severe: 'severe (high risk)', moderate: 'moderate', mild: 'mild (low risk)', unknown: 'unknown' },
        vague: ['unknown'],
        near: [['severe', 'moderate'], ['moderate', 'mild']],
        systems: {
            'v2:0128': { source: `${V2_TEXT}: SV severe, MO moderate, MI mild, U unknown`, codes: { SV: 'severe', MO: 'moderate', MI: 'mild', U: 'unknown' } },
            'fhir:allergy-intolerance-criticality': { source: FHIR_VS, codes: { high: 'severe', low: 'mild', 'unable-to-assess': 'unknown' } },
            'fhir:reaction-event-severity': { source: FHIR_VS, codes: { severe: 'severe', moderate: 'moderate', mild: 'mild' } }
        },
        maps: [
            { from: 'v2:0128', to: 'fhir:allergy-intolerance-criticality', sheet: 'AllergySeverity[AllergyIntolerance.criticality]', system: 'http://hl7.org/fhir/allergy-intolerance-criticality' },
            { from: 'v2:0128', to: 'fhir:reaction-event-severity', sheet: 'AllergySeverity[AllergyIntolerance.reaction.severity]', system: 'http://hl7.org/fhir/reaction-event-severity' }
        ]
    },
    {
        id: 'appointment-status',
        classes: { pending: 'pending or proposed', waitlist: 'waitlisted', booked: 'booked', arrived: 'arrived or started', fulfilled: 'completed', cancelled: 'cancelled', noshow: 'no show', error: 'entered in error' },
        near: [['pending', 'waitlist'], ['pending', 'booked'], ['arrived', 'fulfilled']],
        alike: [['cancelled', 'error']],
        systems: {
            'v2:0278': { source: `${V2_TEXT}; the classes follow the concept map`, codes: {} },
            'fhir:appointmentstatus': { source: FHIR_VS, codes: { proposed: 'pending', pending: 'pending', waitlist: 'waitlist', booked: 'booked', arrived: 'arrived', 'checked-in': 'arrived', fulfilled: 'fulfilled', cancelled: 'cancelled', noshow: 'noshow', 'entered-in-error': 'error' } }
        },
        maps: [
            { from: 'v2:0278', to: 'fhir:appointmentstatus', sheet: 'FillerStatusCodes[Appointment]', system: 'http://hl7.org/fhir/appointmentstatus' }
        ]
    },
    {
        id: 'rt-approval',
        classes: { approved: 'approved: a reviewer recorded that it met the criterion', unapproved: 'not yet reviewed', rejected: 'rejected: a reviewer recorded that it failed the criterion' },
        near: [['unapproved', 'rejected']],
        systems: {
            'dicom:(300E,0002)': { source: 'DICOM PS3.3 C.8.8.16 Approval Module, Approval Status (300E,0002) enumerated values', codes: { APPROVED: 'approved', UNAPPROVED: 'unapproved', REJECTED: 'rejected' } }
        },
        maps: []
    },
    {
        id: 'rt-termination',
        classes: { normal: 'terminated normally (delivered in full)', interrupted: 'terminated by the operator or the machine', unknown: 'unknown' },
        vague: ['unknown'],
        near: [],
        systems: {
            'dicom:(3008,002A)': { source: 'DICOM PS3.3 C.8.8.22 Treatment Session Beam Sequence, Treatment Termination Status (3008,002A) enumerated values: NORMAL, OPERATOR, MACHINE, UNKNOWN', codes: { NORMAL: 'normal', OPERATOR: 'interrupted', MACHINE: 'interrupted', UNKNOWN: 'unknown' } }
        },
        maps: []
    }
];

/** Fields whose dictionary entry names no table but whose standard names one: the TQ priority component (table 0027), Encounter.class and .priority (v3). */
const FIELDS = {
    'ORC-7.6': 'v2:0027',
    'OBR-27.6': 'v2:0027',
    'TQ1-9.1': 'v2:0485',
    'Encounter.class': 'fhir:v3-ActEncounterCode',
    'Encounter.priority': 'fhir:v3-ActPriority',
    'Encounter.priority.coding.code': 'fhir:v3-ActPriority',
    'Encounter.class.code': 'fhir:v3-ActEncounterCode'
};

const domains = DOMAINS.map(domain => {
    const systems = structuredClone(domain.systems);
    const maps = domain.maps.map(map => {
        const { path, pairs } = map.segment === 'txa' ? txaAvailability() : { path: CONCEPT_MAP(map.sheet), pairs: conceptMap(map.sheet, map.system) };
        if (Object.keys(pairs).length === 0) throw new Error(`no pairs in ${path}`);
        // A v2 code the curation does not class takes the class of its published targets, where they agree.
        const from = systems[map.from].codes;
        const to = systems[map.to].codes;
        for (const [code, targets] of Object.entries(pairs)) {
            const classes = [...new Set(targets.map(target => to[target]).filter(Boolean))];
            if (from[code] === undefined && classes.length === 1) from[code] = classes[0];
        }
        return { from: map.from, to: map.to, source: path, pairs: Object.fromEntries(Object.entries(pairs).sort(([a], [b]) => a.localeCompare(b))) };
    });
    for (const system of Object.values(systems)) system.codes = Object.fromEntries(Object.entries(system.codes).sort(([a], [b]) => a.localeCompare(b)));
    return { id: domain.id, classes: domain.classes, vague: domain.vague ?? [], near: domain.near, alike: domain.alike ?? [], scenarios: domain.scenarios ?? {}, systems, maps };
});

const data = {
    source: `Published concept maps of the HL7 v2-to-FHIR implementation guide (${REPOSITORY}, commit ${commit}, folder mappings/codesystems/ and the TXA segment sheet; `
        + 'HL7 specification content, Apache License 2.0 per the repository\'s LICENSE), and the meaning of each code curated by '
        + 'scripts/build-code-equivalences.mjs from its definition: HL7 v2 table texts, FHIR R4 value sets (CC0-1.0), DICOM PS3.3 enumerated values (free to use).',
    repository: REPOSITORY,
    commit,
    licence: 'Apache-2.0',
    fields: FIELDS,
    domains
};
writeFileSync(OUT, `${JSON.stringify(data, null, 1)}\n`);
console.log(`wrote ${OUT}: ${domains.length} domains, ${domains.reduce((n, d) => n + d.maps.length, 0)} concept maps`);
