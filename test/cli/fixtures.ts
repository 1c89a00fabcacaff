/** One warning (change-authority on Feed) and one finding suppressed with a reason (on Quiet). */
export const RULE_SPEC = `team LabIT
system A { kind LIS owner LabIT }
system B { kind EHR owner LabIT }
interface Feed { from A to B standard HL7v2 2.5.1 transport MLLP owner LabIT criticality low }
interface Quiet { from A to B standard HL7v2 2.5.1 transport MLLP owner LabIT criticality low
    suppress change-authority because "Covered by the vendor contract, see C-12" }
`;

/**
 * A workspace that breaks many rules at once, one of them suppressed with a reason: `examples/flawed` when the
 * repository has it, else this stand-in written to a temp folder.
 */
export const FLAWED_SPEC = `team LabIT
role Nurse { team LabIT duties result-review }
system LIS { kind LIS vendor "Acme" owner LabIT }
system EHR { kind EHR owner LabIT }
site North { timezone "Europe/Amsterdam" }
data Results { classification PHI }
interface LabResults {
    from LIS to EHR
    standard HL7
    criticality critical
    carries Results
    sites North
    message ORU^R01 {
        PID-3 -> Patient.identifier
        OBX-5 -> Observation.valueQuantity.value as quantity
        OBX-14 -> Observation.effectiveDateTime
    }
    suppress monitoring because "Monitored by the engine vendor's service desk, contract C-9"
}
gate NorthGoLive { site North criterion Ready { question readiness } }
`;
