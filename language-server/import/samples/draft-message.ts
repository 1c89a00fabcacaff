/**
 * Turns the observations of one message type into a draft `message` statement: one pass-through mapping per
 * populated field (`OBX-3 -> OBX-3`, the target a placeholder the person replaces), with what the samples show
 * stated so that `interspec check --samples` of the same messages accepts them: code maps seeded with the codes
 * seen (`receives` them), the assigning authority of identifiers, the unit of each test (OBX-6 per OBX-3), and
 * `timezone "offset carried in each value"` only where every time carries its offset. What the samples cannot say
 * (the zone behind an offset, an identifier without authority, a value that does not fit its type) is a TODO.
 */
import type { DraftGroup, DraftMapping, DraftMessage, DraftTodo, Provenance } from '../draft.js';
import type { FieldObservation, MessageObservations } from './observe.js';
import { quote } from '../spec-text.js';
import { TIME_TYPES } from './value-facts.js';

/** The zone text for times that all carry a UTC offset: it says the offset is carried and names no zone. */
export const OFFSET_CARRIED = 'offset carried in each value';

function place(from: Provenance): string {
    return `${from.file}:${from.line}:${from.column}`;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The mapping of one observation, or only TODOs when a mapping would state what the samples contradict. */
function mappingOf(observation: FieldObservation, unconditional: boolean, version: string | undefined): { mapping?: DraftMapping; selected?: DraftMapping[]; todos: DraftTodo[] } {
    const { path } = observation;
    const todos: DraftTodo[] = [];
    if (observation.problem) {
        const { text, why, from } = observation.problem;
        todos.push({ text: `map ${path}: "${text}" at ${place(from)} ${why}; fix the sender or the samples, then map the field`, from });
        return { todos };
    }
    if (unconditional && observation.requiredButEmpty) {
        const from = observation.requiredButEmpty;
        todos.push({ text: `map ${path}: HL7 v2 ${version ?? ''} requires it but it is empty at ${place(from)}; map it once the sender fills it`.replace('  ', ' '), from });
        return { todos };
    }
    const mapping: DraftMapping = { source: path, target: path, from: observation.first, todos };
    if (observation.codes.length > 0) {
        mapping.codes = observation.codes.map(code => ({ source: code, target: code }));
        mapping.receives = [...observation.codes];
    }
    if (observation.withoutAuthority) {
        const seen = observation.authorities.length > 0 ? ` (others name ${observation.authorities.map(a => `"${a}"`).join(', ')})` : '';
        todos.push({ text: `${path}: the identifier at ${place(observation.withoutAuthority)} names no assigning authority${seen}; state the authority once the sender sends it`, from: observation.withoutAuthority });
    } else if (observation.authorities.length > 0) {
        mapping.authority = observation.authorities[0];
    }
    // Other authorities of the same field: a mapping that selects each (`PID-3[authority = "NHS"]`), which the sample
    // check of `identifier authority` accepts as declared.
    const selected = observation.withoutAuthority ? [] : observation.authorities.slice(1).map(authority => {
        const selector = `${path}[authority = ${quote(authority)}]`;
        return { source: selector, target: selector, from: observation.first };
    });
    if (observation.dataType && TIME_TYPES.has(observation.dataType)) {
        const offsets = [...observation.offsets].map(([offset, count]) => `${offset} (${plural(count, 'value')})`).join(', ');
        const without = observation.withoutOffset;
        if (offsets && !without) {
            mapping.timezone = OFFSET_CARRIED;
            todos.push({ text: `${path}: every time carries a UTC offset: ${offsets}; an offset is not a zone: name the sender's IANA zone if the receiver needs it`, from: observation.first });
        } else if (without) {
            todos.push({
                text: `${path}: ${plural(without.count, 'time')} ${without.count === 1 ? 'carries' : 'carry'} no UTC offset (first at ${place(without.from)})${offsets ? `, others carry ${offsets}` : ''}; state the zone the sender writes them in: timezone "<IANA zone>"`,
                from: without.from
            });
        }
    }
    return { mapping, selected, todos: [] };
}

/** Units of OBX-5 for one value type: one unit for every value, else the unit of each test that always has one. */
function unitsOf(observation: FieldObservation, mapping: DraftMapping): void {
    const units = observation.units;
    if (!units) return;
    const all = new Set([...units.values()].flatMap(set => [...set]));
    if (all.size === 0 || (all.size === 1 && all.has(''))) return;
    if (all.size === 1) {
        mapping.units = { source: [...all][0] };
        return;
    }
    const entries: Array<{ code: string; unit: string }> = [];
    const unclear: string[] = [];
    for (const [code, set] of units) {
        const written = [...set];
        if (written.length === 1 && written[0] !== '' && code !== '') entries.push({ code, unit: written[0] });
        else if (written.some(unit => unit !== '')) unclear.push(`${code || '(no OBX-3)'}: ${written.map(unit => unit === '' ? 'none' : `"${unit}"`).join(', ')}`);
    }
    if (entries.length > 0) mapping.analyteUnits = { field: 'OBX-3', entries };
    if (unclear.length > 0) {
        (mapping.todos ??= []).push({ text: `OBX-5: tests sent with more than one unit (or sometimes none), left out of units per OBX-3: ${unclear.join('; ')}`, from: observation.first });
    }
}

/** The draft `message` statement of one message type. */
export function draftMessage(type: string, observations: MessageObservations, count: number, version: string | undefined): DraftMessage {
    const mappings: DraftMapping[] = [];
    const todos: DraftTodo[] = [];
    const first = [...observations.fields.values()][0]?.first ?? [...observations.observationValues.values()][0]?.first;
    if (first) {
        todos.push({ text: `every target is a placeholder (the same field as the source): replace each with the receiver's field`, from: { ...first, where: `${plural(count, 'message')} of ${type}` } });
    }
    for (const [segment, from] of observations.missingSegments) {
        todos.push({ text: `${observations.structure ?? type} in HL7 v2 ${version} requires segment ${segment}, which a sample lacks; sample-structure reports it`, from });
    }
    for (const [segment, from] of observations.foreignSegments) {
        todos.push({ text: `segment ${segment} is not part of ${observations.structure ?? type} in HL7 v2 ${version}; sample-structure reports it`, from });
    }
    if ([...observations.fields.values(), ...observations.observationValues.values()].some(observation => observation.codes.length > 0)) {
        todos.push({ text: 'each code map holds the codes the samples carry, each mapped to itself (receives lists them): map each to the receiver\'s code', from: { ...first!, where: `codes of ${type}` } });
    }
    for (const observation of observations.fields.values()) {
        const { mapping, selected, todos: fieldTodos } = mappingOf(observation, true, version);
        if (mapping) {
            mapping.todos = [...(mapping.todos ?? []), ...fieldTodos];
            mappings.push(mapping, ...(selected ?? []));
        } else if (fieldTodos.length > 0) {
            // A field left unmapped keeps its TODO where the mapping would be: on the message.
            todos.push(...fieldTodos);
        }
        if (observation.path === 'OBX-4') insertObservationValues(observations, mappings, todos, version);
    }
    if (!observations.fields.has('OBX-4')) insertObservationValues(observations, mappings, todos, version);
    const groups: DraftGroup[] = [];
    for (const [valueType, observation] of observations.observationValues) {
        if (valueType === '') continue;
        const { mapping, todos: valueTodos } = mappingOf(observation, false, version);
        if (mapping) {
            unitsOf(observation, mapping);
            mapping.todos = [...(mapping.todos ?? []), ...valueTodos];
            groups.push({ field: 'OBX-2', values: [valueType], mappings: [mapping] });
        } else {
            todos.push(...valueTodos);
        }
    }
    return { type, title: `${plural(count, 'captured message')}`, mappings, groups, todos };
}

/** OBX-5 of observations without a value type (OBX-2 empty): an unconditional mapping, placed after OBX-4. */
function insertObservationValues(observations: MessageObservations, mappings: DraftMapping[], todos: DraftTodo[], version: string | undefined): void {
    const untyped = observations.observationValues.get('');
    if (!untyped || mappings.some(mapping => mapping.source === 'OBX-5')) return;
    const { mapping, todos: valueTodos } = mappingOf(untyped, true, version);
    if (mapping) {
        unitsOf(untyped, mapping);
        mapping.todos = [...(mapping.todos ?? []), ...valueTodos];
        mappings.push(mapping);
    } else {
        todos.push(...valueTodos);
    }
}
