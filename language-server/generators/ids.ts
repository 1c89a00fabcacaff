import { createHash } from 'node:crypto';

/**
 * Test-matrix ids. An id is built only from the row's own semantic key (interface, site, message, scenario),
 * so adding, removing or reordering other interfaces, sites, messages or handlers never changes it:
 * `TM-LabResults-North-ORU_R01-downtime`. A key part with characters that do not belong in an id (a DICOM tag,
 * a code such as `mg/dL`) is reduced to safe characters and suffixed with a short hash of the exact text, so two
 * different parts never end up with the same id.
 */
export function matrixRowId(interfaceName: string, site: string | null, message: string | null, scenarioKey: readonly string[]): string {
    const parts = [interfaceName, site ?? 'nosite', message === null ? 'any' : message.replace(/\^/g, '_'), ...scenarioKey];
    return ['TM', ...parts.map(idPart)].join('-');
}

const SAFE_PART = /^[A-Za-z0-9_.]+(-[A-Za-z0-9_.]+)*$/;

function idPart(text: string): string {
    if (SAFE_PART.test(text)) {
        return text;
    }
    const slug = text.replace(/[^A-Za-z0-9_.]+/g, '_').replace(/^_+|_+$/g, '');
    return `${slug || 'x'}_${shortHash(text)}`;
}

export function shortHash(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 6);
}

/** A checklist item id for an item the spec implies: `Gate.group.Element`. */
export function checklistItemId(gate: string, group: string, element: string): string {
    return `${gate}.${group}.${element}`;
}
