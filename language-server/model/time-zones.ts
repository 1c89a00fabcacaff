import type { Site } from '../language/generated/ast.js';
import { closestName } from '../util/closest-name.js';
import { isPlaceholder } from './workspace-index.js';

/**
 * Time zones as the IANA tz database names them (Area/Location: `Pacific/Auckland`, `America/Argentina/Salta`,
 * plus `UTC`), checked against the zones the runtime knows: `Intl.supportedValuesOf('timeZone')` (Node 18+) for the
 * canonical names, and `Intl.DateTimeFormat` for the links it canonicalises (`Asia/Kolkata` to `Asia/Calcutta` on
 * Node 20's ICU, `US/Eastern` to `America/New_York`). Abbreviations (`EST`, `CET`) and fixed offsets (`GMT+12`,
 * `UTC+10`, `+12:00`) are not zones: they have no daylight-saving rules, and `Etc/GMT+12` is UTC-12, not UTC+12.
 */

/** Tokens already tried: building an Intl.DateTimeFormat costs tens of microseconds, and specs repeat zones. */
const accepted = new Map<string, string | undefined>();

/**
 * Names the runtime lists, with `UTC` (Node 20 lists neither `UTC` nor the `Etc/` zones). Built on first use, not
 * when the module loads: a CLI run that never meets a zone does not pay for the list.
 */
let listed: Set<string> | undefined;
function listedZones(): Set<string> {
    listed ??= new Set<string>([...supportedZones(), 'UTC']);
    return listed;
}

function supportedZones(): string[] {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    return typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
}

/** Current IANA names that older ICU releases list under their former name: offered by did-you-mean too. */
const RENAMED_ZONES = ['Asia/Kolkata', 'Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'Asia/Yangon', 'Europe/Kyiv', 'America/Nuuk', 'Atlantic/Faroe', 'Pacific/Kanton'];

let zoneNameList: readonly string[] | undefined;
/** Zone names for suggestions: the runtime's list, `UTC` and the renamed zones it accepts; sorted, so suggestions are stable. */
export function zoneNames(): readonly string[] {
    zoneNameList ??= [...new Set([...listedZones(), ...RENAMED_ZONES.filter(acceptedByRuntime)])].sort();
    return zoneNameList;
}

/** The shape of an IANA name: `UTC`, or capitalised parts joined by `/` (`America/Port-au-Prince`, `Etc/GMT+12`). */
const IANA_SHAPE = /^(UTC|GMT|[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)+)$/;

/** Names that say UTC (zero offset all year). */
const UTC_NAMES = new Set(['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT', 'Etc/Universal', 'Etc/Zulu', 'Etc/UCT']);

/** The canonical zone the runtime makes of a name, or undefined when it rejects it. */
function runtimeZone(name: string): string | undefined {
    // The runtime resolves each name it lists to itself (both are ICU's canonical ids): building a formatter to learn
    // that loaded the zone data, 15 ms of the first check of a spec with a zone (issue 28, cold start).
    if (listedZones().has(name)) return name;
    if (!accepted.has(name)) {
        let zone: string | undefined;
        try {
            zone = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
        } catch {
            zone = undefined;
        }
        if (accepted.size > 10_000) {
            accepted.clear(); // zone texts are free text: keep a long-running server's memory bounded
        }
        accepted.set(name, zone);
    }
    return accepted.get(name);
}

/** A zone by its canonical name, so a link (`US/Eastern`) and its zone (`America/New_York`) compare equal. */
export function canonicalZone(zone: string): string {
    return runtimeZone(zone) ?? zone;
}

function acceptedByRuntime(name: string): boolean {
    return runtimeZone(name) !== undefined;
}

/**
 * Whether a name is a real IANA zone name, matched as a whole name and case as written: `Pacific/Auckland`, `UTC`
 * and links such as `Asia/Kolkata` are; `GMT+12`, `EST`, `pacific/auckland` and `Pacific/Aukland` are not.
 */
export function isIanaZoneName(name: string): boolean {
    return listedZones().has(name) || (IANA_SHAPE.test(name) && acceptedByRuntime(name));
}

/** What a zone text (`timezone "…"`, a site's `timezone`, a `clock` note) says about the zone of its values. */
export interface ZoneReading {
    /** The IANA zones it names, other than UTC, in the order written. */
    zones: string[];
    /** Whether it says the values are UTC. */
    utc: boolean;
    /** Whether it says each value carries its UTC offset (ISO 8601 `+01:00`, DICOM (0008,0201), FHIR dateTime). */
    offsetCarried: boolean;
    /** Whether it says the offset is unknown, missing or not sent: the reader cannot place the values in time. */
    offsetUnknown: boolean;
    /** Zone names written wrongly: misspelt or miscased (`Pacific/Aukland`, `europe/berlin`). */
    notZones: string[];
    /** Fixed offsets (`GMT+12`) and abbreviations (`EST`) written where a zone is meant. */
    offsetsOrAbbreviations: string[];
}

/** Words that say the offset is not known or not there, before or after the word "offset". */
const UNKNOWN_WORDS = '(unknown|not known|unclear|undefined|unspecified|missing|absent|lost|dropped|stripped|ignored|not (sent|carried|included|given|provided|available|recorded))';
const OFFSET_UNKNOWN = new RegExp(`\\boffsets?\\b(\\s+(is|are|was|were))?\\s+${UNKNOWN_WORDS}\\b|\\b(${UNKNOWN_WORDS.slice(1, -1)}|no|without( an?)?|lacks?( an?)?)\\s+(utc\\s+|time ?zone\\s+)?offsets?\\b`, 'i');
/** A fixed offset written as a zone: `GMT+12`, `UTC-05:00`, `+12:00`, `UTC+5:30`. */
const FIXED_OFFSET = /^((UTC|GMT)[+-]\d{1,2}(:?\d{2})?|[+-]\d{1,2}:?\d{2})$/i;
/** Time-zone abbreviations (`EST`, `CEST`, `NZDT`): ambiguous (IST is India, Ireland or Israel), and without the rules of a zone. */
const ABBREVIATIONS = new Set(['EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'PST', 'PDT', 'AKST', 'AKDT', 'HST', 'CET', 'CEST', 'EET', 'EEST',
    'WET', 'WEST', 'BST', 'IST', 'AEST', 'AEDT', 'ACST', 'ACDT', 'AWST', 'NZST', 'NZDT', 'CHAST', 'CHADT', 'JST', 'KST', 'MSK', 'SGT', 'HKT']);

/** Reads a zone text word by word: zones are whole IANA names among the words ("America/Chicago, kept as acquired"). */
export function readZoneText(text: string): ZoneReading {
    const zones: string[] = [];
    const notZones: string[] = [];
    const offsetsOrAbbreviations: string[] = [];
    let utc = false;
    // "UTC offset" and "offset from UTC" speak of an offset, not of values in UTC.
    const words = text.replace(/\b(UTC|GMT)[ -](offsets?)\b/gi, '$2').replace(/\b(offsets?)\s+(from|to|relative to|against)\s+(UTC|GMT)\b/gi, '$1');
    for (const raw of words.split(/[\s,;()[\]]+/)) {
        const word = raw.replace(/^["'`]+|["'`:.?!]+$/g, '');
        if (word.length === 0) {
            continue;
        }
        if (UTC_NAMES.has(word)) {
            utc = true;
        } else if (isIanaZoneName(word)) {
            if (runtimeZone(word) === 'UTC') utc = true;
            else if (!zones.includes(word)) zones.push(word);
        } else if (FIXED_OFFSET.test(word) || ABBREVIATIONS.has(word)) {
            offsetsOrAbbreviations.push(word);
        } else if (word.includes('/') && /^[A-Za-z]+\/[A-Za-z]/.test(word) && (acceptedByRuntime(word) || suggestZone(word) !== undefined)) {
            notZones.push(word); // `pacific/auckland`, `Pacific/Aukland`: meant as a zone, not one as written
        }
    }
    const offsetUnknown = OFFSET_UNKNOWN.test(text) && !(utc && /\b(no|without)\s+(an?\s+)?offset/i.test(text));
    const offsetCarried = !offsetUnknown && /\boffsets?\b/i.test(text);
    return { zones, utc, offsetCarried, offsetUnknown, notZones, offsetsOrAbbreviations };
}

/**
 * What is wrong with a zone text, if anything: it says the offset is unknown; it misspells a zone; or it names no
 * zone, no UTC and no carried offset (`"sender local time"`, or only `GMT+12` or `EST`, which an abbreviation or
 * offset beside a real zone, `"America/Chicago (CST/CDT)"`, is not).
 */
export function zoneTextProblem(reading: ZoneReading): 'offset-unknown' | 'misspelt' | 'offset-or-abbreviation' | 'no-zone' | undefined {
    if (reading.offsetUnknown) {
        return 'offset-unknown';
    }
    if (reading.notZones.length > 0) {
        return 'misspelt';
    }
    if (reading.zones.length > 0 || reading.utc || reading.offsetCarried) {
        return undefined;
    }
    return reading.offsetsOrAbbreviations.length > 0 ? 'offset-or-abbreviation' : 'no-zone';
}

/**
 * The real zone name nearest to a word written as one (`Pacific/Aukland` → `Pacific/Auckland`, `europe/berlin` →
 * `Europe/Berlin`), by the bounded did-you-mean of the linker; undefined when none is close. A name the runtime
 * accepts in another case gets its canonical spelling.
 */
export function suggestZone(word: string): string | undefined {
    if (isIanaZoneName(word)) {
        return undefined;
    }
    const exact = zoneNames().find(zone => zone.toLowerCase() === word.toLowerCase());
    if (exact) {
        return exact;
    }
    if (FIXED_OFFSET.test(word) || ABBREVIATIONS.has(word)) {
        return undefined; // `GMT+12` is not a misspelt `Etc/GMT+12` (which is UTC-12)
    }
    return word.includes('/') ? closestName(word, zoneNames()) : undefined;
}

/** Whether a site's `timezone` names one real zone the rules can use. */
export function siteZoneOf(site: Site): string | undefined {
    if (site.timezone === undefined || isPlaceholder(site.timezone)) {
        return undefined;
    }
    const reading = readZoneText(site.timezone);
    return zoneTextProblem(reading) === undefined && reading.zones.length === 1 ? reading.zones[0] : reading.utc && reading.zones.length === 0 ? 'UTC' : undefined;
}

/** For the matrix: whether a written zone text places values in time (what the `timestamps` rule accepts). */
export function isUsableZoneText(text: string | undefined): boolean {
    return text !== undefined && !isPlaceholder(text) && zoneTextProblem(readZoneText(text)) === undefined;
}

/** For the matrix: whether a `clock` text names a clock source and does not say the offset is unknown. */
export function isUsableClockText(text: string | undefined): boolean {
    return text !== undefined && !isPlaceholder(text) && !readZoneText(text).offsetUnknown;
}
