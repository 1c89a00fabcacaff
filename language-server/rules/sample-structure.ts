import { hl7v2FieldUsage, lookupHl7v2Message } from '../dictionaries/hl7v2-messages.js';
import { isMappingGroup, type Profile } from '../language/generated/ast.js';
import { fieldRule, isNotSupported, parseCardinality, placeMaximum, placeRequired, placesOf, segmentNotSupported, segmentPlaces, usageOf } from '../model/conformance-profile.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { parseHl7Path } from '../samples/read/index.js';
import { isEmptyValue, messageTypeRange, noDocumentCheck, requiredSegments, sourcePath, type SampleMessage, type SampleReport } from '../samples/sample-check.js';
import { NO_OPTIONS, type Rule } from './rule.js';

/**
 * A captured message has the shape the spec and the standard promise: its type is one the interface declares, its
 * segments are those of the message structure in its version, and a field the spec maps unconditionally and the
 * standard requires is there. Messages that cannot be read, or that match no interface (or several), are
 * findings of this rule too: the run of samples reports them here.
 */
export const sampleStructureRule: Rule = {
    id: 'sample-structure',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'samples',
    summary: 'Captured messages are readable, match one interface, are of a declared type, and have the segments and required mapped fields of their structure.',
    description: 'A sample that the interface does not declare, or whose structure differs from what the standard and the spec '
        + 'expect, is a message the receiver was not built for. Each captured HL7 v2 message is read (unreadable input, '
        + 'wrong encoding characters and truncated frames are findings), matched to one interface by standard, type, '
        + 'version and MSH-3/MSH-5, and checked: its type is one of the interface\'s `message` statements, its segments '
        + 'belong to the structure of that type in its version (table 0354), required segments are there, and a field '
        + 'the spec maps unconditionally and the standard requires is not empty. When the `message` statement follows a '
        + 'conformance profile, the message also keeps to its usage (no X segment or field populated, R segments and '
        + 'fields there) and cardinality (no more occurrences or repetitions than its maximum). A FHIR resource (of a '
        + 'resource file, a Bundle or NDJSON) that cannot be read, or that no interface maps, or several do, is a finding too.',
    options: NO_OPTIONS,
    check: noDocumentCheck,
    samples: {
        begin: () => ({
            message(sample, report) {
                const { message, iface, spec } = sample;
                const type = [message.header.messageType, message.header.triggerEvent].filter(Boolean).join('^');
                if (!spec) {
                    report({
                        file: sample.file, range: messageTypeRange(message), related: iface,
                        message: `${type || 'This message'} is not a message type of interface ${iface.name} (it declares ${iface.messages.map(m => m.type).join(', ') || 'none'}).`
                    });
                    return;
                }
                const info = sample.version ? lookupHl7v2Message(sample.version, spec.type) : undefined;
                if (info && info !== 'unsupported') {
                    for (const segment of message.segments) {
                        if (segment.name.startsWith('Z') || info.segments.has(segment.name)) continue;
                        report({
                            file: sample.file, range: segment.nameRange, related: spec,
                            message: `Segment ${segment.name} is not part of ${info.structure} in HL7 v2 ${info.version}; the receiver of ${iface.name} does not expect it.`
                        });
                    }
                    const present = new Set(message.segments.map(segment => segment.name));
                    for (const name of requiredSegments(info.syntax)) {
                        if (present.has(name)) continue;
                        report({
                            file: sample.file, range: messageTypeRange(message), related: spec,
                            message: `${info.structure} in HL7 v2 ${info.version} requires segment ${name}; this message has none.`
                        });
                    }
                }
                const profile = spec.profile?.ref;
                if (profile) checkProfile(sample, profile, report);
                const seen = new Set<string>();
                for (const mapping of messageMappings(spec)) {
                    if (!mapping.source || isMappingGroup(mapping.$container)) continue;
                    const path = parseHl7Path(sourcePath(mapping.source));
                    if (!path || path.component !== undefined || seen.has(`${path.segment}-${path.field}`)) continue;
                    seen.add(`${path.segment}-${path.field}`);
                    if (hl7v2FieldUsage(sample.version, path.segment, path.field)?.optionality !== 'R') continue;
                    for (const segment of message.segmentsNamed(path.segment)) {
                        const field = segment.field(path.field);
                        if (field && !isEmptyValue(field.raw.trim())) continue;
                        report({
                            file: sample.file, range: field?.range ?? segment.nameRange, related: mapping,
                            message: `${path.segment}-${path.field} is empty; the standard requires it and the spec maps it (${mapping.source} -> ${mapping.target}).`
                        });
                    }
                }
            }
        })
    }
};

/**
 * A message against the conformance profile its `message` statement follows (HL7 v2.5.1 chapter 2B usage and
 * cardinality): segments the profile marks X are absent, required ones present, none occurs more often than the
 * profile's maxima allow (the product of the segment's and its groups' maxima, summed over its places); in each
 * segment, fields marked X are empty, fields marked R are populated, and no field repeats more than its maximum.
 * A segment or field listed in several places with different usage is held to what all places agree on.
 */
function checkProfile(sample: SampleMessage, profile: Profile, report: SampleReport): void {
    const { message, file } = sample;
    const counts = new Map<string, number>();
    for (const segment of message.segments) counts.set(segment.name, (counts.get(segment.name) ?? 0) + 1);
    const names = [...new Set(segmentPlaces(profile).map(place => place.segment.name))];
    for (const name of names) {
        const places = placesOf(profile, name);
        const count = counts.get(name) ?? 0;
        const first = message.segmentsNamed(name)[0];
        if (count > 0 && segmentNotSupported(places)) {
            report({ file, range: first.nameRange, related: places[0].segment, message: `Segment ${name} is present; profile ${profile.name} marks it X (not supported).` });
            continue;
        }
        if (count === 0 && places.some(placeRequired)) {
            report({ file, range: messageTypeRange(message), related: places.find(placeRequired)!.segment, message: `Profile ${profile.name} requires segment ${name} (usage R); this message has none.` });
            continue;
        }
        const maxima = places.map(placeMaximum);
        if (count > 0 && maxima.every(max => max !== undefined)) {
            const maximum = maxima.reduce((sum, max) => sum! + max!, 0)!;
            if (count > maximum) {
                const extra = message.segmentsNamed(name)[maximum];
                report({ file, range: extra.nameRange, related: places[0].segment, message: `Segment ${name} occurs ${count} times; profile ${profile.name} allows at most ${maximum}.` });
            }
        }
        for (const segment of message.segmentsNamed(name)) {
            const checked = new Set<number>();
            for (const place of places) {
                for (const declared of place.segment.fields) {
                    if (checked.has(declared.position)) continue;
                    checked.add(declared.position);
                    const rule = fieldRule(places, declared.position);
                    if (rule.kind !== 'listed') continue;
                    const key = `${name}-${declared.position}`;
                    const field = segment.field(declared.position);
                    const populated = field !== undefined && field.raw.trim() !== '';
                    if (rule.fields.every(isNotSupported)) {
                        if (populated) report({ file, range: field.range, related: declared, message: `${key} is populated; profile ${profile.name} marks it X (not supported).` });
                        continue;
                    }
                    // Required in every place of the segment; an R field of an X or optional place is held by that place alone.
                    if (rule.fields.length === places.length && rule.fields.every(f => usageOf(f) === 'R') && (!field || isEmptyValue(field.raw.trim()))) {
                        report({ file, range: field?.range ?? segment.nameRange, related: declared, message: `${key} is empty; profile ${profile.name} requires it (usage R).` });
                        continue;
                    }
                    const maxima = rule.fields.map(f => parseCardinality(f.cardinality)?.max);
                    if (populated && rule.fields.length === places.length && maxima.every(max => max !== undefined)) {
                        const maximum = Math.max(...maxima as number[]);
                        const repetitions = field.repetitions.length;
                        if (repetitions > maximum) {
                            report({ file, range: field.repetition(maximum + 1)?.range ?? field.range, related: declared, message: `${key} has ${repetitions} repetitions; profile ${profile.name} allows at most ${maximum}.` });
                        }
                    }
                }
            }
        }
    }
}
