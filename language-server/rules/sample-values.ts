import { lookupFhirField } from '../dictionaries/fhir.js';
import { lookupHl7v2Field } from '../dictionaries/hl7v2.js';
import type { Mapping } from '../language/generated/ast.js';
import { fhirMappedValues } from '../samples/fhir-check.js';
import { parseFhirDateTime } from '../samples/fhir-time.js';
import type { FhirNode, Hl7Match } from '../samples/read/index.js';
import { parseDtm } from '../samples/hl7v2-time.js';
import { firstComponent, isEmptyValue, mappedValues, noDocumentCheck } from '../samples/sample-check.js';
import { NO_OPTIONS, type Rule } from './rule.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}((0[1-9]|1[0-2])((0[1-9]|[12]\d|3[01]))?)?$/;
const TIME = /^([01]\d|2[0-3])([0-5]\d([0-5]\d(\.\d{1,4})?)?)?([+-]\d{4})?$/;

/** Why a value does not fit an HL7 v2 data type, or undefined when it does (or the type is not one checked). */
function problemOf(dataType: string, text: string): string | undefined {
    switch (dataType) {
        case 'NM':
            return NUMBER.test(text) ? undefined : 'is not a number (NM)';
        case 'DT':
            return DATE.test(text) ? undefined : 'is not a date (DT: YYYY[MM[DD]])';
        case 'DTM':
        case 'TS':
            return parseDtm(text) ? undefined : `is not a date and time (${dataType}: YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ])`;
        case 'TM':
            return TIME.test(text) ? undefined : 'is not a time (TM: HH[MM[SS[.S]]][+/-ZZZZ])';
        default:
            return undefined;
    }
}

/**
 * Why an OBX-5 of type SN (structured numeric, HL7 v2 chapter 2A: comparator ^ num1 ^ separator/suffix ^ num2) is
 * not one, or undefined: the comparator is one of > < >= <= = <>, the first number is a number, a separator (- + / .
 * :) is followed by a second number.
 */
function snProblem(value: Hl7Match['value']): string | undefined {
    const part = (index: number) => ('components' in value ? value.component(index)?.value.trim() : index === 1 ? value.value.trim() : '') ?? '';
    const comparator = part(1), first = part(2), separator = part(3), second = part(4);
    const shape = 'is not a structured numeric (SN: [comparator]^number[^separator^number])';
    if (!['', '>', '<', '>=', '<=', '=', '<>'].includes(comparator)) return shape;
    if (first !== '' && !NUMBER.test(first)) return shape;
    if (!['', '-', '+', '/', '.', ':'].includes(separator)) return shape;
    if (separator !== '' && separator !== '+' && !NUMBER.test(second)) return shape;
    if (first === '' && second === '') return shape;
    return undefined;
}

const FHIR_TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?$/;

/**
 * Why a FHIR primitive does not fit its type (http://hl7.org/fhir/R4/datatypes.html#primitive), or undefined when
 * it does or the type is not one checked. A time of day without offset is reported only when `offsetOwned` is
 * false: where the mapping declares a zone, that is sample-timestamps' finding.
 */
/** base64Binary in FHIR R4: groups of four base64 characters, whitespace between them allowed (datatypes.html#base64Binary). */
const BASE64 = /^(\s*([0-9a-zA-Z+=/]){4}\s*)+$/;

function fhirProblemOf(type: string, node: FhirNode, offsetOwned: boolean): string | undefined {
    const text = node.kind === 'string' ? String(node.value) : node.raw ?? '';
    switch (type) {
        case 'decimal':
            return node.kind === 'number' ? undefined : 'is not a decimal (a JSON number)';
        case 'integer':
        case 'positiveInt':
        case 'unsignedInt': {
            if (node.kind !== 'number' || !/^-?\d+$/.test(text)) return `is not an ${type === 'integer' ? 'integer' : `${type} (an integer)`}`;
            const value = Number(text);
            if (type === 'positiveInt' && value < 1) return 'is not a positiveInt (1 or more)';
            if (type === 'unsignedInt' && value < 0) return 'is not an unsignedInt (0 or more)';
            return undefined;
        }
        case 'boolean':
            return node.kind === 'boolean' ? undefined : 'is not a boolean (true or false)';
        case 'time':
            return node.kind === 'string' && FHIR_TIME.test(text) ? undefined : 'is not a time (hh:mm:ss)';
        case 'base64Binary':
            return node.kind === 'string' && BASE64.test(text) ? undefined
                : 'is not base64Binary (the content itself, such as a report\'s text, must be base64-encoded in an Attachment\'s `data`)';
        case 'uri':
        case 'url':
        case 'canonical':
            return node.kind === 'string' && /^\S+$/.test(text) ? undefined : `is not a ${type} (no whitespace)`;
        case 'oid':
            return node.kind === 'string' && /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/.test(text) ? undefined : 'is not an oid (urn:oid: and dotted numbers)';
        case 'uuid':
            return node.kind === 'string' && /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text) ? undefined : 'is not a uuid (urn:uuid: and lower-case hex)';
        case 'id':
            return node.kind === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(text) ? undefined : 'is not an id (1 to 64 letters, digits, - and .)';
        case 'code':
            return node.kind === 'string' && /^[^\s]+( [^\s]+)*$/.test(text) ? undefined : 'is not a code (no leading, trailing or repeated whitespace)';
        case 'string':
        case 'markdown':
            return node.kind === 'string' && /\S/.test(text) ? undefined : `is not a ${type} (a non-empty JSON string)`;
        case 'date':
        case 'dateTime':
        case 'instant': {
            const time = node.kind === 'string' ? parseFhirDateTime(text) : undefined;
            const shape = type === 'date' ? 'YYYY[-MM[-DD]]' : type === 'instant' ? 'YYYY-MM-DDThh:mm:ss[.s]+zz:zz' : 'YYYY[-MM[-DD[Thh:mm:ss[.s]+zz:zz]]]';
            if (!time || (type === 'date' && time.hasTime) || (type === 'instant' && !time.hasTime)) return `is not a${type === 'instant' ? 'n' : ''} ${type} (${shape})`;
            if (time.hasTime && time.offsetMinutes === undefined && !offsetOwned) return `has a time of day without a UTC offset, which a FHIR ${type} requires`;
            return undefined;
        }
        default:
            return undefined;
    }
}

/** The primitives a mapped FHIR element is, or has directly (a Quantity's `value`, a Period's `start`). */
function primitivesOf(node: FhirNode): FhirNode[] {
    const list = node.kind === 'object' ? node.children.flatMap(child => child.kind === 'array' ? child.children : [child]) : [node];
    return list.filter(item => item.kind !== 'object' && item.kind !== 'array' && !item.name.startsWith('_'));
}

function declaresZone(mapping: Mapping): boolean {
    return mapping.timezone !== undefined || mapping.siteTimezone;
}

/**
 * A captured value fits the data type of its field: a number where the field (or OBX-2 for OBX-5) says NM, a
 * well-formed date and time where it says DTM, TS, DT or TM, and a number where the spec maps it `as quantity`.
 * The mapping that applies is the one of the `when OBX-2 = …` group the segment matches, if any.
 */
export const sampleValuesRule: Rule = {
    id: 'sample-values',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'samples',
    summary: 'Values in captured messages fit their data type: numbers where NM (OBX-2 for OBX-5) or `as quantity`, well-formed dates and times.',
    description: 'A value its data type cannot hold is rejected by a strict receiver and misread by a lenient one: "<5" stored '
        + 'as 5, "20260230" as the 2nd of March. For each field the spec maps, the captured value is checked against the '
        + 'field\'s data type in the message\'s version (for OBX-5, the type OBX-2 names): NM must be a number, DTM and TS a '
        + 'well-formed date and time with a valid offset, DT a date, TM a time. A field the applying mapping reads `as '
        + 'quantity` must be a number. Conditional mappings are respected: inside `when OBX-2 = ST { OBX-5 -> … }` the '
        + 'group\'s mapping replaces the unconditional one for the segments it matches. In a FHIR resource, the mapped '
        + 'element (and the primitives it holds directly, such as a Quantity\'s `value`) must fit its FHIR type: decimal '
        + 'and integers as JSON numbers, boolean, date, dateTime, instant (with a UTC offset on a time of day), time, and the '
        + 'string-based primitives by their R4 patterns: base64Binary (an Attachment\'s `data` holding plain text is not), uri, '
        + 'url, canonical, oid, uuid, id, code, and a string or markdown that is not empty.',
    options: NO_OPTIONS,
    check: noDocumentCheck,
    samples: {
        begin: () => ({
            message(sample, report) {
                const seen = new Set<number>();
                for (const { mapping, match } of mappedValues(sample, () => true)) {
                    const { text, range } = firstComponent(match);
                    if (isEmptyValue(text) || seen.has(range.start.offset)) continue;
                    const isObx5 = match.segment.name === 'OBX' && match.field.number === 5 && !/\.\d/.test(mapping.source);
                    let dataType: string | undefined;
                    if (isObx5) {
                        dataType = match.segment.field(2)?.value.trim().toUpperCase();
                    } else {
                        const lookup = lookupHl7v2Field(sample.version, mapping.source.replace(/\[.*?\]|\(\d\)/g, ''));
                        dataType = lookup.status === 'known' ? lookup.field.dataType : undefined;
                    }
                    const where = `${match.segment.name}-${match.field.number}`;
                    if (isObx5 && dataType === 'SN') {
                        // A structured numeric (`<=^0.5`, `^1^:^128`): its number is in the second component.
                        const problem = snProblem(match.value);
                        if (problem) {
                            seen.add(range.start.offset);
                            report({ file: sample.file, range: match.value.range, related: mapping, message: `${where} "${match.value.raw}" ${problem} although OBX-2 says SN.` });
                        }
                        continue;
                    }
                    let problem = dataType ? problemOf(dataType, text) : undefined;
                    if (problem && isObx5) problem += ` although OBX-2 says ${dataType}`;
                    if (!problem && mapping.kind === 'quantity' && !NUMBER.test(text)) problem = 'is not a number, and the spec maps it as a quantity';
                    if (!problem) continue;
                    seen.add(range.start.offset);
                    report({ file: sample.file, range, related: mapping, message: `${where} "${text}" ${problem}.` });
                }
            },
            resource(sample, report) {
                const seen = new Set<FhirNode>();
                for (const { mapping, node } of fhirMappedValues(sample, () => true)) {
                    for (const primitive of primitivesOf(node)) {
                        if (seen.has(primitive)) continue;
                        const lookup = lookupFhirField(sample.version, primitive.path);
                        const type = lookup.status === 'known' ? lookup.field.dataType : undefined;
                        if (!type) continue;
                        const problem = fhirProblemOf(type, primitive, declaresZone(mapping));
                        if (!problem) continue;
                        seen.add(primitive);
                        report({ file: sample.file, range: primitive.range, related: mapping, message: `${primitive.path} ${primitive.raw} ${problem}.` });
                    }
                }
            }
        })
    }
};
