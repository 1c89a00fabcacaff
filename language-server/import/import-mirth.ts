/**
 * `interspec import mirth`: Mirth Connect / NextGen Connect channel exports (XML, read with saxes) into draft
 * interfaces, one per destination connector: from the channel's source to the destination, the transport of the
 * connectors (MLLP, HTTP(S), SFTP/file, database), the standard of the source's inbound data type, Message Builder
 * and Mapper steps as mappings (`msg['OBX']['OBX.11']['OBX.11.1']` is OBX-11.1), their replacement tables as code
 * maps, filter rules as notes, and JavaScript steps as TODOs quoting their first lines (single-line assignments
 * such as `tmp['PID']['PID.3'] = msg['PID']['PID.2'].toString();` become mappings too).
 */
import type { Draft, DraftCode, DraftInterface, DraftMapping, DraftSystem, DraftTodo, Provenance } from './draft.js';
import type { ImportInput, ImportKind, ImportOptions } from './import-kind.js';
import { channelsOf, type MirthChannel, type MirthRule, type MirthStep } from './mirth/channel.js';
import { standardOf, templateMessageType, transportOf } from './mirth/connector-facts.js';
import { readExpression, scriptAssignments, type Expression } from './mirth/expressions.js';
import { parseXml, type XmlElement } from './mirth/xml-tree.js';
import { givenName, isMessageType, toName } from './spec-text.js';

/** Lines of a JavaScript step or rule quoted in its TODO. */
const QUOTED_LINES = 3;

interface StepContext {
    file: string;
    /** Where the step is: `source transformer` or `destination "To EHR" transformer`. */
    place: string;
}

function provenance(file: string, element: XmlElement, where: string): Provenance {
    return { file, line: element.line, column: element.column, where };
}

/** The first non-empty lines of a script, for a TODO. */
function firstLines(script: string): string {
    const lines = script.split(/\r?\n/).map(line => line.trim()).filter(line => line !== '' && !/^\/\/\s*$/.test(line));
    const quoted = lines.slice(0, QUOTED_LINES).map(line => line.length > 100 ? `${line.slice(0, 97)}...` : line).join(' | ');
    return lines.length > QUOTED_LINES ? `${quoted} | … (${lines.length} lines)` : quoted;
}

/** A replacement value: the text of a JavaScript string literal (a regex anchored `^…$` to the whole value), else undefined. */
function literal(text: string): string | undefined {
    const read = readExpression(text);
    if (read.kind !== 'literal') return undefined;
    const anchored = /^\^(.*)\$$/.exec(read.value);
    if (anchored && !/[\\.*+?()[\]{}|^$]/.test(anchored[1])) return anchored[1];
    return /[\\*+?()[\]{}|^$]/.test(read.value) ? undefined : read.value;
}

/** The code map of a step's replacements; pairs that are not plain literals are TODOs. */
function codesOf(step: MirthStep, from: Provenance): { codes: DraftCode[]; todos: DraftTodo[] } {
    const codes: DraftCode[] = [];
    const todos: DraftTodo[] = [];
    for (const [left, right] of step.replacements) {
        const source = literal(left);
        const target = literal(right);
        if (source !== undefined && target !== undefined && source !== '') codes.push({ source, target });
        else todos.push({ text: `replacement ${left.trim()} -> ${right.trim()} is an expression or regular expression, not a code: carry it over by hand`, from });
    }
    return { codes, todos };
}

/** Builds the mappings of the steps of one interface (the source transformer's, then the destination's). */
class StepReader {
    readonly mappings: DraftMapping[] = [];
    readonly todos: DraftTodo[] = [];
    /** Mapper variables: the expression read, the step, and whether a later step used it. */
    private readonly variables = new Map<string, { expression: Expression; step: MirthStep; from: Provenance; used: boolean; codes: DraftCode[] }>();

    read(steps: MirthStep[], context: StepContext): void {
        steps.forEach((step, index) => {
            const where = `${context.place} step ${index + 1} "${step.name || shortType(step.type)}"`;
            const from = provenance(context.file, step.element, where);
            if (!step.enabled) {
                this.todos.push({ text: `disabled step (${shortType(step.type)}) not imported`, from });
                return;
            }
            switch (step.kind) {
                case 'mapper': return this.mapper(step, from);
                case 'builder': return this.builder(step, from);
                case 'javascript': return this.javascript(step, from);
                default:
                    this.todos.push({ text: `${shortType(step.type)} step not read: carry over what it does by hand${step.script ? `: ${firstLines(step.script)}` : ''}`, from });
            }
        });
    }

    /** Mapper variables no later step reads become mappings with a placeholder target (the source field). */
    finish(): void {
        for (const [name, variable] of this.variables) {
            if (variable.used) continue;
            const { expression, from, codes } = variable;
            if (expression.kind === 'field') {
                this.mappings.push({
                    source: expression.path, target: expression.path, codes: codes.length > 0 ? codes : undefined, from,
                    todos: [
                        { text: `the step keeps ${expression.path} in channel map variable "${name}": the target is a placeholder, name the receiver's field`, from },
                        ...(expression.through ? [{ text: `the step transforms the value: ${describe({ kind: 'other', text: expression.through })}`, from }] : [])
                    ],
                    notes: variable.step.defaultValue?.trim() ? [`default ${variable.step.defaultValue.trim()} when empty`] : undefined
                });
            } else {
                const table = codes.length > 0 ? ` (replacements: ${codes.map(code => `"${code.source}" -> "${code.target}"`).join(', ')})` : '';
                this.todos.push({ text: `channel map variable "${name}" = ${describe(expression)}${table}: map it by hand`, from });
            }
        }
    }

    private mapper(step: MirthStep, from: Provenance): void {
        const expression = readExpression(step.mapping ?? '');
        const { codes, todos } = codesOf(step, from);
        this.todos.push(...todos);
        if (!step.variable) {
            this.todos.push({ text: `Mapper step without a variable reads ${describe(expression)}`, from });
            return;
        }
        this.variables.set(step.variable, { expression, step, from, used: false, codes });
    }

    private builder(step: MirthStep, from: Provenance): void {
        const target = readExpression(step.segment ?? '');
        const source = readExpression(step.mapping ?? '');
        const { codes, todos } = codesOf(step, from);
        this.add(source, target, from, codes, todos, step.defaultValue);
    }

    private javascript(step: MirthStep, from: Provenance): void {
        const script = step.script ?? '';
        this.todos.push({ text: `JavaScript step: ${firstLines(script) || '(empty)'}`, from });
        for (const assignment of scriptAssignments(script)) {
            const at = { ...from, where: `${from.where} line ${assignment.line + 1}` };
            this.add(assignment.source, assignment.target, at, [], []);
        }
    }

    /** One `source -> target`, the source resolved through a Mapper variable where it names one. */
    private add(source: Expression, target: Expression, from: Provenance, codes: DraftCode[], todos: DraftTodo[], defaultValue?: string): void {
        let resolved = source;
        const allCodes = [...codes];
        const defaults = [defaultValue?.trim()];
        if (source.kind === 'variable') {
            const variable = this.variables.get(source.name);
            if (variable) {
                variable.used = true;
                resolved = variable.expression;
                allCodes.unshift(...variable.codes);
                defaults.unshift(variable.step.defaultValue?.trim());
            }
        }
        // A step the draft cannot write as a mapping keeps its replacement table in the TODO.
        const table = allCodes.length > 0 ? ` (replacements: ${allCodes.map(code => `"${code.source}" -> "${code.target}"`).join(', ')})` : '';
        if (target.kind !== 'field') {
            this.todos.push(...todos, { text: `writes ${describe(target)} from ${describe(resolved)}${table}: map it by hand`, from });
            return;
        }
        if (resolved.kind !== 'field') {
            this.todos.push(...todos, { text: `sets ${target.path} to ${describe(resolved)}${table}: not a field mapping, carry it over by hand`, from });
            return;
        }
        if (resolved.through) todos = [...todos, { text: `the step transforms the value: ${describe({ kind: 'other', text: resolved.through })}`, from }];
        this.mappings.push({
            source: resolved.path, target: target.path, from, todos,
            codes: allCodes.length > 0 ? allCodes : undefined,
            notes: defaults.filter(Boolean).map(value => `default ${value} when empty`)
        });
    }
}

function shortType(type: string): string {
    return type.replace(/^com\.mirth\.connect\.plugins\.[\w.]*\./, '');
}

function describe(expression: Expression): string {
    switch (expression.kind) {
        case 'field': return `${expression.message === 'tmp' ? 'outbound' : 'inbound'} ${expression.path}`;
        case 'variable': return `variable "${expression.name}"`;
        case 'literal': return `the constant "${expression.value}"`;
        default: return `\`${expression.text.length > 80 ? `${expression.text.slice(0, 77)}...` : expression.text}\``;
    }
}

/** A filter rule as a note: `filter rule "Only results": msg['MSH']['MSH.9']['MSH.9.1'] equals "ORU"`. */
function ruleNote(rule: MirthRule, place: string): string {
    const head = `${place} filter${rule.operator && rule.operator !== 'NONE' ? ` ${rule.operator}` : ''} rule "${rule.name}"${rule.enabled ? '' : ' (disabled)'}`;
    if (rule.kind === 'rule-builder') {
        const field = rule.field ? readExpression(rule.field) : undefined;
        const fieldText = field?.kind === 'field' ? field.path : rule.field ?? '';
        const values = rule.values.map(value => value.trim()).join(', ');
        return `${head}: ${fieldText} ${(rule.condition ?? '').toLowerCase().replace(/_/g, ' ')}${values ? ` ${values}` : ''}`;
    }
    if (rule.kind === 'javascript') return `${head}: JavaScript: ${firstLines(rule.script ?? '')}`;
    return `${head}: ${shortType(rule.type)}`;
}

/** The message type a channel's HL7 v2 source takes: its inbound template's MSH-9, else a filter rule on MSH-9. */
function messageTypeOf(channel: MirthChannel): string | undefined {
    const fromTemplate = templateMessageType(channel.source.inboundTemplate);
    if (fromTemplate) return fromTemplate;
    for (const rule of channel.source.rules) {
        const field = rule.field ? readExpression(rule.field) : undefined;
        if (rule.kind === 'rule-builder' && field?.kind === 'field' && field.path === 'MSH-9.1' && /equals/i.test(rule.condition ?? '') && rule.values.length === 1) {
            return literal(rule.values[0]);
        }
    }
    return undefined;
}

interface Built {
    interfaces: DraftInterface[];
    systems: DraftSystem[];
}

function readChannel(file: string, channel: MirthChannel, options: ImportOptions, names: Set<string>, systemNames: ReadonlySet<string>, count: number): Built {
    const channelName = channel.name || 'Channel';
    const source = options.from !== undefined ? givenName(options.from, 'Sender') : toName(`${channelName} Source`, 'Channel');
    const systems: DraftSystem[] = [{ name: source }];
    const interfaces: DraftInterface[] = [];
    const sourceTransport = transportOf(channel.source);
    const standard = standardOf(channel.source.inboundDataType, channel.source, channel.source.inboundTemplate);
    const found = standard.name === 'HL7v2' ? messageTypeOf(channel) : undefined;
    const type = found && isMessageType(found) ? found : undefined;
    const channelFrom = provenance(file, channel.element, `channel "${channelName}"`);
    const sourceNotes = [`source: ${sourceTransport.description}`, ...channel.source.rules.map(rule => ruleNote(rule, 'source'))];
    const destinations = channel.destinations.length > 0 ? channel.destinations : [undefined];
    for (const destination of destinations) {
        const destinationName = destination?.name || 'Destination';
        const generic = /^destination\s*\d*$/i.test(destinationName);
        let target = options.to !== undefined ? givenName(options.to, 'Receiver') : toName(generic ? `${channelName} ${destinationName}` : destinationName, 'Destination');
        if (target === source) target = `${target}Destination`;
        if (!systems.some(system => system.name === target)) systems.push({ name: target });
        let name = options.interfaceName
            ? (count > 1 ? toName(`${options.interfaceName} ${destinationName}`) : givenName(options.interfaceName))
            : toName(`${channelName} ${generic ? '' : destinationName}`, 'Channel');
        // Unique among the interfaces and never a system's name (one scope holds both).
        const base = name;
        for (let n = 2; names.has(name) || name === source || name === target || systemNames.has(name); n++) name = `${base}${n}`;
        names.add(name);
        const todos: DraftTodo[] = [];
        const notes = [...sourceNotes];
        const steps = new StepReader();
        steps.read(channel.source.steps, { file, place: 'source transformer' });
        let transport = sourceTransport;
        if (destination) {
            const destinationTransport = transportOf(destination);
            notes.push(`destination "${destinationName}": ${destinationTransport.description}${destination.enabled ? '' : ' (disabled)'}`);
            notes.push(...destination.rules.map(rule => ruleNote(rule, `destination "${destinationName}"`)));
            steps.read(destination.steps, { file, place: `destination "${destinationName}" transformer` });
            if (!destinationTransport.internal) transport = destinationTransport;
            const outbound = destination.outboundDataType;
            if (outbound && outbound.toUpperCase() !== (channel.source.inboundDataType ?? '').toUpperCase()) {
                notes.push(`the destination sends ${outbound} (the source receives ${channel.source.inboundDataType ?? 'an unnamed data type'})`);
            }
        } else {
            todos.push({ text: 'the channel has no destination: name the receiving system (--to)', from: channelFrom });
        }
        steps.finish();
        if (!options.from) todos.push({ text: `the sending system is a stub named after the channel: name the real system (or import with --from)`, from: channelFrom });
        if (!standard.version && ['HL7v2', 'FHIR'].includes(standard.name)) {
            todos.push({ text: `state the ${standard.name} version: the channel's data type (${channel.source.inboundDataType}) carries none${standard.name === 'HL7v2' ? ' and it has no inbound template with MSH-12' : ''}`, from: channelFrom });
        }
        if (!transport.protocol) todos.push({ text: transport.internal ? `state the transport: the channel is fed and read inside Mirth (${transport.description}); name the wire of the systems behind it` : `state the transport: ${transport.description} is not one the import knows`, from: channelFrom });
        const from = destination ? provenance(file, destination.element, `destination "${destinationName}"`) : channelFrom;
        const messageTodos: DraftTodo[] = [];
        if (!type) messageTodos.push({ text: standard.name === 'HL7v2' ? 'name the message type (MSH-9): the channel has no inbound template and no filter on MSH-9' : `name the ${standard.name} message or resource`, from });
        interfaces.push({
            name,
            title: generic ? channelName : `${channelName}: ${destinationName}`,
            doc: `Imported from the Mirth channel "${channelName}"${channel.description ? ` (${channel.description})` : ''}.`,
            source,
            target,
            standard,
            transport: transport.protocol ? { protocol: transport.protocol, security: transport.security } : undefined,
            notes,
            todos: [...todos, ...steps.todos],
            messages: [{ type: type ?? 'UNKNOWN', mappings: steps.mappings, todos: messageTodos }]
        });
    }
    return { interfaces, systems };
}

/**
 * Reads Mirth Connect channel exports into a draft (see the file comment). Throws `ImportError` for XML that is not
 * well-formed or is not a channel export, with file, line and column.
 */
function readMirth(inputs: ImportInput[], options: ImportOptions): Draft {
    const interfaces: DraftInterface[] = [];
    const systems = new Map<string, DraftSystem>();
    const names = new Set<string>();
    const parsed = inputs.map(input => ({ input, channels: channelsOf(input.name, parseXml(input.name, new TextDecoder().decode(input.content))) }));
    const count = parsed.reduce((sum, { channels }) => sum + channels.reduce((n, channel) => n + Math.max(1, channel.destinations.length), 0), 0);
    for (const { input, channels } of parsed) {
        for (const channel of channels) {
            const built = readChannel(input.name, channel, options, names, new Set(systems.keys()), count);
            interfaces.push(...built.interfaces);
            for (const system of built.systems) if (!systems.has(system.name)) systems.set(system.name, system);
        }
    }
    // A later channel's system may take an earlier interface's name: the interface gives way.
    for (const draftInterface of interfaces) {
        const base = draftInterface.name;
        for (let n = 2; systems.has(draftInterface.name); n++) draftInterface.name = `${base}Interface${n === 2 ? '' : n}`;
    }
    return { kind: 'mirth', inputs: inputs.map(input => input.name), interfaces, systems: [...systems.values()], teams: [], todos: [] };
}

/** The `mirth` import kind. */
export const mirthImport: ImportKind = {
    name: 'mirth',
    summary: 'Mirth Connect / NextGen Connect channel exports (XML), one interface per destination',
    read: readMirth
};

