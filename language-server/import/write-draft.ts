/**
 * Writes a `Draft` as `.ispec` files: one file per interface and one file of clearly marked stubs for the systems
 * and teams the interfaces name that the target workspace does not declare. The text is written the way the
 * project's formatter writes it (4-space indent, one statement per line, single spaces), so formatting a draft
 * changes nothing, and the same draft always gives byte-identical files.
 */
import type { Draft, DraftCode, DraftGroup, DraftInterface, DraftMapping, DraftMessage, DraftProfile, DraftProfileField, DraftProfileItem, DraftTodo, Provenance } from './draft.js';
import { codeText, commentText, docText, isFieldPath, quote } from './spec-text.js';

/** One file to write: a path relative to the output folder (with `/`), and its text. */
export interface DraftFile {
    path: string;
    text: string;
    /** Mappings written (an interface file); code-map entries are not counted. */
    mappings?: number;
}

/** Names the target workspace already declares, each with the file (relative to the output folder, with `/`). */
export interface DeclaredNames {
    systems: ReadonlyMap<string, string>;
    teams: ReadonlyMap<string, string>;
}

/** The file the stubs are written to. */
export const STUBS_FILE = 'import-stubs.ispec';

const INDENT = '    ';
const ONE_LINE_CODE_MAP = 100;

/**
 * The files of a draft. `declared` are the systems and teams the output folder's workspace already has: those are
 * imported from their files instead of stubbed. Interface files are named after the interface in kebab case
 * (`LabResults` gives `lab-results.ispec`).
 */
export function writeDraft(draft: Draft, declared: DeclaredNames = { systems: new Map(), teams: new Map() }): DraftFile[] {
    const files: DraftFile[] = [];
    const stubbedSystems = draft.systems.filter(system => !declared.systems.has(system.name));
    const stubbedTeams = [...new Set(draft.teams)].filter(team => !declared.teams.has(team)).sort();
    const stubs = stubbedSystems.length + stubbedTeams.length > 0;
    const names = new Set<string>();
    const profileFiles = new Map<string, string>();
    for (const profile of draft.profiles ?? []) {
        let file = `${kebab(profile.name)}.ispec`;
        for (let n = 2; names.has(file) || file === STUBS_FILE; n++) file = `${kebab(profile.name)}-${n}.ispec`;
        names.add(file);
        profileFiles.set(profile.name, file);
        files.push({ path: file, text: profileFile(draft, profile) });
    }
    for (const draftInterface of draft.interfaces) {
        let file = `${kebab(draftInterface.name)}.ispec`;
        for (let n = 2; names.has(file) || file === STUBS_FILE; n++) file = `${kebab(draftInterface.name)}-${n}.ispec`;
        names.add(file);
        const imports = new Set<string>();
        for (const system of [draftInterface.source, draftInterface.target]) {
            imports.add(declared.systems.get(system) ?? STUBS_FILE);
        }
        if (draftInterface.owner) imports.add(declared.teams.get(draftInterface.owner) ?? STUBS_FILE);
        for (const message of draftInterface.messages) {
            const profileFile = message.profile ? profileFiles.get(message.profile) : undefined;
            if (profileFile) imports.add(profileFile);
        }
        if (!stubs) imports.delete(STUBS_FILE);
        imports.delete(file);
        const mappings = draftInterface.messages.flatMap(message => [...message.mappings, ...(message.groups ?? []).flatMap(group => group.mappings)])
            .filter(mapping => isFieldPath(mapping.source) && isFieldPath(mapping.target)).length;
        files.push({ path: file, text: interfaceFile(draft, draftInterface, [...imports].sort()), mappings });
    }
    if (stubs) {
        files.push({ path: STUBS_FILE, text: stubsFile(stubbedSystems, stubbedTeams) });
    }
    if (draft.interfaces.length === 0 && draft.todos.length > 0) {
        files.push({ path: 'import-todo.ispec', text: header(draft) + todoLines(draft.todos, '').join('\n') + '\n' });
    }
    return files;
}

/** `LabResults` gives `lab-results`; `HL7Feed` gives `hl7-feed`. */
function kebab(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
}

function header(draft: Draft): string {
    const inputs = draft.inputs.map(input => input.replace(/\*\//g, '* /')).join(', ');
    return `/*\n * Draft written by \`interspec import ${draft.kind}\` from ${inputs}.\n * Complete every TODO, then run \`interspec check\`: it shows what the spec still misses.\n */\n`;
}

function interfaceFile(draft: Draft, draftInterface: DraftInterface, imports: string[]): string {
    const lines: string[] = [];
    for (const file of imports) lines.push(`import ${quote(file)}`);
    if (imports.length > 0) lines.push('');
    lines.push(...todoLines(draft.todos, ''));
    if (draftInterface.doc) lines.push(`/** ${docText(draftInterface.doc)} */`);
    lines.push(`interface ${draftInterface.name}${draftInterface.title ? ` ${quote(draftInterface.title)}` : ''} {`);
    const body = INDENT;
    lines.push(`${body}from ${draftInterface.source} to ${draftInterface.target}`);
    const standard = draftInterface.standard;
    lines.push(`${body}standard ${standard.name}${standard.version ? ` ${versionText(standard.version)}` : ''}`);
    if (draftInterface.transport) {
        const { protocol, security } = draftInterface.transport;
        lines.push(`${body}transport ${protocol}${security ? ` over ${security}` : ''}`);
    }
    if (draftInterface.owner) lines.push(`${body}owner ${draftInterface.owner}`);
    for (const glob of draftInterface.samples ?? []) lines.push(`${body}samples ${quote(glob)}`);
    lines.push(...noteLines(draftInterface.notes, body));
    lines.push(...todoLines(draftInterface.todos, body));
    for (const message of draftInterface.messages) {
        lines.push('');
        lines.push(...messageLines(message, body));
    }
    lines.push('}');
    return header(draft) + '\n' + lines.join('\n') + '\n';
}

function messageLines(message: DraftMessage, indent: string): string[] {
    const lines: string[] = [];
    lines.push(...noteLines(message.notes, indent));
    lines.push(...todoLines(message.todos, indent));
    const inner = indent + INDENT;
    const body: string[] = [];
    for (const mapping of message.mappings) body.push(...mappingLines(mapping, inner));
    for (const group of message.groups ?? []) body.push(...groupLines(group, inner));
    body.push(...todoLines(message.pending, inner));
    const title = (message.profile ? ` profile ${message.profile}` : '') + (message.title ? ` ${quote(message.title)}` : '');
    if (body.length === 0) {
        lines.push(`${indent}message ${message.type}${title}`);
    } else {
        lines.push(`${indent}message ${message.type}${title} {`, ...body, `${indent}}`);
    }
    return lines;
}

function profileFile(draft: Draft, profile: DraftProfile): string {
    const lines: string[] = [];
    if (profile.doc) lines.push(`/** ${docText(profile.doc)} */`);
    lines.push(`profile ${profile.name}${profile.title ? ` ${quote(profile.title)}` : ''} {`);
    lines.push(...noteLines(profile.notes, INDENT));
    lines.push(...todoLines(profile.todos, INDENT));
    if (profile.messageType) lines.push(`${INDENT}message ${profile.messageType}${profile.version ? ` version ${versionText(profile.version)}` : ''}`);
    for (const item of profile.items) lines.push(...profileItemLines(item, INDENT));
    lines.push('}');
    return header(draft) + '\n' + lines.join('\n') + '\n';
}

/** `usage R cardinality 1..1 "title"`: the options a profile group, segment and field share, in the grammar's order. */
function usageText(node: { usage?: string, cardinality?: string }): string {
    return (node.usage ? ` usage ${node.usage}` : '') + (node.cardinality ? ` cardinality ${node.cardinality}` : '');
}

function profileItemLines(item: DraftProfileItem, indent: string): string[] {
    const lines = todoLines(item.todos, indent);
    const title = item.title ? ` ${quote(item.title)}` : '';
    const inner = indent + INDENT;
    if (item.kind === 'group') {
        lines.push(`${indent}group ${item.name}${usageText(item)}${title} {`);
        for (const child of item.items) lines.push(...profileItemLines(child, inner));
        lines.push(`${indent}}`);
    } else if (item.fields.length === 0) {
        lines.push(`${indent}segment ${item.name}${usageText(item)}${title}`);
    } else {
        lines.push(`${indent}segment ${item.name}${usageText(item)}${title} {`);
        for (const field of item.fields) lines.push(...profileFieldLines(field, inner));
        lines.push(`${indent}}`);
    }
    return lines;
}

function profileFieldLines(field: DraftProfileField, indent: string): string[] {
    let line = `${indent}field ${field.position}${field.dataType ? ` ${field.dataType}` : ''}${usageText(field)}`;
    if (field.length !== undefined) line += ` length ${field.length}`;
    if (field.title) line += ` ${quote(field.title)}`;
    if (field.table) line += ` table ${codeText(field.table)}`;
    return [...todoLines(field.todos, indent), line];
}

function groupLines(group: DraftGroup, indent: string): string[] {
    const inner = indent + INDENT;
    return [
        `${indent}when ${group.field} = ${group.values.map(codeText).join(', ')} {`,
        ...group.mappings.flatMap(mapping => mappingLines(mapping, inner)),
        `${indent}}`
    ];
}

/** A mapping with its notes and TODOs above it; a mapping whose paths the language cannot hold becomes a TODO. */
function mappingLines(mapping: DraftMapping, indent: string): string[] {
    const lines = [...noteLines(mapping.notes, indent), ...todoLines(mapping.todos, indent)];
    if (!isFieldPath(mapping.source) || !isFieldPath(mapping.target)) {
        lines.push(...todoLines([{ text: `map ${mapping.source} -> ${mapping.target} (not a field path the language reads)`, from: mapping.from }], indent));
        return lines;
    }
    let head = `${indent}${mapping.source} -> ${mapping.target}`;
    if (mapping.kind) head += ` as ${mapping.kind}`;
    if (mapping.authority !== undefined) head += ` identifier authority ${quote(mapping.authority)}`;
    if (mapping.units) {
        head += ` units ${quote(mapping.units.source)}`;
        if (mapping.units.target !== undefined) head += ` -> ${quote(mapping.units.target)}`;
        if (mapping.units.target !== undefined && mapping.units.factor !== undefined) head += ` factor ${mapping.units.factor}`;
    }
    if (mapping.timezone !== undefined) head += ` timezone ${quote(mapping.timezone)}`;
    if (mapping.analyteUnits && mapping.analyteUnits.entries.length > 0) {
        // `units per OBX-3 { … }` is a block: each entry a statement of its own line, the mapping ends at `}`.
        lines.push(`${head} units per ${mapping.analyteUnits.field} {`);
        for (const entry of mapping.analyteUnits.entries) lines.push(`${indent}${INDENT}${codeText(entry.code)}: ${quote(entry.unit)}`);
        lines.push(`${indent}}`);
        return lines;
    }
    if (mapping.codes && mapping.codes.length > 0 || mapping.receives && mapping.receives.length > 0) {
        const entries = (mapping.codes ?? []).map(codeEntry);
        const receives = mapping.receives && mapping.receives.length > 0 ? ` receives ${mapping.receives.map(codeText).join(', ')}` : '';
        const oneLine = `${head} codes { ${entries.join(', ')} }${receives}`.replace('{  }', '{ }');
        if (oneLine.length - indent.length <= ONE_LINE_CODE_MAP || entries.length <= 1) {
            lines.push(oneLine);
        } else {
            lines.push(`${head} codes {`);
            entries.forEach((entry, i) => lines.push(`${indent}${INDENT}${entry}${i < entries.length - 1 ? ',' : ''}`));
            lines.push(`${indent}}${receives}`);
        }
    } else {
        lines.push(head);
    }
    return lines;
}

function codeEntry(code: DraftCode): string {
    return `${codeText(code.source)} -> ${codeText(code.target)}`;
}

function noteLines(notes: string[] | undefined, indent: string): string[] {
    return (notes ?? []).map(note => commentText(note)).filter(note => note !== '').map(note => `${indent}// ${note}`);
}

function todoLines(todos: DraftTodo[] | undefined, indent: string): string[] {
    return (todos ?? []).map(todo => `${indent}// TODO (${where(todo.from)}): ${commentText(todo.text)}`);
}

/** `mapping.csv row 12`, `channel.xml:40:7 step "Map OBX"`. */
export function where(from: Provenance): string {
    const position = from.line !== undefined ? `:${from.line}${from.column !== undefined ? `:${from.column}` : ''}` : '';
    return commentText(`${from.file}${position}${from.where ? ` ${from.where}` : ''}`);
}

/** A version as the grammar reads it (`2.5.1`, `2.5`, `R4`), quoted when it is none of those. */
function versionText(version: string): string {
    return /^\d+(\.\d+)*$/.test(version) && !/^\d+\.\d+\.$/.test(version) || /^[_a-zA-Z]\w*(-\w+)*$/.test(version) ? version : quote(version);
}

function stubsFile(systems: Draft['systems'], teams: string[]): string {
    const lines: string[] = [
        '/*',
        ' * STUBS written by `interspec import`: each stands for an element the imported interfaces name. Replace each',
        ' * with the real declaration (kind, vendor, owner, support, …), or delete it and import the file that declares it.',
        ' */'
    ];
    for (const team of teams) {
        lines.push('', `/** STUB: the team that owns the imported interfaces. */`, `team ${team} "TODO: name the team"`);
    }
    for (const system of [...systems].sort((a, b) => a.name.localeCompare(b.name))) {
        lines.push('', `/** STUB: a system the imported interfaces name. */`);
        const body = (system.applications ?? []).map(application => `${INDENT}application ${quote(application)}`);
        const title = `system ${system.name} ${quote(system.title ?? 'TODO: describe the system')}`;
        lines.push(...(body.length > 0 ? [`${title} {`, ...body, '}'] : [`${title} { }`]));
    }
    return lines.join('\n') + '\n';
}
