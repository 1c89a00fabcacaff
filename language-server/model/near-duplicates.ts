import type { AstNode } from 'langium';
import { isCodeTable, isSite, type Model } from '../language/generated/ast.js';
import { perElement } from '../util/per-element.js';

/** The kinds of master data whose names must be spelled one way across the workspace. */
export type MasterDataKind = 'device model' | 'device' | 'location' | 'exam code';

/** One written master-data name: what it is, the text as written, and where (for the message and the report). */
export interface MasterDataName {
    kind: MasterDataKind;
    text: string;
    /** The site, or the code table, that declares it. */
    where: string;
    node: AstNode;
    property: string;
    index?: number;
}

/** A name as near-duplicate checks compare it: lower case, letters and digits only ("CT  Head", "ct-head" are one). */
export function nearDuplicateKey(text: string): string {
    return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The key of a name in the workspace's first-spelling map: its kind and its near-duplicate key. */
export function masterDataNameKey(name: Pick<MasterDataName, 'kind' | 'text'>): string {
    return `${name.kind}\u0000${nearDuplicateKey(name.text)}`;
}

/**
 * The master-data names one document declares, in document order: device names, titles and models of site
 * baselines, site names and titles (locations), and the codes of code tables (exam and test catalogues). Names
 * with no letter or digit are left out (nothing to compare).
 */
export function masterDataNames(model: Model): MasterDataName[] {
    return (model.elements ?? []).flatMap(elementMasterDataNames);
}

/** The master-data names of one top-level element, once per parse of the element (see perElement). */
export const elementMasterDataNames = perElement((element: AstNode): MasterDataName[] => {
    const names: MasterDataName[] = [];
    const add = (name: MasterDataName) => {
        // A half-typed `site` or device has no name yet: nothing to compare.
        if (typeof name.text === 'string' && nearDuplicateKey(name.text) !== '') names.push(name);
    };
    if (isSite(element)) {
        add({ kind: 'location', text: element.name, where: element.name, node: element, property: 'name' });
        if (element.title !== undefined) add({ kind: 'location', text: element.title, where: element.name, node: element, property: 'title' });
        for (const device of element.baseline?.devices ?? []) {
            add({ kind: 'device', text: device.name, where: element.name, node: device, property: 'name' });
            if (device.title !== undefined) add({ kind: 'device', text: device.title, where: element.name, node: device, property: 'title' });
            if (device.model !== undefined) add({ kind: 'device model', text: device.model, where: element.name, node: device, property: 'model' });
        }
    } else if (isCodeTable(element)) {
        element.codes.forEach((code, index) => add({ kind: 'exam code', text: String(code), where: `code table ${element.name}`, node: element, property: 'codes', index }));
    }
    return names;
});
