/**
 * Mirth Connect / NextGen Connect channel exports (the XML the Administrator's "Export Channel" writes, 3.x and
 * 4.x; also a `<list>` of channels, and a server configuration export holding `<channels>`) read into the parts the
 * importer turns into a spec: `<channel>` with `<name>`, `<sourceConnector>` and `<destinationConnectors>`; each
 * `<connector>` with `<transportName>`, `<properties class="…">`, `<transformer>` (`<elements>` of steps,
 * `<inboundDataType>`, `<outboundDataType>`, `<inboundTemplate>`) and `<filter>` (`<elements>` of rules).
 * Steps and rules of Mirth 2.x (`<step>` with `<type>` and a `<data>` map) are read too.
 */
import { ImportError } from '../import-error.js';
import { child, childText, childrenNamed, type XmlElement } from './xml-tree.js';

export interface MirthStep {
    kind: 'mapper' | 'builder' | 'javascript' | 'other';
    /** The step's element name or 2.x type (`com.mirth.connect.plugins.mapper.MapperStep`, `XSLT`). */
    type: string;
    name: string;
    enabled: boolean;
    /** Mapper: the channel map variable it writes. */
    variable?: string;
    /** Mapper and Message Builder: the expression read. */
    mapping?: string;
    /** Message Builder: the expression written (`tmp['PID']['PID.3']`). */
    segment?: string;
    defaultValue?: string;
    /** Replacement pairs as written (JavaScript expressions, usually string literals). */
    replacements: Array<[string, string]>;
    script?: string;
    element: XmlElement;
}

export interface MirthRule {
    kind: 'rule-builder' | 'javascript' | 'other';
    type: string;
    name: string;
    enabled: boolean;
    /** `AND` / `OR` with the rule before. */
    operator?: string;
    field?: string;
    condition?: string;
    values: string[];
    script?: string;
    element: XmlElement;
}

export interface MirthConnector {
    name: string;
    transport: string;
    /** The `class` of `<properties>` (`com.mirth.connect.connectors.tcp.TcpReceiverProperties`). */
    propertiesClass: string;
    properties?: XmlElement;
    enabled: boolean;
    inboundDataType?: string;
    outboundDataType?: string;
    inboundTemplate?: string;
    outboundTemplate?: string;
    steps: MirthStep[];
    rules: MirthRule[];
    element: XmlElement;
}

export interface MirthChannel {
    name: string;
    description: string;
    source: MirthConnector;
    destinations: MirthConnector[];
    element: XmlElement;
}

const MAPPER = /(^|\.)MapperStep$|^Mapper$/;
const BUILDER = /(^|\.)MessageBuilderStep$|^Message Builder$|^MessageBuilder$/;
const JAVASCRIPT = /(^|\.)JavaScriptStep$|^JavaScript$/;

/** The channels of an export: `<channel>`, `<list>` of channels, or a server configuration's `<channels>`. */
export function channelsOf(file: string, root: XmlElement): MirthChannel[] {
    let elements: XmlElement[];
    if (root.name === 'channel') elements = [root];
    else if (root.name === 'list') elements = childrenNamed(root, 'channel');
    else if (child(root, 'channels')) elements = childrenNamed(child(root, 'channels'), 'channel');
    else {
        throw new ImportError(file, `<${root.name}> is not a Mirth Connect channel export: expected <channel>, a <list> of channels, or a server configuration with <channels>`, root.line, root.column);
    }
    if (elements.length === 0) throw new ImportError(file, `<${root.name}> holds no <channel>`, root.line, root.column);
    // A channel group's index lists its channels by id only (`<channel><id>…</id></channel>`): nothing to import.
    const full = elements.filter(element => child(element, 'sourceConnector'));
    if (full.length === 0 && elements.every(element => child(element, 'id') && element.children.every(inner => ['id', 'revision', 'name'].includes(inner.name)))) {
        throw new ImportError(file, `<${root.name}> names its channels by id only; import the channel exports themselves`, root.line, root.column);
    }
    return elements.map(element => readChannel(file, element));
}

function readChannel(file: string, element: XmlElement): MirthChannel {
    const source = child(element, 'sourceConnector');
    if (!source) throw new ImportError(file, `channel "${childText(element, 'name').trim()}" has no <sourceConnector>`, element.line, element.column);
    return {
        name: childText(element, 'name').trim(),
        description: childText(element, 'description').trim(),
        source: readConnector(source),
        destinations: childrenNamed(child(element, 'destinationConnectors'), 'connector').map(readConnector),
        element
    };
}

function readConnector(element: XmlElement): MirthConnector {
    const transformer = child(element, 'transformer');
    const filter = child(element, 'filter');
    const properties = child(element, 'properties');
    const text = (name: string) => childText(transformer, name).trim() || undefined;
    return {
        name: childText(element, 'name').trim(),
        transport: childText(element, 'transportName').trim(),
        propertiesClass: properties?.attributes.class ?? '',
        properties,
        enabled: childText(element, 'enabled').trim() !== 'false',
        inboundDataType: text('inboundDataType') ?? (childText(element, 'inboundDataType').trim() || undefined),
        outboundDataType: text('outboundDataType') ?? (childText(element, 'outboundDataType').trim() || undefined),
        inboundTemplate: template(child(transformer, 'inboundTemplate')),
        outboundTemplate: template(child(transformer, 'outboundTemplate')),
        steps: itemsOf(transformer).map(readStep),
        rules: itemsOf(filter).map(readRule),
        element
    };
}

/** A message template, base64-decoded where Mirth 3.x+ wrote it so (`<inboundTemplate encoding="base64">`). */
function template(element: XmlElement | undefined): string | undefined {
    if (!element || element.text.trim() === '') return undefined;
    return element.attributes.encoding === 'base64' ? Buffer.from(element.text.trim(), 'base64').toString('utf8') : element.text;
}

/** The steps or rules of a transformer or filter: `<elements>` (3.x+) or `<steps>`/`<rules>` (2.x). */
function itemsOf(container: XmlElement | undefined): XmlElement[] {
    return [...(child(container, 'elements')?.children ?? []), ...(child(container, 'steps')?.children ?? []), ...(child(container, 'rules')?.children ?? [])];
}

/** 2.x `<data class="map"><entry><string>Key</string><string>Value</string></entry>…`. */
function dataMap(element: XmlElement): Map<string, string> {
    const map = new Map<string, string>();
    for (const entry of childrenNamed(child(element, 'data'), 'entry')) {
        const [key, value] = entry.children;
        if (key && value) map.set(key.text.trim(), value.text);
    }
    return map;
}

function readStep(element: XmlElement): MirthStep {
    const legacy = element.name === 'step';
    const type = legacy ? childText(element, 'type').trim() : element.name;
    const data = legacy ? dataMap(element) : new Map<string, string>();
    const field = (name: string, legacyName: string) => (legacy ? data.get(legacyName) : child(element, name)?.text) ?? undefined;
    const kind = MAPPER.test(type) ? 'mapper' : BUILDER.test(type) ? 'builder' : JAVASCRIPT.test(type) ? 'javascript' : 'other';
    const step: MirthStep = {
        kind, type, element,
        name: childText(element, 'name').trim(),
        enabled: childText(element, 'enabled').trim() !== 'false',
        mapping: field('mapping', 'Mapping'),
        defaultValue: field('defaultValue', 'DefaultValue'),
        replacements: replacementsOf(child(element, 'replacements')),
        script: field('script', 'Script') ?? (legacy ? childText(element, 'script') : undefined)
    };
    // A script kept in a file of its own (mirthsync writes `<script msync-fileref="…js"/>`) is named instead.
    const reference = Object.entries(child(element, 'script')?.attributes ?? {}).find(([name]) => /fileref/i.test(name))?.[1];
    if (!step.script?.trim() && reference) step.script = `(script in ${reference})`;
    if (kind === 'mapper') step.variable = field('variable', 'Variable')?.trim();
    if (kind === 'builder') step.segment = field('messageSegment', 'Variable');
    return step;
}

/** `<replacements>` pairs: `<left>`/`<right>` of a serialised Pair, or two `<string>` children. */
function replacementsOf(element: XmlElement | undefined): Array<[string, string]> {
    const pairs: Array<[string, string]> = [];
    for (const pair of element?.children ?? []) {
        const left = child(pair, 'left') ?? child(pair, 'key') ?? pair.children[0];
        const right = child(pair, 'right') ?? child(pair, 'value') ?? pair.children[1];
        if (left && right) pairs.push([left.text, right.text]);
    }
    return pairs;
}

function readRule(element: XmlElement): MirthRule {
    const legacy = element.name === 'rule';
    const type = legacy ? childText(element, 'type').trim() : element.name;
    const data = legacy ? dataMap(element) : new Map<string, string>();
    const kind = /RuleBuilderRule$|^Rule Builder$/.test(type) ? 'rule-builder' : /JavaScriptRule$|^JavaScript$/.test(type) ? 'javascript' : 'other';
    const values = childrenNamed(child(element, 'values'), 'string').map(value => value.text);
    return {
        kind, type, element,
        name: childText(element, 'name').trim(),
        enabled: childText(element, 'enabled').trim() !== 'false',
        operator: childText(element, 'operator').trim() || undefined,
        field: (legacy ? data.get('Field') : childText(element, 'field')) || undefined,
        condition: (legacy ? data.get('Equals') : childText(element, 'condition').trim()) || undefined,
        values,
        script: (legacy ? childText(element, 'script') : childText(element, 'script')) || undefined
    };
}
