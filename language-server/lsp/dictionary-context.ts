import type { Standard } from '../dictionaries/index.js';

/** The interface around a position, read from the text so that half-typed input still answers. */
export interface InterfaceContext {
    /** The standard the interface declares, if it has a dictionary (HL7v2, FHIR, DICOM). */
    standard?: Standard;
    /** The declared version as written, quotes removed (`2.5.1`, `4.0.1`, `2024b`). */
    version?: string;
    /** The message type of the enclosing `message` block (`ADT^A01`), if the position is inside one. */
    messageType?: string;
    /** The interface's name. */
    name?: string;
    /** The receiving system of `from … to <system>`, as written. */
    targetSystem?: string;
    /**
     * The target paths of the enclosing message's mappings, in order, except the mapping on the line at the
     * position (the one being written); empty outside a message.
     */
    messageTargets: string[];
}

const STANDARD_NAMES: Record<string, Standard> = { hl7v2: 'HL7v2', fhir: 'FHIR', dicom: 'DICOM' };

/** The dictionary standard a `standard` declaration names, case-insensitively. */
export function dictionaryStandard(name: string | undefined): Standard | undefined {
    return name ? STANDARD_NAMES[name.toLowerCase()] : undefined;
}

/**
 * Reads, backwards from `offset`, the enclosing `interface` block's name, `standard` and receiving system, and the
 * enclosing `message` block's type and its other mappings' targets. Comments and strings are blanked first so
 * that their words are not read as declarations.
 */
export function interfaceContextAt(text: string, offset: number): InterfaceContext | undefined {
    const before = blank(text.slice(0, offset));
    const start = lastMatch(before, /(^|[\s}])interface\s+[\w-]+/g);
    if (start === undefined) return undefined;
    // Still inside that interface: its braces are not closed before the offset.
    const body = before.slice(start);
    if (depth(body) <= 0 && body.includes('{')) return undefined;
    const context: InterfaceContext = { messageTargets: [] };
    context.name = /interface\s+([\w-]+)/.exec(before.slice(start))?.[1];
    // The standard is usually declared before the messages, but may come anywhere in the block.
    const end = closingBrace(text, start);
    const whole = blank(text.slice(start, end));
    const declared = /\bstandard\s+([A-Za-z][\w-]*)(?:[ \t]+("[^"\n]*"|[\w.-]+))?/.exec(whole);
    if (declared) {
        context.standard = dictionaryStandard(declared[1]);
        const version = declared[2] !== undefined ? text.slice(start + declared.index + declared[0].length - declared[2].length, start + declared.index + declared[0].length) : undefined;
        if (version !== undefined && !/^(transport|owner|from|message|criticality|carries|sites|affects|on|monitor|suppress)$/.test(version)) {
            context.version = version.replace(/^"|"$/g, '');
        }
    }
    const messageStart = lastMatch(body, /(^|\s)message\s+([\w^]+)[^{}\n]*\{/g);
    const receiver = /\bfrom\s+[\w-]+\s+to\s+([\w-]+)/.exec(whole);
    if (receiver) context.targetSystem = receiver[1];
    if (messageStart !== undefined && depth(body.slice(messageStart)) > 0) {
        context.messageType = /message\s+([\w^]+)/.exec(body.slice(messageStart))![1];
        context.messageTargets = mappingTargets(text, start + messageStart, offset);
    }
    return context;
}

/** The mapping lines of the message block at `messageStart`: `source -> target …`, code maps and analyte units left out. */
function mappingTargets(text: string, messageStart: number, offset: number): string[] {
    const end = closingBrace(text, messageStart);
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
    // The line being written is left out: blanked like the code maps (`codes { A -> B }`) and `units per … { … }`.
    const block = blank(text.slice(messageStart, lineStart)) + ' '.repeat(lineEnd - lineStart) + blank(text.slice(lineEnd, end));
    const bare = block.replace(/\b(codes|per\s+\S+)\s*\{[^{}]*\}?/g, match => match.replace(/[^\n]/g, ' '));
    const targets: string[] = [];
    for (const match of bare.matchAll(/^[ \t]*[^\s{}]+[ \t]*->[ \t]*([^\s{}]+)/gm)) targets.push(match[1]);
    return targets;
}

/** Comments and string contents replaced by spaces (same length, so offsets stay). */
function blank(text: string): string {
    return text.replace(/\/\*[\s\S]*?(\*\/|$)|\/\/[^\n]*|"(\\.|[^"\\\n])*("|$)/g, (match) => match.startsWith('"')
        ? `"${' '.repeat(Math.max(0, match.length - 2))}${match.length > 1 && match.endsWith('"') ? '"' : ' '}`.slice(0, match.length)
        : match.replace(/[^\n]/g, ' '));
}

function lastMatch(text: string, pattern: RegExp): number | undefined {
    let found: number | undefined;
    for (const match of text.matchAll(pattern)) found = match.index! + match[1].length;
    return found;
}

function depth(text: string): number {
    let level = 0;
    for (const char of text) {
        if (char === '{') level++;
        else if (char === '}') level--;
    }
    return level;
}

/** The offset just after the brace that closes the block starting at `start` (or the end of the text). */
function closingBrace(text: string, start: number): number {
    const clean = blank(text.slice(start));
    let level = 0;
    for (let i = 0; i < clean.length; i++) {
        if (clean[i] === '{') level++;
        else if (clean[i] === '}' && --level === 0) return start + i + 1;
    }
    return text.length;
}
