/** DICOM value multiplicity (PS3.6 VM column) of an attribute, from data/dicom.json (shared with dicom.ts). */
import { loadData } from './load-data.js';

interface DicomData {
    tags: Record<string, [keyword: string, vr: string, vm: string, retired?: 1]>;
}

/** VM of a tag written `(0010,0020)` (or a repeating group's `(60xx,3000)`): `1`, `1-n`, `3` …; undefined if unknown. */
export function dicomValueMultiplicity(tag: string): string | undefined {
    const data = loadData<DicomData>(() => require('./data/dicom.json'), './data/dicom.json');
    const key = tag.replace(/[(),]/g, '').toUpperCase();
    const row = data.tags[key] ?? data.tags[`${key.slice(0, 2)}xx${key.slice(4)}`];
    return row?.[2];
}
