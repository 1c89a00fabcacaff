import { authorityKey, isPlaceholder, mappingAuthority, mappingsOf, refName, type WorkspaceIndex } from './workspace-index.js';
import type { Interface, Mapping } from '../language/generated/ast.js';

/**
 * Identifier authorities as the `master-data` rule compares them across interfaces: the OIDs and URIs an authority
 * text names, and the placer order number's authority on order and result interfaces between two systems.
 */

/**
 * The OIDs and URIs an authority text names, normalised: `urn:oid:1.2.752.129.2.1.3.1` and a bare
 * `1.2.752.129.2.1.3.1` are one (ISO/IEC 9834-1 OID, first arc 0, 1 or 2; RFC 3001 urn:oid), and an http(s) or urn
 * URI (a FHIR `Identifier.system`) is kept as written without a trailing slash. Empty when the text names none.
 */
export function authorityIdentifiers(text: string): string[] {
    const found = new Set<string>();
    for (const [uri] of text.matchAll(/\b(?:https?:\/\/|urn:(?!oid:))[^\s"'(),;<>]+/gi)) {
        found.add(uri.replace(/[./]+$/, '').toLowerCase());
    }
    for (const [, oid] of text.matchAll(/(?:urn:oid:|\b)([0-2](?:\.\d+){3,})\b/gi)) {
        found.add(oid);
    }
    return [...found].sort();
}

/**
 * Words that name a kind of identifier or say only that it is local (HL7 table 0203 identifier types MR, PI, PN;
 * "MRN", "local"): several hospitals each have their own "MRN", each with its own OID, so these are no authority name.
 */
const GENERIC_NAMES = new Set(['mrn', 'mr', 'ur', 'urn', 'id', 'pid', 'pi', 'pn', 'pt', 'patient', 'hospital', 'local', 'internal', 'site',
    'facility', 'system', 'national', 'identifier', 'number', 'oid', 'uri', 'patient id', 'patient number', 'hospital number',
    'medical record number', 'local id', 'local number', 'local mrn']);

/**
 * The authority name an authority text begins with: its words before the first bracket, punctuation or OID/URI,
 * lower case ("personnummer or reserve number; Issuer … = urn:oid:…" names `personnummer or reserve number`,
 * "PRAIRIE-LIS placer (urn:oid:…)" names `prairie-lis placer`). Undefined when the text starts with an OID or URI,
 * or names only a generic kind of identifier (`GENERIC_NAMES`) that several authorities share.
 */
export function authorityName(text: string): string | undefined {
    const head = text.split(/[(;,:=[\]]|\burn\b|\bhttps?\b|\b[0-2]\.\d/i)[0].trim().toLowerCase().replace(/\s+/g, ' ');
    return head === '' || GENERIC_NAMES.has(head) ? undefined : head;
}

/**
 * Whether two authority names name one authority: equal, or one is the other's first words ("personnummer" and
 * "personnummer or reserve number"); "prairie-lis placer" and "prairie-lis specimen" are two.
 */
export function sameAuthorityName(a: string, b: string): boolean {
    const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
    return longer === shorter || longer.startsWith(`${shorter} `);
}

/** One mapping that names an authority with OIDs or URIs. */
export interface AuthorityUse {
    readonly node: Interface;
    readonly mapping: Mapping;
    readonly name: string;
    /** OIDs, or else URIs: an OID and a FHIR system URI for one authority (HL7 v2 and DICOM beside FHIR) are both right. */
    readonly identifiers: readonly string[];
    readonly kind: 'oid' | 'uri';
    /** What the identifier identifies: `patient`, or else the source field (OBR-3, SPM-2), see identifierRole. */
    readonly role: string;
}

/**
 * Patient identifier fields: HL7 v2 PID-2/3/4 and MRG-1, DICOM Patient ID (0010,0020) and Other Patient IDs
 * (0010,1000), FHIR Patient.identifier and a reference's `subject`/`patient` identifier, and custom fields that name
 * the patient.
 */
const PATIENT_IDENTIFIER = /^(PID-[234]|MRG-1)\b|\(0010,(0020|1000)\)|patient|subject/i;

/**
 * What a mapped identifier identifies, so that one system's several namespaces (its accession and its specimen
 * numbers, each with its own OID) are not compared: `patient` for a patient identifier on either side, else the
 * source field without its component (OBR-3, SPM-2).
 */
export function identifierRole(mapping: Mapping): string {
    if ([mapping.source, mapping.target].some(path => path !== undefined && PATIENT_IDENTIFIER.test(path))) return 'patient';
    return (mapping.source ?? '').replace(/\[.*$/, '').replace(/(-\d+)\.\d+$/, '$1');
}

const USES = new WeakMap<WorkspaceIndex, AuthorityUse[]>();

/**
 * Every mapping whose identifier authority text names both an authority name and an OID or URI, in document order;
 * once per workspace index.
 */
export function authorityUses(workspace: WorkspaceIndex): readonly AuthorityUse[] {
    let uses = USES.get(workspace);
    if (!uses) {
        uses = [];
        for (const node of workspace.interfaces) {
            for (const mapping of mappingsOf(node)) {
                const text = mappingAuthority(mapping);
                if (text === undefined || isPlaceholder(text)) continue;
                const name = authorityName(text);
                const all = authorityIdentifiers(text);
                const oids = all.filter(id => /^[0-2]\./.test(id));
                const identifiers = oids.length > 0 ? oids : all;
                if (name === undefined || identifiers.length === 0) continue;
                uses.push({ node, mapping, name, identifiers, kind: oids.length > 0 ? 'oid' : 'uri', role: identifierRole(mapping) });
            }
        }
        USES.set(workspace, uses);
    }
    return uses;
}

/**
 * The HL7 v2 placer order number fields (chapter 4: ORC-2 Placer Order Number, OBR-2 Placer Order Number, both EI
 * whose namespace names the placer's authority), whole or by component.
 */
const PLACER_FIELD = /^(ORC|OBR)-2(\.\d+)?$/;

/** Whether a mapping carries the placer order number (ORC-2 or OBR-2 on its source or its target). */
export function isPlacerMapping(mapping: Mapping): boolean {
    return [mapping.source, mapping.target].some(path => path !== undefined && PLACER_FIELD.test(path));
}

/** The placer authorities one system's order interfaces to another send, by `sender\0receiver`. */
const PLACERS = new WeakMap<WorkspaceIndex, Map<string, Array<{ node: Interface, authority: string }>>>();

/**
 * The placer order number authorities each interface from one system to another names (its ORC-2/OBR-2 mappings'
 * `identifier authority`), by `from\0to`; once per workspace index.
 */
export function placerAuthorities(workspace: WorkspaceIndex): ReadonlyMap<string, Array<{ node: Interface, authority: string }>> {
    let placers = PLACERS.get(workspace);
    if (!placers) {
        placers = new Map();
        for (const node of workspace.interfaces) {
            const key = routeKey(refName(node.source), refName(node.target));
            if (!key) continue;
            for (const mapping of mappingsOf(node).filter(isPlacerMapping)) {
                const authority = mappingAuthority(mapping);
                if (authority === undefined || isPlaceholder(authority)) continue;
                placers.set(key, [...placers.get(key) ?? [], { node, authority }]);
            }
        }
        PLACERS.set(workspace, placers);
    }
    return placers;
}

/** `from\0to` of an interface route; undefined when either end is missing. */
export function routeKey(from: string | undefined, to: string | undefined): string | undefined {
    return from && to ? `${from}\u0000${to}` : undefined;
}

/**
 * Whether two texts name one authority: the same spelling once case and punctuation are dropped, or the same
 * authority name at their start ("EHR order number" and "EHR order number, echoed back").
 */
export function sameAuthority(a: string, b: string): boolean {
    if (authorityKey(a) === authorityKey(b)) return true;
    const [first, second] = [a, b].map(text => /^\s*([^\s,;()]+)/.exec(text)?.[1]?.toLowerCase());
    return first !== undefined && first === second && !GENERIC_NAMES.has(first);
}

