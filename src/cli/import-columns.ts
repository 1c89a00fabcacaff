import { UserError } from './user-error.js';

/** `--columns source=OBX field,target=FHIR path`: which column holds which value. */
export function parseColumns(text: string): Record<string, string> {
    const columns: Record<string, string> = {};
    for (const pair of text.split(',')) {
        const at = pair.indexOf('=');
        if (at <= 0 || at === pair.length - 1) {
            throw new UserError(`--columns: "${pair.trim()}" is not <value>=<column header> (e.g. source=HL7 field,target=FHIR path)`);
        }
        columns[pair.slice(0, at).trim().toLowerCase()] = pair.slice(at + 1).trim();
    }
    return columns;
}
