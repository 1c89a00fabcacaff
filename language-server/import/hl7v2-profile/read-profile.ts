import type { DraftProfile, DraftProfileField, DraftProfileGroup, DraftProfileItem, DraftProfileSegment, DraftTodo } from '../draft.js';
import { ImportError } from '../import-error.js';
import { toName } from '../spec-text.js';
import { attribute, childNamed, childrenNamed, sameName, type XmlElement } from './xml-tree.js';

/** A profile as read, before names are chosen: the draft profile and its message's type parts. */
export interface ReadProfile {
    profile: DraftProfile;
    /** MSH-9.1 and MSH-9.2 (`ORU`, `R01`), for the interface's `message` statement. */
    messageType?: string;
    event?: string;
    /** Where the profile is in its file, for TODOs. */
    file: string;
    /** The name the profile's metadata gives (`MetaData/@Name`), or the message's id. */
    label: string;
}

const ID = /^[_a-zA-Z]\w*(-\w+)*$/;

/** A name the grammar reads as an ID (segment ids, group names, data types, usage codes), or undefined. */
function asId(text: string | undefined): string | undefined {
    if (text === undefined) return undefined;
    if (ID.test(text)) return text;
    const cleaned = text.replace(/[^\w-]+/g, '_').replace(/^[^A-Za-z_]+/, '').replace(/-+$/, '');
    return ID.test(cleaned) ? cleaned : undefined;
}

/** `Min`/`Max` attributes as `min..max` (`*` unbounded); undefined when either is missing or unreadable. */
function cardinalityOf(element: XmlElement): string | undefined {
    const min = attribute(element, 'Min');
    const max = attribute(element, 'Max');
    if (min === undefined || max === undefined || !/^\d+$/.test(min) || !/^(\d+|\*)$/.test(max)) return undefined;
    return `${Number(min)}..${max === '*' ? '*' : Number(max)}`;
}

function todo(file: string, element: XmlElement, where: string, text: string): DraftTodo {
    return { text, from: { file, line: element.line, column: element.column, where } };
}

/**
 * The usage of an element as the language writes it: R, RE, C, CE, O, X, B, W (HL7 v2 chapter 2B; lower case
 * is upper-cased). A conditional usage with its true/false outcomes (`C(R/O)`, HL7 v2.7+) is written as C with a
 * TODO naming the outcomes; anything else is left out with a TODO.
 */
function usageOf(element: XmlElement, file: string, where: string, todos: DraftTodo[]): string | undefined {
    const written = attribute(element, 'Usage');
    if (written === undefined) return undefined;
    const usage = written.toUpperCase();
    if (/^(R|RE|C|CE|O|X|B|W)$/.test(usage)) return usage;
    const conditional = /^C\s*\(\s*(\w+)\s*\/\s*(\w+)\s*\)$/.exec(usage);
    if (conditional) {
        todos.push(todo(file, element, where, `usage ${written}: ${conditional[1]} when the condition holds, ${conditional[2]} when not; write the condition`));
        return 'C';
    }
    todos.push(todo(file, element, where, `usage "${written}" is not an HL7 v2 usage code`));
    return undefined;
}

/** The common options of a group, segment or field: usage, cardinality, with TODOs for what could not be read. */
function constraintsOf(element: XmlElement, file: string, where: string): { usage?: string, cardinality?: string, todos: DraftTodo[] } {
    const todos: DraftTodo[] = [];
    const usage = usageOf(element, file, where, todos);
    const cardinality = cardinalityOf(element);
    // Messaging Workbench writes the condition of a C or CE element as a `Predicate` child.
    const predicate = childNamed(element, 'Predicate')?.text.trim();
    if (predicate) todos.push(todo(file, element, where, `condition of usage ${usage ?? attribute(element, 'Usage')}: ${predicate}`));
    if (cardinality === undefined && (attribute(element, 'Min') !== undefined || attribute(element, 'Max') !== undefined)) {
        todos.push(todo(file, element, where, `cardinality Min="${attribute(element, 'Min') ?? ''}" Max="${attribute(element, 'Max') ?? ''}" is not min..max`));
    }
    return { usage, cardinality, todos };
}

/** A field's position: its `Position` attribute where the export writes one, else its place among the segment's fields. */
function positionOf(field: XmlElement, index: number): number {
    const written = attribute(field, 'Position');
    return written !== undefined && /^\d+$/.test(written) && Number(written) > 0 ? Number(written) : index + 1;
}

/** The field statement of one `<Field>` at a position; data types resolved through `datatypeName` (IGAMT ids such as `CWE_IZ` to `CWE`). */
function fieldOf(element: XmlElement, position: number, segment: string, file: string, datatypeName: (id: string) => string): DraftProfileField {
    const where = `Segment[@Name='${segment}']/Field[${position}]`;
    const { usage, cardinality, todos } = constraintsOf(element, file, where);
    const written = attribute(element, 'Datatype');
    const dataType = written === undefined ? undefined : asId(datatypeName(written));
    if (written !== undefined && dataType === undefined && written !== '-') todos.push(todo(file, element, where, `data type "${written}" is not a name the language reads`));
    const lengthText = attribute(element, 'Length') ?? attribute(element, 'MaxLength');
    const length = lengthText !== undefined && /^\d+$/.test(lengthText) ? Number(lengthText) : undefined;
    const table = attribute(element, 'Table') ?? attribute(element, 'Binding');
    const components = childrenNamed(element, 'Component');
    if (components.length > 0) {
        const listed = components.map((component, i) => `${i + 1} ${attribute(component, 'Usage') ?? '?'}`).join(', ');
        todos.push(todo(file, element, where, `component usage is not carried over (the language holds fields): ${listed}`));
    }
    return { position, dataType, usage, cardinality, length, title: attribute(element, 'Name'), table, todos: todos.length > 0 ? todos : undefined, from: { file, line: element.line, column: element.column, where: where } };
}

/**
 * An HL7 v2 XML message profile as Messaging Workbench and IGAMT export it (HL7 "message profile" schema,
 * `HL7v2xConformanceProfile`): `HL7v2xStaticDef` (or `StaticDef`) with `MsgType`, `EventType`, `MsgStructID`,
 * `Segment` (`Name`, `LongName`, `Usage`, `Min`, `Max`) and `SegGroup` elements in message order, and per segment
 * its `Field` elements in field order (`Name`, `Usage`, `Min`, `Max`, `Datatype`, `Length`, `Table`).
 */
export function readWorkbenchProfile(file: string, root: XmlElement): ReadProfile[] {
    const version = attribute(root, 'HL7Version');
    const statics = root.children.filter(child => sameName(child.name, 'HL7v2xStaticDef') || sameName(child.name, 'StaticDef'));
    if (statics.length === 0) throw new ImportError(file, 'the profile has no HL7v2xStaticDef (the message it constrains)', root.line, root.column);
    const rootMeta = childNamed(root, 'MetaData');
    return statics.map(staticDef => {
        const meta = childNamed(staticDef, 'MetaData') ?? rootMeta;
        const messageType = attribute(staticDef, 'MsgType');
        const event = attribute(staticDef, 'EventType');
        const structure = attribute(staticDef, 'MsgStructID');
        const items = (parent: XmlElement): DraftProfileItem[] => parent.children.flatMap((child): DraftProfileItem[] => {
            if (sameName(child.name, 'Segment')) return [workbenchSegment(child, file)];
            if (sameName(child.name, 'SegGroup')) {
                const name = asId(attribute(child, 'Name')) ?? 'GROUP';
                const { usage, cardinality, todos } = constraintsOf(child, file, `SegGroup[@Name='${name}']`);
                const group: DraftProfileGroup = { kind: 'group', name, usage, cardinality, title: attribute(child, 'LongName'), items: items(child), todos: todos.length > 0 ? todos : undefined };
                return [group];
            }
            return [];
        });
        return {
            profile: profileShell(meta, messageType, event, structure, version, items(staticDef), staticDef, file),
            messageType, event, file,
            label: attribute(meta ?? root, 'Name') ?? ([messageType, event].filter(Boolean).join('_') || 'Profile')
        };
    });
}

function workbenchSegment(element: XmlElement, file: string): DraftProfileSegment {
    const written = attribute(element, 'Name') ?? '';
    const name = /^[A-Z][A-Z0-9]{2}$/.test(written) ? written : asId(written) ?? 'SEGMENT';
    const { usage, cardinality, todos } = constraintsOf(element, file, `Segment[@Name='${name}']`);
    if (name !== written) todos.push(todo(file, element, `Segment[@Name='${written}']`, `segment name "${written}" is not an HL7 v2 segment id`));
    const fields = childrenNamed(element, 'Field').map((field, i) => fieldOf(field, positionOf(field, i), name, file, id => id));
    return { kind: 'segment', name, usage, cardinality, title: attribute(element, 'LongName'), fields, todos: todos.length > 0 ? todos : undefined };
}

function profileShell(meta: XmlElement | undefined, messageType: string | undefined, event: string | undefined, structure: string | undefined,
    version: string | undefined, items: DraftProfileItem[], at: XmlElement, file: string): DraftProfile {
    const parts = [messageType, event, structure].map(asId);
    const type = parts[0] && parts[1] ? parts.filter(Boolean).join('^') : undefined;
    const name = meta ? attribute(meta, 'Name') : undefined;
    const org = meta ? attribute(meta, 'OrgName') : undefined;
    const metaVersion = meta ? attribute(meta, 'Version') : undefined;
    const title = [name, org && `by ${org}`, metaVersion && `version ${metaVersion}`].filter(Boolean).join(', ');
    const todos: DraftTodo[] = [];
    if (!type) todos.push(todo(file, at, 'message type', `the profile names no message type and event (MsgType "${messageType ?? ''}", EventType "${event ?? ''}")`));
    return { name: '', title: title || undefined, messageType: type, version, items, todos: todos.length > 0 ? todos : undefined };
}

/**
 * NIST's and IGAMT's `Profile.xml` (`ConformanceProfile`): `Messages/Message` (`Type`, `Event`, `StructID`) with
 * `Segment Ref` and `Group` elements in message order (`Usage`, `Min`, `Max`), `Segments/Segment` (`ID`, `Name`,
 * `Description`) with their `Field` elements in field order (`Name`, `Usage`, `Datatype`, `Min`, `Max`,
 * `MaxLength`, `Binding`), and `Datatypes/Datatype` (`ID`, `Name`) for the names of flavoured data types.
 */
export function readNistProfile(file: string, root: XmlElement): ReadProfile[] {
    const version = attribute(root, 'HL7Version');
    const meta = childNamed(root, 'MetaData');
    const segments = new Map<string, XmlElement>();
    for (const segment of childrenNamed(childNamed(root, 'Segments') ?? root, 'Segment')) {
        const id = attribute(segment, 'ID');
        if (id) segments.set(id, segment);
    }
    const datatypes = new Map<string, string>();
    for (const datatype of childrenNamed(childNamed(root, 'Datatypes') ?? root, 'Datatype')) {
        const id = attribute(datatype, 'ID');
        const name = attribute(datatype, 'Name');
        if (id && name) datatypes.set(id, name);
    }
    const messages = childrenNamed(childNamed(root, 'Messages') ?? root, 'Message');
    if (messages.length === 0) throw new ImportError(file, 'the profile has no Messages/Message (the message it constrains)', root.line, root.column);
    return messages.map(message => {
        const items = (parent: XmlElement): DraftProfileItem[] => parent.children.flatMap((child): DraftProfileItem[] => {
            if (sameName(child.name, 'Segment')) return [nistSegment(child, segments, datatypes, file)];
            if (sameName(child.name, 'Group')) {
                const name = asId(attribute(child, 'Name')) ?? 'GROUP';
                const { usage, cardinality, todos } = constraintsOf(child, file, `Group[@Name='${name}']`);
                return [{ kind: 'group', name, usage, cardinality, items: items(child), todos: todos.length > 0 ? todos : undefined }];
            }
            return [];
        });
        const messageType = attribute(message, 'Type');
        const event = attribute(message, 'Event');
        const profile = profileShell(meta, messageType, event, attribute(message, 'StructID'), version, items(message), message, file);
        const withComponents = childrenNamed(childNamed(root, 'Datatypes') ?? root, 'Datatype').filter(datatype => childrenNamed(datatype, 'Component').length > 0);
        if (withComponents.length > 0) {
            const datatypesElement = childNamed(root, 'Datatypes')!;
            const listed = withComponents.map(datatype => attribute(datatype, 'ID') ?? attribute(datatype, 'Name') ?? '?').join(', ');
            profile.todos = [...profile.todos ?? [], todo(file, datatypesElement, 'Datatypes', `component usage of ${withComponents.length} data types is not carried over (the language holds fields): ${listed}`)];
        }
        const description = attribute(message, 'Description');
        if (description) profile.doc = description;
        return { profile, messageType, event, file, label: attribute(message, 'ID') ?? ([messageType, event].filter(Boolean).join('_') || 'Profile') };
    });
}

function nistSegment(reference: XmlElement, segments: Map<string, XmlElement>, datatypes: Map<string, string>, file: string): DraftProfileSegment {
    const ref = attribute(reference, 'Ref') ?? '';
    const definition = segments.get(ref);
    const written = definition ? attribute(definition, 'Name') ?? ref : ref;
    const name = /^[A-Z][A-Z0-9]{2}$/.test(written) ? written : asId(written.slice(0, 3)) ?? 'SEGMENT';
    const where = `Segment[@Ref='${ref}']`;
    const { usage, cardinality, todos } = constraintsOf(reference, file, where);
    if (!definition) todos.push(todo(file, reference, where, `no Segments/Segment with ID "${ref}": its fields are not in the file`));
    const fields = definition ? childrenNamed(definition, 'Field').map((field, i) => fieldOf(field, positionOf(field, i), name, file, id => datatypes.get(id) ?? id)) : [];
    return { kind: 'segment', name, usage, cardinality, title: definition ? attribute(definition, 'Description') : undefined, fields, todos: todos.length > 0 ? todos : undefined };
}

/** The profile name a label gives: `ORU_R01` → `ORU_R01Profile`, `Lab results` → `LabResultsProfile`. */
export function profileName(label: string): string {
    const name = toName(label, 'Profile');
    return /profile$/i.test(name) ? name : `${name}Profile`;
}
