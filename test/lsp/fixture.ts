/** A small multi-file workspace an architect might write: imports, cross-file references, nested blocks. */
export const ORG = `/**
 * Runs the laboratory systems,
 * day and night.
 */
team LabIT "Laboratory IT" {
    lead "A. Chen"
}
role LabTech "Laboratory technologist"
`;

export const SYSTEMS = `import "org.ispec"

system LIS "Laboratory information system" {
    kind LIS
    owner LabIT
}
system EHR {
    kind EHR
    owner LabIT
}
`;

export const LAB = `import "org.ispec"
import "systems.ispec"

site North "North hospital" {
    timezone "America/Chicago"
    baseline {
        device Analyser1 "Chemistry analyser" model "X100"
        hosts LIS
    }
}

/** Results flow back to the ordering clinician. */
interface LabResults "Lab results to EHR" {
    from LIS to EHR
    standard HL7v2 "2.5.1"
    owner LabIT
    criticality critical
    sites North
    message ORU^R01 {
        PID-3 -> Patient.identifier identifier authority "MRN"
        OBX-5 -> Observation.valueQuantity.value
    }
    on downtime "queue and replay" escalate LabIT within 15m
    monitor {
        owner LabIT
        metric turnaround p95 < 5m
    }
}

gate NorthGoLive "North go-live" {
    site North
    criterion ExceptionsTested "Exception paths tested" {
        question exceptions
        covers LabResults
    }
}
`;

export const FILES = { 'org.ispec': ORG, 'systems.ispec': SYSTEMS, 'lab.ispec': LAB };
