import { hl7v2VersionStatus, type FieldLookup } from '../dictionaries/index.js';

type UnknownLookup = Extract<FieldLookup, { status: 'unknown' }>;

/**
 * Why a path is not in the dictionary. HL7 v2 says in which published versions the path (or its segment) exists;
 * a version newer than the dictionary's newest is checked against that newest and only warned about, since the
 * newer version may have added the field.
 */
export function unknownFieldMessage(standard: string, path: string, version: string | undefined, result: UnknownLookup, side: 'source' | 'target'): { message: string, severity?: 'warning' } {
    const didYouMean = result.suggestion ? `; did you mean '${result.suggestion}'?` : '';
    const status = standard === 'HL7v2' && version !== undefined ? hl7v2VersionStatus(version) : undefined;
    if (status?.status === 'newer') {
        return {
            message: `'${path}' is not in HL7 v${status.newest}, the newest version the field dictionary holds; check it against HL7 v${(version ?? '').replace(/^v/i, '')} by hand${didYouMean || '.'}`,
            severity: 'warning'
        };
    }
    const elsewhere = result.elsewhere;
    if (standard === 'HL7v2' && elsewhere && result.version) {
        const here = result.version;
        const segment = path.replace(/^(\w+)-.*$/, '$1').toUpperCase();
        const later = (versions: string[]) => versions.find(v => compareVersionText(v, here) > 0);
        let where: string;
        let from: string | undefined;
        if (!elsewhere.segmentVersions.includes(here)) {
            from = later(elsewhere.segmentVersions);
            where = from ? `the ${segment} segment exists from v${from}` : `the ${segment} segment is in ${rangeText(elsewhere.segmentVersions)} only`;
        } else {
            from = later(elsewhere.versions);
            where = from ? `it exists from v${from}` : `it is in ${rangeText(elsewhere.versions)} only`;
        }
        // A receiver on a later version is declared on the interface, so that its fields are checked in it.
        const hint = side === 'target' && from ? ` If the receiver speaks a later version, declare it: \`standard HL7v2 ${here} -> ${from}\`.` : '';
        return { message: `${path} is not in HL7 v${here}; ${where}${didYouMean || '.'}${hint}` };
    }
    return { message: `'${path}' is not a field of ${standard}${didYouMean || '; check the field against the standard.'}` };
}

function rangeText(versions: string[]): string {
    return versions.length === 1 ? `v${versions[0]}` : `v${versions[0]} to v${versions[versions.length - 1]}`;
}

function compareVersionText(a: string, b: string): number {
    const x = a.split('.').map(Number), y = b.split('.').map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const difference = (x[i] ?? 0) - (y[i] ?? 0);
        if (difference !== 0) return difference;
    }
    return 0;
}
