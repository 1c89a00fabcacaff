import type { AstNode } from 'langium';
import type { RuleOptions } from '../config/index.js';
import { isMappingGroup, type Interface, type Mapping, type Message } from '../language/generated/ast.js';
import { messageMappings } from '../model/mapping-conditions.js';
import type { SampleResource } from './fhir-check.js';
import type { Hl7Match, Hl7Message, Hl7Segment } from './read/index.js';
import { parseHl7Path, type Hl7Path, type TextRange } from './read/index.js';

/**
 * The contract of a sample rule (a rule of `scope: 'samples'`): samples/run-samples.ts reads each sample file,
 * matches each message to an interface and one of its `message` statements, and hands it to every sample rule
 * that is on. A rule reports on the sample (the value's range in the sample file), with the mapping it checked
 * against as the related location in the spec; or, at the end of the run, on the spec itself (coverage).
 */

/** One message of a sample file, matched to an interface and the `message` statement of its type. */
export interface SampleMessage {
    /** Absolute path of the sample file. */
    readonly file: string;
    readonly message: Hl7Message;
    readonly iface: Interface;
    /** The `message` statement of the interface whose type is the message's; undefined when the interface declares none. */
    readonly spec?: Message;
    /** The HL7 v2 version the message is read against: its MSH-12, else the interface's. */
    readonly version?: string;
}

/** A finding of a sample rule: in the sample file (`file` and `range`), or on a spec node (`node`) alone. */
export interface SampleFinding {
    readonly file?: string;
    readonly range?: TextRange;
    readonly node?: AstNode;
    readonly message: string;
    /** The mapping (or other spec node) the sample was checked against: the finding's related location. */
    readonly related?: AstNode;
    /** At most this severity, whatever the rule's. */
    readonly severity?: 'warning' | 'info';
}

export type SampleReport = (finding: SampleFinding) => void;

/**
 * What a sample rule does in one run: look at each HL7 v2 message, at each FHIR resource (if the rule checks FHIR
 * samples), then report what it gathered (if anything).
 */
export interface SampleVisitor {
    message(sample: SampleMessage, report: SampleReport): void;
    /** A FHIR resource (of a resource file, a Bundle entry or an NDJSON line), matched to an interface; see samples/fhir-check.ts. */
    resource?(sample: SampleResource, report: SampleReport): void;
    end?(report: SampleReport): void;
}

/** A sample rule's check: a new visitor per run (per workspace root), with the rule's options for that root. */
export interface SampleCheck {
    begin(options: RuleOptions): SampleVisitor;
}

/** The rule object of a sample rule does nothing on documents: the runner of samples calls `samples`. */
export function noDocumentCheck(): void {
    // sample rules are run over sample files by samples/run-samples.ts
}

/** One mapping applied to one value of a message: the mapping, and the value its source path found. */
export interface MappedValue {
    readonly mapping: Mapping;
    readonly match: Hl7Match;
}

/**
 * The values each mapping of the message statement applies to, with conditions respected: a mapping inside
 * `when OBX-2 = NM { … }` applies to the segments whose OBX-2 holds one of the codes, and there it replaces the
 * unconditional mapping of the same source field (the lab example maps OBX-5 as a quantity, and as text when
 * OBX-2 is ST). `select` keeps the mappings a check is about. Mappings with a non-HL7 v2 source are skipped.
 */
export function mappedValues(sample: SampleMessage, select: (mapping: Mapping) => boolean): MappedValue[] {
    if (!sample.spec) return [];
    const result: MappedValue[] = [];
    const prepared = preparedMappings(sample.spec);
    for (const entry of prepared) {
        if (!select(entry.mapping)) continue;
        for (const match of sample.message.lookup(entry.path)) {
            if (entry.condition) {
                if (!conditionHolds(sample.message, match.segment, entry.condition.field, entry.condition.values)) continue;
            } else if (entry.replacedBy.some(condition => conditionHolds(sample.message, match.segment, condition.field, condition.values))) {
                continue; // a `when` group's mapping of this field replaces this one in this segment
            }
            result.push({ mapping: entry.mapping, match });
        }
    }
    return result;
}

interface PreparedMapping {
    readonly mapping: Mapping;
    readonly path: Hl7Path;
    /** The `when` condition the mapping sits in. */
    readonly condition?: { field: string, values: string[] };
    /** For an unconditional mapping: the conditions of the `when` groups that map the same field. */
    readonly replacedBy: Array<{ field: string, values: string[] }>;
}

/** A message statement's HL7 v2 mappings with parsed paths and conditions, computed once per statement. */
const prepared = new WeakMap<Message, PreparedMapping[]>();

function preparedMappings(spec: Message): PreparedMapping[] {
    let list = prepared.get(spec);
    if (list) return list;
    const all = messageMappings(spec).filter(mapping => mapping.source !== undefined);
    const conditionOf = (mapping: Mapping) => isMappingGroup(mapping.$container)
        ? { field: mapping.$container.condition.field, values: mapping.$container.condition.values.map(value => String(value).toUpperCase()) }
        : undefined;
    list = [];
    for (const mapping of all) {
        const path = parseHl7Path(sourcePath(mapping.source));
        if (!path) continue;
        const condition = conditionOf(mapping);
        const replacedBy = condition ? [] : all.filter(other => other !== mapping && isMappingGroup(other.$container) && sameField(other.source, mapping.source)).map(other => conditionOf(other)!);
        list.push({ mapping, path, condition, replacedBy });
    }
    prepared.set(spec, list);
    return list;
}

/** A mapping's source without an authority selector (`PID-3[authority = "NHS"]` → `PID-3`). */
export function sourcePath(source: string): string {
    return source.replace(/\[\s*authority\s*=\s*"[^"]*"\s*\]/g, '').trim();
}

/** The authority a source selects its repetition by (`PID-3[authority = "NHS"]` → `NHS`). */
export function selectorAuthority(source: string): string | undefined {
    return /\[\s*authority\s*=\s*"([^"]*)"\s*\]/.exec(source)?.[1];
}

function sameField(a: string, b: string): boolean {
    return sourcePath(a).toUpperCase() === sourcePath(b).toUpperCase();
}

/**
 * Whether a condition (`OBX-2 = NM, SN`) holds for one segment: the condition's field in the same segment when it
 * names that segment, else in the message's first segment of that name; its first component is compared.
 */
function conditionHolds(message: Hl7Message, segment: Hl7Segment, field: string, values: string[]): boolean {
    const path = parseHl7Path(field);
    if (!path) return false;
    const owner = path.segment === segment.name ? segment : message.segment(path.segment);
    const value = (owner?.field(path.field)?.component(path.component ?? 1)?.value.trim() ?? '').toUpperCase();
    return values.includes(value);
}

/** The first component of a value (the code of a CWE, the id of a CX), unescaped and trimmed. */
export function firstComponent(match: Hl7Match): { text: string, range: TextRange } {
    const value = match.value;
    const component = 'components' in value ? value.components[0] : value;
    const leaf = component && 'subcomponents' in component && component.subcomponents.length > 1 ? component.subcomponents[0] : component;
    const chosen = leaf ?? value;
    return { text: chosen.value.trim(), range: chosen.range };
}

/** Whether a value is empty or the HL7 null `""`. */
export function isEmptyValue(text: string): boolean {
    return text === '' || text === '""';
}

/** Where a message's type is (MSH-9), else its MSH's name: the place of findings about the whole message. */
export function messageTypeRange(message: Hl7Message): TextRange {
    const msh = message.segments[0];
    return msh.field(9)?.range ?? msh.nameRange;
}

/** `3 messages` / `1 message`. */
export function count(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The segments a message structure requires: those of its abstract syntax outside any `[ ]` (optional) and
 * `< | >` (choice). `MSH [{SFT}] EVN PID [PD1]` requires MSH, EVN and PID.
 */
export function requiredSegments(syntax: string): string[] {
    const required: string[] = [];
    let optional = 0;
    for (const token of syntax.match(/[[\]<>]|\b[A-Z][A-Z0-9]{2}\b/g) ?? []) {
        if (token === '[' || token === '<') optional++;
        else if (token === ']' || token === '>') optional = Math.max(0, optional - 1);
        else if (optional === 0 && !required.includes(token)) required.push(token);
    }
    return required;
}
