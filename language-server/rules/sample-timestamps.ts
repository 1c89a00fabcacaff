import { fhirMappedValues } from '../samples/fhir-check.js';
import { fhirInstantOf, fhirOffsetText, parseFhirDateTime } from '../samples/fhir-time.js';
import { instantOf, offsetText, parseDtm, zoneOffsetAt } from '../samples/hl7v2-time.js';
import { firstComponent, isEmptyValue, mappedValues, noDocumentCheck } from '../samples/sample-check.js';
import { declaredZone, timesOf } from '../samples/sample-reads.js';
import { NO_OPTIONS, type Rule } from './rule.js';


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
        + 'saving included; UTC: +0000), and where the zone text says the offset is carried, a time with hours and '
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
                    if (!declared.zone) continue;
                    const expected = declared.zone === 'UTC' ? 0 : zoneOffsetAt(declared.zone, instantOf(time));
                    if (expected === undefined || expected === time.offsetMinutes) continue;
                    report({
                        file: sample.file, range, related: mapping,
                        message: `${where} "${text}" has offset ${offsetText(time.offsetMinutes)}, but ${declared.zone} is at ${offsetText(expected)} at that instant; the time is not in the declared zone.`
                    });
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
                        if (!declared.zone) continue;
                        const expected = declared.zone === 'UTC' ? 0 : zoneOffsetAt(declared.zone, fhirInstantOf(time));
                        if (expected === undefined || expected === time.offsetMinutes) continue;
                        report({
                            file: sample.file, range: item.range, related: mapping,
                            message: `${item.path} "${text}" has offset ${fhirOffsetText(time.offsetMinutes)}, but ${declared.zone} is at ${fhirOffsetText(expected)} at that instant; the time is not in the declared zone.`
                        });
                    }
                }
            }
        })
    }
};
