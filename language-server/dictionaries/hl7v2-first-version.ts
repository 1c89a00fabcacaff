import { lookupField } from './index.js';
import { hl7v2Versions } from './hl7v2-messages.js';

/** The first HL7 v2 version (2.1 … 2.7.1) whose dictionary has the path (`PID-3`, `OBX-3.1`); undefined if none. */
export function firstHl7v2VersionWith(path: string): string | undefined {
    return hl7v2Versions().find((version) => lookupField('HL7v2', version, path).status === 'known');
}
