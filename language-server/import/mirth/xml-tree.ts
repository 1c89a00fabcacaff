/**
 * A small element tree of an XML file read with saxes, each element with the 1-based line and column of its `<`,
 * so the Mirth importer can name where a step or connector is. Malformed XML stops the read with one
 * `ImportError` at the parser's position.
 */
import { SaxesParser } from 'saxes';
import { ImportError } from '../import-error.js';

/** An element: its name, attributes, child elements, text (trimmed, of its own text nodes), and position. */
export interface XmlElement {
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    text: string;
    line: number;
    column: number;
}

/** Parses `text` (the content of `file`) into its root element; throws `ImportError` with line and column. */
export function parseXml(file: string, text: string): XmlElement {
    const parser = new SaxesParser({ position: true });
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    let start = { line: 1, column: 1 };
    parser.on('opentagstart', tag => {
        start = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
    });
    parser.on('opentag', tag => {
        const attributes: Record<string, string> = {};
        for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = typeof value === 'string' ? value : value.value;
        const element: XmlElement = { name: tag.name, attributes, children: [], text: '', ...start };
        stack[stack.length - 1]?.children.push(element);
        root ??= element;
        stack.push(element);
    });
    parser.on('text', text => {
        const current = stack[stack.length - 1];
        if (current) current.text += text;
    });
    parser.on('cdata', text => {
        const current = stack[stack.length - 1];
        if (current) current.text += text;
    });
    parser.on('closetag', () => {
        const element = stack.pop();
        if (element && element.children.length > 0) element.text = element.text.trim();
    });
    parser.on('error', error => {
        const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
        throw new ImportError(file, `not well-formed XML: ${message}`, parser.line, parser.column);
    });
    parser.write(text.replace(/^\uFEFF/, '')).close();
    if (!root) throw new ImportError(file, 'no XML element: a Mirth channel export starts with <channel>', 1, 1);
    return root;
}

/** The first child named `name`. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
    return element?.children.find(candidate => candidate.name === name);
}

/** The children named `name`. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
    return element?.children.filter(candidate => candidate.name === name) ?? [];
}

/** The text of the first child named `name`, or `''`. */
export function childText(element: XmlElement | undefined, name: string): string {
    return child(element, name)?.text ?? '';
}
