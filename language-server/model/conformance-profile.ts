import { isProfileGroup, isProfileSegment, type Profile, type ProfileField, type ProfileGroup, type ProfileItem, type ProfileSegment } from '../language/generated/ast.js';

/**
 * What the rules and the sample checks read of an HL7 v2 conformance profile (`profile` elements): usage codes,
 * cardinalities, and where each segment stands in the message with the groups around it.
 *
 * Usage codes are those of HL7 v2.5.1 chapter 2B.1.4 ("Usage"): R required, RE required but may be empty,
 * C conditional, CE conditional but may be empty, O optional, X not supported; later versions add B (backward
 * compatibility, read as O) and W (withdrawn, read as X).
 */
export const USAGE_CODES: ReadonlySet<string> = new Set(['R', 'RE', 'C', 'CE', 'O', 'X', 'B', 'W']);

/** What each usage code means, for messages. */
export const USAGE_MEANING: Readonly<Record<string, string>> = {
    R: 'required', RE: 'required but may be empty', C: 'conditional', CE: 'conditional but may be empty',
    O: 'optional', X: 'not supported', B: 'backward compatibility only', W: 'withdrawn'
};

/** A cardinality `min..max`; `max` undefined for `*` (unbounded). */
export interface Cardinality {
    readonly min: number;
    readonly max: number | undefined;
}

/** `1..1` → { min 1, max 1 }; `0..*` → { min 0, max undefined }; undefined for no text or text of another form. */
export function parseCardinality(text: string | undefined): Cardinality | undefined {
    const match = /^(\d+)\.\.(\d+|\*)$/.exec(text ?? '');
    if (!match) return undefined;
    return { min: Number(match[1]), max: match[2] === '*' ? undefined : Number(match[2]) };
}

/** The usage as written, upper-cased; undefined when none is written. */
export function usageOf(node: { usage?: string }): string | undefined {
    return node.usage?.toUpperCase();
}

/** Whether a usage says the element must not be sent: X (not supported), W (withdrawn), or a cardinality of `0..0`. */
export function isNotSupported(node: { usage?: string, cardinality?: string }): boolean {
    const usage = usageOf(node);
    return usage === 'X' || usage === 'W' || parseCardinality(node.cardinality)?.max === 0;
}

/** One place of a segment in the profile: the segment statement and the groups around it, outermost first. */
export interface SegmentPlace {
    readonly segment: ProfileSegment;
    readonly groups: readonly ProfileGroup[];
}

const PLACES = new WeakMap<Profile, SegmentPlace[]>();

/** Every segment statement of the profile, in the order of the message, with its groups. */
export function segmentPlaces(profile: Profile): SegmentPlace[] {
    let places = PLACES.get(profile);
    if (!places) {
        places = [];
        const walk = (items: readonly ProfileItem[], groups: ProfileGroup[]) => {
            for (const item of items) {
                if (isProfileSegment(item)) places!.push({ segment: item, groups });
                else if (isProfileGroup(item)) walk(item.items, [...groups, item]);
            }
        };
        walk(profile.items, []);
        PLACES.set(profile, places);
    }
    return places;
}

/** The places of one segment id (`OBX`) in the profile; empty when the profile does not list it. */
export function placesOf(profile: Profile, segment: string): SegmentPlace[] {
    return segmentPlaces(profile).filter(place => place.segment.name === segment);
}

/** What a profile says of one field of a segment it lists. */
export type FieldRule =
    /** No place of the segment lists fields: the profile does not constrain them. */
    | { readonly kind: 'unconstrained' }
    /** The segment lists fields, but not this one. */
    | { readonly kind: 'unlisted' }
    /** The field's statements, one per place of the segment that lists it. */
    | { readonly kind: 'listed', readonly fields: readonly ProfileField[] };

/** What the profile says of field `position` of `places` (the places of one segment). */
export function fieldRule(places: readonly SegmentPlace[], position: number): FieldRule {
    const withFields = places.filter(place => place.segment.fields.length > 0);
    if (withFields.length === 0) return { kind: 'unconstrained' };
    const fields = withFields.map(place => place.segment.fields.find(field => field.position === position)).filter((field): field is ProfileField => field !== undefined);
    return fields.length === 0 ? { kind: 'unlisted' } : { kind: 'listed', fields };
}

/**
 * Whether the segment may not be sent at all: every place of it is X (or `0..0`), or sits in a group that is.
 */
export function segmentNotSupported(places: readonly SegmentPlace[]): boolean {
    return places.length > 0 && places.every(place => isNotSupported(place.segment) || place.groups.some(isNotSupported));
}

/** Whether a place is required in every message: the segment and every group around it are R with a minimum of at least 1 (or none written). */
export function placeRequired(place: SegmentPlace): boolean {
    const required = (node: { usage?: string, cardinality?: string }) => usageOf(node) === 'R' && (parseCardinality(node.cardinality)?.min ?? 1) >= 1;
    return required(place.segment) && place.groups.every(required);
}

/**
 * The most occurrences of a segment a message can hold in one place: the product of the maxima of the segment and
 * the groups around it; undefined when one of them is unbounded or has no cardinality.
 */
export function placeMaximum(place: SegmentPlace): number | undefined {
    let maximum = 1;
    for (const node of [place.segment, ...place.groups]) {
        const cardinality = parseCardinality(node.cardinality);
        if (!cardinality || cardinality.max === undefined) return undefined;
        maximum *= cardinality.max;
    }
    return maximum;
}
