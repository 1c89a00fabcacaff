/**
 * Gathers what the captured messages of one message type say, field by field: which fields are populated, the
 * codes of coded fields, the assigning authorities of identifiers, the UTC offsets of times, values that do not fit
 * their data type, required fields left empty, and for OBX-5 the same per value type (OBX-2) with the unit (OBX-6)
 * of each test (OBX-3). Field data types and usage come from the project's HL7 v2 dictionary
 * (dictionaries/hl7v2.ts, hl7v2-messages.ts) for the messages' version (MSH-12).
 */
import { lookupHl7v2Field } from '../../dictionaries/hl7v2.js';
import { hl7v2FieldUsage, lookupHl7v2Message } from '../../dictionaries/hl7v2-messages.js';
import type { Hl7Field, Hl7Message, Hl7Value } from '../../samples/read/index.js';
import { requiredSegments } from '../../samples/sample-check.js';
import type { Provenance } from '../draft.js';
import { CODED_TYPES, IDENTIFIER_TYPES, TIME_TYPES, authorityText, firstComponentText, isEmpty, offsetOf, valueProblem } from './value-facts.js';

/** One captured message and the file it came from (as the user named it). */
export interface CapturedMessage {
    message: Hl7Message;
    file: string;
}

/** What the samples show of one field (or of OBX-5 for one value type). */
export interface FieldObservation {
    /** `PID-3`. */
    path: string;
    /** The data type the sample rules read the value with: the dictionary's, or OBX-2's for OBX-5. */
    dataType?: string;
    /** The first populated value. */
    first: Provenance;
    /** Populated repetitions seen. */
    values: number;
    /** Codes seen (first component), in the order first seen; only for coded data types. */
    codes: string[];
    /** Assigning authorities seen, in the order first seen; only for identifier data types. */
    authorities: string[];
    /** The first identifier that names no authority. */
    withoutAuthority?: Provenance;
    /** UTC offsets seen on times of day, with how many values carry each. */
    offsets: Map<string, number>;
    /** The first time of day without an offset, and how many there are. */
    withoutOffset?: { from: Provenance; count: number };
    /** The first value that does not fit the data type. */
    problem?: { text: string; why: string; from: Provenance };
    /** OBX-5 only: the units (OBX-6) seen per test code (OBX-3), `''` for a value without a unit. */
    units?: Map<string, Set<string>>;
    /** The first occurrence of the segment where the field is empty, if the standard requires the field. */
    requiredButEmpty?: Provenance;
}

/** Everything observed of one message type. */
export interface MessageObservations {
    /** Field observations by path, in the order fields were first seen. */
    fields: Map<string, FieldObservation>;
    /** OBX-5 observations by OBX-2 value type (`''`: OBX-2 empty), in the order first seen. */
    observationValues: Map<string, FieldObservation>;
    /** Segments the message structure of the version does not have (Z-segments excepted), at their first place. */
    foreignSegments: Map<string, Provenance>;
    /** Segments the structure requires that a message lacks, at the first such message's MSH. */
    missingSegments: Map<string, Provenance>;
    /** The structure, e.g. `ORU_R01`, when the dictionary knows the message type in the version. */
    structure?: string;
}

function at(file: string, value: Hl7Value | { line: number; column: number }, where: string): Provenance {
    return { file, line: value.line, column: value.column, where };
}

function newObservation(path: string, dataType: string | undefined, first: Provenance): FieldObservation {
    return { path, dataType, first, values: 0, codes: [], authorities: [], offsets: new Map() };
}

/** Reads every populated repetition of a field into its observation. */
function observeField(observation: FieldObservation, field: Hl7Field, file: string): void {
    const type = observation.dataType;
    for (const repetition of field.repetitions) {
        if (isEmpty(repetition.raw.trim())) continue;
        observation.values++;
        const text = firstComponentText(repetition);
        const from = at(file, repetition, observation.path);
        if (type && !observation.problem && !isEmpty(text)) {
            const why = valueProblem(type, text);
            if (why) observation.problem = { text, why, from };
        }
        if (type && CODED_TYPES.has(type) && !isEmpty(text) && !observation.codes.includes(text)) observation.codes.push(text);
        if (type && IDENTIFIER_TYPES.has(type)) {
            const authority = authorityText(repetition, type);
            if (authority === '') observation.withoutAuthority ??= from;
            else if (authority !== undefined && !observation.authorities.includes(authority)) observation.authorities.push(authority);
        }
        if (type && TIME_TYPES.has(type) && !isEmpty(text)) {
            const offset = offsetOf(text);
            if (offset === '') {
                observation.withoutOffset ??= { from, count: 0 };
                observation.withoutOffset.count++;
            } else if (offset !== undefined) {
                observation.offsets.set(offset, (observation.offsets.get(offset) ?? 0) + 1);
            }
        }
    }
}

/**
 * Observes the messages of one type and version. MSH fields are not mapped (see below); batch headers are not
 * part of messages. Deterministic: order is the order of first appearance.
 */
export function observeMessages(messages: readonly CapturedMessage[], version: string | undefined, messageType: string): MessageObservations {
    const fields = new Map<string, FieldObservation>();
    const observationValues = new Map<string, FieldObservation>();
    const foreignSegments = new Map<string, Provenance>();
    const info = version ? lookupHl7v2Message(version, messageType) : undefined;
    const structure = info && info !== 'unsupported' ? info : undefined;
    const dataTypes = new Map<string, string | undefined>();
    const dataTypeOf = (path: string) => {
        if (!dataTypes.has(path)) {
            const lookup = lookupHl7v2Field(version, path);
            dataTypes.set(path, lookup.status === 'known' ? lookup.field.dataType : undefined);
        }
        return dataTypes.get(path);
    };
    const missingSegments = new Map<string, Provenance>();
    // Fields the standard requires, per segment, and where each is first empty: one pass over the messages.
    const requiredFields = new Map<string, number[]>();
    const requiredOf = (name: string) => {
        let numbers = requiredFields.get(name);
        if (!numbers) {
            numbers = [];
            for (let n = 1; n <= 200; n++) {
                const usage = hl7v2FieldUsage(version, name, n);
                if (!usage) break;
                if (usage.optionality === 'R') numbers.push(n);
            }
            requiredFields.set(name, numbers);
        }
        return numbers;
    };
    const firstEmpty = new Map<string, Provenance>();
    const required = structure ? requiredSegments(structure.syntax) : [];
    for (const { message, file } of messages) {
        const present = new Set(message.segments.map(segment => segment.name));
        for (const name of required) {
            if (!present.has(name) && !missingSegments.has(name)) missingSegments.set(name, at(file, message.segments[0], `message ${message.header.controlId ?? message.index + 1}`));
        }
        for (const segment of message.segments) {
            for (const n of segment.name === 'MSH' ? [] : requiredOf(segment.name)) {
                const path = `${segment.name}-${n}`;
                if (firstEmpty.has(path)) continue;
                const field = segment.field(n);
                if (field && !isEmpty(field.raw.trim())) continue;
                firstEmpty.set(path, at(file, field ?? segment, `${path} in ${segment.name} ${segment.occurrence}`));
            }
            if (structure && !segment.name.startsWith('Z') && !structure.segments.has(segment.name) && !foreignSegments.has(segment.name)) {
                foreignSegments.set(segment.name, at(file, segment, `segment ${segment.name}`));
            }
            for (const field of segment.fields) {
                // The header is the envelope: its type (MSH-9), version (MSH-12) and applications (MSH-3, MSH-5) are
                // stated as the message, the standard and the systems; the rest (control id, processing id) is no data.
                if (segment.name === 'MSH') continue;
                if (isEmpty(field.raw.trim())) continue;
                const path = `${segment.name}-${field.number}`;
                if (segment.name === 'OBX' && field.number === 5) {
                    const valueType = segment.field(2)?.component(1)?.value.trim().toUpperCase() ?? '';
                    let observation = observationValues.get(valueType);
                    if (!observation) {
                        observation = newObservation(path, valueType || undefined, at(file, field, path));
                        observation.units = new Map();
                        observationValues.set(valueType, observation);
                    }
                    observeField(observation, field, file);
                    const test = segment.field(3)?.repetitions[0];
                    const unit = segment.field(6)?.repetitions[0];
                    const code = test ? firstComponentText(test) : '';
                    const units = observation.units!.get(code) ?? new Set<string>();
                    const unitText = unit ? firstComponentText(unit) : '';
                    units.add(isEmpty(unitText) ? '' : unitText);
                    observation.units!.set(code, units);
                    continue;
                }
                let observation = fields.get(path);
                if (!observation) {
                    observation = newObservation(path, dataTypeOf(path), at(file, field, path));
                    fields.set(path, observation);
                }
                observeField(observation, field, file);
            }
        }
    }
    // A field the standard requires and the draft maps unconditionally must be there in every occurrence of its segment.
    for (const observation of fields.values()) observation.requiredButEmpty = firstEmpty.get(observation.path);
    return { fields, observationValues, foreignSegments, missingSegments, structure: structure?.structure };
}
