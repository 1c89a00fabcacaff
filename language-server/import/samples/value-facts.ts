/**
 * What one captured HL7 v2 value says, read the way the sample rules read it, so that a draft from samples states
 * exactly what `interspec check --samples` will compare: the code of a coded value, the assigning authority of an
 * identifier, the UTC offset of a time, whether a value fits its data type. Sources: HL7 v2 chapter 2A (data types
 * CX, XCN, EI, EIP, TS/DTM, NM, DT, TM) as the project's sample rules (rules/sample-*.ts) apply them.
 */
import { parseDtm } from '../../samples/hl7v2-time.js';
import type { Hl7Component, Hl7Repetition } from '../../samples/read/index.js';

/** Data types whose value is a code of a table (the first component for CWE, CE, CNE). */
export const CODED_TYPES = new Set(['ID', 'IS', 'CWE', 'CE', 'CNE']);

/** Data types that carry an assigning authority (CX-4, XCN-9, EI-2/EI-3, the EI of an EIP; CK like CX). */
export const IDENTIFIER_TYPES = new Set(['CX', 'CK', 'XCN', 'EI', 'EIP']);

/** Data types whose first component is a date and time (TS.1 is a DTM; DR.1, the range's start, a TS). */
export const TIME_TYPES = new Set(['TS', 'DTM', 'DR']);

/** Whether a value is empty or the HL7 null `""`. */
export function isEmpty(text: string): boolean {
    return text === '' || text === '""';
}

/** The first component of a repetition (its first subcomponent when it has several), unescaped and trimmed: the code of a CWE, the id of a CX. */
export function firstComponentText(repetition: Hl7Repetition): string {
    const component = repetition.components[0];
    const leaf = component.subcomponents.length > 1 ? component.subcomponents[0] : component;
    return leaf.value.trim();
}

/**
 * The assigning authority an identifier repetition names, as `identifier authority "…"` text: the namespace id,
 * with the universal id in parentheses when both are sent (`VALLEY-MRN (2.16.528.1)`), or the universal id alone.
 * `''` when the repetition names none; undefined when the data type carries no authority.
 */
export function authorityText(repetition: Hl7Repetition, dataType: string): string | undefined {
    const hd = (component: Hl7Component | undefined): [string, string] =>
        [component?.subcomponent(1)?.value.trim() ?? '', component?.subcomponent(2)?.value.trim() ?? ''];
    let namespace: string;
    let universal: string;
    switch (dataType) {
        case 'CX':
        case 'CK':
            [namespace, universal] = hd(repetition.component(4));
            break;
        case 'XCN':
            [namespace, universal] = hd(repetition.component(9));
            break;
        case 'EI':
            namespace = repetition.component(2)?.value.trim() ?? '';
            universal = repetition.component(3)?.value.trim() ?? '';
            break;
        case 'EIP': {
            const part = [repetition.component(1), repetition.component(2)].find(component => component && !isEmpty(component.value.trim()));
            if (!part) return undefined;
            namespace = part.subcomponent(2)?.value.trim() ?? '';
            universal = part.subcomponent(3)?.value.trim() ?? '';
            break;
        }
        default:
            return undefined;
    }
    if (isEmpty(namespace)) namespace = '';
    if (isEmpty(universal)) universal = '';
    if (namespace && universal) return `${namespace} (${universal})`;
    return namespace || universal;
}

/**
 * The UTC offset a time value carries (`+0100`), `''` when it carries none, undefined when it is not a time of day
 * (a date alone, or not a DTM at all: sample-values' concern).
 */
export function offsetOf(text: string): string | undefined {
    const time = parseDtm(text);
    if (!time || time.precision < 10) return undefined;
    return /([+-]\d{4})$/.exec(text.trim())?.[1] ?? '';
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}((0[1-9]|1[0-2])((0[1-9]|[12]\d|3[01]))?)?$/;
const TIME = /^([01]\d|2[0-3])([0-5]\d([0-5]\d(\.\d{1,4})?)?)?([+-]\d{4})?$/;

/** Why a value does not fit its HL7 v2 data type (as rules/sample-values.ts judges it), or undefined when it does. */
export function valueProblem(dataType: string, text: string): string | undefined {
    switch (dataType) {
        case 'NM':
            return NUMBER.test(text) ? undefined : 'is not a number (NM)';
        case 'DT':
            return DATE.test(text) ? undefined : 'is not a date (DT)';
        case 'DTM':
        case 'TS':
            return parseDtm(text) ? undefined : `is not a date and time (${dataType})`;
        case 'TM':
            return TIME.test(text) ? undefined : 'is not a time (TM)';
        default:
            return undefined;
    }
}
