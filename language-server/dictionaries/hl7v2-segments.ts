/** The HL7 v2 segments a version defines, with their names (data/hl7v2.json, shared with hl7v2.ts). */
import { loadData } from './load-data.js';
import { resolveHl7v2Version } from './hl7v2.js';

interface SegmentData {
    segments: Record<string, Record<string, number>>;
    segmentDefs: [name: string, members: number[]][];
}

/** Segment ids and names of a version (`PID`, "Patient Identification"), sorted by id; empty for an unknown version. */
export function listHl7v2Segments(version: string | undefined): { id: string, name: string }[] {
    const resolved = resolveHl7v2Version(version);
    // The same module object hl7v2.ts loads: require caches it, so the data is parsed once.
    const data = loadData<SegmentData>(() => require('./data/hl7v2.json'), './data/hl7v2.json');
    const segments = resolved ? data.segments[resolved] : undefined;
    if (!segments) return [];
    return Object.entries(segments).map(([id, index]) => ({ id, name: data.segmentDefs[index][0] })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
