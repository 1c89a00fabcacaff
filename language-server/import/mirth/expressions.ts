/**
 * The E4X expressions Mirth Connect steps are written in, read as field paths: `msg['OBX']['OBX.11']['OBX.11.1']
 * .toString()` is OBX-11.1 of the inbound message, `tmp['PID']['PID.3']` PID-3 of the outbound one; `$('mrn')`
 * and `channelMap.get('mrn')` a channel map variable (Mirth's Mapper step writes them). HL7 v2 keys follow
 * Mirth's HL7 v2 XML encoding (`SEG.N.C.S`); keys of XML/JSON messages are joined with dots.
 */
import { codeText, hl7FieldPath, isFieldPath } from '../spec-text.js';

/** What an expression reads or writes. */
export type Expression =
    /** `through`: the expression around the field when the step transforms it (`date_conversion(msg['PID']['PID.7'])`). */
    | { kind: 'field'; message: 'msg' | 'tmp'; path: string; through?: string }
    | { kind: 'variable'; name: string }
    | { kind: 'literal'; value: string }
    | { kind: 'other'; text: string };

const ACCESS = /^(msg|tmp)((?:\s*(?:\[\s*(?:'[^']*'|"[^"]*"|\d+|[A-Za-z_$][\w$]*)\s*\]|\.[A-Za-z_][\w]*))+)/;
const ACCESS_INSIDE = /\b(?:msg|tmp)(?:\s*(?:\[\s*(?:'[^']*'|"[^"]*"|\d+|[A-Za-z_$][\w$]*)\s*\]|\.[A-Za-z_][\w]*))+/g;
const KEY = /\[\s*(?:'([^']*)'|"([^"]*)"|(\d+)|[A-Za-z_$][\w$]*)\s*\]|\.([A-Za-z_][\w]*)/g;
const VARIABLE = /^(?:\$[a-z]{0,2}|(?:channelMap|connectorMap|sourceMap|globalChannelMap|globalMap|responseMap|configurationMap)\.get)\(\s*(?:'([^']*)'|"([^"]*)")\s*\)/;
const LITERAL = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")$/;

/** Reads one expression (a step's mapping, message segment, or one side of a script assignment). */
export function readExpression(text: string): Expression {
    const trimmed = text.trim().replace(/;$/, '').replace(/\.(?:toString|text)\(\)$/, '').replace(/^String\((.*)\)$/, '$1').trim();
    const literal = LITERAL.exec(trimmed);
    if (literal) return { kind: 'literal', value: (literal[1] ?? literal[2]).replace(/\\(.)/g, '$1') };
    const variable = VARIABLE.exec(trimmed);
    if (variable && variable[0].length === trimmed.length) return { kind: 'variable', name: variable[1] ?? variable[2] };
    const access = ACCESS.exec(trimmed);
    if (access && access[0].length === trimmed.length) {
        const keys: string[] = [];
        for (const match of access[2].matchAll(KEY)) {
            const key = match[1] ?? match[2] ?? match[4];
            if (key !== undefined && key !== 'toString') keys.push(key);
        }
        const path = pathOf(keys);
        if (path) return { kind: 'field', message: access[1] as 'msg' | 'tmp', path };
    }
    // One field read through a function or an operation (`date_conversion(msg['PID']['PID.7']['PID.7.1'].toString())`).
    const inside = [...trimmed.matchAll(ACCESS_INSIDE)];
    if (inside.length === 1 && !/^(?:msg|tmp)\b/.test(trimmed)) {
        const field = readExpression(inside[0][0]);
        if (field.kind === 'field') return { ...field, through: trimmed };
    }
    return { kind: 'other', text: trimmed };
}

/**
 * The field path of E4X keys: the deepest HL7 v2 key (`PID.3.1` gives PID-3.1; a segment alone is not a field);
 * else the keys joined with dots when they make a path the language reads (`patient.id`).
 */
function pathOf(keys: string[]): string | undefined {
    for (let i = keys.length - 1; i >= 0; i--) {
        const field = /^[A-Z][A-Z0-9]{2}\.\d/.test(keys[i]) ? hl7FieldPath(keys[i]) : undefined;
        if (field) return field;
    }
    if (keys.length === 0 || keys.every(key => /^[A-Z][A-Z0-9]{2}$/.test(key))) return undefined;
    // Each key must be a name the grammar reads in a path (not a keyword it reserves, such as `from`).
    if (!keys.every(key => codeText(key) === key && !/^\d/.test(key))) return undefined;
    const dotted = keys.join('.');
    return isFieldPath(dotted) ? dotted : undefined;
}

/**
 * Single-line assignments of a JavaScript step a person can read as a mapping: `tmp['PID']['PID.3'] =
 * msg['PID']['PID.2'].toString();` (also from a variable or a literal). Each with its 0-based line in the script.
 */
export function scriptAssignments(script: string): Array<{ target: Expression; source: Expression; line: number }> {
    const found: Array<{ target: Expression; source: Expression; line: number }> = [];
    script.split(/\r?\n/).forEach((line, index) => {
        const match = /^\s*((?:msg|tmp)\s*[[.][^=]*?)\s*=(?!=)\s*(.+?);?\s*$/.exec(line);
        if (!match) return;
        const target = readExpression(match[1]);
        const source = readExpression(match[2]);
        if (target.kind !== 'field' || source.kind === 'other') return;
        found.push({ target, source, line: index });
    });
    return found;
}
