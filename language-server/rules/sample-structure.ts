import { hl7v2FieldUsage, lookupHl7v2Message } from '../dictionaries/hl7v2-messages.js';
import { isMappingGroup } from '../language/generated/ast.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { parseHl7Path } from '../samples/read/index.js';
import { isEmptyValue, messageTypeRange, noDocumentCheck, requiredSegments, sourcePath } from '../samples/sample-check.js';
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
        + 'the spec maps unconditionally and the standard requires is not empty.',
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
