/**
 * `interspec import samples`: captured HL7 v2 messages (ER7 files, MLLP frames, batches; read with the samples
 * reader, samples/read/) into a draft interface per sender, receiver and version (MSH-3, MSH-5, MSH-12), with a
 * `message` per type seen (MSH-9) and a mapping per populated field (see samples/draft-message.ts). The senders
 * and receivers are stub systems with `application "<MSH-3/MSH-5>"`, so `interspec check --samples` matches each
 * message to its interface, and each interface names its files with `samples "<file>"` (relative to `--out`).
 */
import * as path from 'node:path';
import { escape } from 'glob';
import { messageTypeOf } from '../samples/match.js';
import { readHl7v2, type Hl7HierarchicDesignator } from '../samples/read/index.js';
import type { Draft, DraftInterface, DraftSystem, DraftTodo } from './draft.js';
import { ImportError } from './import-error.js';
import type { ImportInput, ImportKind, ImportOptions } from './import-kind.js';
import { draftMessage } from './samples/draft-message.js';
import { observeMessages, type CapturedMessage } from './samples/observe.js';
import { givenName, isMessageType, toName } from './spec-text.js';

interface Flow {
    source: string;
    target: string;
    version: string;
    messages: CapturedMessage[];
    files: Set<string>;
    todos: DraftTodo[];
}

/** The application name a system is matched by: HD.1 namespace id, else the universal id, else the whole text. */
function applicationOf(designator: Hl7HierarchicDesignator | undefined): string | undefined {
    return designator?.namespaceId || designator?.universalId || designator?.text || undefined;
}

/** Reads every input: each must hold HL7 v2 messages; an error the reader reports stops the import at its place. */
function readInputs(inputs: readonly ImportInput[]): { messages: CapturedMessage[]; warnings: Map<string, DraftTodo[]> } {
    const messages: CapturedMessage[] = [];
    const warnings = new Map<string, DraftTodo[]>();
    for (const input of inputs) {
        if (/\.(json|ndjson)$/i.test(input.name)) {
            throw new ImportError(input.name, 'import samples reads captured HL7 v2 messages (ER7); FHIR JSON samples are not read yet', 1, 1);
        }
        const result = readHl7v2(input.content);
        const error = result.problems.find(problem => problem.severity === 'error');
        if (error) throw new ImportError(input.name, `${error.message} (${error.code})`, error.line, error.column);
        if (result.messages.length === 0) {
            throw new ImportError(input.name, 'no HL7 v2 message: a message starts with an MSH segment', 1, 1);
        }
        const todos = result.problems.map(problem => ({ text: `${problem.message} (${problem.code}); sample-structure reports it`, from: { file: input.name, line: problem.line, column: problem.column } }));
        if (todos.length > 0) warnings.set(input.name, todos);
        for (const message of result.messages) messages.push({ message, file: input.name });
    }
    return { messages, warnings };
}

/** The `samples "<file>"` text for an input, relative to the output folder, with glob characters escaped. */
function sampleGlob(file: string, options: ImportOptions): string {
    const cwd = options.cwd ?? '.';
    const relative = path.relative(path.resolve(cwd, options.out ?? '.'), path.resolve(cwd, file)).split(path.sep).join('/');
    return escape(relative);
}

/**
 * Reads captured HL7 v2 messages into a draft: systems from MSH-3 (sender) and MSH-5 (receiver), or `--from` and
 * `--to`; one interface per sender, receiver and version (MSH-12) named `--interface` or `<Sender>To<Receiver>`;
 * message types from MSH-9. Throws `ImportError` for a file with no message or with an error the reader reports.
 */
function readSamples(inputs: ImportInput[], options: ImportOptions): Draft {
    const { messages, warnings } = readInputs(inputs);
    const systems = new Map<string, DraftSystem>();
    const system = (name: string, application: string | undefined) => {
        const entry = systems.get(name) ?? { name, applications: [] };
        if (application && !entry.applications!.some(known => known.toUpperCase() === application.toUpperCase())) entry.applications!.push(application);
        systems.set(name, entry);
    };
    const flows = new Map<string, Flow>();
    for (const captured of messages) {
        const header = captured.message.header;
        const sending = applicationOf(header.sendingApplication);
        const receiving = applicationOf(header.receivingApplication);
        const source = options.from !== undefined ? givenName(options.from, 'Sender') : toName(sending ?? '', 'Sender');
        let target = options.to !== undefined ? givenName(options.to, 'Receiver') : toName(receiving ?? '', 'Receiver');
        if (target === source) target = `${target}Receiver`;
        system(source, sending);
        system(target, receiving);
        const version = header.version ?? '';
        const key = `${source}\u0000${target}\u0000${version}`;
        let flow = flows.get(key);
        if (!flow) {
            flow = { source, target, version, messages: [], files: new Set(), todos: [] };
            flows.set(key, flow);
        }
        flow.messages.push(captured);
        flow.files.add(captured.file);
    }
    const interfaces: DraftInterface[] = [];
    const used = new Set<string>();
    const flowsOfFile = new Map<string, number>();
    for (const flow of flows.values()) for (const file of flow.files) flowsOfFile.set(file, (flowsOfFile.get(file) ?? 0) + 1);
    for (const flow of flows.values()) {
        let name = options.interfaceName !== undefined ? givenName(options.interfaceName) : toName(`${flow.source}To${flow.target}`);
        // Unique among the interfaces and never a system's name (one scope holds both).
        const taken = (candidate: string) => used.has(candidate) || systems.has(candidate);
        if (taken(name)) name = toName(`${name} v${flow.version}`);
        const base = name;
        for (let n = 2; taken(name); n++) name = `${base}${n}`;
        used.add(name);
        const byType = new Map<string, CapturedMessage[]>();
        const todos: DraftTodo[] = [];
        for (const captured of flow.messages) {
            const type = messageTypeOf(captured.message);
            if (!type || !isMessageType(type)) {
                const msh = captured.message.segments[0];
                todos.push({ text: `a message with ${type ? `MSH-9 "${type}"` : 'an empty MSH-9'} cannot be declared as a message type`, from: { file: captured.file, line: msh.line, column: msh.column } });
                continue;
            }
            const list = byType.get(type);
            if (list) list.push(captured);
            else byType.set(type, [captured]);
        }
        const samples: string[] = [];
        for (const file of flow.files) {
            todos.push(...(warnings.get(file) ?? []));
            if (flowsOfFile.get(file) === 1) {
                const glob = sampleGlob(file, options);
                samples.push(glob);
                if (glob.startsWith('../')) {
                    todos.push({ text: `samples "${glob}" is outside the draft's folder: check the folder that holds both (a samples path must stay inside the workspace root), or import with --out at or above the captures`, from: { file } });
                }
            } else {
                todos.push({ text: `${file} holds messages of several interfaces: check it with interspec check --samples ${file}, which matches each message to its interface`, from: { file } });
            }
        }
        const version = flow.version || undefined;
        if (!version) todos.push({ text: 'the messages carry no version (MSH-12): state the HL7 v2 version', from: { file: flow.messages[0].file } });
        const types = [...byType.keys()];
        interfaces.push({
            name,
            title: `${types.join(', ') || 'Messages'} captured from ${flow.source} to ${flow.target}`,
            doc: `Imported from ${flow.messages.length} captured message${flow.messages.length === 1 ? '' : 's'} in ${[...flow.files].join(', ')}.`,
            source: flow.source,
            target: flow.target,
            standard: { name: 'HL7v2', version },
            samples,
            todos,
            messages: types.map(type => {
                const captured = byType.get(type)!;
                return draftMessage(type, observeMessages(captured, version, type), captured.length, version);
            })
        });
    }
    return {
        kind: 'samples',
        inputs: inputs.map(input => input.name),
        interfaces,
        systems: [...systems.values()],
        teams: [],
        todos: []
    };
}

/** The `samples` import kind. */
export const samplesImport: ImportKind = {
    name: 'samples',
    summary: 'captured HL7 v2 messages (ER7, MLLP, batches) into a draft interface that accepts them',
    read: readSamples
};
