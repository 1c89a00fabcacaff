import { loadData } from './load-data.js';

/** One route as both code systems name it. */
export interface RouteEquivalent {
    /** The SNOMED CT concept id (DICOM PS3.16 CID 11). */
    readonly snomed: string;
    /** The HL7 v2 table 0162 code. */
    readonly hl7: string;
    /** The route's name, as both tables give it ("Intrathecal"). */
    readonly route: string;
}

interface RouteData {
    snomedTo0162: Record<string, { code: string, route: string }>;
}

let byCode: Map<string, RouteEquivalent> | undefined;

/**
 * The route a code names, looked up by either its SNOMED CT concept id (`72607000`) or its HL7 v2 table 0162 code
 * (`IT`), from data/route-equivalences.json (DICOM PS3.16 CID 11 paired with HL7 table 0162 by route name).
 * Undefined for a code of neither list.
 */
export function routeEquivalent(code: string): RouteEquivalent | undefined {
    if (!byCode) {
        const data = loadData<RouteData>(() => require('./data/route-equivalences.json'), './data/route-equivalences.json');
        byCode = new Map();
        for (const [snomed, { code: hl7, route }] of Object.entries(data.snomedTo0162)) {
            const equivalent = { snomed, hl7, route };
            byCode.set(snomed, equivalent);
            byCode.set(hl7, equivalent);
        }
    }
    return byCode.get(code);
}
