import type { AstNode } from 'langium';

/**
 * `compute`, remembered per top-level element object. An element never changes after its parse, and region parsing
 * keeps the elements an edit did not touch as the same objects, so what is derived from an element alone (its
 * references, named nodes, checked nodes, facts) is derived once per parse of that element, not once per edit.
 */
export function perElement<T>(compute: (element: AstNode) => T): (element: AstNode) => T {
    const remembered = new WeakMap<AstNode, T>();
    return element => {
        if (remembered.has(element)) {
            return remembered.get(element)!;
        }
        const value = compute(element);
        remembered.set(element, value);
        return value;
    };
}
