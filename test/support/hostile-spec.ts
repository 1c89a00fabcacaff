/**
 * A spec with `text` (already escaped for a spec string) in every string a generator prints: vendor, assigning
 * authority, exception handler, gate and criterion titles, evidence. `prefix` puts text before the authority and
 * the handler, and the gate title (e.g. a spreadsheet formula start, a mention).
 */
export function specWithText(text: string, prefix: { authority?: string, downtime?: string, gate?: string } = {}): string {
    return `
team LabIT
system LIS { kind LIS vendor "${text}" owner LabIT }
system EHR { kind EHR }
site North { timezone "UTC" }
interface Feed {
    from LIS to EHR owner LabIT sites North
    message ORU^R01 { PID-3 -> Patient.identifier identifier authority "${prefix.authority ?? ''}${text}" }
    on downtime "${prefix.downtime ?? ''}${text}" escalate LabIT within 1h
}
gate Go "${prefix.gate ?? ''}${text}" {
    site North approver LabIT
    criterion Sim "${text}" { question exceptions evidence "${text}" approver LabIT covers Feed }
}
`;
}
