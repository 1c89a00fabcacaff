import { isRole, isTeam, type Interface, type ServiceHours, type Team } from '../language/generated/ast.js';
import { sitesOfInterface } from './interface-sites.js';
import { isPlaceholder, refName, type WorkspaceIndex } from './workspace-index.js';

/**
 * When a service runs or a party answers, as the spec says it (`hours 24x7`, `hours "Mon-Fri 07:00-19:00"`,
 * `on-call 24x7`, `on-call "+46 90 555 0140 (weekdays 07-19)"`), as minutes of the week:
 * - `always`: every hour of every day;
 * - `window`: the minutes of the week named by days and clock ranges (local time);
 * - `partial`: less than every hour, but the spec does not say which (`on-call 12x5`, "office hours").
 */
export type Hours =
    | { kind: 'always', text: string }
    | { kind: 'window', text: string, minutes: Uint8Array }
    | { kind: 'partial', text: string };

const WEEK = 7 * 24 * 60;
const DAY = 24 * 60;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Round-the-clock words, then words that limit cover to part of the day or week without saying which part. */
const FULL_COVER = /\b(24\s*[x×/]\s*7|24\s*hours?|around the clock|round[- ]the[- ]clock|all hours|any hour|00:00\s*[-–]\s*(24:00|23:59))\b/i;
const PARTIAL_COVER = /\b(week ?days?|working days?|business hours|office hours|clinic hours|daytime|day shift|mon(day)?\s*[-–]\s*fri(day)?|\d{1,2}\s*[x×]\s*\d)\b/i;

/** A clock range: `06:30-22:00`, `07-19`, `7am-5pm`. */
const CLOCK_RANGE = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*[-–]\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?!\s*[\d:])/gi;
/** A day or a range of days: `Mon-Fri`, `Saturday`, `weekdays`, `weekends`, `daily`. */
const DAY_SPEC = /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s*[-–]\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(week ?days?|working days?)\b|\b(weekends?)\b|\b(daily|every day)\b/gi;

/** `COVER` (`24x7`, `12x5`) as hours. */
function coverHours(cover: string): Hours {
    return cover === '24x7' ? { kind: 'always', text: cover } : { kind: 'partial', text: cover };
}

function clockMinutes(hour: string, minute: string | undefined, meridiem: string | undefined): number | undefined {
    let h = Number(hour);
    const m = minute === undefined ? 0 : Number(minute);
    if (meridiem) {
        h = (h % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
    }
    return h > 24 || m > 59 || (h === 24 && m > 0) ? undefined : h * 60 + m;
}

function daysOf(text: string): number[] {
    const days = new Set<number>();
    for (const match of text.matchAll(DAY_SPEC)) {
        if (match[1] && match[2]) {
            const [from, to] = [DAYS.indexOf(match[1].toLowerCase()), DAYS.indexOf(match[2].toLowerCase())];
            for (let day = from; ; day = (day + 1) % 7) {
                days.add(day);
                if (day === to) {
                    break;
                }
            }
        } else if (match[3]) {
            days.add(DAYS.indexOf(match[3].toLowerCase()));
        } else if (match[4]) {
            [0, 1, 2, 3, 4].forEach(day => days.add(day));
        } else if (match[5]) {
            [5, 6].forEach(day => days.add(day));
        } else if (match[6]) {
            [0, 1, 2, 3, 4, 5, 6].forEach(day => days.add(day));
        }
    }
    return [...days];
}

/**
 * Days and clock ranges in a text, as minutes of the week: parts separated by `,` or `;`, each with days (none: the
 * days of the part before, or every day) and clock ranges (none: the whole day); a range past midnight runs into the
 * next day. Undefined when the text names no clock range and no day.
 */
export function parseWindow(text: string): Uint8Array | undefined {
    const minutes = new Uint8Array(WEEK);
    let previousDays = [0, 1, 2, 3, 4, 5, 6];
    let named = false;
    for (const part of text.split(/[;,]/)) {
        const ranges = [...part.matchAll(CLOCK_RANGE)]
            .map(match => [clockMinutes(match[1], match[2], match[3]), clockMinutes(match[4], match[5], match[6])])
            .filter((range): range is [number, number] => range[0] !== undefined && range[1] !== undefined);
        const partDays = daysOf(part.replace(CLOCK_RANGE, ' '));
        if (ranges.length === 0 && partDays.length === 0) {
            continue;
        }
        named = true;
        const days = partDays.length > 0 ? partDays : previousDays;
        previousDays = days;
        for (const day of days) {
            for (const [start, end] of ranges.length > 0 ? ranges : [[0, DAY] as [number, number]]) {
                const length = end > start ? end - start : end + DAY - start;
                for (let minute = 0; minute < length; minute++) {
                    minutes[(day * DAY + start + minute) % WEEK] = 1;
                }
            }
        }
    }
    return named ? minutes : undefined;
}

/** `hours 24x7` or `hours "<days and clock ranges>"`; undefined when the text says neither. */
export function serviceHours(hours: ServiceHours | undefined): Hours | undefined {
    if (!hours) {
        return undefined;
    }
    if (hours.cover) {
        return coverHours(hours.cover);
    }
    const text = hours.window ?? '';
    if (FULL_COVER.test(text)) {
        return { kind: 'always', text };
    }
    const minutes = parseWindow(text);
    return minutes ? asHours(minutes, text) : undefined;
}

function asHours(minutes: Uint8Array, text: string): Hours {
    return minutes.every(minute => minute === 1) ? { kind: 'always', text } : { kind: 'window', text, minutes };
}

/** Whether a text names hours the parser reads (for the validator: `hours "evenings"` says nothing checkable). */
export function isReadableWindow(text: string): boolean {
    return FULL_COVER.test(text) || parseWindow(text) !== undefined;
}

/**
 * When a team answers: `hours`, else its on-call cover (`on-call 24x7`; a written number or rota is at every hour
 * unless its text names hours or days). Undefined when the team says neither.
 */
export function teamHours(team: Team): Hours | undefined {
    const declared = serviceHours(team.hours);
    const onCall = team.cover ? coverHours(team.cover) : team.onCall !== undefined && !isPlaceholder(team.onCall) ? textCover(team.onCall) : undefined;
    if (onCall?.kind === 'always' || !declared) {
        return onCall ?? declared;
    }
    return onCall ? union([declared, onCall]) : declared;
}

/** A written on-call cover: round the clock, the hours it names, or part of the day it does not name. */
function textCover(text: string): Hours {
    if (FULL_COVER.test(text)) {
        return { kind: 'always', text };
    }
    const clock = [...text.matchAll(CLOCK_RANGE)].length > 0 ? parseWindow(text) : undefined;
    if (clock) {
        return asHours(clock, text);
    }
    return PARTIAL_COVER.test(text) ? { kind: 'partial', text } : { kind: 'always', text };
}

/** When a party (a team, or a role of a team) answers; undefined when the spec does not say or the party is unknown. */
export function partyHours(name: string, workspace: WorkspaceIndex): Hours | undefined {
    const team = workspace.find(name, isTeam) ?? workspace.find(refName(workspace.find(name, isRole)?.team), isTeam);
    return team ? teamHours(team) : undefined;
}

/** The union of several hours: always if one is; a partial one makes the union partial. */
function union(all: Hours[]): Hours {
    const text = all.map(hours => hours.text).join(' + ');
    if (all.some(hours => hours.kind === 'always')) {
        return { kind: 'always', text: all.find(hours => hours.kind === 'always')!.text };
    }
    if (all.some(hours => hours.kind === 'partial')) {
        return { kind: 'partial', text };
    }
    const minutes = new Uint8Array(WEEK);
    for (const hours of all) {
        if (hours.kind === 'window') {
            hours.minutes.forEach((on, index) => { minutes[index] |= on; });
        }
    }
    return asHours(minutes, text);
}

/**
 * When an interface runs: its own `hours`, else the hours of the sites it runs at that state theirs (together).
 * Undefined when neither the interface nor any of its sites says.
 */
export function interfaceHours(node: Interface, workspace: WorkspaceIndex): { hours: Hours, from: string } | undefined {
    const own = serviceHours(node.hours);
    if (own) {
        return { hours: own, from: `interface ${node.name}` };
    }
    const sites = [...sitesOfInterface(node, workspace)]
        .map(name => workspace.sites.find(site => site.name === name))
        .filter(site => site !== undefined && serviceHours(site.hours) !== undefined);
    if (sites.length === 0) {
        return undefined;
    }
    return {
        hours: union(sites.map(site => serviceHours(site!.hours)!)),
        from: `site${sites.length > 1 ? 's' : ''} ${sites.map(site => site!.name).join(', ')}`
    };
}

/**
 * Whether a party answering at `party` hours is there whenever the service runs at `service` hours: true, false, or
 * undefined when the spec leaves it open (a partial cover whose hours are not named, against a service that does not
 * run at every hour).
 */
export function covers(party: Hours, service: Hours): boolean | undefined {
    if (party.kind === 'always') {
        return true;
    }
    if (service.kind === 'always') {
        return false;
    }
    if (party.kind === 'partial' || service.kind === 'partial') {
        return undefined;
    }
    return service.minutes.every((on, index) => on === 0 || party.minutes[index] === 1);
}
