import { AstUtils, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import { isInterface, type ExceptionHandler, type Interface, type Mapping, type Message, type UnitMapping } from '../language/generated/ast.js';
import { matrixRowId } from './ids.js';
import { contextOf, type GeneratorContext, type GeneratorInput } from './input.js';
import type { MatrixRow, RowKind } from './model.js';
import { questionOfRow, scenarioWording, type ScenarioContext } from './scenarios.js';
import { statusCodeGaps } from '../model/correction-codes.js';
import { mappingKind } from '../model/field-kinds.js';
import { isUsableClockText, isUsableZoneText } from '../model/time-zones.js';
import { conditionText, mappingCondition, messageMappings } from '../model/mapping-conditions.js';
import { UNIT_SYSTEMS } from '../model/ucum.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { mappingAuthority } from '../model/workspace-index.js';
import { refName, refNames, unique } from './names.js';
import type { ObservationTarget } from './sample-observations.js';

/**
 * The test matrix, row by row: interfaces by name; within one, its sites and messages in declared order; per
 * site and message the `normal` case, the exception scenarios (handled ones in declared order, then required
 * ones the spec leaves unhandled), then the semantic checks its mappings imply. The first complete pass over an
 * input keeps its rows, so every later format, summary and the test-id check reads them instead of deriving them
 * again (the HTML matrix holds them all anyway); rows are shared, never changed by a reader.
 */
export function* matrixRows(input: GeneratorInput): Generator<MatrixRow> {
    const context = contextOf(input);
    const kept = ROWS.get(context);
    if (kept) {
        yield* kept;
        return;
    }
    const rows: MatrixRow[] = [];
    for (const iface of context.index.sorted.interfaces) {
        for (const row of interfaceRows(context, iface)) {
            rows.push(row);
            yield row;
        }
    }
    ROWS.set(context, rows);
}

/** The whole matrix of an input, once a pass over it has finished. */
const ROWS = new WeakMap<GeneratorContext, MatrixRow[]>();

/** The rows of one interface. */
export function* interfaceRows(context: GeneratorContext, iface: Interface): Generator<MatrixRow> {
    // Where the interface runs, derived as the rules derive it (its `sites`, else where its systems are hosted), so a
    // `sites` line that only restates the hosting renames no row.
    const sites: Array<string | null> = [...sitesOfInterface(iface, context.index)];
    if (sites.length === 0) {
        sites.push(null);
    }
    const messages: Array<Message | null> = iface.messages.length ? uniqueMessages(iface.messages) : [null];
    for (const site of sites) {
        for (const message of messages) {
            yield* caseRows(context, iface, site, message);
        }
    }
}

interface RowSeed {
    key: string[];
    kind: RowKind;
    handled: boolean;
    preconditions: string;
    stimulus: string;
    expected: string;
    node: AstNode;
    /** What samples can show of the row (a data-meaning row of a mapping); absent for rows they cannot show. */
    observe?: ObservationTarget;
}

function* caseRows(context: GeneratorContext, iface: Interface, site: string | null, message: Message | null): Generator<MatrixRow> {
    const source = refName(iface.source) ?? 'the sending system';
    const target = refName(iface.target) ?? 'the receiving system';
    const words: ScenarioContext = {
        source, target,
        site: site ?? 'every site',
        message: message ? message.type : 'a message'
    };
    const owner = unique(refNames(iface.owners));
    const siteCount = sitesOfInterface(iface, context.index).size;
    // Criteria depend on the row's question only: computed once per interface, site and message, not per row.
    const fed = new Map<string, { criteria: string[], evidenceRequired: string[] }>();
    const criteriaOf = (kind: RowKind) => {
        const question = questionOfRow(kind);
        let entry = fed.get(question);
        if (!entry) {
            const criteria = context.criteriaFor(iface.name, site, question);
            entry = { criteria: criteria.map(item => item.id), evidenceRequired: unique(criteria.flatMap(item => item.criterion.evidence)) };
            fed.set(question, entry);
        }
        return entry;
    };
    const toRow = (seed: RowSeed): MatrixRow => {
        const { criteria, evidenceRequired } = criteriaOf(seed.kind);
        const id = matrixRowId(iface.name, site, message?.type ?? null, seed.key);
        const observed = context.observationOf(id, seed.observe, seed.handled, siteCount);
        return {
            id,
            interface: iface.name,
            site,
            message: message?.type ?? null,
            scenario: seed.key.join(' '),
            kind: seed.kind,
            handled: seed.handled,
            preconditions: seed.preconditions,
            stimulus: seed.stimulus,
            expected: seed.expected,
            owner,
            evidenceRequired: [...evidenceRequired],
            evidence: context.evidenceOf(id),
            ...(observed ? { observed } : {}),
            criteria: [...criteria],
            location: locate(context, seed.node)
        };
    };
    yield toRow(normalSeed(iface, message, words));
    for (const seed of exceptionSeeds(context, iface, message, words)) {
        yield toRow(seed);
    }
    if (message) {
        for (const seed of semanticSeeds(context, iface, message, words)) {
            yield toRow(seed);
        }
    }
}

/**
 * Where a row's node is, as `WorkspaceIndex.locate` says (file relative to the root, 1-based first line), without
 * reading a composite CST node's range: Langium keeps that range on the node once read, about 8 MB over the nodes
 * of the large matrix, while the first leaf's line is the same number and keeps nothing.
 */
function locate(context: GeneratorContext, node: AstNode): { file: string, line: number } {
    const { file } = context.index.locate(AstUtils.getDocument(node).parseResult.value);
    return { file, line: (node.$cstNode ? startLine(node.$cstNode) : 0) + 1 };
}

/**
 * The 0-based line a CST node's range starts on: a composite node's is its first non-hidden child's, or its first
 * child's when all are hidden, and 0 when it has none (Langium's CompositeCstNodeImpl.range).
 */
function startLine(node: CstNode): number {
    while (isCompositeCstNode(node)) {
        if (!node.content.length) return 0;
        node = node.content.find(child => !child.hidden) ?? node.content[0];
    }
    return node.range.start.line;
}

function normalSeed(iface: Interface, message: Message | null, words: ScenarioContext): RowSeed {
    const mapped = message ? mappingsOf(message).length : 0;
    return {
        key: ['normal'],
        kind: 'normal',
        handled: true,
        preconditions: `${words.source} and ${words.target} are connected at ${words.site}; a test patient is registered.`,
        stimulus: `${words.source} sends a valid ${message ? message.type : 'message'}.`,
        expected: mapped
            ? `${words.target} accepts it and shows all ${mapped} mapped field${mapped === 1 ? '' : 's'} as sent.`
            : `${words.target} accepts it and shows its content as sent.`,
        node: message ?? iface
    };
}

function* exceptionSeeds(context: GeneratorContext, iface: Interface, message: Message | null, words: ScenarioContext): Generator<RowSeed> {
    const handled = new Set<string>();
    for (const handler of iface.handlers) {
        if (handled.has(handler.scenario)) {
            continue;
        }
        handled.add(handler.scenario);
        yield {
            key: [handler.scenario],
            kind: 'exception',
            handled: true,
            ...scenarioWording(handler.scenario, words),
            expected: handlerOutcome(handler),
            node: handler
        };
    }
    // A correction or cancellation code this message's status fields receive, with no handler for it.
    const inMessage = new Set(message ? mappingsOf(message) : []);
    for (const gap of gapsOf(context, iface).filter(gap => gap.kind === 'no-handler' && inMessage.has(gap.mapping))) {
        if (handled.has(gap.scenario)) {
            continue;
        }
        handled.add(gap.scenario);
        yield {
            key: [gap.scenario],
            kind: 'exception',
            handled: false,
            ...scenarioWording(gap.scenario, words),
            expected: `UNHANDLED: ${gap.path} ${gap.onSource ? 'receives' : 'maps to'} ${gap.codes.join(', ')} (a ${gap.scenario}) but ${iface.name} declares no "on ${gap.scenario}" handler; the earlier result may stay active.`,
            node: gap.mapping
        };
    }
    if (!context.isCritical(iface.criticality)) {
        return;
    }
    for (const scenario of context.settings.requiredScenarios) {
        if (!handled.has(scenario)) {
            yield {
                key: [scenario],
                kind: 'exception',
                handled: false,
                ...scenarioWording(scenario, words),
                expected: `UNHANDLED: ${iface.name} is ${iface.criticality} and declares no "on ${scenario}" handler; the outcome is undefined.`,
                node: iface
            };
        }
    }
}

/** The declared action, escalation and notifications of a handler, as one expected result. */
export function handlerOutcome(handler: ExceptionHandler): string {
    const parts = [handler.action?.trim() || 'Handled (no action described)'];
    const escalation = refName(handler.escalation);
    if (escalation) {
        parts.push(`escalate to ${escalation}${handler.response ? ` within ${handler.response}` : ''}`);
    }
    const notify = refNames(handler.notify);
    if (notify.length) {
        parts.push(`notify ${notify.join(', ')}`);
    }
    return `${parts.join('; ')}.`.replace(/\.\.$/, '.');
}

/*
 * What a row reads of the spec, once per node (or text) instead of once per row and site: each of these allocates
 * when called, and a pass over the large matrix made them 121,604 times; the rules call the same functions during
 * the build, where V8 may learn that what they make lives long and allocate it in the old generation from then on.
 */
const MAPPINGS = new WeakMap<Message, Mapping[]>();
const KINDS = new WeakMap<GeneratorContext, Map<Mapping, ReturnType<typeof mappingKind>>>();
const GAPS = new WeakMap<GeneratorContext, Map<Interface, ReturnType<typeof statusCodeGaps>>>();
const USABLE = new Map<string, boolean>();

function mappingsOf(message: Message): Mapping[] {
    let mappings = MAPPINGS.get(message);
    if (!mappings) MAPPINGS.set(message, mappings = messageMappings(message));
    return mappings;
}

/** A mapping's kind per input: it depends on other files' segment declarations, which a later input may change. */
function kindOf(context: GeneratorContext, mapping: Mapping): ReturnType<typeof mappingKind> {
    let kinds = KINDS.get(context);
    if (!kinds) KINDS.set(context, kinds = new Map());
    if (!kinds.has(mapping)) kinds.set(mapping, mappingKind(mapping));
    return kinds.get(mapping);
}

/** The interface's status-code gaps as the workspace index of this input says (the order fillers are workspace facts). */
function gapsOf(context: GeneratorContext, iface: Interface): ReturnType<typeof statusCodeGaps> {
    let byInterface = GAPS.get(context);
    if (!byInterface) GAPS.set(context, byInterface = new Map());
    let gaps = byInterface.get(iface);
    if (!gaps) byInterface.set(iface, gaps = statusCodeGaps(iface, context.index));
    return gaps;
}

/** A zone or clock text's usability, per check and text (a handful of distinct texts). */
function usable(text: string, check: (text: string) => boolean): boolean {
    const key = `${check === isUsableZoneText ? 'zone' : 'clock'}\u0000${text}`;
    let result = USABLE.get(key);
    if (result === undefined) USABLE.set(key, result = check(text));
    return result;
}

/** The row keys of a message's mappings, once per parse (a new parse makes new messages), not once per site. */
const MESSAGE_KEYS = new WeakMap<Message, Map<Mapping, string[]>>();

function messageKeys(message: Message): Map<Mapping, string[]> {
    let keys = MESSAGE_KEYS.get(message);
    if (!keys) {
        keys = mappingKeys(mappingsOf(message));
        MESSAGE_KEYS.set(message, keys);
    }
    return keys;
}

function* semanticSeeds(context: GeneratorContext, iface: Interface, message: Message, words: ScenarioContext): Generator<RowSeed> {
    const mappings = messageKeys(message);
    for (const [mapping, field] of mappings) {
        yield* mappingSeeds(context, iface, mapping, field, words);
    }
    if (mappings.size) {
        const correction = iface.handlers.find(handler => handler.scenario === 'correction');
        yield {
            key: ['update'],
            kind: 'semantic',
            handled: true,
            preconditions: `${words.message} was delivered to ${words.target}.`,
            stimulus: `${words.source} sends an update of the same record with changed values.`,
            expected: `${words.target} shows only the new values; the earlier ones are no longer active.`
                + (correction ? ` Declared handling: ${handlerOutcome(correction)}` : ''),
            node: message
        };
        yield {
            key: ['duplicate'],
            kind: 'semantic',
            handled: true,
            preconditions: `${words.message} was delivered to ${words.target}.`,
            stimulus: `${words.source} sends the same ${words.message} again (same control id).`,
            expected: `${words.target} keeps one record; the repeat is recognised as a duplicate.`,
            node: message
        };
    }
}

function* mappingSeeds(context: GeneratorContext, iface: Interface, mapping: Mapping, field: string[], words: ScenarioContext): Generator<RowSeed> {
    // The same kind the rules use: `as <kind>`, else the field dictionaries'.
    const kind = kindOf(context, mapping);
    const send = (value: string) => `${words.source} sends ${words.message} with ${mapping.source} = ${value}.`;
    const identifierAuthority = mappingAuthority(mapping);
    if (identifierAuthority !== undefined || kind === 'identifier') {
        const authority = identifierAuthority?.trim();
        yield {
            key: ['identifier', ...field],
            kind: 'semantic',
            handled: !!authority,
            preconditions: `A test patient with an identifier${authority ? ` under authority ${authority}` : ""} exists at ${words.source}.`,
            stimulus: send('that identifier'),
            expected: authority
                ? `${words.target} files it to the same patient; ${mapping.target} carries the identifier with assigning authority ${authority}.`
                : `UNHANDLED: ${mapping.source} is an identifier without an assigning authority; patients may be matched wrongly.`,
            node: mapping,
            observe: { mapping, kind: 'identifier' }
        };
    }
    if (mapping.analyteUnits) {
        // Units per analyte: one case per test code, each with its own unit and conversion.
        const seen = new Set<string>();
        for (const entry of mapping.analyteUnits.entries) {
            const code = String(entry.code);
            if (seen.has(code)) continue;
            seen.add(code);
            const sendFor = (value: string) => `${words.source} sends ${words.message} with ${mapping.analyteUnits!.field} = ${code} and ${mapping.source} = ${value}.`;
            yield { key: ['units', ...field, code], kind: 'semantic', node: entry, observe: { mapping, kind: 'units', code }, ...unitsCase(mapping, kind, entry.units, sendFor) };
        }
    } else if (mapping.units || kind === 'quantity') {
        yield { key: ['units', ...field], kind: 'semantic', node: mapping, observe: { mapping, kind: 'units' }, ...unitsCase(mapping, kind, mapping.units, send) };
    }
    if (mapping.timezone !== undefined || mapping.siteTimezone || mapping.clock !== undefined || kind === 'timestamp') {
        // `timezone site`: each site's rows carry that site's own zone.
        const zone = (mapping.siteTimezone ? siteZone(mapping, words.site) : mapping.timezone?.trim()) || undefined;
        const clock = mapping.clock?.trim();
        // A zone that is none (`GMT+12`, "offset unknown") leaves the row open, as the `timestamps` rule says.
        const usableZone = zone !== undefined && usable(zone, isUsableZoneText);
        const usableClock = clock !== undefined && usable(clock, isUsableClockText);
        yield {
            key: ['timezone', ...field],
            kind: 'semantic',
            handled: zone !== undefined ? usableZone : usableClock,
            preconditions: `Clocks of ${words.source} and ${words.target} are synchronised.`,
            stimulus: send('a local time inside a daylight-saving change (e.g. 01:30 on the change night)'),
            expected: zone !== undefined && !usableZone
                ? `UNHANDLED: ${mapping.source} is read in '${zone}', which is not a time zone.`
                : zone
                    ? `${mapping.target} holds the same instant, read in time zone ${zone}; events stay in order.`
                    : clock && usableClock
                        ? `${mapping.target} holds the same instant, taken from clock source ${clock}; events stay in order.`
                        : `UNHANDLED: ${mapping.source} is a timestamp without a time zone or clock source.`,
            node: mapping,
            ...(mapping.siteTimezone ? {} : { observe: { mapping, kind: 'timezone' as const } })
        };
    }
    if (mapping.codes) {
        const mapped = new Set<string>();
        for (const entry of mapping.codes.entries) {
            const code = String(entry.source);
            if (mapped.has(code)) {
                continue;
            }
            mapped.add(code);
            yield {
                key: ['code', ...field, code],
                kind: 'semantic',
                handled: true,
                preconditions: `${words.source} and ${words.target} are connected at ${words.site}.`,
                stimulus: send(code),
                expected: `${mapping.target} = ${String(entry.target)}.`,
                node: entry,
                observe: { mapping, kind: 'code', code }
            };
        }
        for (const code of unique(mapping.codes.receives.map(String))) {
            if (!mapped.has(code)) {
                yield {
                    key: ['code', ...field, code],
                    kind: 'semantic',
                    handled: false,
                    preconditions: `${words.source} and ${words.target} are connected at ${words.site}.`,
                    stimulus: send(code),
                    expected: `UNHANDLED: ${mapping.source} can receive ${code} but the code map does not map it.`,
                    node: mapping
                };
            }
        }
        // The correction and cancellation codes the interface's handlers depend on (a sender's C on OBX-11):
        // open until the code map carries them and a test shows the earlier result superseded or withdrawn.
        const received = new Set(mapping.codes.receives.map(String));
        for (const gap of gapsOf(context, iface).filter(gap => gap.mapping === mapping && gap.kind === 'not-mapped' && gap.onSource)) {
            for (const code of gap.codes.filter(code => !mapped.has(code) && !received.has(code))) {
                mapped.add(code);
                yield {
                    key: ['code', ...field, code],
                    kind: 'semantic',
                    handled: false,
                    preconditions: `A result was delivered to ${words.target}; ${words.source} then sends its ${gap.scenario}.`,
                    stimulus: send(code),
                    expected: `UNHANDLED: ${iface.name} handles ${gap.scenario}s, but the code map of ${mapping.source} does not map ${code}; the earlier result stays active.`,
                    node: mapping
                };
            }
        }
    } else if (mapping.table) {
        // A governed code table: one case for its codes, against the edition the spec names.
        const table = mapping.table.ref;
        const edition = table?.version !== undefined ? ` (version ${String(table.version)})` : '';
        yield {
            key: ['code', ...field],
            kind: 'semantic',
            handled: true,
            preconditions: `${words.source} and ${words.target} both load code table ${mapping.table.$refText}${edition}.`,
            stimulus: send('each code of the table'),
            expected: `${mapping.target} carries the same entry of ${mapping.table.$refText}; a code outside the table is rejected, not filed.`,
            node: mapping,
            observe: { mapping, kind: 'code' }
        };
    } else if (kind === 'code' && !mapping.units && !mapping.analyteUnits) {
        yield {
            key: ['code', ...field],
            kind: 'semantic',
            handled: false,
            preconditions: `${words.source} and ${words.target} are connected at ${words.site}.`,
            stimulus: send('each code it can carry'),
            expected: `UNHANDLED: ${mapping.source} is a coded field without a code map.`,
            node: mapping
        };
    }
}

/**
 * The part of a row key that names a mapping, as short as keeps it apart from the others of its message: the
 * source field; source and target when the field is mapped twice; and when the same source and target are
 * mapped twice (PID-3 -> Patient.identifier under a hospital MRN and a national id), the identifier authority,
 * else the rest of the mapping line. Two identical lines get one key; testIdCollisions reports them.
 */
export function mappingKeys(mappings: readonly Mapping[]): Map<Mapping, string[]> {
    const count = (key: (mapping: Mapping) => string) => {
        const counts = new Map<string, number>();
        const keyOf = new Map<Mapping, string>();
        for (const mapping of mappings) {
            const text = key(mapping);
            keyOf.set(mapping, text);
            counts.set(text, (counts.get(text) ?? 0) + 1);
        }
        return (mapping: Mapping) => counts.get(keyOf.get(mapping)!)!;
    };
    // A mapping inside `when OBX-2 = NM { … }` is keyed with its condition, so each group's rows are their own.
    const sourceKey = (mapping: Mapping) => {
        const group = mappingCondition(mapping);
        return group ? [String(mapping.source), `when ${conditionText(group)}`] : [String(mapping.source)];
    };
    const bySource = count(mapping => JSON.stringify(sourceKey(mapping)));
    const byPair = count(mapping => JSON.stringify([...sourceKey(mapping), mapping.target]));
    const keys = new Map<Mapping, string[]>();
    for (const mapping of mappings) {
        const source = sourceKey(mapping);
        if (bySource(mapping) === 1) {
            keys.set(mapping, source);
        } else if (byPair(mapping) === 1) {
            keys.set(mapping, [...source, String(mapping.target)]);
        } else {
            keys.set(mapping, [...source, String(mapping.target), mappingDetail(mapping)]);
        }
    }
    return keys;
}

/** The identifier authority of a mapping, or its line after `source -> target` with spaces collapsed. */
function mappingDetail(mapping: Mapping): string {
    const authority = mappingAuthority(mapping)?.trim();
    if (authority) {
        return authority;
    }
    const text = mapping.$cstNode?.text ?? '';
    const arrow = text.indexOf('->');
    const rest = (arrow < 0 ? text : text.slice(arrow + 2)).trim().replace(/\s+/g, ' ');
    const target = String(mapping.target);
    return (rest.startsWith(target) ? rest.slice(target.length) : rest).trim() || 'same';
}

/** A test value of 100 in the source unit, and what the target must show after the declared conversion. */
function unitsCase(mapping: Mapping, kind: ReturnType<typeof mappingKind>, units: UnitMapping | undefined, send: (value: string) => string): Pick<RowSeed, 'handled' | 'preconditions' | 'stimulus' | 'expected'> {
    const preconditions = 'A result with a known value is available.';
    if (!units) {
        return {
            handled: false, preconditions, stimulus: send('100'),
            expected: `UNHANDLED: ${mapping.source} is a quantity without declared units.`
        };
    }
    const from = units.source;
    const to = units.target ?? units.source;
    if (UNIT_SYSTEMS.test(from) && from === to) {
        // `units UCUM` names the code system of the units, not a unit. On a units field (OBX-6, a Quantity's
        // `.code`) the field carries the unit itself, not a value.
        if (kind === 'code') {
            return {
                handled: true, preconditions: 'A result with a unit is available.', stimulus: send(`a ${from} unit code (e.g. mmol/L)`),
                expected: `${mapping.target} shows the same ${from} unit code.`
            };
        }
        return {
            handled: true, preconditions, stimulus: send(`a value with its ${from} unit (e.g. 5.4 mmol/L)`),
            expected: `${mapping.target} shows the same value with the same ${from} unit.`
        };
    }
    const stimulus = send(`100 ${from}`);
    if (units.factor !== undefined) {
        const value = Number((100 * units.factor).toPrecision(12));
        return { handled: true, preconditions, stimulus, expected: `${mapping.target} shows ${value} ${to} (100 x ${units.factor}).` };
    }
    if (units.conversion !== undefined) {
        return { handled: true, preconditions, stimulus, expected: `${mapping.target} shows the value in ${to}, converted by: ${units.conversion}.` };
    }
    if (from === to) {
        return { handled: true, preconditions, stimulus, expected: `${mapping.target} shows 100 ${to}, unchanged.` };
    }
    return {
        handled: false, preconditions, stimulus,
        expected: `UNHANDLED: ${mapping.source} is sent in ${from} but ${mapping.target} expects ${to}, and no conversion is declared.`
    };
}

/** Messages of the same type once each (a duplicate is a structural problem reported elsewhere). */
function uniqueMessages(messages: Message[]): Message[] {
    const seen = new Set<string>();
    return messages.filter(message => !seen.has(message.type) && !!seen.add(message.type));
}

/** The declared time zone of the site a row is for, when a mapping says `timezone site`; undefined if it has none. */
function siteZone(mapping: Mapping, siteName: string): string | undefined {
    const iface = AstUtils.getContainerOfType(mapping, isInterface);
    return iface?.sites.find(site => site.ref?.name === siteName)?.ref?.timezone?.trim() || undefined;
}
