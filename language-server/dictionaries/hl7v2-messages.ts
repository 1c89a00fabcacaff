/**
 * HL7 v2 message structures and field usage, per version (2.1 to 2.7.1): which trigger events a version defines,
 * the abstract message syntax of each structure (HL7 v2 chapter 2, `[ ]` optional, `{ }` repeating), and each
 * field's optionality and repetition. Data: data/hl7v2-messages.json (tables 0003, 0076, 0354 and the message
 * definitions of hl7-dictionary), built by scripts/build-dictionaries.mjs; loaded only when first asked.
 */
import { loadData } from './load-data.js';
import { resolveHl7v2Version } from './hl7v2.js';
import { compareHl7v2Versions } from './hl7v2-versions.js';
import { IHE_HL7V2_MESSAGES } from './ihe-hl7v2-messages.js';

interface MessagesData {
    messageTypes: Record<string, string>;
    events: Record<string, string>;
    versions: Record<string, {
        /** Structure id (`ADT_A01`) → description, index into `syntaxes`, trigger events sharing it (`A01 A04`). */
        structures: Record<string, [description: string, syntax: number, events: string]>;
        /** Segment id → index into `usages`: one code per field, `R`/`O` then `*` or a maximum if it repeats. */
        usage: Record<string, number>;
    }>;
    syntaxes: string[];
    usages: string[];
}

let data: MessagesData | undefined;

function load(): MessagesData {
    data ??= loadData<MessagesData>(() => require('./data/hl7v2-messages.json'), './data/hl7v2-messages.json');
    return data;
}

/** The HL7 v2 versions the dictionaries hold, oldest first (`2.1` … `2.7.1`). */
export function hl7v2Versions(): string[] {
    return Object.keys(load().versions).sort(compareHl7v2Versions);
}

/** One message type and trigger event of a version, as MSH-9 writes it. */
export interface Hl7v2MessageInfo {
    /** `ADT^A01`, or `ACK` for a structure without a trigger event. */
    type: string;
    /** The message structure (MSH-9.3, table 0354): `ADT_A01`. */
    structure: string;
    /** The trigger event's description (table 0003) or the structure's. */
    description: string;
    /** Abstract message syntax: `MSH [{SFT}] EVN PID [PD1] …`. */
    syntax: string;
    /** Every segment the structure may hold, at any depth. */
    segments: Set<string>;
    /** The data version read (`2.5.1`; `2.8` reads 2.7.1). */
    version: string;
}

function messageInfo(version: string, structure: string, event: string | undefined): Hl7v2MessageInfo {
    const d = load();
    const [description, syntaxIndex] = d.versions[version].structures[structure];
    const syntax = d.syntaxes[syntaxIndex];
    return {
        type: event ? `${structure.slice(0, 3)}^${event}` : structure,
        structure,
        description: (event && d.events[event]) || description,
        syntax,
        segments: new Set(syntax.match(/\b[A-Z][A-Z0-9]{2}\b/g) ?? []),
        version
    };
}

/** The message types and trigger events of a version, sorted by type; empty for a version without data. */
export function listHl7v2Messages(version: string | undefined): Hl7v2MessageInfo[] {
    const resolved = resolveHl7v2Version(version);
    const structures = resolved ? load().versions[resolved]?.structures : undefined;
    if (!resolved || !structures) return [];
    const result: Hl7v2MessageInfo[] = [];
    for (const [structure, [, , events]] of Object.entries(structures)) {
        const list = events === '' ? [undefined] : events.split(' ');
        for (const event of list) result.push(messageInfo(resolved, structure, event));
    }
    return result.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/**
 * The structure of a message type as written in a spec (`ADT^A04`, `ORU^R01^ORU_R01`, `ACK`): the structure
 * the third component names, else the one of the same type whose table 0354 entry lists the trigger event.
 * 'unsupported' for a version without data or a Z message type; undefined if the version does not define it.
 */
export function lookupHl7v2Message(version: string | undefined, messageType: string): Hl7v2MessageInfo | 'unsupported' | undefined {
    const resolved = resolveHl7v2Version(version);
    const structures = resolved ? load().versions[resolved]?.structures : undefined;
    const [type, event, structure] = messageType.trim().toUpperCase().split('^');
    if (!resolved || !structures || /^Z/.test(type ?? '') || /^Z/.test(event ?? '')) return 'unsupported';
    if (structure && Object.hasOwn(structures, structure)) return messageInfo(resolved, structure, event);
    if (!event) return Object.hasOwn(structures, type) ? messageInfo(resolved, type, undefined) : undefined;
    const own = `${type}_${event}`;
    if (Object.hasOwn(structures, own)) return messageInfo(resolved, own, event);
    for (const [id, [, , events]] of Object.entries(structures)) {
        if (id.startsWith(`${type}_`) && events.split(' ').includes(event)) return messageInfo(resolved, id, event);
    }
    // Acknowledgements (ACK^A01) use the general ACK structure.
    if (type === 'ACK' && Object.hasOwn(structures, 'ACK')) return { ...messageInfo(resolved, 'ACK', undefined), type: `ACK^${event}` };
    return iheProfiledMessage(resolved, `${type}^${event}`);
}

/** A message type an IHE profile defines on this version or an earlier one, with the segments of the type it reuses. */
function iheProfiledMessage(version: string, messageType: string): Hl7v2MessageInfo | undefined {
    const profiled = IHE_HL7V2_MESSAGES.find(candidate => candidate.type === messageType);
    if (!profiled || compareHl7v2Versions(version, profiled.baseVersion) < 0) return undefined;
    const shared = profiled.segmentsOf ? lookupHl7v2Message(version, profiled.segmentsOf) : undefined;
    if (!shared || shared === 'unsupported') return undefined;
    return { ...shared, type: profiled.type, structure: profiled.structure, description: `${shared.description} (${profiled.profile})` };
}

/** A field's usage in a segment: required (`R`) or optional (`O`), and whether and how often it repeats. */
export interface Hl7v2FieldUsage {
    optionality: 'R' | 'O';
    repeats: boolean;
    /** The maximum number of repetitions, where the standard limits it. */
    maxRepetitions?: number;
}

/** Usage of field `number` (1-based) of a segment in a version; undefined where the data has none. */
export function hl7v2FieldUsage(version: string | undefined, segment: string, number: number): Hl7v2FieldUsage | undefined {
    const resolved = resolveHl7v2Version(version);
    const d = load();
    const index = resolved ? d.versions[resolved]?.usage[segment.toUpperCase()] : undefined;
    const code = index === undefined ? undefined : d.usages[index].split(' ')[number - 1];
    if (!code) return undefined;
    const usage: Hl7v2FieldUsage = { optionality: code[0] === 'R' ? 'R' : 'O', repeats: code.length > 1 };
    if (/^\d+$/.test(code.slice(1))) usage.maxRepetitions = Number(code.slice(1));
    return usage;
}

/** Description of a trigger event (table 0003) or message type (table 0076). */
export function hl7v2EventDescription(code: string): string | undefined {
    const d = load();
    return (Object.hasOwn(d.events, code) ? d.events[code] : undefined) ?? (Object.hasOwn(d.messageTypes, code) ? d.messageTypes[code] : undefined);
}

/** The first version after `after` (2.1 … 2.7.1) that defines the message type; undefined if none does. */
export function firstHl7v2VersionWithMessage(messageType: string, after: string): string | undefined {
    const resolved = resolveHl7v2Version(after);
    const versions = hl7v2Versions();
    const from = resolved ? versions.indexOf(resolved) + 1 : versions.length;
    return versions.slice(from).find((version) => typeof lookupHl7v2Message(version, messageType) === 'object');
}
