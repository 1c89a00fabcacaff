/**
 * The conformance rule catalog: one entry per rule, read by the rule engine, the CLI (`interspec rules`, SARIF),
 * the language server and the docs test. Each rule's page is `docs/rules/<id>.md`.
 */
import type { RuleSeverity } from '../config/index.js';

export type RuleArea = 'ownership' | 'interoperability' | 'exceptions' | 'go-live' | 'rollout' | 'operations' | 'security';

export interface RuleMeta {
    /** Stable kebab-case id, used in `interspec.yaml`, in `suppress` statements and in reports. */
    id: string;
    area: RuleArea;
    defaultSeverity: RuleSeverity;
    /** One line. */
    summary: string;
    /** What the rule checks and why, in a few sentences. */
    description: string;
    /** Whether a quick fix writes (a placeholder for) the missing piece. */
    fixable: boolean;
}

/** The areas in the order the docs index and `interspec rules` list them. */
export const RULE_AREAS: readonly RuleArea[] = ['ownership', 'interoperability', 'exceptions', 'go-live', 'rollout', 'operations', 'security'];

const CATALOG: RuleMeta[] = [
    {
        id: 'interface-owner', area: 'ownership', defaultSeverity: 'error', fixable: true,
        summary: 'Every interface names exactly one accountable owner.',
        description: 'An interface without an owner, or with several, has nobody who answers for it after go-live: '
            + 'failed messages, updates and escalations fall between teams. Name one team or role with `owner`; '
            + 'others can be notified from exception handlers.'
    },
    {
        id: 'data-owner', area: 'ownership', defaultSeverity: 'error', fixable: true,
        summary: 'Every data set names its owner, retention and access roles.',
        description: 'Data ownership, retention and access privileges that are left vague become compliance '
            + 'ambiguity later. Each `data` element declares `owner`, `retention` and `access`; PHI is kept at least '
            + '`min-phi-retention` (default 1y).'
    },
    {
        id: 'change-authority', area: 'ownership', defaultSeverity: 'warning', fixable: true,
        summary: 'Someone approves changes (updates, patches, configuration) to each interface.',
        description: 'Software updates, cybersecurity patches and configuration changes made without a named approver '
            + 'let an integration drift from its validated state. Each interface names a `change-authority`, or the '
            + 'workspace declares one top-level `change-authority` that covers updates, patches and configuration '
            + '(option `scopes`).'
    },
    {
        id: 'standard-version', area: 'interoperability', defaultSeverity: 'error', fixable: true,
        summary: 'An interface pins its standard and version, not just "HL7".',
        description: 'Standards need local configuration and differ between versions; "HL7" alone says nothing testable. '
            + 'Write `standard HL7v2 "2.5.1"`, `standard FHIR R4`, `standard DICOM "2024b"`, or `standard REST openapi "<file>"`.'
    },
    {
        id: 'patient-identity', area: 'interoperability', defaultSeverity: 'error', fixable: true,
        summary: 'An interface that carries patient data maps a patient identifier with its assigning authority.',
        description: 'Patient matching fails in the edge cases (merged or split records) when the identifier is mapped '
            + 'without saying which authority assigned it. An interface that carries PHI maps at least one identifier '
            + 'with `identifier authority "<authority>"`, and every identifier mapping names its authority. A mapping of '
            + 'the authority itself (PID-3.4, Identifier.system, IssuerOfPatientID) needs none.'
    },
    {
        id: 'units', area: 'interoperability', defaultSeverity: 'warning', fixable: true,
        summary: 'Quantitative fields declare units, and a conversion where source and target units differ.',
        description: 'A result delivered in the wrong unit is clinically misleading even when the message was accepted. '
            + 'A mapping of a quantity declares `units` (or `units per OBX-3 { … }` where units differ per analyte), each unit is a UCUM code, '
            + 'and `units A -> B` with different units gives a `factor` UCUM agrees with (not inverted, not across scales with '
            + 'different zeros such as Cel and [degF]) or a `convert` rule.'
    },
    {
        id: 'timestamps', area: 'interoperability', defaultSeverity: 'warning', fixable: true,
        summary: 'Timestamp fields declare a time zone or clock source.',
        description: 'Out-of-order events and wrong result times come from timestamps whose time zone or clock is assumed. '
            + 'A mapping of a timestamp declares `timezone "<IANA zone>"` (or `clock "<source>"`); the zone, there and on a site, must be a real IANA name, '
            + 'not an offset, an abbreviation or "local time", and no zone or clock text may say the offset is unknown. '
            + 'A calendar date (HL7 v2 DT, FHIR date, DICOM DA on either side) has no time of day and needs no zone.'
    },
    {
        id: 'coded-values', area: 'interoperability', defaultSeverity: 'warning', fixable: true,
        summary: 'Coded fields map every source code they can receive (e.g. result status F, C, X).',
        description: 'A status code the receiver does not map (a corrected or cancelled result) leaves old data active. '
            + 'A mapping of a coded field declares `codes { … }`, lists what the sender sends with `receives`, and maps every received code; '
            + 'an `on correction` or `on cancellation` handler needs the standard\'s codes in the result status field\'s map and '
            + '`receives` (HL7 v2 OBR-25/OBX-11 C, OBR-25 X; FHIR corrected, DiagnosticReport cancelled and entered-in-error), '
            + 'and a received correction or cancellation code needs its handler; '
            + 'a catalogue-sized code set is a governed `codetable` (owner, source system, version) referenced with `codes table <name>`.'
    },
    {
        id: 'known-fields', area: 'interoperability', defaultSeverity: 'error', fixable: true,
        summary: 'Mapped fields exist in the declared standard (HL7 v2 field, FHIR element, DICOM tag).',
        description: 'A mapping to a field that does not exist in the declared standard is a typo that only shows up in '
            + 'interface testing. Source and target paths are checked against the field dictionaries of HL7 v2, FHIR and DICOM, '
            + 'in the version the interface declares (`standard HL7v2 2.3.1 -> 2.5.1` gives the receiver\'s), and Z-segment fields '
            + 'against their `segment` declaration. A private DICOM tag names its private creator; a retired DICOM attribute is a warning.'
    },
    {
        id: 'message-structure', area: 'interoperability', defaultSeverity: 'warning', fixable: true,
        summary: 'The message type exists in the declared standard and version, and mapped HL7 v2 segments belong to its structure.',
        description: 'A mapping from a segment the message does not carry (PV1 in an ORU^R01 of v2.3.1, ORC in an ADT^A01) '
            + 'never receives data: the field stays empty in production. The segment of each HL7 v2 source path is checked '
            + 'against the structure of the message type (table 0354) in the declared version, and the message type against the '
            + 'types that version defines.'
    },
    {
        id: 'type-compatibility', area: 'interoperability', defaultSeverity: 'warning', fixable: false,
        summary: 'Source and target types fit, or the mapping declares the conversion.',
        description: 'A timestamp written into a number, a code into free text or a string into a decimal is rejected by the '
            + 'receiver or silently loses meaning. The dictionary types of both sides must fit (TS/DTM to dateTime or instant, '
            + 'CX to Identifier, CWE/CE to CodeableConcept, NM to decimal or Quantity.value); otherwise the mapping declares '
            + 'the conversion with `as <kind>`, a code map or `units … convert`.'
    },
    {
        id: 'repetition', area: 'interoperability', defaultSeverity: 'warning', fixable: true,
        summary: 'A repeating source mapped into a single-valued target says which repetition.',
        description: 'PID-3 repeats (MRN, national id, insurance number); written into a single-valued element, engines take '
            + 'the first, the last or fail, and the wrong identifier reaches the chart. A repeating HL7 v2 field or FHIR '
            + 'element mapped into a single-valued target names the repetition: `PID-3[1]`, `Patient.name[0].family`, or '
            + '`PID-3[authority = "NHS"]`, which applies only to fields with an assigning authority (CX, XCN, EI, XON).'
    },
    {
        id: 'required-targets', area: 'interoperability', defaultSeverity: 'info', fixable: false,
        summary: 'The required elements of each FHIR resource, and required fields of each HL7 v2 segment built from another standard, are mapped.',
        description: 'A resource without its required elements (Observation.status and code, DiagnosticReport.status and code) '
            + 'is rejected by a conformant FHIR server. For each resource a message maps into, every element of cardinality '
            + '1.. is mapped, or a suppression says how the integration fills it.'
    },
    {
        id: 'master-data', area: 'interoperability', defaultSeverity: 'warning', fixable: false,
        summary: 'Codes and names that several sites use are declared once, not retyped per site.',
        description: 'Device names, identifier authorities and code maps that vary between sites undermine reporting and '
            + 'make enterprise data unreliable. The same device model carries one name at every site, an identifier '
            + 'authority is spelled one way, one source code maps to one target code across interfaces, and a field one interface '
            + 'fills from a code table is filled from the same table (and code maps into it map to its codes) everywhere. '
            + 'Device names, titles and models, site names and titles, and code-table codes (exam catalogues) that differ '
            + 'only in case, spacing or punctuation from another spelling are retyped master data.'
    },
    {
        id: 'alert-routing', area: 'interoperability', defaultSeverity: 'warning', fixable: true,
        summary: 'Device and interface alerts name the operational owner they reach.',
        description: 'Alerts that reach nobody are a warning sign of a failing integration. Each `monitor` block and '
            + 'each system marked `medical-device` names `alerts to <team or role>`.'
    },
    {
        id: 'exception-coverage', area: 'exceptions', defaultSeverity: 'error', fixable: true,
        summary: 'Critical interfaces handle the required exception scenarios.',
        description: 'Integrations fail clinically on the paths nobody designed: downtime and recovery, duplicate '
            + 'identities, corrected results, cancelled orders, out-of-order events and urgent cases. A critical '
            + 'interface has an `on <scenario>` handler for each required scenario (option `required`). On any interface, a '
            + 'scenario that is a misspelling of a known one (`dowtime`) is reported, since it leaves the real one unhandled.'
    },
    {
        id: 'exception-escalation', area: 'exceptions', defaultSeverity: 'warning', fixable: true,
        summary: 'Each exception handler names an escalation owner and a response time.',
        description: 'A handled exception nobody is called for becomes an unresolved incident. Each `on` handler says '
            + '`escalate <team or role> within <duration>`, within the scenario\'s limit (option `max-response`, urgent 1h), and an '
            + 'urgent escalation reaches a party with on-call cover at every hour.'
    },
    {
        id: 'downtime-procedure', area: 'exceptions', defaultSeverity: 'error', fixable: true,
        summary: 'Each site that runs a critical interface has a manual fallback and a recovery reconciliation.',
        description: 'When an interface is down, staff need a fallback, and after recovery someone must reconcile what '
            + 'was done by hand. Each site that runs a critical interface declares `downtime { fallback "…" reconciliation "…" }`.'
    },
    {
        id: 'gate-evidence', area: 'go-live', defaultSeverity: 'error', fixable: true,
        summary: 'Each gate criterion names its evidence and an approver.',
        description: 'A go-live criterion without evidence or approver cannot be decided. Each `criterion` has at least '
            + 'one `evidence "…"` that names a record (empty, blank or placeholder entries name none) and an `approver`.'
    },
    {
        id: 'gate-coverage', area: 'go-live', defaultSeverity: 'error', fixable: true,
        summary: 'Every site that runs a critical interface has a gate, and the gate answers the five go-live questions.',
        description: 'Technical sign-off misses the questions that fail live care: exceptions simulated, data meaning, '
            + 'compliance records, day-one user readiness and load tests. Each site that runs a critical interface has '
            + 'a gate; each gate has a criterion for each of the five questions and covers every critical interface of its sites, '
            + 'and the criteria of the exceptions, data-meaning and load-test questions (option `per-question`) cover each of them too. An '
            + 'interface runs at the sites it lists, or, listing none, where its sending or receiving system is hosted.'
    },
    {
        id: 'training-by-role', area: 'go-live', defaultSeverity: 'warning', fixable: true,
        summary: 'Roles affected by an interface are trained before the gate of each of its sites.',
        description: 'Training delivered as one generic event leaves users unable to handle exceptions on day one. Each '
            + 'role an interface `affects` is named in `trains` of a criterion of the gate of every site the interface runs at '
            + '(its `sites`, or where its systems are hosted). The finding is on the gate that misses it, at its readiness '
            + 'criterion, and names each untrained role with the interfaces that affect it.'
    },
    {
        id: 'site-baseline', area: 'rollout', defaultSeverity: 'warning', fixable: false,
        summary: 'Each site documents its devices and software versions, hosted systems and network capacity.',
        description: 'No two sites are identical; rollout decisions made without a baseline meet aging middleware and '
            + 'constrained bandwidth late. Each site has `baseline { device … version …; hosts …; network … }`.'
    },
    {
        id: 'governed-deviation', area: 'rollout', defaultSeverity: 'error', fixable: false,
        summary: 'A site\'s local deviation references an approved change.',
        description: 'Local customisations that escape central governance complicate upgrades and support. Each '
            + '`deviation` names a `change` whose status is approved or implemented and which has an approver. The same device model '
            + 'runs the same software version at every site (the pilot site\'s, else the most common) unless a deviation of the '
            + 'site names the device (`device <name>`).'
    },
    {
        id: 'phased-rollout', area: 'rollout', defaultSeverity: 'warning', fixable: false,
        summary: 'A pilot site\'s gate precedes the others, or the spec says why not (big-bang).',
        description: 'A pilot lets the team validate assumptions before the wider rollout. When gates exist for several '
            + 'sites, one site is marked `pilot` and every other gate comes `after` a pilot gate, or the workspace says '
            + '`rollout big-bang because "…"`. The pilot goes live on its own and first: its gate names no other site and never '
            + 'comes `after` a non-pilot gate, and a `rollout phased` has no single gate for every site.'
    },
    {
        id: 'transition-plan', area: 'rollout', defaultSeverity: 'warning', fixable: true,
        summary: 'A system that replaces another declares how old and new coexist during the transition.',
        description: 'Many adoption problems happen while old and new methods coexist. `replaces <System>` says '
            + '`transition "<how both run meanwhile>"`.'
    },
    {
        id: 'regulatory-record', area: 'rollout', defaultSeverity: 'warning', fixable: true,
        summary: 'Regulated devices and software declare their regime and class and the site validation record.',
        description: 'Vendor certification does not replace site-specific validation. A system marked `medical-device` '
            + 'declares `regulatory <MDR|IVDR|…> class <class> validation "<record>"`; the record is the site\'s own validation '
            + '(qualification, acceptance tests), not the manufacturer\'s certificate or declaration of conformity. A system whose '
            + '`kind` is a medical device (modality, analyser, steriliser, infusion pump…) is marked `medical-device`.'
    },
    {
        id: 'monitoring', area: 'operations', defaultSeverity: 'warning', fixable: true,
        summary: 'Critical interfaces declare post-go-live metrics with thresholds and an owner.',
        description: 'Failures surface after rollout, under real workload; without monitoring they are found by '
            + 'clinicians. A critical interface has a `monitor` block with at least one `metric` and an `owner`; no monitor is owned by a service account.'
    },
    {
        id: 'vendor-accountability', area: 'operations', defaultSeverity: 'warning', fixable: true,
        summary: 'Vendor systems declare an escalation contact, a response time and a rollback plan.',
        description: 'In multi-vendor environments each supplier defends its own component. A system with a `vendor` '
            + 'declares `support contact "…" response <duration>` and `rollback "…"`.'
    },
    {
        id: 'hypercare', area: 'operations', defaultSeverity: 'warning', fixable: true,
        summary: 'Each gate names a stabilisation period with a support owner and an escalation path.',
        description: 'Go-live starts the most sensitive adoption period; early issues become permanent when nobody '
            + 'triages them. Each gate declares `hypercare <period> support <team> escalate <team>`.'
    },
    {
        id: 'benefits-baseline', area: 'operations', defaultSeverity: 'warning', fixable: false,
        summary: 'Metrics that justify the rollout have a baseline measured before go-live.',
        description: 'Benefits that were never measured before go-live cannot be proven after it. A metric marked '
            + '`benefit` declares `baseline <measure>`, in the unit of its threshold.'
    },
    {
        id: 'transport-security', area: 'security', defaultSeverity: 'error', fixable: true,
        summary: 'PHI or cross-site traffic is encrypted in transit.',
        description: 'Connected devices and interfaces widen the attack surface. An interface that carries PHI or runs '
            + 'at more than one site declares an encrypted transport (`transport MLLP over TLS`, `HTTPS`, `SFTP`, `over VPN`).'
    },
    {
        id: 'audit-trail', area: 'security', defaultSeverity: 'error', fixable: true,
        summary: 'PHI data requires audit logging; vendor remote access names an approver.',
        description: 'Audit gaps and unapproved vendor remote access are where compliance failures hide. A PHI data set '
            + 'declares `audit "…"`, and `remote-access` names `approved-by <team or role>`.'
    },
    {
        id: 'access-by-duty', area: 'security', defaultSeverity: 'warning', fixable: false,
        summary: 'Access to PHI matches declared duties; no shared or unowned service accounts.',
        description: 'Role permissions that do not match clinical duties, shared logins and unmanaged service accounts '
            + 'are common audit findings. Each role with access to PHI data has one of the data\'s `duties`, is not '
            + '`shared`, and a `service-account` role belongs to a `team`.'
    }
];

export const RULES: readonly RuleMeta[] = Object.freeze([...CATALOG].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const BY_ID = new Map(RULES.map(rule => [rule.id, rule]));

export function findRule(id: string): RuleMeta | undefined {
    return BY_ID.get(id);
}
