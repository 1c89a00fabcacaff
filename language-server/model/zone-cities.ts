/**
 * The exemplar cities of the IANA tz database: the Location part of an `Area/Location` zone (`Australia/Brisbane`
 * is Brisbane's clock, `America/Los_Angeles` Los Angeles'), from the zones the runtime lists
 * (`Intl.supportedValuesOf('timeZone')`, Node 18+). Zones of a sub-region (`America/Indiana/Knox`,
 * `America/North_Dakota/Center`) are left out: their locations are counties and small towns whose names are common
 * words ("Center", "Knox"), not the city a site's title names.
 */

/** A city a text names, with its zone and where in the text it stands. */
export interface NamedZoneCity {
    readonly city: string;
    readonly zone: string;
    /** Whether the city is the text's place part: all of the text after its last comma, or in parentheses. */
    readonly place: boolean;
}

let cities: Array<{ city: string, zone: string }> | undefined;

function zoneCities(): Array<{ city: string, zone: string }> {
    if (!cities) {
        const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
        const zones = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
        // Plain strings, searched with indexOf: a Unicode-aware pattern per city cost 0.16 s to compile on every
        // start of a check whose spec has a titled site with a zone (issue 28, cold start).
        cities = zones.filter(zone => zone.split('/').length === 2 && !zone.startsWith('Etc/'))
            .map(zone => ({ city: zone.split('/')[1].replace(/_/g, ' '), zone }));
    }
    return cities;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the code point that ends just before `index` (or starts at it, `after`) is a letter or a digit. */
function wordCharAt(text: string, index: number, side: 'before' | 'after'): boolean {
    if (side === 'before') {
        if (index <= 0) return false;
        const low = text.charCodeAt(index - 1);
        const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
        return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(start) ?? low));
    }
    if (index >= text.length) return false;
    return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(index) ?? 0));
}

/** Whether `city` stands in `text` as whole words, as capitalised: "Sydney Road", not "Sydneyside" or "sydney". */
function namesWholeWords(text: string, city: string): boolean {
    for (let at = text.indexOf(city); at >= 0; at = text.indexOf(city, at + 1)) {
        if (!wordCharAt(text, at, 'before') && !wordCharAt(text, at + city.length, 'after')) return true;
    }
    return false;
}

/** The exemplar cities a text (a site's title) names as whole words, in the order of the runtime's zone list. */
export function citiesNamedIn(text: string): NamedZoneCity[] {
    const lastPart = text.includes(',') ? text.slice(text.lastIndexOf(',') + 1).trim() : undefined;
    const inParentheses = [...text.matchAll(/\(([^()]*)\)/g)].map(match => match[1].trim());
    return zoneCities().filter(entry => namesWholeWords(text, entry.city))
        .map(({ city, zone }) => ({ city, zone, place: city === lastPart || inParentheses.includes(city) }));
}

/** The area of a zone (`Australia` of `Australia/Sydney`): cities of one name in two areas are namesakes. */
export function zoneArea(zone: string): string {
    return zone.split('/')[0];
}

/** The distinct UTC offsets a zone keeps through 2025 (`GMT+10:00`, `GMT+11:00`), in the order met from January. */
export function offsetsThrough2025(zone: string): string[] {
    try {
        const format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
        const seen = Array.from({ length: 53 }, (_, week) => format.formatToParts(Date.UTC(2025, 0, 1 + week * 7, 12)).find(part => part.type === 'timeZoneName')?.value ?? '');
        return [...new Set(seen)].map(offset => offset === 'GMT' ? 'UTC' : offset.replace(/^GMT/, 'UTC'));
    } catch {
        return [];
    }
}
