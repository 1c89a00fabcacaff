/**
 * HL7 v2 DTM values (`YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`, chapter 2A) and the UTC offset of an IANA
 * zone at an instant, through `Intl` (daylight saving included).
 */

export interface Hl7DateTime {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    /** Digits before the offset: 4 (year) to 14 (seconds). */
    readonly precision: number;
    /** The offset written, in minutes east of UTC; undefined when the value carries none. */
    readonly offsetMinutes?: number;
}

const DTM = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2}(?:\.\d{1,4})?)?([+-]\d{4})?$/;

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Reads a DTM (or the first component of a TS); undefined when it is not one (a month 13, a letter, a 5-digit offset). */
export function parseDtm(text: string): Hl7DateTime | undefined {
    const match = DTM.exec(text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.trim() : text);
    if (!match) return undefined;
    const [, year, month, day, hour, minute, second, offset] = match;
    const parts = {
        year: Number(year), month: month ? Number(month) : 1, day: day ? Number(day) : 1, hour: hour ? Number(hour) : 0,
        minute: minute ? Number(minute) : 0, second: second ? Math.floor(Number(second)) : 0
    };
    if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.hour > 23 || parts.minute > 59 || parts.second > 59) return undefined;
    const leap = parts.year % 4 === 0 && (parts.year % 100 !== 0 || parts.year % 400 === 0);
    if (parts.day > (parts.month === 2 && !leap ? 28 : DAYS[parts.month - 1])) return undefined;
    const precision = 4 + (month ? 2 : 0) + (day ? 2 : 0) + (hour ? 2 : 0) + (minute ? 2 : 0) + (second ? 2 : 0);
    let offsetMinutes: number | undefined;
    if (offset) {
        const hours = Number(offset.slice(1, 3));
        const minutes = Number(offset.slice(3, 5));
        if (hours > 14 || minutes > 59) return undefined;
        offsetMinutes = (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
    }
    return { ...parts, precision, offsetMinutes };
}

/** The instant a DTM with an offset stands for, in milliseconds since the epoch. */
export function instantOf(time: Hl7DateTime): number {
    return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second) - (time.offsetMinutes ?? 0) * 60_000;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** Offsets by zone and hour: zones change offset on whole quarter-hours at most a few times a year, and `Intl` is slow. */
const offsets = new Map<string, number | undefined>();
const QUARTER_HOUR = 15 * 60_000;

/** The UTC offset of an IANA zone at an instant, in minutes east of UTC; undefined for a zone the runtime lacks. */
export function zoneOffsetAt(zone: string, instant: number): number | undefined {
    const key = `${zone}\u0000${Math.floor(instant / QUARTER_HOUR)}`;
    if (offsets.has(key)) return offsets.get(key);
    if (offsets.size > 100_000) offsets.clear();
    const offset = computeZoneOffset(zone, Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR);
    offsets.set(key, offset);
    return offset;
}

function computeZoneOffset(zone: string, instant: number): number | undefined {
    let format = formats.get(zone);
    if (!format) {
        try {
            format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
        } catch {
            return undefined;
        }
        formats.set(zone, format);
    }
    const name = format.formatToParts(new Date(instant)).find(part => part.type === 'timeZoneName')?.value ?? '';
    const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
    if (!match) return undefined;
    return match[1] ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** `+0100`, `-0530`, `+0000`. */
export function offsetText(minutes: number): string {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
