import { isInterface, isMapping, isSite } from '../language/generated/ast.js';
import { readZoneText, siteZoneOf } from '../model/time-zones.js';
import { descendantsOfType, isPlaceholder, listText, refName } from '../model/workspace-index.js';
import { sameClock, ZONE_NOTES, zonesOf } from '../model/zone-places.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const zonePlaceRule: Rule = {
    id: 'zone-place',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'A site\'s time zone is one of its jurisdiction\'s, and a mapping\'s fixed zone is that of a site it runs at.',
    description: 'A zone that contradicts the place shifts every local time by an hour or more, or twice a year. A site\'s '
        + '`timezone` is one of the zones of its `jurisdiction` (Arizona keeps no daylight saving: America/Phoenix; the '
        + 'Chatham Islands are Pacific/Chatham; the Canary Islands Atlantic/Canary, not Europe/Madrid), where the table '
        + 'knows the jurisdiction; and a mapping\'s fixed `timezone "<zone>"` keeps the clock of a site that hosts the '
        + 'sending system, where the spec says where it is hosted (UTC is always allowed: a sender may send UTC); the latter is an info, since a relayed value keeps the clock of where it was made.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const site of model.elements.filter(isSite)) {
            const zone = siteZoneOf(site);
            const code = site.jurisdiction;
            const allowed = code ? zonesOf(code) : undefined;
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
            if (mapping.timezone === undefined || isPlaceholder(mapping.timezone)) {
                continue;
            }
            const reading = readZoneText(mapping.timezone);
            if (reading.utc || reading.zones.length !== 1 || mapping.timezone.trim() !== reading.zones[0]) {
                continue; // UTC, a zone per sender, or a zone inside a description ("site local time (Westmoor: ...)")
            }
            const iface = mapping.$container?.$container;
            const owner = isInterface(iface) ? iface : isInterface(iface?.$container) ? iface.$container : undefined;
            if (!owner) {
                continue;
            }
            // An info: a relayed value (a reference laboratory's analysis time) keeps the clock of where it was made.
            // The zone of a time is the sender's: compare with the sites that host the sending system. A sender
            // hosted at no site (a reference laboratory, a teleradiology provider abroad) keeps its own clock.
            const sender = refName(owner.source);
            const sites = workspace.sites.filter(site => site.baseline?.hosts.some(host => refName(host) === sender));
            const zones = sites.map(site => siteZoneOf(site));
            if (sites.length === 0 || zones.some(zone => zone === undefined)) {
                continue; // a site without a usable zone is the timestamps rule's to report
            }
            const fixed = reading.zones[0];
            if (!zones.some(zone => zone === 'UTC' || sameClock(fixed, zone!))) {
                report(mapping, `${mapping.source} is read in ${fixed}, but ${sender}, which sends it, is hosted at ${listText(sites.map((site, i) => `${site.name} (${zones[i]})`))}: no site of the sender keeps that clock. Write the sending site's zone (or \`timezone site\`), unless the value comes from further away (a reference laboratory's analysis time relayed by the LIS).`, { property: 'timezone', severity: 'info' });
            }
        }
    }
};
