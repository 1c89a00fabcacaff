import { lookupField } from './index.js';
import { resolveHl7v2Version } from './hl7v2.js';
import { hl7v2Versions } from './hl7v2-messages.js';

/**
 * The first HL7 v2 version (2.1 … 2.7.1) whose dictionary has the path (`PID-3`, `TQ1-9`); with `after`, the
 * first one newer than that version (a field added later, not one dropped since). Undefined if none has it.
 */
export function firstHl7v2VersionWith(path: string, after?: string): string | undefined {
    const versions = hl7v2Versions();
    const from = after === undefined ? 0 : versions.indexOf(resolveHl7v2Version(after) ?? '') + 1;
    if (after !== undefined && from === 0) return undefined;
    return versions.slice(from).find((version) => lookupField('HL7v2', version, path).status === 'known');
}
