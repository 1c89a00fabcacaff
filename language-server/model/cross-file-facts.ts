import { isReference, type AstNode } from 'langium';
import { isInterface, type Interface, type Model } from '../language/generated/ast.js';
import { perElement } from '../util/per-element.js';
import { elementMasterData, identifiesPatients, mappingAuthority, mappingsOf, refName, type WorkspaceIndex } from './workspace-index.js';

/**
 * What other files' findings can depend on in one document, as a list of strings: two parses with the same fingerprint
 * give every *other* file the same findings, so an edit that keeps it (a description, a transport, a handler, a
 * mapping without a code map, whitespace, comments) re-validates only the edited file and the files that import
 * it (Langium relinks those anyway).
 *
 * It holds what reaches other files by name rather than by import:
 * - every top-level name and kind (duplicate names are reported in both files), with the line of a name that is
 *   declared twice (the duplicate message cites it);
 * - sites, gates, data sets, roles, teams, systems, changes, rollouts and change authorities whole (workspace
 *   rules look them up by name: gate coverage, pilot gates, access by duty, governed deviations, device versions
 *   and retyped names across sites' baselines, code-table codes);
 * - of an interface, what workspace rules read: its name, criticality, sites, sending and receiving systems
 *   (vendor response limits; gate coverage reads where they are hosted), the roles they affect (training by role,
 *   reported on gates), and per mapping
 *   the assigning authority, the code map or code table with its field pair (master-data, gate coverage,
 *   downtime, shared code tables), its units per analyte (units: one analyte, one unit per sender), and its source,
 *   target and zone (zone-place: one zone per field of a system; repetition: one selector).
 * A rule that starts reading another property of another element through the workspace index must add it here:
 * other files are re-validated, and the rule engine reuses a top-level element's findings, only when it changes.
 */
export function crossFileFingerprint(model: Model, index: WorkspaceIndex): CrossFileFacts {
    const lines = (model.elements ?? []).map(element => {
        const name = (element as { name?: string }).name;
        return name && index.declarationCount(name) > 1 ? element.$cstNode?.range.start.line ?? null : null;
    });
    return [JSON.stringify(lines), ...crossFileFacts(model)];
}

/**
 * Facts as a list of JSON strings: the file's import paths, then one string per top-level element. An element an
 * edit did not touch keeps its string object, so comparing two lists (`changedFacts`) costs the elements that changed,
 * not the length of the file's facts.
 */
export type CrossFileFacts = readonly string[];

const FACTS = new WeakMap<Model, CrossFileFacts>();

/**
 * The fingerprint without the lines of names declared twice: what a rule checking any element (of this file or
 * another) can read of this document through the workspace index. No positions, so it is computed once per parse
 * (a new parse makes a new model) and read by the document builder (`changedFacts`).
 */
export function crossFileFacts(model: Model): CrossFileFacts {
    let facts = FACTS.get(model);
    if (facts === undefined) {
        // Imports too: rules that follow a reference (a sender's kind, a site's zone, a code table) see what they resolve to.
        facts = [JSON.stringify((model.imports ?? []).map(imported => imported.path)), ...(model.elements ?? []).map(elementFacts)];
        FACTS.set(model, facts);
    }
    return facts;
}

const elementFacts = perElement(element => JSON.stringify(isInterface(element) ? interfaceFacts(element) : plain(element)));

function interfaceFacts(node: Interface): unknown {
    return [
        node.$type, node.name, node.criticality, node.sites.map(refName), refName(node.source), refName(node.target), node.affects.map(refName),
        node.messages.map(message => message.type),
        // Read of other interfaces by audit-trail and access-by-duty (PHI), and by quick-fix stubs (owner, monitor).
        node.carries.map(refName), identifiesPatients(node), node.owners.map(refName), node.standard?.name, plain(node.monitor),
        mappingsOf(node).map(mapping => mapping.codes || mapping.table
            ? [mappingAuthority(mapping), mapping.source, mapping.target, plain(mapping.codes), refName(mapping.table)]
            : [mappingAuthority(mapping)]),
        // Units per analyte: the units rule compares a sender's unit for one analyte across its interfaces.
        mappingsOf(node).filter(mapping => mapping.analyteUnits).map(mapping => plain(mapping.analyteUnits)),
        // What a system's field is said to be (field-holders.ts): zone-place compares the zones, repetition the selectors.
        mappingsOf(node).map(mapping => [mapping.source, mapping.target, mapping.timezone ?? null, mapping.siteTimezone ?? false, mapping.authority ?? null])
    ];
}

/** An AST node as plain data: its type, its properties, references by the name written, no positions. */
function plain(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (isReference(value)) {
        return { ref: value.$refText };
    }
    if (value !== null && typeof value === 'object') {
        const node = value as AstNode & Record<string, unknown>;
        const result: Record<string, unknown> = { $type: node.$type };
        for (const key of Object.keys(node)) {
            if (!key.startsWith('$')) {
                result[key] = plain(node[key]);
            }
        }
        return result;
    }
    return value;
}

/**
 * The cross-file facts one document's edit changed, as keys of the dependency map (engine/fact-reads.ts): for each
 * name whose elements' facts differ between the two parses, `name:<n>`, `kind:<Type>` of those elements, the
 * master-data keys they contribute (`md:<map>:<key>`, before and after) and `line:<n>` when the line of a name
 * declared twice moved; with any change, `doc:<uri>`. Changed imports, Z-segments or an element order that moved
 * without a fact changing give `*` (everything). `before` and `after` are the fingerprints of the two parses
 * (`crossFileFingerprint`, the old one taken before the re-parse moved its positions).
 */
export function changedFacts(uri: string, previous: Model, before: CrossFileFacts, next: Model, after: CrossFileFacts): Set<string> {
    const changed = new Set<string>();
    if (before[1] !== after[1]) {
        return new Set(['*']); // imports: what every reference resolves to may move
    }
    const group = (model: Model, facts: CrossFileFacts) => {
        const byName = new Map<string, Array<{ element: AstNode, facts: string }>>();
        (model.elements ?? []).forEach((element, index) => {
            const name = (element as { name?: string }).name;
            const key = name ? `name:${name}` : `anon:${element.$type}`;
            byName.set(key, [...byName.get(key) ?? [], { element, facts: facts[index + 2] }]);
        });
        return byName;
    };
    const old = group(previous, before);
    const now = group(next, after);
    for (const key of new Set([...old.keys(), ...now.keys()])) {
        const a = old.get(key) ?? [];
        const b = now.get(key) ?? [];
        if (a.length === b.length && a.every((entry, i) => entry.facts === b[i].facts)) continue;
        if (key.startsWith('name:')) changed.add(key);
        for (const { element } of [...a, ...b]) {
            if (element.$type === 'Segment') return new Set(['*']);
            changed.add(`kind:${element.$type}`);
            const md = elementMasterData(element);
            for (const [map, entries] of Object.entries(md) as Array<[string, Array<[string, unknown]>]>) {
                for (const [entry] of entries) changed.add(`md:${map}:${entry}`);
            }
        }
    }
    if (changed.size === 0 && before.slice(1).some((facts, i) => facts !== after[i + 1])) {
        return new Set(['*']); // the same elements in another order: first declarations and list orders move
    }
    // Lines of names declared twice: the duplicate finding in the other file cites them.
    const lines = (model: Model, facts: CrossFileFacts) => {
        const byName = new Map<string, string>();
        const parsed = JSON.parse(facts[0]) as Array<number | null>;
        (model.elements ?? []).forEach((element, index) => {
            const name = (element as { name?: string }).name;
            if (name && parsed[index] !== null) byName.set(name, `${byName.get(name) ?? ''},${parsed[index]}`);
        });
        return byName;
    };
    const oldLines = lines(previous, before);
    const newLines = lines(next, after);
    for (const name of new Set([...oldLines.keys(), ...newLines.keys()])) {
        if (oldLines.get(name) !== newLines.get(name)) changed.add(`line:${name}`);
    }
    if (changed.size > 0) changed.add(`doc:${uri}`);
    return changed;
}
