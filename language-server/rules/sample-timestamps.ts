import { fhirMappedValues } from '../samples/fhir-check.js';
import { fhirInstantOf, fhirOffsetText, parseFhirDateTime } from '../samples/fhir-time.js';
import { instantOf, offsetText, parseDtm, zoneOffsetAt } from '../samples/hl7v2-time.js';
import { firstComponent, isEmptyValue, mappedValues, noDocumentCheck } from '../samples/sample-check.js';
import { declaredZone, timesOf, type DeclaredZone } from '../samples/sample-reads.js';
import type { Site } from '../language/generated/ast.js';
import { siteZoneOf } from '../model/time-zones.js';
import { siteOfMessage, siteOfResource } from '../samples/sample-site.js';
import { NO_OPTIONS, type Rule } from './rule.js';


/**
 * What is wrong with a time's offset, or undefined: it is not the declared zone's offset at that instant; or, where
 * the zone is the sending site's on an interface of sites in several zones, it is none of theirs. `instant` is
 * milliseconds since the epoch; `format` writes an offset in minutes as the standard writes it.
 */
function offsetMismatch(declared: DeclaredZone, instant: number, offset: number, format: (minutes: number) => string, site?: Site): string | undefined {
    // The sending site's zone, and the message names one of the interface's sites: that site's zone, strictly.
    const siteZone = site && siteZoneOf(site);
    if (!declared.zone && declared.siteZones && !declared.siteZonesPresumed && !declared.zonesNamed && siteZone && declared.siteZones.includes(siteZone)) {
        const expected = zoneOffsetAt(siteZone, instant);
        if (expected === undefined || expected === offset) return undefined;
        return `has offset ${format(offset)}, but the message names site ${site!.name}, whose zone ${siteZone} is at ${format(expected)} at that instant; the spec places it in the sending site's zone ("${declared.text}").`;
    }
    if (declared.zone) {
        const expected = declared.zone === 'UTC' ? 0 : zoneOffsetAt(declared.zone, instant);
        if (expected === undefined || expected === offset) return undefined;
        return `has offset ${format(offset)}, but ${declared.zone} is at ${format(expected)} at that instant; the time is not in the declared zone.`;
    }
    const zones = declared.siteZones ?? [];
    const expected = zones.map(zone => ({ zone, at: zoneOffsetAt(zone, instant) }));
    if (zones.length === 0 || expected.some(({ at }) => at === undefined || at === offset)) return undefined;
    // A sender may write UTC where the spec only says the offset is carried.
    if (declared.siteZonesPresumed && offset === 0) return undefined;
    const named = declared.zonesNamed === true;
    const none = `has offset ${format(offset)}, the offset of none of the ${named ? 'zones the spec names' : 'interface\'s sites'} at that instant (${expected.map(({ zone, at }) => `${zone} ${format(at!)}`).join(', ')}); `;
    return declared.siteZonesPresumed
        ? none + `the spec says only "${declared.text}": if the sender is at one of these sites, its clock or zone rules are wrong; else name its zone on the mapping.`
        : none + (named ? `the spec places it in one of them ("${declared.text}").` : `the spec places it in the sending site's zone ("${declared.text}").`);
}

/** A finding that rests on the presumption that the sender is at one of the interface's sites asks, as an info. */
function presumed(declared: DeclaredZone): { severity?: 'info' } {
    return declared.siteZonesPresumed ? { severity: 'info' } : {};
}

/**
 * A captured time whose mapping declares its zone fits it: it carries a UTC offset where the spec says the offset
 * is carried, and an offset it carries is the declared zone's offset at that instant (daylight saving included).
 */
export const sampleTimestampsRule: Rule = {
    id: 'sample-timestamps',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'samples',
    summary: 'Times in captured messages carry the offset the spec says they carry, and it is the declared zone\'s offset at that instant.',
    description: 'A time in the wrong zone puts a result before its order or a dose an hour late, twice a year when only '
        + 'daylight saving differs. For each field the spec maps with `timezone "…"` (or `timezone site`), a captured time '
        + 'with an offset must have the declared IANA zone\'s offset at that instant (computed with `Intl`, daylight '
        + 'saving included; UTC: +0000); where the zone is the sending site\'s (`timezone site`, or a text of the site\'s time '
        + 'that names no zone) and the interface\'s sites are in several zones, the offset of one of them, or of the one site '
        + 'the message names (MSH-4 `MBCC^MORETONBAY`, a Location\'s name) where it names exactly one; where it only '
        + 'says the offset is carried, an offset (other than UTC) of none of the sites is an info that asks. Where the zone '
        + 'text says the offset is carried, a time with hours and '
        + 'no offset is a finding. FHIR dateTime and instant values (the mapped element, or a Period\'s `start` and '
        + '`end`) are checked the same way. Malformed times are `sample-values` findings.',
    options: NO_OPTIONS,
    check: noDocumentCheck,
    samples: {
        begin: () => ({
            message(sample, report) {
                for (const { mapping, match } of mappedValues(sample, m => m.timezone !== undefined || m.siteTimezone)) {
                    const declared = declaredZone(mapping, sample.iface);
                    if (!declared) continue;
                    const { text, range } = firstComponent(match);
                    if (isEmptyValue(text)) continue;
                    const time = parseDtm(text);
                    if (!time || time.precision < 10) continue; // malformed (sample-values) or a date without a time of day
                    const where = `${match.segment.name}-${match.field.number}`;
                    if (time.offsetMinutes === undefined) {
                        if (declared.offsetCarried) {
                            report({ file: sample.file, range, related: mapping, message: `${where} "${text}" carries no UTC offset; the spec says the offset is carried ("${declared.text}").` });
                        }
                        continue;
                    }
                    const wrong = offsetMismatch(declared, instantOf(time), time.offsetMinutes, offsetText, declared.siteZones ? siteOfMessage(sample.iface, sample.message) : undefined);
                    if (wrong) report({ file: sample.file, range, related: mapping, message: `${where} "${text}" ${wrong}`, ...presumed(declared) });
                }
            },
            resource(sample, report) {
                for (const { mapping, node } of fhirMappedValues(sample, m => m.timezone !== undefined || m.siteTimezone)) {
                    const declared = declaredZone(mapping, sample.iface);
                    if (!declared) continue;
                    for (const item of timesOf(node)) {
                        const text = String(item.value);
                        const time = parseFhirDateTime(text);
                        if (!time?.hasTime) continue; // malformed (sample-values), a date, or not a time at all
                        if (time.offsetMinutes === undefined) {
                            // A FHIR dateTime with a time of day, and every instant, SHALL carry its offset (R4 datatypes):
                            // whatever the spec says, such a value is not FHIR (sample-values leaves it to this rule where
                            // the mapping declares a zone).
                            report({
                                file: sample.file, range: item.range, related: mapping,
                                message: declared.offsetCarried
                                    ? `${item.path} "${text}" carries no UTC offset; the spec says the offset is carried ("${declared.text}").`
                                    : `${item.path} "${text}" carries no UTC offset, which FHIR requires on a time of day; the spec places it in "${declared.text}".`
                            });
                            continue;
                        }
                        const wrong = offsetMismatch(declared, fhirInstantOf(time), time.offsetMinutes, fhirOffsetText, declared.siteZones ? siteOfResource(sample.iface, sample.resource.root) : undefined);
                        if (wrong) report({ file: sample.file, range: item.range, related: mapping, message: `${item.path} "${text}" ${wrong}`, ...presumed(declared) });
                    }
                }
            }
        })
    }
};
