/**
 * DICOM attributes of PS3.6 (standard and retired), by tag and by keyword. Data: data/dicom.json, built by
 * scripts/build-dictionaries.mjs. The dictionary is cumulative, so the version is not needed.
 */
import { closestAmong } from './suggest.js';
import { loadData } from './load-data.js';
import { DICOM_KEYWORD, DICOM_TAG } from './path-forms.js';
import type { FieldInfo, FieldKind, FieldLookup } from './types.js';

/** Keyword, VR (`US or SS` where it depends), VM, and 1 when retired. */
type TagRow = [keyword: string, vr: string, vm: string, retired?: 1];

interface DicomData {
    tags: Record<string, TagRow>;
}

interface DicomIndex {
    byTag: Map<string, TagRow>;
    byKeyword: Map<string, string>;
    /** Repeating groups such as `(60xx,3000)`: the pattern and its tag. */
    masked: { pattern: RegExp, tag: string }[];
}

let index: DicomIndex | undefined;

function load(): DicomIndex {
    if (!index) {
        const data = loadData<DicomData>(() => require('./data/dicom.json'), './data/dicom.json');
        index = { byTag: new Map(), byKeyword: new Map(), masked: [] };
        for (const [tag, row] of Object.entries(data.tags)) {
            index.byTag.set(tag, row);
            // A keyword can name both a retired and a current tag; the current one wins.
            const existing = index.byKeyword.get(row[0]);
            if (existing === undefined || index.byTag.get(existing)![3]) index.byKeyword.set(row[0], tag);
            if (tag.includes('x')) index.masked.push({ pattern: new RegExp(`^${tag.replace(/x/g, '[0-9A-F]')}$`), tag });
        }
    }
    return index;
}

/** Keywords that name identifiers although their VR is a plain string (LO, SH). */
const IDENTIFIER_KEYWORD = /(ID|IDs|UID|UIDs|Number|Numbers|Identifier)$/;

function kindOf(keyword: string, vr: string): FieldKind {
    if (vr === 'UI') return 'identifier';
    if ((vr === 'LO' || vr === 'SH') && IDENTIFIER_KEYWORD.test(keyword)) return 'identifier';
    if (['DA', 'DT', 'TM'].includes(vr)) return 'timestamp';
    if (['DS', 'IS', 'FD', 'FL', 'US', 'UL', 'SS', 'SL', 'SV', 'UV', 'AS', 'US or SS'].includes(vr)) return 'quantity';
    if (vr === 'CS') return 'code';
    if (['LO', 'SH', 'ST', 'LT', 'UT', 'UC', 'PN'].includes(vr)) return 'text';
    return 'other';
}

function info(tag: string, row: TagRow): FieldInfo {
    const field: FieldInfo = {
        standard: 'DICOM',
        path: `(${tag.slice(0, 4)},${tag.slice(4)})`,
        name: row[0],
        dataType: row[1],
        kind: kindOf(row[0], row[1]),
        valueMultiplicity: row[2]
    };
    if (row[3]) field.retired = true;
    return field;
}

export function lookupDicomField(path: string): FieldLookup {
    const data = load();
    const tagMatch = DICOM_TAG.exec(path);
    if (tagMatch) {
        const tag = (tagMatch[1] + tagMatch[2]).toUpperCase();
        // Odd groups are private: their meaning belongs to a vendor, not to the standard.
        if (/[13579BDF]$/.test(tag.slice(0, 4))) return { status: 'unsupported' };
        const exact = data.byTag.get(tag) ?? data.byTag.get(tag.replace(/X/g, 'x'));
        if (exact) return { status: 'known', field: info(data.byTag.has(tag) ? tag : tag.replace(/X/g, 'x'), exact) };
        const masked = data.masked.find((entry) => entry.pattern.test(tag));
        if (masked) return { status: 'known', field: { ...info(masked.tag, data.byTag.get(masked.tag)!), path: `(${tag.slice(0, 4)},${tag.slice(4)})` } };
        return { status: 'unknown' };
    }
    if (DICOM_KEYWORD.test(path)) {
        const tag = data.byKeyword.get(path);
        if (tag) return { status: 'known', field: info(tag, data.byTag.get(tag)!) };
        const suggestion = closestAmong(path, data.byKeyword.keys());
        return suggestion ? { status: 'unknown', suggestion } : { status: 'unknown' };
    }
    return { status: 'unknown' };
}

/** Attributes whose tag (`(0010,`) or keyword (`Patient`) starts with the prefix, current ones before retired. */
export function listDicomFields(prefix: string): FieldInfo[] {
    const data = load();
    const tagPrefix = prefix.replace(/[(),]/g, '').toUpperCase();
    const byTag = /^[0-9A-Fa-f]/.test(prefix) || prefix.startsWith('(');
    const result: FieldInfo[] = [];
    for (const [tag, row] of data.byTag) {
        if (byTag ? tag.toUpperCase().startsWith(tagPrefix) : row[0].startsWith(prefix)) result.push(info(tag, row));
    }
    return result.sort((a, b) => Number(a.retired ?? false) - Number(b.retired ?? false));
}
