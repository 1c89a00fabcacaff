import { AstUtils } from 'langium';
import { isInterface, isMapping, isMessage, isSite, type Interface, type Mapping, type Site, type System } from '../language/generated/ast.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { branchesOfOneMessage, holdingsOf, holdingsOfField, mappingPlace, type FieldHolding } from '../model/field-holders.js';
import { fixedZoneOf } from '../model/fixed-zone.js';
import { canonicalZone, readZoneText, siteZoneOf } from '../model/time-zones.js';
import { descendantsOfType, isPlaceholder, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { citiesNamedIn, offsetsThrough2025, zoneArea } from '../model/zone-cities.js';
import { sameClock, ZONE_NOTES, zonesOf } from '../model/zone-places.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

export const zonePlaceRule: Rule = {
    id: 'zone-place',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'A site\'s time zone is one of its place\'s, and a mapping\'s fixed zone is that of the sites it runs at.',
    description: 'A zone that contradicts the place shifts every local time by an hour or more, or twice a year. A site\'s '
        + '`timezone` is one of the zones of its `jurisdiction` (Arizona keeps no daylight saving: America/Phoenix; the '
        + 'Chatham Islands are Pacific/Chatham; the Canary Islands Atlantic/Canary, not Europe/Madrid), where the table '
        + 'knows the jurisdiction, and keeps the clock of the city its title places it in ("…, Brisbane": Australia/Brisbane, '
        + 'no daylight saving). A mapping\'s fixed `timezone "<zone>"` on an interface whose sites keep different clocks, in a '
        + 'message that reads another time in the sending site\'s zone (`timezone site`), is read per site too, unless its '
        + '`clock` names a system hosted in that zone. A fixed zone that no site hosting the sending system keeps is an info '
        + '(UTC is always allowed), since a relayed value keeps the clock of where it was made. A system keeps a field in one '
        + 'zone: a mapping that reads a sender\'s field (or copies it into the receiver\'s same field) in another zone than the '
        + 'other mappings of that field of that system is reported, on both when two feeds of one sender disagree one to one.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const site of model.elements.filter(isSite)) {
            const zone = siteZoneOf(site);
            const code = site.jurisdiction;
            const allowed = code ? zonesOf(code) : undefined;
            if (zone && zone !== 'UTC') {
                checkTitleCity(site, zone, report);
            }
            if (!zone || !code || !allowed || zone === 'UTC') {
                continue;
            }
            const note = ZONE_NOTES[`${code} ${zone}`];
            if (note) {
                report(site, `Site '${site.name}' is in ${code} with zone ${zone}: ${note}. Check the site keeps that clock.`, { property: 'timezone', severity: 'info' });
            } else if (!allowed.some(other => sameClock(zone, other))) {
                report(site, `Site '${site.name}' is in ${code}, whose zone${allowed.length > 1 ? 's are' : ' is'} ${listText([...allowed])}, but its timezone is ${zone}: every local time it sends would be placed wrongly. Write the zone of the place (or correct the jurisdiction).`, { property: 'timezone' });
            }
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            checkZoneAgreement(mapping, workspace, report);
            if (mapping.timezone === undefined || isPlaceholder(mapping.timezone)) {
                continue;
            }
            const reading = readZoneText(mapping.timezone);
            if (reading.utc || reading.zones.length !== 1 || mapping.timezone.trim() !== reading.zones[0]) {
                continue; // UTC, a zone per sender, or a zone inside a description ("site local time (Westmoor: ...)")
            }
            const owner = AstUtils.getContainerOfType(mapping, isInterface);
            if (!owner) {
                continue;
            }
            const fixed = reading.zones[0];
            if (!checkZoneAcrossSites(mapping, owner, fixed, workspace, report)) {
                checkSenderZone(mapping, owner, fixed, workspace, report);
            }
        }
    }
};

type Report = RuleContext['report'];

/**
 * A site's title that places it in the exemplar city of an IANA zone ("Moreton Bay Cancer Centre, Brisbane") while
 * its `timezone` keeps another clock (Australia/Sydney keeps daylight saving, Queensland does not). Source: the IANA
 * tz database's zones, as the runtime lists them (zone-cities.ts). Only cities of the declared zone's area count
 * (Melbourne, Florida is not Australia/Melbourne), and nothing is said when the title also names a city of the
 * declared clock. A warning when the city is the title's place part (after its last comma, or in parentheses); an
 * info when it is a word of the name ("Sydney Road Clinic" may be a street), which the spec does not settle.
 */
function checkTitleCity(site: Site, zone: string, report: Report): void {
    if (!site.title) return;
    const area = zoneArea(canonicalZone(zone));
    const named = citiesNamedIn(site.title).filter(city => zoneArea(city.zone) === area || zoneArea(city.zone) === zoneArea(zone));
    if (named.length === 0 || named.some(city => sameClock(city.zone, zone))) return;
    const city = named.find(candidate => candidate.place) ?? named[0];
    const clocks = `${city.zone} keeps ${clockText(city.zone)}, ${zone} keeps ${clockText(zone)}`;
    if (city.place) {
        report(site, `Site '${site.name}' is titled "${site.title}", in ${city.city}, but its timezone ${zone} is not ${city.city}'s clock (${clocks}): every local time it sends would be placed wrongly part or all of the year. Write "${city.zone}", or correct the title.`, { property: 'timezone' });
    } else {
        report(site, `Site '${site.name}' is titled "${site.title}", which names ${city.city}, and ${city.city}'s clock is not its timezone ${zone} (${clocks}). If the site is in ${city.city}, write "${city.zone}"; if the name is a street or a namesake, the zone stands.`, { property: 'timezone', severity: 'info' });
    }
}

/** "UTC+10:00 all year" or "UTC+10:00 and UTC+11:00 (daylight saving)". */
function clockText(zone: string): string {
    const offsets = offsetsThrough2025(zone);
    return offsets.length === 1 ? `${offsets[0]} all year` : `${listText(offsets)} (daylight saving)`;
}

/** Times the sending application stamps itself: MSH-7 Date/Time of Message, EVN-2 Recorded Date/Time (HL7 v2 ch. 2, 3). */
const SENDER_STAMPED = new Set(['MSH-7', 'EVN-2']);

/**
 * A fixed zone on an interface whose sites keep different clocks, in a message that reads another time in the
 * sending site's zone (`timezone site`): the spec says this message's times are local to the site that sends
 * them, and the fixed zone is one of those sites' (the writer took one site's zone for all), so a value from a
 * site of another clock is shifted. Not when the zone is none of the interface's sites' (a value relayed from
 * further away, a reference laboratory's analysis time), when the sender is hosted at no site (it keeps its own
 * clock), when the mapping's `clock` names a system, by name or kind, hosted only in that zone ("LIMS server, NTP",
 * "pharmacy server"), nor for a time the sender stamps itself where it is hosted only in that zone. Returns whether it
 * reported (then the sender-zone info is not added).
 */
function checkZoneAcrossSites(mapping: Mapping, owner: Interface, fixed: string, workspace: WorkspaceIndex, report: Report): boolean {
    const names = sitesOfInterface(owner, workspace);
    const sites = workspace.sites.filter(site => names.has(site.name));
    const zones = sites.map(site => siteZoneOf(site));
    if (sites.length < 2 || zones.some(zone => zone === undefined)) return false;
    const other = sites.filter((_, i) => !sameClock(fixed, zones[i]!));
    if (other.length === 0 || other.length === sites.length) return false;
    const message = AstUtils.getContainerOfType(mapping, isMessage);
    const perSiteTimes = message ? messageMappings(message).filter(candidate => candidate.siteTimezone) : [];
    const perSite = perSiteTimes.find(candidate => !SENDER_STAMPED.has(candidate.source)) ?? perSiteTimes[0];
    if (!perSite) return false;
    const hostsOf = (system: string) => workspace.sites.filter(site => site.baseline?.hosts.some(host => refName(host) === system));
    const keepsFixed = (site: Site) => { const zone = siteZoneOf(site); return zone !== undefined && sameClock(fixed, zone); };
    const sender = refName(owner.source);
    if (!sender || hostsOf(sender).length === 0) return false;
    // A system hosted only where the fixed zone is kept stamps its times in that zone; one hosted at every site
    // (the modalities, a bedside scanner) stamps them in each site's.
    const onlyInFixed = (system: string) => { const hosts = hostsOf(system); return hosts.length > 0 && hosts.every(keepsFixed); };
    if (SENDER_STAMPED.has(mapping.source) && onlyInFixed(sender)) return false;
    if (mapping.clock && systemsNamedIn(mapping.clock, workspace).some(system => onlyInFixed(system.name))) return false;
    report(mapping, `${mapping.source} is read in ${fixed}, but '${owner.name}' runs at ${listText(sites.map((site, i) => `${site.name} (${zones[i]})`))}, and ${perSite.source} in the same message is read in the sending site's zone: a value from ${listText(other.map(site => site.name))} would be placed wrongly. `
        + `Write \`timezone site\`, or, if one system in ${fixed} stamps this time, name it in \`clock "…"\`.`, { property: 'timezone' });
    return true;
}

/**
 * The systems a clock text names, by name (also split at its capitals: "Northstar LIS") or by kind, as whole words
 * in any case ("LIMS server", "pharmacy server").
 */
function systemsNamedIn(text: string, workspace: WorkspaceIndex): System[] {
    const lower = text.toLowerCase();
    const names = (word: string) => word.length > 1 && new RegExp(`(?<![\\p{L}\\p{N}])${word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(lower);
    const spaced = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2'); // NorthstarLIS: "Northstar LIS"
    return workspace.systems.filter(system => names(system.name) || names(spaced(system.name)) || (system.kind !== undefined && names(String(system.kind).replace(/-/g, ' '))));
}

/**
 * A fixed zone that no site hosting the sending system keeps (an info: a relayed value, such as a reference
 * laboratory's analysis time, keeps the clock of where it was made). A sender hosted at no site (a reference
 * laboratory, a teleradiology provider abroad) keeps its own clock.
 */
function checkSenderZone(mapping: Mapping, owner: Interface, fixed: string, workspace: WorkspaceIndex, report: Report): void {
    const sender = refName(owner.source);
    const sites = workspace.sites.filter(site => site.baseline?.hosts.some(host => refName(host) === sender));
    const zones = sites.map(site => siteZoneOf(site));
    if (sites.length === 0 || zones.some(zone => zone === undefined)) {
        return; // a site without a usable zone is the timestamps rule's to report
    }
    if (!zones.some(zone => zone === 'UTC' || sameClock(fixed, zone!))) {
        report(mapping, `${mapping.source} is read in ${fixed}, but ${sender}, which sends it, is hosted at ${listText(sites.map((site, i) => `${site.name} (${zones[i]})`))}: no site of the sender keeps that clock. Write the sending site's zone (or \`timezone site\`), unless the value comes from further away (a reference laboratory's analysis time relayed by the LIS).`, { property: 'timezone', severity: 'info' });
    }
}

/**
 * A system keeps a field in one zone: the mappings that read a system's field (from the interfaces it sends) or copy
 * it unchanged into the system's same field (`OBR-7 -> OBR-7` into it) fix one zone for it. A mapping whose fixed zone
 * keeps another clock than the other mappings of that field of that system shifts every value by the difference:
 * reported when more of them say another zone, or as many and one of them reads the same sender's field (two feeds of
 * one sender: one of the two is wrong, and only the team knows which). A system may convert what it receives before
 * it sends it on (a gateway's UTC charted in local time), so a copy received against a send is counted but never
 * decides a tie; two copies received from different senders are not compared (each sender stamps in its own zone).
 * Not compared either: two branches of one message (`when MSH-4 = …`: one per sending site), and two interfaces that
 * each read the field in the zone of their own sites when those keep different clocks (one feed per site).
 */
function checkZoneAgreement(mapping: Mapping, workspace: WorkspaceIndex, report: Report): void {
    const mine = zoneOf(mapping);
    const owner = AstUtils.getContainerOfType(mapping, isInterface);
    if (!mine || !owner) return;
    const holdings = holdingsOf(mapping, owner);
    // Most fields of a system are read in one zone throughout: settled without comparing the mappings pairwise.
    if (holdings.every(own => [...zonesOfGroup(holdingsOfField(workspace, own.system, own.field))].every(zone => keepSameClock(mine, zone)))) return;
    const { agreeing, differing, sameSender, systems } = compared(mapping, owner, mine, holdings, workspace);
    if (differing.size === 0) return;
    const byZone = zonesDiffering(differing);
    const largest = Math.max(...[...byZone.values()].map(list => list.length));
    const tie = agreeing === largest;
    if (agreeing > largest || (tie && !sameSender)) return;
    const said = [...byZone].map(([zone, list]) => `in ${zone} by ${placesText(list.slice(0, 4).map(other => placeOf(other, differing.get(other)!.holding)), list.length)}`);
    const field = fieldOf(mapping);
    report(mapping, `${mapping.source} is read in ${mine} here, but ${field} of ${listText(systems)} is read ${listText(said)}. A system keeps a field in one zone, so ${tie ? 'one of these readings' : 'this reading'} shifts every value by the difference; `
        + `find out which zone ${listText(systems)} ${systems.length > 1 ? 'keep' : 'keeps'} ${field} in and write it in every mapping of it (or say the offset is carried in the value).`, { property: 'timezone' });
}

interface Compared {
    /** How many mappings keep this mapping's clock, itself included. */
    agreeing: number;
    differing: Map<Mapping, { zone: string, holding: FieldHolding }>;
    /** Whether a differing mapping reads the same sender's field (a tie then is reported). */
    sameSender: boolean;
    systems: string[];
}

const COMPARED = new WeakMap<WorkspaceIndex, Map<string, Compared>>();

/**
 * The other mappings of the fields a mapping holds, split into those that keep its clock and those that do not.
 * Every mapping of one field of one system in one zone, from an interface whose sites keep the same clocks, gets the
 * same answer: it is computed once for them all (a field read in thousands of feeds is compared in linear time), except
 * in a message with `when` branches, whose branches are not compared with each other.
 */
function compared(mapping: Mapping, owner: Interface, mine: string, holdings: FieldHolding[], workspace: WorkspaceIndex): Compared {
    const message = AstUtils.getContainerOfType(mapping, isMessage);
    const branched = (message?.groups ?? []).length > 0;
    const key = [mine, siteZonesOf(owner, workspace).join(','), ...holdings.map(own => `${own.role}\u0001${own.system}\u0001${own.field}`)].join('\u0000');
    let memo = COMPARED.get(workspace);
    if (!memo) {
        memo = new Map();
        COMPARED.set(workspace, memo);
    }
    const known = branched ? undefined : memo.get(key);
    if (known) return known;
    const agreeing = new Set<Mapping>([mapping]);
    const differing = new Map<Mapping, { zone: string, holding: FieldHolding }>();
    let sameSender = false;
    const systems: string[] = [];
    for (const own of holdings) {
        for (const other of holdingsOfField(workspace, own.system, own.field)) {
            if (other.mapping === mapping || (own.role === 'receives' && other.role === 'receives') || (branched && branchesOfOneMessage(mapping, other.mapping))) continue;
            const zone = zoneOf(other.mapping);
            if (!zone) continue;
            if (keepSameClock(mine, zone)) {
                agreeing.add(other.mapping);
            } else if (!eachReadsItsSites(owner, mine, other.iface, zone, workspace)) {
                if (!differing.has(other.mapping)) differing.set(other.mapping, { zone, holding: other });
                if (!systems.includes(own.system)) systems.push(own.system);
                sameSender ||= own.role === 'sends' && other.role === 'sends';
            }
        }
    }
    const result = { agreeing: agreeing.size, differing, sameSender, systems };
    if (!branched) memo.set(key, result);
    return result;
}

const ZONES = new WeakMap<Mapping, string | null>();

/** fixedZoneOf, read once per mapping (a mapping object is replaced by every parse of its element). */
function zoneOf(mapping: Mapping): string | undefined {
    let zone = ZONES.get(mapping);
    if (zone === undefined) {
        zone = fixedZoneOf(mapping) ?? null;
        ZONES.set(mapping, zone);
    }
    return zone ?? undefined;
}

const GROUP_ZONES = new WeakMap<readonly FieldHolding[], ReadonlySet<string>>();

/** The distinct fixed zones of one system's field (a holdings list is one object per workspace state). */
function zonesOfGroup(group: readonly FieldHolding[]): ReadonlySet<string> {
    let zones = GROUP_ZONES.get(group);
    if (!zones) {
        zones = new Set(group.map(holding => zoneOf(holding.mapping)).filter((zone): zone is string => zone !== undefined));
        GROUP_ZONES.set(group, zones);
    }
    return zones;
}

/** At most three places, then how many more: a field read in many feeds would otherwise fill the message. */
function placesText(places: string[], count = places.length): string {
    return count <= 3 ? listText(places) : `${places.slice(0, 3).join(', ')} and ${count - 3} more`;
}

const BY_ZONE = new WeakMap<Map<Mapping, { zone: string }>, Map<string, Mapping[]>>();

/** The differing mappings by zone, in the order met; once per comparison (shared by the mappings that share it). */
function zonesDiffering(differing: Map<Mapping, { zone: string }>): Map<string, Mapping[]> {
    let byZone = BY_ZONE.get(differing);
    if (!byZone) {
        byZone = new Map();
        for (const [other, { zone }] of differing) {
            const list = byZone.get(zone);
            if (list) list.push(other); else byZone.set(zone, [other]);
        }
        BY_ZONE.set(differing, byZone);
    }
    return byZone;
}

/** The field of a mapping's source, as the holdings compare it. */
function fieldOf(mapping: Mapping): string {
    return holdingsOf(mapping, AstUtils.getContainerOfType(mapping, isInterface)!)[0]?.field ?? mapping.source;
}

/** `'LabOrders' (OML^O21, copied into LIS's OBR-7)`. */
function placeOf(mapping: Mapping, holding: FieldHolding): string {
    const place = mappingPlace(mapping);
    return holding.role === 'receives' ? `${place.replace(/\)$/, '')}${place.endsWith(')') ? ', ' : ' ('}copied into ${holding.system}'s ${holding.field})` : place;
}

/**
 * Whether two interfaces each read the field in the one zone of their own sites, and those zones differ: one feed
 * per site (a LIS at two hospitals in two zones, one interface each), not a contradiction.
 */
function eachReadsItsSites(ownerA: Interface, zoneA: string, ownerB: Interface, zoneB: string, workspace: WorkspaceIndex): boolean {
    const [za, zb] = [siteZonesOf(ownerA, workspace), siteZonesOf(ownerB, workspace)];
    const keeps = (zones: Array<string | undefined>, zone: string) => zones.length > 0 && zones.every(site => site !== undefined && keepSameClock(site, zone));
    return keeps(za, zoneA) && keeps(zb, zoneB);
}

const SITE_ZONES = new WeakMap<WorkspaceIndex, Map<Interface, Array<string | undefined>>>();

/** The zones of an interface's sites (undefined for a site without a usable one), once per interface and workspace state. */
function siteZonesOf(owner: Interface, workspace: WorkspaceIndex): Array<string | undefined> {
    let byInterface = SITE_ZONES.get(workspace);
    if (!byInterface) {
        byInterface = new Map();
        SITE_ZONES.set(workspace, byInterface);
    }
    let zones = byInterface.get(owner);
    if (!zones) {
        const names = sitesOfInterface(owner, workspace);
        zones = workspace.sites.filter(site => names.has(site.name)).map(site => siteZoneOf(site));
        byInterface.set(owner, zones);
    }
    return zones;
}

const CLOCKS = new Map<string, boolean>();

/** sameClock, remembered per pair of zone names (it formats dates in both zones): a field read in many feeds compares the same few zones. */
function keepSameClock(a: string, b: string): boolean {
    if (a === b) return true;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let same = CLOCKS.get(key);
    if (same === undefined) {
        if (CLOCKS.size > 10_000) CLOCKS.clear(); // zone names come from free text: keep a long-running server bounded
        same = sameClock(a, b);
        CLOCKS.set(key, same);
    }
    return same;
}
