import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { isInterface } from '../../language-server/language/generated/ast.js';
import type { Finding } from '../../language-server/model/findings.js';
import type { Rule } from '../../language-server/rules/rule.js';
import { checkSamples } from '../../language-server/samples/run-samples.js';
import type { Hl7Message, Hl7Value } from '../../language-server/samples/read/index.js';

/** The repository root (tests run from out/test/samples). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** test/fixtures/samples: captured messages with their provenance in SOURCES.md. */
export const SAMPLES = path.join(REPO, 'test/fixtures/samples');

/** The bytes of a fixture under test/fixtures/samples. */
export function fixture(relative: string): Buffer {
    return readFileSync(path.join(SAMPLES, relative));
}

/** The lines of a text as an editor shows them: split at CR, LF and CRLF, a leading BOM dropped. */
export function editorLines(text: string): string[] {
    return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Every value of a message, outermost first: fields, repetitions, components, subcomponents. */
export function* allValues(message: Hl7Message): Generator<Hl7Value> {
    for (const segment of message.segments) {
        for (const field of segment.fields) {
            yield field;
            for (const repetition of field.repetitions) {
                yield repetition;
                for (const component of repetition.components) {
                    yield component;
                    yield* component.subcomponents;
                }
            }
        }
    }
}

/**
 * Checks that every value of the messages is where it says, in a way that does not use the reader's bookkeeping:
 * the text at (line, column) of the editor's lines and the text at `offset` of the whole (BOM-less) text are both
 * the value's raw text. Returns the number of values checked, or throws on the first that is not.
 */
export function checkPositions(text: string, messages: Hl7Message[]): number {
    const lines = editorLines(text);
    const whole = text.replace(/^\uFEFF/, '');
    let checked = 0;
    for (const message of messages) {
        for (const segment of message.segments) {
            if (lines[segment.line - 1].substr(segment.column - 1, segment.raw.length) !== segment.raw) {
                throw new Error(`segment ${segment.name} is not at line ${segment.line} column ${segment.column}`);
            }
        }
        for (const value of allValues(message)) {
            const atLine = lines[value.line - 1]?.substr(value.column - 1, value.raw.length);
            const atOffset = whole.substr(value.offset, value.raw.length);
            if (atLine !== value.raw || atOffset !== value.raw || value.endColumn - value.column !== value.raw.length || value.endLine !== value.line) {
                throw new Error(`${value.segment.name} value ${JSON.stringify(value.raw)} is not at line ${value.line} column ${value.column} offset ${value.offset}: found ${JSON.stringify(atLine)} / ${JSON.stringify(atOffset)}`);
            }
            checked++;
        }
    }
    return checked;
}

/** A message as plain data (every value with its positions), for deep comparison of two reads. */
export function snapshot(message: Hl7Message): unknown {
    const value = (v: Hl7Value) => [v.raw, v.value, v.line, v.column, v.offset, v.endColumn, v.endOffset];
    return {
        index: message.index,
        encoding: message.encoding,
        charset: message.charset,
        framed: message.framed,
        header: message.header,
        problems: message.problems,
        batch: message.batch && { file: message.batch.fileHeader?.raw, batch: message.batch.batchHeader?.raw, index: message.batch.indexInBatch },
        segments: message.segments.map(segment => ({
            name: segment.name,
            occurrence: segment.occurrence,
            at: [segment.line, segment.column, segment.offset],
            raw: segment.raw,
            fields: segment.fields.map(field => ({
                field: value(field),
                repetitions: field.repetitions.map(repetition => ({
                    repetition: value(repetition),
                    components: repetition.components.map(component => ({
                        component: value(component),
                        subcomponents: component.subcomponents.map(value)
                    }))
                }))
            }))
        }))
    };
}

/**
 * A message in one line: its segments' names, positions and text, its header, batch and problems. Everything
 * the reader computes below a segment follows from these, so two reads with equal digests read the same.
 */
export function digest(message: Hl7Message): string {
    return JSON.stringify([
        message.index, message.encoding, message.charset, message.framed, message.header, message.problems,
        message.batch && [message.batch.fileHeader?.offset, message.batch.batchHeader?.offset, message.batch.indexInBatch],
        message.segments.map(segment => [segment.name, segment.occurrence, segment.line, segment.column, segment.offset, segment.raw])
    ]);
}

/**
 * The findings of the sample rules over `files` (absolute paths; none: the interfaces' own `samples`) of a built
 * workspace, matched to interfaces as `interspec check --samples` does, or checked against the interface named
 * `interfaceName` as `--interface` does.
 */
export async function runSamples(workspace: BuiltWorkspace, files: string[] = [], interfaceName?: string): Promise<Finding[]> {
    const iface = interfaceName === undefined ? undefined
        : workspace.documents.flatMap(d => d.parseResult.value.elements).filter(isInterface).find(e => e.name === interfaceName);
    return (await checkSamples(workspace.services, workspace.documents, workspace.documents, { files, iface })).findings;
}

/** A new file `name` holding `content`, in a folder of its own under the system's temporary folder. */
export function tempSample(name: string, content: string | Buffer): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'interspec-samples-')), name);
    writeFileSync(file, content);
    return file;
}

/**
 * Runs `body` while sample rule `rule` throws `message` on every message and resource it is given (its visitor's
 * `message` and `resource`), then puts the rule back: how a defect in one rule meets the others.
 */
export async function withThrowingSampleRule<T>(rule: Rule, message: string, body: () => Promise<T>): Promise<T> {
    const original = rule.samples;
    rule.samples = {
        begin: options => {
            const visitor = original!.begin(options);
            const fail = (): never => { throw new Error(message); };
            return { ...visitor, message: fail, resource: fail };
        }
    };
    try {
        return await body();
    } finally {
        rule.samples = original;
    }
}

/**
 * A workspace of one spec file `a.ispec` (and an empty interspec.yaml, and `extra` files: relative path -> content),
 * in a folder of its own under the system's temporary folder, built.
 */
export async function oneSpecWorkspace(spec: string, extra: Record<string, string> = {}): Promise<BuiltWorkspace> {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-one-spec-'));
    writeFileSync(path.join(root, 'interspec.yaml'), '');
    writeFileSync(path.join(root, 'a.ispec'), spec);
    for (const [name, content] of Object.entries(extra)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), content);
    }
    return buildWorkspace([root]);
}
