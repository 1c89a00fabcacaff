import { attribute, sameName, type XmlElement } from './xml-tree.js';

/** One value set or table of a vocabulary file: its id, name, codes, and where it is. */
export interface ValueSet {
    id: string;
    name?: string;
    codes: string[];
    line: number;
    column: number;
}

const DEFINITIONS = ['ValueSetDefinition', 'TableDefinition', 'hl7table'];
const ELEMENTS = ['ValueElement', 'TableElement', 'tableElement'];

/**
 * The value sets of a vocabulary file that comes with a profile: NIST/IGAMT `ValueSets.xml`
 * (`ValueSetDefinition@BindingIdentifier` with `ValueElement@Value`), NIST `Tables.xml` (`TableDefinition@Id` with
 * `TableElement@Code`) and Messaging Workbench table files (`hl7table@id` with `tableElement@code`), in file order.
 */
export function readValueSets(root: XmlElement): ValueSet[] {
    const sets: ValueSet[] = [];
    const walk = (element: XmlElement) => {
        if (DEFINITIONS.some(name => sameName(element.name, name))) {
            const id = attribute(element, 'BindingIdentifier') ?? attribute(element, 'Id') ?? attribute(element, 'id') ?? attribute(element, 'Name') ?? '?';
            const codes = element.children.filter(child => ELEMENTS.some(name => sameName(child.name, name)))
                .map(child => attribute(child, 'Value') ?? attribute(child, 'Code'))
                .filter((code): code is string => code !== undefined);
            sets.push({ id, name: attribute(element, 'Name') ?? attribute(element, 'Description'), codes, line: element.line, column: element.column });
            return;
        }
        element.children.forEach(walk);
    };
    walk(root);
    return sets;
}

/** Whether a root element is a vocabulary file rather than a profile. */
export function isVocabulary(root: XmlElement): boolean {
    return ['ValueSetLibrary', 'TableLibrary', 'Specification', 'HL7Tables', 'hl7tables'].some(name => sameName(root.name, name));
}
