import { AstUtils } from 'langium';
import { canonicalFieldPath, withoutAuthoritySelector } from '../dictionaries/path-forms.js';
import { isInterface, isMessage, type Interface, type Mapping } from '../language/generated/ast.js';
import { mappingCondition } from './mapping-conditions.js';
import { mappingsOf, refName, type WorkspaceIndex } from './workspace-index.js';

/**
 * One thing a mapping says about a system's field: the system sends the field (the mapping's source, read from the
 * interface's `from` system), or receives it unchanged into the same field (`OBR-7 -> OBR-7`: the receiver's OBR-7
 * then holds the value as the sender wrote it, and the receiver passes on what it holds).
 */
export interface FieldHolding {
    /** The system whose copy of the field this is, by name. */
    readonly system: string;
    /** The field as fieldKey writes it (`PID-3`, `OBR-7`, `Observation.effectiveDateTime`). */
    readonly field: string;
    readonly role: 'sends' | 'receives';
    readonly mapping: Mapping;
    readonly iface: Interface;
}

/**
 * A field as the holdings compare it: without the repetition a path selects (`PID-3[authority="CHI"]`, `PID-3[2]`,
 * `identifier[0]` are all the field PID-3 or `identifier`), in the canonical form of path-forms.
 */
export function fieldKey(path: string): string {
    return canonicalFieldPath(withoutAuthoritySelector(path.trim())).replace(/\[\d+\]/g, '');
}

/** What one mapping says about whose field: its sender's source, and its receiver's same field when it copies one into it. */
export function holdingsOf(mapping: Mapping, iface: Interface): FieldHolding[] {
    if (!mapping.source) return [];
    const field = fieldKey(mapping.source);
    const holdings: FieldHolding[] = [];
    const sender = refName(iface.source);
    if (sender) holdings.push({ system: sender, field, role: 'sends', mapping, iface });
    const receiver = refName(iface.target);
    if (receiver && receiver !== sender && mapping.target && fieldKey(mapping.target) === field) {
        holdings.push({ system: receiver, field, role: 'receives', mapping, iface });
    }
    return holdings;
}

const NONE: readonly FieldHolding[] = Object.freeze([]);

const INTERFACE_HOLDINGS = new WeakMap<Interface, ReadonlyArray<{ holding: FieldHolding, keys: readonly string[] }>>();

/**
 * An interface's holdings with the keys they are filed under: the field as written, and (as `base:`) the HL7 v2 field
 * its component is of. Kept per interface element, which region parsing keeps while the element's text is unchanged,
 * so a keystroke derives only the edited element's (the index is rebuilt on every edit; the holdings need not be).
 */
function keyedHoldingsOf(iface: Interface): ReadonlyArray<{ holding: FieldHolding, keys: readonly string[] }> {
    let keyed = INTERFACE_HOLDINGS.get(iface);
    if (!keyed) {
        keyed = mappingsOf(iface).flatMap(mapping => holdingsOf(mapping, iface)).map(holding =>
            ({ holding, keys: [`${holding.system}\u0000${holding.field}`, `base:${holding.system}\u0000${baseField(holding.field)}`] }));
        INTERFACE_HOLDINGS.set(iface, keyed);
    }
    return keyed;
}

const HOLDINGS = new WeakMap<WorkspaceIndex, Map<string, FieldHolding[]>>();

/**
 * Every holding of a system's field in the workspace, in document order: what the interfaces from the system read
 * of it and what the interfaces to it copy into it. Built once per workspace index (one per workspace state).
 * Reads of other files go through the mappings' sources, targets and zones, which crossFileFacts carries.
 * `withComponents`: the holdings of an HL7 v2 field and of its components together (`PID-3`, `PID-3[authority="X"].1`).
 */
export function holdingsOfField(workspace: WorkspaceIndex, system: string, field: string, options: { withComponents?: boolean } = {}): readonly FieldHolding[] {
    let byField = HOLDINGS.get(workspace);
    if (!byField) {
        byField = new Map();
        for (const iface of workspace.interfaces) {
            for (const { holding, keys } of keyedHoldingsOf(iface)) {
                for (const key of keys) {
                    const list = byField.get(key);
                    if (list) list.push(holding); else byField.set(key, [holding]);
                }
            }
        }
        HOLDINGS.set(workspace, byField);
    }
    return byField.get(`${options.withComponents ? 'base:' : ''}${system}\u0000${options.withComponents ? baseField(field) : field}`) ?? NONE;
}

/** The HL7 v2 field a component path is of (`PID-3.1` → `PID-3`); any other path as it is. */
export function baseField(field: string): string {
    return /^[A-Za-z0-9]{3}-\d+(?=\.\d)/.exec(field)?.[0] ?? field;
}

/**
 * Whether two mappings may say different things about one field by design: the same message under different `when`
 * conditions (`when MSH-4 = NORTH` and `= SOUTH`: one branch per sending site).
 */
export function branchesOfOneMessage(a: Mapping, b: Mapping): boolean {
    const [ma, mb] = [a, b].map(m => AstUtils.getContainerOfType(m, isMessage));
    if (!ma || ma !== mb) return false;
    return mappingCondition(a) !== mappingCondition(b);
}

/** `'LabOrders' (OML^O21)`: where a mapping is, stable across edits of other files (no line: see crossFileFacts). */
export function mappingPlace(mapping: Mapping): string {
    const iface = AstUtils.getContainerOfType(mapping, isInterface);
    const message = AstUtils.getContainerOfType(mapping, isMessage);
    return `'${iface?.name ?? '?'}'${message?.type ? ` (${message.type})` : ''}`;
}

/**
 * Where several mappings are, one entry per interface in the order first met: `'Admissions' (ADT^A01, ADT^A02)`,
 * `'Orders' (RDE^O11)`.
 */
export function mappingPlaces(mappings: readonly Mapping[]): string[] {
    const byInterface = new Map<string, string[]>();
    for (const mapping of mappings) {
        const iface = AstUtils.getContainerOfType(mapping, isInterface)?.name ?? '?';
        const type = AstUtils.getContainerOfType(mapping, isMessage)?.type;
        const types = byInterface.get(iface) ?? [];
        if (type && !types.includes(type)) types.push(type);
        byInterface.set(iface, types);
    }
    return [...byInterface].map(([iface, types]) => `'${iface}'${types.length > 0 ? ` (${types.join(', ')})` : ''}`);
}
