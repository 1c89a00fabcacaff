import { SaxesParser } from 'saxes';
import { ImportError } from './import-error.js';

/** One XML element with the 1-based line and column of its `<`, its attributes, child elements and own text. */
export interface XmlElement {
    readonly name: string;
    /** The element's own text (not its children's), with CDATA. */
    text: string;
    readonly attributes: Readonly<Record<string, string>>;
    readonly children: XmlElement[];
    readonly line: number;
    readonly column: number;
}

/**
 * Reads an XML document (for the importers of XML exports: HL7 v2 conformance profiles, Mirth channels) into a tree of elements with positions (saxes, XML 1.0 well-formedness). Namespace
 * prefixes are kept in names; attribute values are unescaped. Malformed XML throws one `ImportError` naming the
 * file, line and column where the parser stopped.
 */
export function readXmlTree(file: string, text: string, noElement = 'no XML element in the file'): XmlElement {
    text = text.replace(/^\uFEFF/, '');
    // saxes reports text before the root only at the end of the file; say where it starts instead.
    const first = /\S/.exec(text);
    if (first && text[first.index] !== '<') {
        const before = text.slice(0, first.index).split('\n');
        throw new ImportError(file, 'not XML: the file starts with text, not with an XML declaration or element', before.length, before[before.length - 1].length + 1);
    }
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
        const element: XmlElement = { name: tag.name, text: '', attributes, children: [], ...start };
        if (stack.length > 0) stack[stack.length - 1].children.push(element);
        else root = element;
        if (!tag.isSelfClosing) stack.push(element);
    });
    const addText = (text: string) => {
        if (stack.length > 0) stack[stack.length - 1].text += text;
    };
    parser.on('text', addText);
    parser.on('cdata', addText);
    parser.on('closetag', tag => {
        if (!tag.isSelfClosing) stack.pop();
    });
    try {
        parser.write(text).close();
    } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^\d+:\d+: /, '') : String(error);
        throw new ImportError(file, `not well-formed XML: ${message}`, parser.line, Math.max(1, parser.column));
    }
    if (!root) throw new ImportError(file, noElement, 1, 1);
    return root;
}
