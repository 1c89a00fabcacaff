/**
 * The Mirth importer's view of an XML file (read by `../xml-tree.ts`, each element with the 1-based line and column
 * of its `<`): the text of an element with children is trimmed, and children are looked up by exact name.
 */
import { readXmlTree, type XmlElement } from '../xml-tree.js';

export type { XmlElement };

/** Parses `text` (the content of `file`) into its root element; throws `ImportError` with line and column. */
export function parseXml(file: string, text: string): XmlElement {
    const root = readXmlTree(file, text, 'no XML element: a Mirth channel export starts with <channel>');
    trimContainerText(root);
    return root;
}

/** An element with children keeps its own text trimmed: the indentation between child elements is not text. */
function trimContainerText(root: XmlElement): void {
    // A loop, not recursion: an export nested thousands deep must not exhaust the stack.
    for (const pending = [root]; pending.length > 0;) {
        const element = pending.pop()!;
        if (element.children.length > 0) element.text = element.text.trim();
        pending.push(...element.children);
    }
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
