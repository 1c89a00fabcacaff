import { isMessage, isProfileField, isProfileGroup, isProfileSegment, type Mapping, type Message, type Profile } from '../language/generated/ast.js';
import { fieldRule, isNotSupported, parseCardinality, placesOf, segmentNotSupported, segmentPlaces, usageOf, USAGE_CODES, USAGE_MEANING } from '../model/conformance-profile.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { descendantsOfType } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

type Report = RuleContext['report'];

/** `PID-3`, `PID-3.1`, `OBX[2]-5`, `PID-3[authority = "NHS"].1`: the segment and field an HL7 v2 path names. */
const FIELD = /^([A-Z][A-Z0-9]{2})(?:\[\d+\]|\(\d+\))?-(\d+)(?![\d])/;

function hl7Field(path: string | undefined): { segment: string, position: number } | undefined {
    const match = FIELD.exec(path ?? '');
    return match ? { segment: match[1], position: Number(match[2]) } : undefined;
}

/**
 * The mappings of a message that declares a conformance profile, against the profile's usage (HL7 v2.5.1 chapter
 * 2B): a field marked X (not supported) is not mapped, a field marked R is mapped (or the engine fills it: info),
 * and a field the profile does not list for a segment it lists is a question for the profile's author (info). Also
 * checks the profile itself: usage codes of chapter 2B and readable cardinalities.
 */
export const profileUsageRule: Rule = {
    id: 'profile-usage',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'A message that follows a conformance profile maps no field the profile marks X, and the fields it marks R.',
    description: 'An HL7 v2 conformance profile says which fields a message carries: X (not supported) fields are '
        + 'never sent, so a mapping of one reads nothing (warning); R (required) fields are always sent, and one the '
        + 'spec does not map is reported as info (the engine may fill it, the spec does not say); a field the profile '
        + 'does not list for a segment it lists is info. Only messages with `profile <name>` are checked, and their type '
        + 'is the profile\'s. The profile '
        + 'itself uses the usage codes of HL7 v2 chapter 2B and cardinalities `min..max` with min at most max.',
    options: NO_OPTIONS,
    check({ model, report }) {
        for (const message of descendantsOfType(model, isMessage)) {
            const profile = message.profile?.ref;
            if (profile) checkMessage(message, profile, report);
        }
        for (const node of [...descendantsOfType(model, isProfileSegment), ...descendantsOfType(model, isProfileGroup), ...descendantsOfType(model, isProfileField)]) {
            checkProfileStatement(node, report);
        }
    }
};

function checkMessage(message: Message, profile: Profile, report: Report): void {
    // MSH-9.1 and MSH-9.2 decide which profile applies; the structure (MSH-9.3) may be left out on either side.
    const eventOf = (type: string) => type.split('^').slice(0, 2).join('^').toUpperCase();
    if (profile.messageType && message.type && eventOf(profile.messageType) !== eventOf(message.type)) {
        report(message, `Profile ${profile.name} constrains ${profile.messageType}, not ${message.type}.`, { property: 'profile' });
        return;
    }
    const mapped = new Set<string>();
    for (const mapping of messageMappings(message)) {
        for (const side of ['source', 'target'] as const) {
            const field = hl7Field(mapping[side]);
            if (!field) continue;
            mapped.add(`${field.segment}-${field.position}`);
            checkMapped(mapping, side, field, profile, report);
        }
    }
    const reported = new Set<string>();
    for (const place of segmentPlaces(profile)) {
        if (isNotSupported(place.segment) || place.groups.some(isNotSupported)) continue;
        for (const field of place.segment.fields) {
            const key = `${place.segment.name}-${field.position}`;
            // MSH-1 and MSH-2 are the separators: the engine writes them, no spec maps them.
            if (usageOf(field) !== 'R' || mapped.has(key) || reported.has(key) || key === 'MSH-1' || key === 'MSH-2') continue;
            reported.add(key);
            const type = field.dataType ? `, ${field.dataType}` : '';
            report(message, `${key}${field.title ? ` (${field.title})` : ''} is required by profile ${profile.name} (usage R${type}) but not mapped; map it, or say that the engine fills it.`, {
                property: 'profile', severity: 'info'
            });
        }
    }
}

function checkMapped(mapping: Mapping, side: 'source' | 'target', field: { segment: string, position: number }, profile: Profile, report: Report): void {
    const key = `${field.segment}-${field.position}`;
    const places = placesOf(profile, field.segment);
    if (places.length === 0) {
        report(mapping, `${mapping[side]}: profile ${profile.name} does not list segment ${field.segment}; check that the sender sends it, or add it to the profile.`, {
            property: side, severity: 'info'
        });
        return;
    }
    if (segmentNotSupported(places)) {
        report(mapping, `${mapping[side]}: profile ${profile.name} marks segment ${field.segment} X (not supported); the sender never sends it.`, { property: side });
        return;
    }
    const rule = fieldRule(places, field.position);
    if (rule.kind === 'unlisted') {
        report(mapping, `${mapping[side]}: profile ${profile.name} does not list ${key}; check that the sender populates it, or add it to the profile.`, {
            property: side, severity: 'info'
        });
    } else if (rule.kind === 'listed' && rule.fields.every(isNotSupported)) {
        report(mapping, `${mapping[side]}: profile ${profile.name} marks ${key} X (not supported); the sender never populates it, so this mapping reads nothing.`, { property: side });
    }
}

/** A profile statement's usage is a chapter 2B code and its cardinality reads `min..max` with min <= max. */
function checkProfileStatement(node: { usage?: string, cardinality?: string } & Parameters<Report>[0], report: Report): void {
    const usage = usageOf(node);
    if (usage !== undefined && !USAGE_CODES.has(usage)) {
        report(node, `Usage '${node.usage}' is not an HL7 v2 usage code; use ${[...USAGE_CODES].map(code => `${code} (${USAGE_MEANING[code]})`).join(', ')}.`, { property: 'usage' });
    }
    const cardinality = parseCardinality(node.cardinality);
    if (cardinality && cardinality.max !== undefined && cardinality.min > cardinality.max) {
        report(node, `Cardinality ${node.cardinality} has a minimum above its maximum.`, { property: 'cardinality' });
    } else if (cardinality && cardinality.min > 0 && (usage === 'X' || usage === 'W')) {
        report(node, `Usage ${usage} (${USAGE_MEANING[usage]}) with cardinality ${node.cardinality}: an element that is never sent has a minimum of 0.`, { property: 'cardinality' });
    }
}
