/**
 * Reads the values of a mapping sheet's cells: code maps written the ways people write them in one cell, unit
 * conversions, conditions (`OBX-2 = NM`, the v2-to-FHIR guide's `IF OBX-2 IN ("ST", "TX")`), kinds and message
 * types. Each reader returns undefined (or the parts it could not read) rather than guessing.
 */
import type { DraftCode, DraftMapping } from '../draft.js';
import { hl7FieldPath } from '../spec-text.js';

/** A code map cell: the pairs read, and the parts that are not a pair (for TODOs). */
export interface CodeCell {
    codes: DraftCode[];
    unread: string[];
}

/**
 * `F=final; C=corrected`, `F -> final`, `F => final`, `F → final`, `F:final`, `"F" -> "final"`, one pair per line
 * or separated by `;` (or `,` when every part is a pair). A code map in a cell names source code then target code.
 */
export function readCodes(cell: string): CodeCell {
    let parts = cell.split(/[\r\n;|]+/).map(part => part.trim()).filter(Boolean);
    if (parts.length === 1 && parts[0].includes(',')) {
        const byComma = parts[0].split(',').map(part => part.trim()).filter(Boolean);
        if (byComma.every(part => pair(part) !== undefined)) parts = byComma;
    }
    const codes: DraftCode[] = [];
    const unread: string[] = [];
    for (const part of parts) {
        const read = pair(part);
        if (read) codes.push(read); else unread.push(part);
    }
    return { codes, unread };
}

function pair(text: string): DraftCode | undefined {
    const match = /^(.+?)\s*(?:->|=>|→|=|:(?!\/\/))\s*(.+)$/.exec(text);
    if (!match) return undefined;
    const source = unquote(match[1]);
    const target = unquote(match[2]);
    return source !== '' && target !== '' ? { source, target } : undefined;
}

function unquote(text: string): string {
    const trimmed = text.trim();
    const match = /^(["'“”‘’])(.*)(["'“”‘’])$/.exec(trimmed);
    return (match ? match[2] : trimmed).trim();
}

/**
 * A units cell: `mg/dL`, `mg/dL -> mmol/L`, `mg/dL => mmol/L`, `mg/dL to mmol/L`, with an optional factor
 * (`factor 0.0555`, `x 0.0555`, `* 0.0555`, `(× 0.0555)`). Undefined for an empty cell.
 */
export function readUnits(cell: string): DraftMapping['units'] | undefined {
    const text = cell.replace(/\s+/g, ' ').trim();
    if (text === '') return undefined;
    let rest = text;
    let factor: number | undefined;
    const factorMatch = /\s*\(?\s*(?:factor|[x×*])\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*\)?\s*$/.exec(rest);
    if (factorMatch && /->|=>|→| to /.test(rest)) {
        factor = Number(factorMatch[1]);
        rest = rest.slice(0, factorMatch.index);
    }
    const arrow = /^(.+?)\s*(?:->|=>|→|\bto\b)\s*(.+)$/.exec(rest);
    if (!arrow) return { source: unquote(rest) };
    const units: NonNullable<DraftMapping['units']> = { source: unquote(arrow[1]), target: unquote(arrow[2]) };
    if (factor !== undefined) units.factor = factor;
    return units;
}

/** A condition the language holds as a `when` group: a field and the codes it must have. */
export interface WhenCondition {
    field: string;
    values: string[];
}

/**
 * `OBX-2 = NM`, `when OBX-2 = NM`, `OBX-2 == "NM"`, `OBX-2 = NM, SN`, `OBX-2 in (ST, TX)`, `OBX-2 = ST or TX`, and the v2-to-FHIR
 * guide's ANTLR form `IF OBX-2 EQUALS "NM"`, `IF OBX-2 IN ("ST", "FT", "TX")`, `IF OBX-11 IS "X"`. Anything else
 * (`NOT`, `AND`, `VALUED`, two fields) is not a `when` group: undefined, and the caller keeps it as a note.
 */
export function readCondition(cell: string): WhenCondition | undefined {
    const text = cell.replace(/\s+/g, ' ').trim().replace(/^(?:if|when|only when|only if)\s+/i, '').replace(/^\((.*)\)$/, '$1');
    const match = /^([A-Za-z][A-Za-z0-9]{2}[-.][0-9]+(?:[-.][0-9]+){0,2})\s*(?:={1,2}|\bequals\b|\bis\b|\bin\b)\s*(.+)$/i.exec(text);
    if (!match) return undefined;
    const field = hl7FieldPath(match[1]);
    if (!field) return undefined;
    let list = match[2].trim();
    const parenthesised = /^\((.*)\)$/.exec(list);
    if (parenthesised) list = parenthesised[1];
    const values = list.split(/\s*,\s*|\s+or\s+/i).map(value => unquote(value));
    if (values.length === 0 || values.some(value => !/^[A-Za-z0-9_^.-]+$/.test(value) || /^(and|not|valued)$/i.test(value))) return undefined;
    return { field, values };
}

const KINDS: Record<string, NonNullable<DraftMapping['kind']>> = {
    identifier: 'identifier', id: 'identifier', quantity: 'quantity', timestamp: 'timestamp', datetime: 'timestamp',
    'date time': 'timestamp', 'date/time': 'timestamp', instant: 'timestamp', date: 'date', code: 'code', coded: 'code',
    text: 'text', string: 'text'
};

/** The mapping kind a data type cell says (`identifier`, `Quantity`, `dateTime`, `string`), or undefined. */
export function readKind(cell: string): DraftMapping['kind'] | undefined {
    return KINDS[cell.trim().toLowerCase()];
}

/**
 * A message type as the language writes it: `ORU^R01`, `ORU_R01`, `ORU R01`, `ORU-R01` and `ADT^A01^ADT_A01` give
 * `ORU^R01` and `ADT^A01^ADT_A01` (HL7 v2 MSH-9); a FHIR resource name stays as it is. Undefined for other text.
 */
export function readMessageType(cell: string): string | undefined {
    const text = cell.trim();
    const v2 = /^([A-Za-z][A-Za-z0-9]{2})\s*[\^_ \-/]\s*([A-Za-z][A-Za-z0-9]{2})(?:\s*\^\s*([A-Za-z][A-Za-z0-9]{2}_[A-Za-z][A-Za-z0-9]{2}))?$/.exec(text);
    if (v2) return [v2[1].toUpperCase(), v2[2].toUpperCase(), ...(v2[3] ? [v2[3].toUpperCase()] : [])].join('^');
    if (/^[A-Z][A-Za-z]+$/.test(text)) return text;
    return undefined;
}

/**
 * The message types of a cell that may name several (`ORU^R01, OUL^R22`, `ADT^A01/ADT^A04`, one per line); empty
 * unless every part is a message type.
 */
export function readMessageTypes(cell: string): string[] {
    const single = readMessageType(cell);
    if (single) return [single];
    const parts = cell.split(/[,;\n|]+|\s+(?:and|or|&)\s+|\s*\/\s*(?=[A-Za-z][A-Za-z0-9]{2}[\^_])/).map(part => part.trim()).filter(Boolean);
    const types = parts.map(readMessageType);
    return types.length > 1 && types.every(Boolean) ? [...new Set(types as string[])] : [];
}
