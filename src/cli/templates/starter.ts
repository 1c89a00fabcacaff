/**
 * The workspace `interspec init` writes and the editor's walkthrough opens: a configuration and one spec, small
 * enough to read in a minute and complete enough to show every part (owners, data, a mapped interface with its
 * exception handlers and monitoring, a site baseline, a go-live gate).
 *
 * It has exactly one finding, on purpose: the walkthrough's "See a finding and fix it" step needs something to fix.
 * The `on out-of-order` handler names nobody to escalate to (exception-escalation, a warning: `interspec check`
 * still exits 0 and the gate is not blocked), and its quick fix "Escalate to LabIT within 15m" completes it from
 * the interface's other handlers. A comment in the file says so. STARTER_FINDING names it for the tests
 * (test/cli/init.test.ts).
 *
 * The systems, the site, the interface and the gate are named Demo* so that the first `system EHR` or `site Main`
 * a user writes does not clash with them; the teams, roles and data sets are meant to be reused as they are.
 */
export const STARTER_CONFIG = `# Interspec workspace: this folder is a workspace root; every .ispec file below it belongs to it.
# Rule severities are error, warning, info or off; \`interspec rules\` lists every rule with its severity.
extends: interspec:recommended
rules: {}
`;

export const STARTER_SPEC_FILE = 'integration.ispec';

/** The one finding of the starter spec (see above): its rule, its severity, the handler it is on and the quick fix's title. */
export const STARTER_FINDING = { rule: 'exception-escalation', severity: 'warning', handler: 'out-of-order', fix: 'Escalate to LabIT within 15m' } as const;

export const STARTER_SPEC = `/*
 * A starter integration specification: laboratory results from the LIS to the EHR at one pilot site.
 * The Demo* names are examples: write your own systems, sites and interfaces beside them, or rename these.
 * Extend it and split it into files that import each other (import "org.ispec").
 */

team LabIT "Laboratory IT" {
    lead "Name Surname"
    contact "lab-it@hospital.example"
    on-call "+00 000 000 000"
}

team ChangeBoard "Change advisory board" {
    lead "Name Surname"
    contact "cab@hospital.example"
}

team Programme "Go-live programme board" {
    lead "Name Surname"
    contact "programme@hospital.example"
}

role Clinician "Ordering clinician" {
    team LabIT
    duties result-review
}

role EngineAccount "Integration engine service account" {
    service-account
    team LabIT
    duties result-delivery
}

change-authority ChangeBoard covers updates, patches, configuration, interfaces

rollout phased because "One pilot site first"

system DemoLIS "Laboratory information system (example)" {
    kind LIS
    vendor "LIS Vendor" product "LIS"
    version 1.0.0
    owner LabIT
    support contact "support@lis-vendor.example" response 4h
    rollback "Restore the previous release from the vendor's signed package"
    logging "Message log kept 90 days"
}

system DemoEHR "Electronic health record (example)" {
    kind EHR
    vendor "EHR Vendor" product "EHR"
    version 1.0.0
    owner LabIT
    support contact "support@ehr-vendor.example" response 4h
    rollback "Restore the previous release from the vendor's signed package"
    logging "Interface log kept 90 days"
}

site DemoHospital "General hospital (example)" {
    pilot
    timezone "Europe/Amsterdam"
    baseline {
        device Analyser "Chemistry analyser" model "Model X" version 1.0.0 count 1
        hosts DemoLIS, DemoEHR
        network 1 Gbps "site LAN"
    }
    downtime {
        fallback "Paper request forms; urgent results phoned"
        reconciliation "Downtime orders and results back-entered and double-checked within 4h of recovery"
    }
}

data PatientIdentity "Patient identity" {
    owner LabIT
    classification PHI
    retention 20y
    access Clinician, EngineAccount
    duties result-review, result-delivery
    audit "Every view and change logged with user and time"
}

data LabObservations "Laboratory results" {
    owner LabIT
    classification PHI
    retention 20y
    access Clinician, EngineAccount
    duties result-review, result-delivery
    audit "Every view and change logged with user and time"
}

interface DemoResults "Laboratory results to the EHR" {
    from DemoLIS to DemoEHR
    standard HL7v2 2.5.1
    transport MLLP over TLS
    owner LabIT
    criticality critical
    carries PatientIdentity, LabObservations
    sites DemoHospital
    affects Clinician
    change-authority ChangeBoard

    message ORU^R01 "Results" {
        PID-3  -> Patient.identifier               identifier authority "MRN"
        OBX-3  -> Observation.code                 codes { GLU -> "2345-7" } receives GLU
        OBX-5  -> Observation.valueQuantity.value  as quantity units UCUM
        OBX-11 -> Observation.status               codes { F -> final, C -> corrected, X -> cancelled } receives F, C, X
        OBX-14 -> Observation.effectiveDateTime    timezone "Europe/Amsterdam"
    }

    on downtime "Queue up to 24h; urgent results phoned" escalate LabIT within 15m
    on recovery "Replay the queue in order; reconcile with the LIS release list" escalate LabIT within 30m
    on duplicate-identity "Hold until the patient is merged; never file to both" escalate LabIT within 1h
    on correction "The corrected value supersedes the previous one; the clinician is notified" escalate LabIT within 30m notify Clinician
    on cancellation "Withdraw the result with its reason; the clinician is notified" escalate LabIT within 30m notify Clinician
    // The one finding of the starter, for the walkthrough: this handler says what happens but not who is called
    // (exception-escalation). Put the cursor on out-of-order and press Ctrl+. (Cmd+. on a Mac): the quick fix
    // "Escalate to LabIT within 15m" completes it as the other handlers do. Then delete this comment.
    on out-of-order "An older result never overwrites a newer one"
    on urgent "Critical values phoned within 15 minutes" escalate LabIT within 15m notify Clinician

    monitor {
        owner LabIT
        alerts to LabIT
        metric result-delivery p95 < 5m
        metric failed-messages < 0.1%
    }
}

gate DemoGoLive "General hospital go-live" {
    site DemoHospital
    phase "Pilot"
    approver Programme
    hypercare 14d support LabIT escalate Programme

    criterion Exceptions "Exception paths simulated" {
        question exceptions
        evidence "Simulation log of every exception scenario"
        approver LabIT
        covers DemoResults
    }
    criterion DataMeaning "Identifiers, units, times and codes verified" {
        question data-meaning
        evidence "Comparison of 100 results between LIS and EHR"
        approver LabIT
        covers DemoResults
    }
    criterion Compliance "Validation and data protection records" {
        question compliance
        evidence "Validation report and data protection impact assessment"
        approver Programme
    }
    criterion Readiness "Affected roles trained" {
        question readiness
        evidence "Training attendance by role"
        approver LabIT
        trains Clinician
    }
    criterion Load "Peak load replayed" {
        question load-test
        evidence "Load test report"
        approver LabIT
        covers DemoResults
        load "3x the morning peak for 1 hour"
    }
}
`;
