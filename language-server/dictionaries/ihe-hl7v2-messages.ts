/**
 * HL7 v2 message types that IHE profiles define on top of a base version that does not have them. A device
 * network that follows IHE Patient Care Device (PCD) Alarm Communication Management sends them on HL7 v2.6,
 * so they are real message types there, not typos.
 *
 * Source: IHE PCD Technical Framework, Volume 2 (PCD TF-2), transactions PCD-04 Report Alert (ORU^R40^ORU_R40,
 * whose segments are those of ORU^R01: PID, PV1, OBR, OBX, NTE, PRT) and PCD-05 Report Alert Status
 * (ORA^R41^ORA_R41: the acknowledgement of an alert, MSH, MSA, ERR). Both are profiled on HL7 v2.6.
 */
export interface IheHl7v2Message {
    /** As MSH-9 writes it: `ORU^R40`. */
    type: string;
    /** The message structure (MSH-9.3). */
    structure: string;
    /** The profile and transaction that define it. */
    profile: string;
    /** The earliest HL7 v2 version the profile is built on. */
    baseVersion: string;
    /** The base-standard message type whose structure it shares (its segments), if any. */
    segmentsOf?: string;
}

export const IHE_HL7V2_MESSAGES: ReadonlyArray<IheHl7v2Message> = [
    { type: 'ORU^R40', structure: 'ORU_R40', profile: 'IHE PCD ACM, transaction PCD-04 Report Alert', baseVersion: '2.6', segmentsOf: 'ORU^R01' },
    { type: 'ORA^R41', structure: 'ORA_R41', profile: 'IHE PCD ACM, transaction PCD-05 Report Alert Status', baseVersion: '2.6', segmentsOf: 'ACK' }
];
