/** Element queries the profile readers share; the tree itself is read by `../xml-tree.ts`. */
export { readXmlTree, type XmlElement } from '../xml-tree.js';
import type { XmlElement } from '../xml-tree.js';

/** The child elements of `element` with a local name (prefix ignored, case-insensitive). */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
    return element.children.filter(child => sameName(child.name, name));
}

/** The first child element with a local name, or undefined. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
    return element.children.find(child => sameName(child.name, name));
}

/** Whether an element's name is `name`, without namespace prefix and case-insensitively. */
export function sameName(elementName: string, name: string): boolean {
    return elementName.replace(/^.*:/, '').toLowerCase() === name.toLowerCase();
}

/**
 * An attribute by name, case-insensitively: Messaging Workbench writes `Usage`, some exports and hand-written
 * profiles `usage`. Empty values count as absent.
 */
export function attribute(element: XmlElement, name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const [key, value] of Object.entries(element.attributes)) {
        if (key.toLowerCase() === lower) return value.trim() === '' ? undefined : value.trim();
    }
    return undefined;
}
