import { canonicalZone } from './time-zones.js';

/**
 * The IANA zones in use in a jurisdiction (ISO 3166-1 or -2 code), for the jurisdictions where the list is complete
 * and a wrong zone is a known trap: Arizona keeps no daylight saving (America/Phoenix; only the Navajo Nation keeps
 * America/Denver), the Chatham Islands are UTC+12:45 (Pacific/Chatham), the Canary Islands, the Azores and Madeira
 * run an hour behind their mainland. `XX-*` is every other region of country XX. Source: the IANA tz database
 * (zone1970.tab and its comments).
 */
const ZONES_OF: Readonly<Record<string, readonly string[]>> = {
    'US-AZ': ['America/Phoenix', 'America/Denver'],
    'US-HI': ['Pacific/Honolulu'],
    'NZ': ['Pacific/Auckland', 'Pacific/Chatham'],
    'NZ-CIT': ['Pacific/Chatham'],
    'NZ-*': ['Pacific/Auckland'],
    'ES': ['Europe/Madrid', 'Africa/Ceuta', 'Atlantic/Canary'],
    'ES-CN': ['Atlantic/Canary'],
    'ES-CE': ['Africa/Ceuta'],
    'ES-ML': ['Africa/Ceuta'],
    'ES-*': ['Europe/Madrid'],
    'PT': ['Europe/Lisbon', 'Atlantic/Azores', 'Atlantic/Madeira'],
    'PT-20': ['Atlantic/Azores'],
    'PT-30': ['Atlantic/Madeira'],
    'PT-*': ['Europe/Lisbon'],
    'SE': ['Europe/Stockholm'],
    'DE': ['Europe/Berlin', 'Europe/Busingen'],
    'CH': ['Europe/Zurich'],
    'IE': ['Europe/Dublin'],
    'AU-NT': ['Australia/Darwin'],
    'AU-SA': ['Australia/Adelaide'],
    'AU-QLD': ['Australia/Brisbane', 'Australia/Lindeman'],
    'AU-VIC': ['Australia/Melbourne'],
    'AU-TAS': ['Australia/Hobart'],
    'AU-WA': ['Australia/Perth', 'Australia/Eucla'],
    'AU-NSW': ['Australia/Sydney', 'Australia/Broken_Hill', 'Australia/Lord_Howe'],
    'AU-ACT': ['Australia/Sydney']
};

/** Why a zone is a trap in a jurisdiction, where one zone is allowed only in part of it. */
export const ZONE_NOTES: Readonly<Record<string, string>> = {
    'US-AZ America/Denver': 'Arizona keeps no daylight saving (America/Phoenix); only the Navajo Nation keeps America/Denver'
};

/** The zones of a jurisdiction, or undefined when the table has none for it (then nothing is checked). */
export function zonesOf(code: string): readonly string[] | undefined {
    const country = code.split('-')[0];
    return ZONES_OF[code] ?? (code.includes('-') ? ZONES_OF[`${country}-*`] ?? ZONES_OF[country] : undefined);
}

const SAMPLES = Array.from({ length: 2 * 53 }, (_, week) => Date.UTC(2025, 0, 1 + week * 7, 12));

function offsets(zone: string): string | undefined {
    try {
        const format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
        return SAMPLES.map(at => format.formatToParts(at).find(part => part.type === 'timeZoneName')?.value ?? '').join(',');
    } catch {
        return undefined;
    }
}

/** Whether two zones keep the same clock (the same offsets through 2025 and 2026), e.g. a link and its zone. */
export function sameClock(a: string, b: string): boolean {
    if (canonicalZone(a) === canonicalZone(b)) {
        return true;
    }
    const [x, y] = [offsets(a), offsets(b)];
    return x !== undefined && x === y;
}
