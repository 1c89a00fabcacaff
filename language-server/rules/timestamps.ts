import { AstUtils } from 'langium';
import { isInterface, isMapping, isMessage, isSite, type Interface, type Mapping, type Message, type Site } from '../language/generated/ast.js';
import { lookupMappedField, mappingKind } from '../model/field-kinds.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { canonicalZone, readZoneText, siteZoneOf, suggestZone, zoneTextProblem, type ZoneReading } from '../model/time-zones.js';
import { descendantsOfType, isPlaceholder, listText } from '../model/workspace-index.js';
import { NO_OPTIONS, type FixSpec, type Rule, type RuleContext } from './rule.js';

export const timestampsRule: Rule = {
    id: 'timestamps',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Timestamp fields declare a time zone or clock source.',
    description: 'Out-of-order events and wrong result times come from timestamps whose time zone or clock is assumed. '
        + 'A mapping of a timestamp declares `timezone "<IANA zone>"` (or `clock "<source>"`); the zone, there and on a site, must be a real IANA name, '
        + 'not an offset, an abbreviation or "local time", and no zone or clock text may say the offset is unknown. '
        + 'A calendar date (HL7 v2 DT, FHIR date, DICOM DA on either side) has no time of day and needs no zone.',
    options: NO_OPTIONS,
    check({ model, report }) {
        for (const site of model.elements.filter(isSite)) {
            checkSiteZone(site, report);
        }
        for (const message of descendantsOfType(model, isMessage)) {
            checkDateTimePairs(message, report);
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            if (mapping.siteTimezone) {
                // `timezone site`: the zone of the sending site, so every site of the interface must declare one.
                const iface = AstUtils.getContainerOfType(mapping, isInterface);
                const sites = iface?.sites.map(site => site.ref).filter(site => site !== undefined) ?? [];
                if (iface && iface.sites.length === 0) {
                    report(mapping, `${mapping.source} takes the time zone of the sending site, but interface '${iface.name}' lists no \`sites\`; list them, or write the zone.`, { property: 'siteTimezone' });
                }
                for (const site of sites) {
                    if (site.timezone === undefined || isPlaceholder(site.timezone)) {
                        report(mapping, `${mapping.source} takes the time zone of the sending site, but site '${site.name}' declares none; add \`timezone "<IANA zone>"\` to site '${site.name}'.`, { property: 'siteTimezone' });
                    } else if (!siteZoneOf(site)) {
                        report(mapping, `${mapping.source} takes the time zone of the sending site, but the zone of site '${site.name}', '${site.timezone}', is not one IANA zone; write it as one, e.g. \`timezone "Europe/Berlin"\`.`, { property: 'siteTimezone' });
                    }
                }
            } else if (mapping.timezone !== undefined) {
                checkMappingZone(mapping, report);
            } else if (mapping.clock !== undefined) {
                if (isPlaceholder(mapping.clock)) {
                    report(mapping, 'Name the clock source, e.g. `clock "NTP-synchronised analyser clock"`.', { property: 'clock' });
                } else {
                    checkMappingZone(mapping, report);
                }
            } else if (mappingKind(mapping) === 'timestamp') {
                report(mapping, `Timestamp ${mapping.source} is mapped without a time zone or clock source; add \`timezone "<IANA zone>"\` (or \`clock "<source>"\`).`, {
                    property: 'source',
                    fix: { title: 'Add a time zone placeholder', target: mapping, inline: ' timezone "TODO"' }
                });
            }
        }
    }
};

/**
 * The time-zone checks of the `timestamps` rule: every place a zone is written (a site's `timezone`, a mapping's
 * `timezone "…"`, the sites behind `timezone site`) names a real IANA zone, and a note that says the offset is
 * unknown is a finding wherever it is written (a zone or a `clock` text).
 */

/** Why a zone text places no value in time, as a sentence; undefined when it does. */
function zoneTextMessage(text: string, reading: ZoneReading = readZoneText(text)): string | undefined {
    switch (zoneTextProblem(reading)) {
        case 'offset-unknown':
            return `'${text}' says the UTC offset is unknown: these times cannot be placed in order across sites or a daylight-saving change; write the sender's IANA zone (e.g. "Pacific/Auckland") or have the sender carry the offset.`;
        case 'misspelt':
            return `${listText(reading.notZones.map(word => `'${word}'`))} ${reading.notZones.length > 1 ? 'are' : 'is'} not ${reading.notZones.length > 1 ? 'IANA time zones' : 'an IANA time zone'}${didYouMean(reading.notZones)}.`;
        case 'offset-or-abbreviation':
            return `${listText(reading.offsetsOrAbbreviations.map(word => `'${word}'`))} ${reading.offsetsOrAbbreviations.length > 1 ? 'are' : 'is'} a fixed offset or an abbreviation, not a time zone: no daylight-saving rules${reading.offsetsOrAbbreviations.some(word => /^(GMT|UTC)[+-]/i.test(word)) ? ', and the IANA `Etc/GMT+N` zones count the other way (Etc/GMT+12 is UTC-12)' : ''}; write the IANA zone of the place, e.g. "America/Los_Angeles" or "Pacific/Auckland".`;
        case 'no-zone':
            return `'${text}' names no time zone; write an IANA zone (e.g. "Europe/Berlin"), "UTC", or say the offset is carried in the value.`;
        default:
            return undefined;
    }
}

function didYouMean(words: string[]): string {
    const suggestions = words.map(word => [word, suggestZone(word)] as const).filter(([, zone]) => zone !== undefined);
    return suggestions.length === 0 ? '' : `; did you mean ${listText(suggestions.map(([, zone]) => `'${zone}'`))}?`;
}

/** The text with each misspelt zone replaced by its nearest real name, as a quoted string; undefined when none is close. */
function respelt(text: string, reading: ZoneReading): string | undefined {
    let result = text;
    for (const word of reading.notZones) {
        const zone = suggestZone(word);
        if (!zone) {
            return undefined;
        }
        result = result.split(word).join(zone);
    }
    return JSON.stringify(result);
}

/** A site's `timezone` is a real zone: `"Pacific/Auckland"`, not `"GMT+12"` or `"as met at the site"`. */
function checkSiteZone(site: Site, report: RuleContext['report']): void {
    if (site.timezone === undefined || isPlaceholder(site.timezone)) {
        return; // a site without a zone is asked for one where a mapping needs it (`timezone site`)
    }
    const reading = readZoneText(site.timezone);
    const message = zoneTextMessage(site.timezone, reading);
    if (message) {
        const text = zoneTextProblem(reading) === 'misspelt' ? respelt(site.timezone, reading) : undefined;
        report(site, `Site '${site.name}': ${message}`, {
            property: 'timezone',
            fix: text ? { title: `Write ${text}`, target: site, replace: { property: 'timezone', text } } : undefined
        });
    }
}

/** A mapping's `timezone "…"` places its values in time; a `clock "…"` text that says the offset is unknown is a finding too. */
function checkMappingZone(mapping: Mapping, report: RuleContext['report']): void {
    const iface = AstUtils.getContainerOfType(mapping, isInterface);
    if (mapping.timezone !== undefined) {
        const reading = readZoneText(mapping.timezone);
        const message = isPlaceholder(mapping.timezone)
            ? `'${mapping.timezone}' names no time zone; write an IANA zone, e.g. \`timezone "Europe/Berlin"\`, \`timezone "UTC"\`, or say the offset is carried in the value.`
            : zoneTextMessage(mapping.timezone, reading);
        if (message) {
            report(mapping, `${mapping.source}: ${message}`, { property: 'timezone', fix: mappingZoneFix(mapping, reading, iface) });
        }
    }
    if (mapping.clock !== undefined && readZoneText(mapping.clock).offsetUnknown) {
        report(mapping, `${mapping.source}: the clock note '${mapping.clock}' says the UTC offset is unknown; write the zone the clock keeps, or have the sender carry the offset.`, { property: 'clock' });
    }
}

/** The fix for a zone text that is none: the nearest spelling, else `timezone site` when every site has a real zone. */
function mappingZoneFix(mapping: Mapping, reading: ZoneReading, iface: Interface | undefined): FixSpec | undefined {
    if (zoneTextProblem(reading) === 'misspelt') {
        const text = respelt(mapping.timezone!, reading);
        return text ? { title: `Write ${text}`, target: mapping, replace: { property: 'timezone', text } } : undefined;
    }
    const sites = iface?.sites.map(site => site.ref) ?? [];
    if (sites.length > 0 && sites.every(site => site !== undefined && siteZoneOf(site) !== undefined)) {
        return { title: 'Read it in the time zone of the sending site (`timezone site`)', target: mapping, replace: { property: 'timezone', text: 'site' } };
    }
    return undefined;
}

/**
 * A DICOM date and its time (Study Date (0008,0020) and Study Time (0008,0030), Series, Acquisition, Content,
 * Scheduled Procedure Step Start: attributes `<X>Date` of VR DA and `<X>Time` of VR TM, PS3.3) make one instant, so a
 * message that maps both reads them in one zone. Reported on the date, naming the time's zone.
 */
function checkDateTimePairs(message: Message, report: RuleContext['report']): void {
    const mappings = messageMappings(message);
    const dicom = (mapping: Mapping) => {
        const found = lookupMappedField(mapping, 'source')?.result;
        return found?.status === 'known' && found.field.standard === 'DICOM' ? found.field : undefined;
    };
    for (const date of mappings) {
        const field = dicom(date);
        if (!field || field.dataType !== 'DA' || !field.name.endsWith('Date')) {
            continue;
        }
        const timeName = `${field.name.slice(0, -'Date'.length)}Time`;
        const time = mappings.find(m => dicom(m)?.name === timeName && dicom(m)?.dataType === 'TM');
        const [dateZone, timeZone] = [date, time].map(m => m && zoneClaim(m));
        if (time && dateZone && timeZone && dateZone.key !== timeZone.key) {
            report(date, `${date.source} (${field.name}) and ${time.source} (${timeName}) make one instant but are read in different zones, ${dateZone.text} and ${timeZone.text}; declare the same zone for both.`, {
                property: date.siteTimezone ? 'siteTimezone' : 'timezone'
            });
        }
    }
}

/** What a mapping says about its zone, comparable between mappings; undefined when it says nothing. */
function zoneClaim(mapping: Mapping): { key: string, text: string } | undefined {
    if (mapping.siteTimezone) {
        return { key: 'site', text: '`timezone site`' };
    }
    if (mapping.timezone === undefined || isPlaceholder(mapping.timezone)) {
        return undefined;
    }
    const reading = readZoneText(mapping.timezone);
    const perSite = PER_SITE.test(mapping.timezone) && !reading.utc;
    const key = perSite ? 'site' : JSON.stringify([reading.zones.map(canonicalZone).sort(), reading.utc, reading.offsetCarried]);
    return { key, text: `'${mapping.timezone}'` };
}

/** A text that says the zone is each site's own ("site local time", "the sending site's zone"), like `timezone site`. */
const PER_SITE = /\b(each|every|per|by|sending|receiving)\s+site\b|\bsite('s)?\s+(local\s+)?(time|zone)\b/i;
