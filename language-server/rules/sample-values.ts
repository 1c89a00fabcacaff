import { lookupHl7v2Field } from '../dictionaries/hl7v2.js';
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
        + 'group\'s mapping replaces the unconditional one for the segments it matches.',
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
                    let problem = dataType ? problemOf(dataType, text) : undefined;
                    if (problem && isObx5) problem += ` although OBX-2 says ${dataType}`;
                    if (!problem && mapping.kind === 'quantity' && !NUMBER.test(text)) problem = 'is not a number, and the spec maps it as a quantity';
                    if (!problem) continue;
                    seen.add(range.start.offset);
                    report({ file: sample.file, range, related: mapping, message: `${where} "${text}" ${problem}.` });
                }
            }
        })
    }
};
