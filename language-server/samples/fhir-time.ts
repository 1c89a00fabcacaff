/**
 * FHIR `date`, `dateTime` and `instant` values (http://hl7.org/fhir/R4/datatypes.html#dateTime: `YYYY`, `YYYY-MM`,
 * `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm:ss(.s+)?` with `Z` or `+hh:mm`/`-hh:mm`; an instant is always to the second
 * with an offset). The instant they stand for, to compare their offset with a zone's (samples/hl7v2-time.ts).
 */

export interface FhirDateTime {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    /** Whether the value has a time of day. */
    readonly hasTime: boolean;
    /** The offset written, in minutes east of UTC (`Z` is 0); undefined when the value carries none. */
    readonly offsetMinutes?: number;
}

/** The shape of a dateTime; the offset is optional here so that its absence can be told apart from a malformed value. */
const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Reads a FHIR date, dateTime or instant; undefined when it is not one (a 13th month, a 30th of February, `2026-02-10 07:15`). */
export function parseFhirDateTime(text: string): FhirDateTime | undefined {
    const match = DATE_TIME.exec(text);
    if (!match) return undefined;
    const [, year, month, day, hour, minute, second, offset] = match;
    const parts = {
        year: Number(year), month: month ? Number(month) : 1, day: day ? Number(day) : 1,
        hour: hour ? Number(hour) : 0, minute: minute ? Number(minute) : 0, second: second ? Number(second) : 0
    };
    if (parts.year === 0 || parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.hour > 23 || parts.minute > 59 || parts.second > 60) return undefined;
    const leap = parts.year % 4 === 0 && (parts.year % 100 !== 0 || parts.year % 400 === 0);
    if (parts.day > (parts.month === 2 && !leap ? 28 : DAYS[parts.month - 1])) return undefined;
    let offsetMinutes: number | undefined;
    if (offset === 'Z') offsetMinutes = 0;
    else if (offset) {
        const hours = Number(offset.slice(1, 3));
        const minutes = Number(offset.slice(4, 6));
        if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return undefined;
        offsetMinutes = (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
    }
    return { ...parts, hasTime: hour !== undefined, offsetMinutes };
}

/** The instant a FHIR dateTime with an offset stands for, in milliseconds since the epoch. */
export function fhirInstantOf(time: FhirDateTime): number {
    return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, Math.min(time.second, 59)) - (time.offsetMinutes ?? 0) * 60_000;
}

/** `+01:00`, `-05:30`, `+00:00`: an offset as FHIR writes it. */
export function fhirOffsetText(minutes: number): string {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
