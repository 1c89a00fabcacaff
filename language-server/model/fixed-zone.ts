import type { Mapping } from '../language/generated/ast.js';
import { canonicalZone, readZoneText } from './time-zones.js';
import { isPlaceholder } from './workspace-index.js';

/**
 * The one zone a mapping's `timezone "…"` fixes for its values, as a canonical IANA name (`UTC` for `UTC`, `Etc/UTC`,
 * `GMT` and a bare `Z`), read as the samples read a declared zone (samples/sample-reads.ts, declaredZone): the zones
 * of the text, less those it converts from (`"America/New_York, converted from America/Chicago by the engine"`).
 * Undefined when the mapping fixes no one zone: `timezone site`, a text of the sending site's time ("site local
 * time"), a text that says each value carries its offset, one that names several zones (one per sending site) or a
 * zone and UTC, a placeholder, and a text that is no zone (the `timestamps` rule's to report).
 */
export function fixedZoneOf(mapping: Mapping): string | undefined {
    const text = mapping.timezone;
    if (mapping.siteTimezone || text === undefined || isPlaceholder(text)) return undefined;
    if (/^\s*z\s*$/i.test(text)) return 'UTC';
    const reading = readZoneText(text);
    if (reading.offsetUnknown || reading.offsetCarried || reading.notZones.length > 0 || /\bsites?\b/i.test(text)) return undefined;
    const converted = reading.zones.filter(zone => new RegExp(`\\bfrom\\s+${zone.replace(/[/+]/g, '\\$&')}`).test(text));
    const zones = converted.length > 0 && converted.length < reading.zones.length ? reading.zones.filter(zone => !converted.includes(zone)) : reading.zones;
    if (zones.length === 1 && !reading.utc) return canonicalZone(zones[0]);
    return zones.length === 0 && reading.utc ? 'UTC' : undefined;
}
