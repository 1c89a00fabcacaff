/**
 * `interspec import conceptmap`: FHIR ConceptMaps (R4 and R5 JSON, or a Bundle of them) as code maps. A ConceptMap
 * translates codes but names no message field, so the field paths come from `--columns source=<field>,target=<element>`
 * (all groups of a map, or of every map with `--interface`, are then one code map on that mapping); without them each
 * group is a placeholder mapping `PLACEHOLDER-<n> -> PLACEHOLDER.target-<n>` that parses, with a TODO asking for
 * the fields (and naming the HL7 v2 table the map's source is, where it is one).
 *
 * Pairs whose equivalence is `equivalent`/`equal` (R4) or relationship `equivalent` (R5) are entries; wider,
 * narrower, inexact, related-to, source-is-broader-than-target, … are entries too, with a `//` note naming the
 * relationship per code; unmatched, disjoint, not-related-to and `noMap` codes are TODOs; `group.unmapped` is a note
 * saying what the map does with codes it does not list. `receives` lists every source code of the map.
 */
import type { Draft, DraftCode, DraftInterface, DraftMapping, DraftSystem, DraftTodo, Provenance } from './draft.js';
import { ImportError } from './import-error.js';
import type { ImportInput, ImportKind, ImportOptions } from './import-kind.js';
import { SOURCE_STUB, TARGET_STUB } from './import-csv.js';
import { PLACEHOLDER_MESSAGE, placeholderPaths } from './csv/sheet-parts.js';
import { RELATIONSHIP_MEANING, readConceptMaps, v2Table, type ConceptMapModel, type MapElement, type MapGroup } from './conceptmap/read-concept-maps.js';
import { hl7FieldPath, isFieldPath, toName } from './spec-text.js';

export { placeholderPaths };

/** Reads ConceptMap JSON files into a draft; throws `ImportError` for JSON that does not parse or holds no ConceptMap. */
export function readConceptMapFiles(inputs: ImportInput[], options: ImportOptions): Draft {
    const paths = fieldPaths(inputs[0]?.name ?? 'conceptmap', options.columns ?? {});
    const draftTodos: DraftTodo[] = [];
    const maps: ConceptMapModel[] = [];
    for (const input of inputs) {
        const read = readConceptMaps(input.name, input.content);
        maps.push(...read.maps);
        draftTodos.push(...read.skipped.map(entry => ({ text: entry.text, from: { file: input.name, line: entry.line, where: entry.location } })));
    }
    const source = options.from ? toName(options.from) : SOURCE_STUB;
    const target = options.to ? toName(options.to) : TARGET_STUB;
    const groups = options.interfaceName
        ? [{ name: toName(options.interfaceName), maps }]
        : maps.map(map => ({ name: toName((map.name ?? map.id ?? baseName(map.file)).replace(/[-_.]+/g, ' '), 'ConceptMap'), maps: [map] }));
    const used = new Set<string>();
    const interfaces = groups.map(group => {
        let name = group.name;
        for (let n = 2; used.has(name); n++) name = `${group.name}${n}`;
        used.add(name);
        return mapInterface(name, group.maps, source, target, paths, options);
    });
    const systems: DraftSystem[] = [{ name: source }, ...(target !== source ? [{ name: target }] : [])];
    return { kind: 'conceptmap', inputs: inputs.map(input => input.name), interfaces, systems, teams: [], todos: draftTodos };
}

function baseName(file: string): string {
    return (file.split('/').pop() ?? file).replace(/\.json$/i, '');
}

/** `--columns source=OBX-11,target=Observation.status`: the mapping's paths (HL7 v2 fields in any spelling). */
function fieldPaths(file: string, columns: Record<string, string>): { source: string; target: string } | undefined {
    const unknown = Object.keys(columns).filter(key => key !== 'source' && key !== 'target');
    if (unknown.length > 0) throw new ImportError(file, `--columns ${unknown.join(', ')}: a ConceptMap import takes only source=<field> and target=<element> (the field paths of the code map)`);
    if (columns.source === undefined && columns.target === undefined) return undefined;
    if (columns.source === undefined || columns.target === undefined) throw new ImportError(file, '--columns: give both source=<field> and target=<element> (e.g. source=OBX-11,target=Observation.status)');
    const path = (value: string, key: string) => {
        const read = hl7FieldPath(value) ?? (isFieldPath(value.trim()) ? value.trim() : undefined);
        if (!read) throw new ImportError(file, `--columns ${key}=${value}: not a field path (write e.g. OBX-11 or Observation.status)`);
        return read;
    };
    return { source: path(columns.source, 'source'), target: path(columns.target, 'target') };
}

function mapInterface(name: string, maps: ConceptMapModel[], source: string, target: string, paths: { source: string; target: string } | undefined, options: ImportOptions): DraftInterface {
    const header: Provenance = { file: maps[0].file, line: maps[0].line, where: maps[0].location };
    const todos: DraftTodo[] = [];
    if (!options.from) todos.push({ text: `a ConceptMap names no sending system: replace ${SOURCE_STUB} (or import again with --from <System>)`, from: header });
    if (!options.to) todos.push({ text: `a ConceptMap names no receiving system: replace ${TARGET_STUB} (or import again with --to <System>)`, from: header });
    const tables = maps.flatMap(map => [v2Table(map.sourceScope), ...map.groups.map(group => v2Table(group.source))]);
    const fromV2 = tables.some(Boolean) || (paths !== undefined && hl7FieldPath(paths.source) === paths.source);
    const standard = fromV2 ? 'HL7v2' : 'FHIR';
    todos.push({ text: fromV2
        ? 'name the HL7 v2 version the sender speaks (standard HL7v2 <version>): a ConceptMap does not say'
        : 'the map\'s source is no HL7 v2 table: check the standard and name its version (standard <name> <version>)', from: header });
    const notes = maps.map(map => `ConceptMap ${map.name ?? map.id ?? baseName(map.file)}${map.url ? ` (${map.url})` : ''}, FHIR ${map.release === 'unknown' ? 'R4/R5' : map.release}${map.sourceScope || map.targetScope ? `: ${map.sourceScope ?? '?'} -> ${map.targetScope ?? '?'}` : ''}`);
    const message = {
        type: PLACEHOLDER_MESSAGE, mappings: [] as DraftMapping[],
        todos: [{ text: `a ConceptMap names no message: replace ${PLACEHOLDER_MESSAGE} with the message type that carries the field (e.g. ORU^R01)`, from: header }]
    };
    const allGroups = maps.flatMap(map => map.groups.map(group => ({ map, group })));
    for (const map of maps.filter(m => m.groups.length === 0)) {
        message.todos.push({ text: `ConceptMap ${map.name ?? map.id ?? baseName(map.file)} has no group: no code to map`, from: { file: map.file, line: map.line, where: map.location } });
    }
    if (paths) {
        const mapping: DraftMapping = { ...paths, codes: [], receives: [], notes: [], todos: [], from: header };
        for (const { map, group } of allGroups) addGroup(mapping, map, group);
        message.mappings.push(finish(mapping));
    } else {
        allGroups.forEach(({ map, group }, index) => {
            const from: Provenance = { file: map.file, line: group.line, where: group.location };
            const mapping: DraftMapping = { ...placeholderPaths(index + 1), codes: [], receives: [], notes: [], todos: [], from };
            const table = group.source ? v2Table(group.source) : v2Table(map.sourceScope);
            mapping.todos!.push({ text: `PLACEHOLDER paths: name the field this code map translates${table ? ` (its source is HL7 v2 table ${table}; more than one field may use it)` : ''} and the element it fills, or import again with --columns source=<field>,target=<element>`, from });
            addGroup(mapping, map, group);
            message.mappings.push(finish(mapping));
        });
    }
    const titles = [...new Set(maps.map(map => map.title).filter(Boolean))];
    return {
        name, title: titles.length === 1 ? titles[0] : undefined,
        doc: `Imported from ${[...new Set(maps.map(map => map.file))].join(', ')} by interspec import conceptmap.`,
        source, target, standard: { name: standard }, notes, todos, messages: [message]
    };
}

/** Empty code lists left off, so a mapping with no pair is a plain mapping. */
function finish(mapping: DraftMapping): DraftMapping {
    if (mapping.codes!.length === 0) delete mapping.codes;
    if (mapping.receives!.length === 0) delete mapping.receives;
    return mapping;
}

/** One group's pairs into the mapping's code map, its notes and TODOs. */
function addGroup(mapping: DraftMapping, map: ConceptMapModel, group: MapGroup): void {
    const codes = mapping.codes!;
    const receives = mapping.receives!;
    const notes = mapping.notes!;
    const todos = mapping.todos!;
    const groupFrom: Provenance = { file: map.file, line: group.line, where: group.location };
    notes.push(`${group.location}: ${group.source ?? map.sourceScope ?? '(source not stated)'} -> ${group.target ?? map.targetScope ?? '(target not stated)'}`);
    for (const element of group.elements) {
        const from: Provenance = { file: map.file, line: element.line, where: element.location };
        if (element.code === '') {
            todos.push({ text: 'an element with no code: not imported', from });
            continue;
        }
        if (!receives.includes(element.code)) receives.push(element.code);
        addElement(element, codes, notes, todos, from);
    }
    if (group.unmapped) notes.push(unmappedNote(group.unmapped));
    else todos.push({ text: `${group.location} says nothing of codes it does not list (no group.unmapped): decide what the receiver gets for them`, from: groupFrom });
}

function label(element: MapElement): string {
    return `code ${element.code}${element.display ? ` (${element.display})` : ''}`;
}

function addElement(element: MapElement, codes: DraftCode[], notes: string[], todos: DraftTodo[], from: Provenance): void {
    if (element.noMap) {
        todos.push({ text: `${label(element)}: the map says noMap (no target): decide what the receiver gets`, from });
        return;
    }
    if (element.targets.length === 0) {
        todos.push({ text: `${label(element)}: no target in the map`, from });
        return;
    }
    const usable = element.targets.filter(target => target.code !== undefined && target.kind !== 'none');
    const chosen = usable.find(target => target.kind === 'equivalent') ?? usable[0];
    const existing = codes.find(code => code.source === element.code);
    for (const target of element.targets) {
        const relation = `${target.relationship}${RELATIONSHIP_MEANING[target.relationship] ? ` (${RELATIONSHIP_MEANING[target.relationship]})` : ''}`;
        if (target.kind === 'none') {
            todos.push({ text: `${label(element)}: no target, ${relation}${target.comment ? `: ${target.comment}` : ''}`, from });
        } else if (target.code === undefined) {
            todos.push({ text: `${label(element)}: a target with no code (${relation})`, from });
        } else if (target === chosen && !existing) {
            codes.push({ source: element.code, target: target.code });
            if (target.kind !== 'equivalent') notes.push(`${element.code} -> ${target.code}: ${relation}`);
            else if (!target.stated) notes.push(`${element.code} -> ${target.code}: no equivalence stated, read as equivalent`);
            if (target.comment) notes.push(`${element.code} -> ${target.code}: ${target.comment}`);
            for (const condition of target.conditions) todos.push({ text: `${element.code} -> ${target.code} ${condition} in the map: a code map entry holds no condition; use a when group or note it`, from });
        } else {
            const kept = existing ?? codes.find(code => code.source === element.code);
            if (kept && kept.target === target.code && target.conditions.length === 0) continue;
            const conditions = target.conditions.length > 0 ? `, ${target.conditions.join(', ')}` : '';
            todos.push({ text: `${label(element)} also maps to ${target.code} (${relation}${conditions}) in the map; a code map holds one target per code${kept ? ` (kept ${element.code} -> ${kept.target})` : ''}`, from });
        }
    }
}

/** `group.unmapped`: what the map does with a code it does not list (R4 provided/fixed/other-map, R5 use-source-code). */
function unmappedNote(unmapped: NonNullable<MapGroup['unmapped']>): string {
    switch (unmapped.mode) {
        case 'provided':
        case 'use-source-code':
            return `unmapped codes: passed on unchanged (unmapped mode ${unmapped.mode})`;
        case 'fixed':
            return `unmapped codes: become ${unmapped.code ?? '(no code given)'}${unmapped.display ? ` (${unmapped.display})` : ''} (unmapped mode fixed)`;
        case 'other-map':
            return `unmapped codes: looked up in ${unmapped.otherMap ?? '(no map given)'} (unmapped mode other-map)`;
        default:
            return `unmapped codes: mode ${unmapped.mode}`;
    }
}

/** The `conceptmap` import kind. */
export const conceptMapImport: ImportKind = {
    name: 'conceptmap',
    summary: 'FHIR ConceptMaps (R4/R5 JSON, Bundles) as code maps; --columns source=OBX-11,target=… names the field',
    read: readConceptMapFiles
};
