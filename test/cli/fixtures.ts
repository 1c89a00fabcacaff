/** One warning (change-authority on Feed) and one finding suppressed with a reason (on Quiet). */
export const RULE_SPEC = `team LabIT
system A { kind LIS owner LabIT }
system B { kind EHR owner LabIT }
interface Feed { from A to B standard HL7v2 2.5.1 transport MLLP owner LabIT criticality low }
interface Quiet { from A to B standard HL7v2 2.5.1 transport MLLP owner LabIT criticality low
    suppress change-authority because "Covered by the vendor contract, see C-12" }
`;
