import { isReference, type AstNode } from 'langium';
import { isInterface, type Interface, type Model } from '../language/generated/ast.js';
import { perElement } from '../util/per-element.js';
import { identifiesPatients, mappingAuthority, mappingsOf, refName, type WorkspaceIndex } from './workspace-index.js';

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
 * edit did not touch keeps its string object, so comparing two lists (`sameFacts`) costs the elements that changed,
 * not the length of the file's facts.
 */
export type CrossFileFacts = readonly string[];

/** Whether two fact lists are equal. */
export function sameFacts(a: CrossFileFacts | undefined, b: CrossFileFacts | undefined): boolean {
    if (a === b) return true;
    if (!a || !b || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) return false;
    }
    return true;
}

const FACTS = new WeakMap<Model, CrossFileFacts>();

/**
 * The fingerprint without the lines of names declared twice: what a rule checking any element (of this file or
 * another) can read of this document through the workspace index. No positions, so it is computed once per parse
 * (a new parse makes a new model) and shared by the document builder and the rule engine's finding cache.
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
