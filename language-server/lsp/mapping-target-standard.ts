/**
 * Which standard a mapping's target is written in, so that completion after `->` lists that standard first: an
 * HL7 v2 feed into a FHIR server maps `PID-3 -> Patient.identifier`, and its message's HL7 segments are noise there.
 */
import { detectStandard, type Standard } from '../dictionaries/index.js';
import type { Interface } from '../language/generated/ast.js';
import { mappingsOf, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { dictionaryStandard } from './dictionary-context.js';

/**
 * The standard a path is written in, from its form: `PID-3` (a segment id and a dash) HL7 v2, `(0010,0020)` or
 * `0010,0020` DICOM, `Patient.identifier` (a capitalised name and a dot) FHIR; a bare word only when it is an HL7
 * v2 path; else undefined (a DICOM keyword or a FHIR resource alone cannot be told from a word).
 */
export function pathStandard(path: string): Standard | undefined {
    if (/^[A-Za-z][A-Za-z0-9]{2}-/.test(path)) return 'HL7v2';
    if (/^\(|^[0-9A-Fa-f]{4},?/.test(path)) return 'DICOM';
    if (/^[A-Z]\w*\./.test(path)) return 'FHIR';
    return detectStandard(path) === 'HL7v2' ? 'HL7v2' : undefined;
}

/** The standard most of these paths are written in (the first to reach the highest count on a tie); undefined if none is known. */
export function commonStandard(paths: Iterable<string>): Standard | undefined {
    const counts = new Map<Standard, number>();
    let best: Standard | undefined;
    for (const path of paths) {
        const standard = pathStandard(path);
        if (!standard) continue;
        counts.set(standard, (counts.get(standard) ?? 0) + 1);
        if (best === undefined || counts.get(standard)! > counts.get(best)!) best = standard;
    }
    return best;
}

/**
 * The standard a receiving system takes, from the other interfaces of the workspace that send to it: the standard
 * most of their mappings' targets are written in, else the standard most of them declare. `except` names the
 * interface being written, whose own mappings the caller reads from its text. Undefined when nothing says.
 */
export function receiverStandard(index: WorkspaceIndex, system: string, except?: string): Standard | undefined {
    const feeds: Interface[] = index.interfaces.filter(node => node.name !== except && refName(node.target) === system);
    const byTargets = commonStandard(feeds.flatMap(node => mappingsOf(node).map(mapping => mapping.target).filter(target => typeof target === 'string')));
    if (byTargets) return byTargets;
    const declared = new Map<Standard, number>();
    let best: Standard | undefined;
    for (const node of feeds) {
        const standard = dictionaryStandard(node.standard?.name);
        if (!standard) continue;
        declared.set(standard, (declared.get(standard) ?? 0) + 1);
        if (best === undefined || declared.get(standard)! > declared.get(best)!) best = standard;
    }
    return best;
}
