import { isCodeTable, isInterface, isSite, type Interface, type Mapping, type Site } from '../language/generated/ast.js';
import { authorityUses, isPlacerMapping, placerAuthorities, routeKey, sameAuthority, sameAuthorityName } from '../model/identifier-authorities.js';
import { masterDataNameKey, masterDataNames } from '../model/near-duplicates.js';
import { authorityKey, codeTargetKey, deviceModelKey, isPlaceholder, isPlaceholderCode, mappingAuthority, mappingsOf, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

/**
 * Names and codes several sites share must be spelled one way: the master-data problem of multi-site rollouts.
 * The first spelling in the workspace (document order) is the reference; it comes from the workspace index,
 * computed once per build, so checking a file walks only that file's sites and mappings.
 */
/** The words of a site's name and title (`SaguaroMain` → saguaro, main; "Camelback Rehabilitation Hospital"), lower case. */
function siteWords(site: Site | undefined): string[] {
    if (!site) return [];
    const text = `${site.name} ${site.title ?? ''}`.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(word => word.length >= 3);
}

/** A device name without the words that name its site (`CaptureNord` at Nordstadt → `capture`; `PumpsRehab` at a rehabilitation hospital → `pumps`). */
function withoutSiteTag(name: string, site: Site | undefined): string {
    const words = siteWords(site);
    const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
    const tag = (part: string) => part.length >= 3 && words.some(word => word.startsWith(part.toLowerCase()));
    while (parts.length > 1 && tag(parts[parts.length - 1])) parts.pop();
    while (parts.length > 1 && tag(parts[0])) parts.shift();
    return parts.join('').toLowerCase();
}

/**
 * Whether two names of one device model differ only by the site each names (`CaptureNord` at Nordstadt,
 * `CaptureSued` at Suedufer): a spec's per-site naming of its baseline entries, not two names for the model. Both
 * must carry their site: `Chem` at one site and `ChemBay` at another is a name retyped.
 */
function namedPerSite(firstName: string, firstSite: Site | undefined, name: string, site: Site): boolean {
    const a = withoutSiteTag(firstName, firstSite);
    const b = withoutSiteTag(name, site);
    // Both carry their site (a convention); `Chem` at one site and `ChemBay` at the next is one name retyped.
    return a !== firstName.toLowerCase() && b !== name.toLowerCase() && a === b;
}

export const masterDataRule: Rule = {
    id: 'master-data',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'Codes and names that several sites use are declared once, not retyped per site.',
    description: 'Device names, identifier authorities and code maps that vary between sites undermine reporting and '
        + 'make enterprise data unreliable. The same device model carries one name at every site, an identifier '
        + 'authority is spelled one way and has one OID, a result returns the placer order number under the authority its '
        + 'orders sent it with, a field\'s code table is mastered by the sender or the receiver (an info), one source code maps to one target code across interfaces, and a field one interface '
        + 'fills from a code table is filled from the same table (and code maps into it map to its codes) everywhere. '
        + 'Device names, titles and models, site names and titles, and code-table codes (exam catalogues) that differ '
        + 'only in case, spacing or punctuation from another spelling are retyped master data.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        const facts = workspace.masterData;
        // The same device model carries the same name everywhere.
        for (const site of model.elements.filter(isSite)) {
            for (const device of site.baseline?.devices ?? []) {
                if (isPlaceholder(device.model)) {
                    continue;
                }
                const first = facts.deviceNames.get(deviceModelKey(device.model!));
                if (first && first.name !== device.name && !namedPerSite(first.name, workspace.sites.find(other => other.name === first.site), device.name, site)) {
                    report(device, `Device model "${device.model}" is called '${first.name}' at site ${first.site} but '${device.name}' here; use one name for it at every site.`, { property: 'name' });
                }
            }
        }
        // Device, location and exam names retyped with another case, spacing or punctuation.
        for (const name of masterDataNames(model)) {
            const first = facts.spellings.get(masterDataNameKey(name));
            if (first && first.text !== name.text) {
                report(name.node, `${capitalised(name.kind)} '${name.text}' differs from '${first.text}' (${first.where}) only in case, spacing or punctuation: retyped master data that reports and matching will treat as two. Use one spelling.`, {
                    property: name.property, index: name.index
                });
            }
        }
        // One spelling per identifier authority, and one target code per source code of a field sent to one system.
        const sharedTables = governingTablesOf(workspace);
        for (const node of model.elements.filter(isInterface)) {
            for (const mapping of mappingsOf(node)) {
                const authority = mappingAuthority(mapping);
                if (authority !== undefined && !isPlaceholder(authority)) {
                    const first = facts.authorities.get(authorityKey(authority));
                    if (first !== undefined && first !== authority) {
                        report(mapping, `Identifier authority "${authority}" is spelled "${first}" elsewhere; use one spelling so identifiers match across interfaces.`, { property: mapping.authority !== undefined ? 'authority' : 'source' });
                    }
                }
                checkSharedTable(node, mapping, sharedTables, workspace, report);
                checkAuthorityIdentifiers(mapping, workspace, report);
                checkPlacerRoundTrip(node, mapping, authority, workspace, report);
                checkTableSource(node, mapping, workspace, report);
                mapping.codes?.entries.forEach((entry, index) => {
                    const first = facts.codeTargets.get(codeTargetKey(node, mapping, String(entry.source)));
                    if (first && first.target !== String(entry.target) && !isPlaceholderCode(String(entry.target))) {
                        report(mapping.codes!, `Code ${entry.source} of ${mapping.source} -> ${mapping.target} maps to '${entry.target}' here but to '${first.target}' in ${first.where}; declare the meaning once and map it the same way.`, {
                            property: 'entries', index
                        });
                    }
                });
            }
        }
    }
};

/** The code table governing each receiving field, once per workspace index (not once per checked file). */
const GOVERNING_TABLES = new WeakMap<WorkspaceIndex, ReturnType<typeof governingTables>>();

function governingTablesOf(workspace: WorkspaceIndex): ReturnType<typeof governingTables> {
    let tables = GOVERNING_TABLES.get(workspace);
    if (!tables) {
        tables = governingTables(workspace.interfaces);
        GOVERNING_TABLES.set(workspace, tables);
    }
    return tables;
}

/** The receiving system and field whose codes a mapping writes: several sites' interfaces share it. */
function receivingField(node: Interface, mapping: Mapping): string {
    return `${refName(node.target)}\u0000${mapping.target}`;
}

/** A code table that fills a receiving field, with the first interface (and mapping) that references it. */
interface TableUse { table: string, where: string, node: Interface, mapping: Mapping }

/**
 * The code tables that fill each receiving field, each once, in workspace order: the first governs the field (a code
 * map into it maps to its codes); a later one is reported against the earlier ones it diverges from.
 */
function governingTables(interfaces: Interface[]): Map<string, TableUse[]> {
    const tables = new Map<string, TableUse[]>();
    for (const node of interfaces) {
        for (const mapping of mappingsOf(node)) {
            const table = refName(mapping.table);
            if (!table) continue;
            const key = receivingField(node, mapping);
            const uses = tables.get(key) ?? [];
            if (!uses.some(use => use.table === table)) uses.push({ table, where: node.name, node, mapping });
            tables.set(key, uses);
        }
    }
    return tables;
}

/**
 * Two senders' own vocabularies rather than one set of codes the sites share: the two senders are systems of
 * different kinds, and either each table is mastered (`source`) by the sender of the interface that uses it (a device
 * gateway's treatment parameters and a laboratory's test panel, both into the EHR's Observation.code), or the two
 * tables list their codes and share none (a laboratory's screening observations and a colposcopy clinic's outcome
 * codes, both into the register's OBX-3: different things observed, not one thing coded twice). Two systems of one
 * kind (each site's LIS) with tables of their own are still the divergence the check is for.
 */
function separateVocabularies(node: Interface, mapping: Mapping, other: Interface, otherMapping: Mapping): boolean {
    const sender = node.source?.ref;
    const otherSender = other.source?.ref;
    if (!sender || !otherSender || sender === otherSender) return false;
    const kind = (system: typeof sender) => (system.kind ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
    if (kind(sender) === '' || kind(otherSender) === '' || kind(sender) === kind(otherSender)) return false;
    const table = mapping.table?.ref;
    const otherTable = otherMapping.table?.ref;
    if (table?.source?.ref === sender && otherTable?.source?.ref === otherSender) return true;
    return disjointCodes(table?.codes, otherTable?.codes);
}

/** Whether two code lists are both given and share no code (compared without case, spaces or punctuation). */
function disjointCodes(codes: ReadonlyArray<string | number> | undefined, otherCodes: ReadonlyArray<string | number> | undefined): boolean {
    if (!codes?.length || !otherCodes?.length) return false;
    const plain = (code: string | number) => String(code).toLowerCase().replace(/[^a-z0-9]/g, '');
    const own = new Set(codes.map(plain));
    return !otherCodes.some(code => own.has(plain(code)));
}

/**
 * Codes several sites share come from one code table: a field that one interface fills from a code table is filled
 * from the same table elsewhere, and a code map into it maps to codes the table holds (where it lists them).
 */
function checkSharedTable(node: Interface, mapping: Mapping, tables: Map<string, TableUse[]>,
    workspace: RuleContext['workspace'], report: RuleContext['report']): void {
    const uses = tables.get(receivingField(node, mapping));
    const governing = uses?.[0];
    if (!uses || !governing) {
        return;
    }
    const own = refName(mapping.table);
    if (own !== undefined && own !== governing.table) {
        // Against the first earlier table of the same vocabulary: another sender's own table is no divergence.
        const earlier = uses.slice(0, uses.findIndex(use => use.table === own));
        const diverged = earlier.find(use => !separateVocabularies(node, mapping, use.node, use.mapping));
        if (diverged) {
            report(mapping, `${mapping.target} at ${refName(node.target)} takes its codes from code table '${diverged.table}' in ${diverged.where} but from '${own}' here; use one table for the codes the sites share.`, { property: 'table' });
        }
        return;
    }
    const table = workspace.find(governing.table, isCodeTable);
    if (!table || table.codes.length === 0 || !mapping.codes) {
        return;
    }
    const known = new Set(table.codes.map(String));
    mapping.codes.entries.forEach((entry, index) => {
        const target = String(entry.target);
        if (!known.has(target) && !isPlaceholder(target)) {
            report(mapping.codes!, `Code ${entry.source} maps to '${target}', which is not in code table '${table.name}' (the codes of ${mapping.target} at ${refName(node.target)}, used in ${governing.where}).`, {
                property: 'entries', index
            });
        }
    });
}

/**
 * One authority name, one OID: an authority text that names the same authority as another interface's
 * ("personnummer … urn:oid:1.2.752.129.2.1.3.1") but another OID or URI files identifiers under another identity
 * domain (DICOM Issuer of Patient ID (0010,0021), HL7 v2 CX-4 / EI-3 universal id, FHIR Identifier.system), so the
 * receiver cannot match them. Where most interfaces agree, the others are reported; where they split evenly, each is.
 */
function checkAuthorityIdentifiers(mapping: Mapping, workspace: WorkspaceIndex, report: RuleContext['report']): void {
    const uses = authorityUses(workspace);
    const own = uses.find(use => use.mapping === mapping);
    if (!own) return;
    const related = uses.filter(use => use.kind === own.kind && use.role === own.role && sameAuthorityName(use.name, own.name));
    const agree = related.filter(use => use.identifiers.some(id => own.identifiers.includes(id)));
    const others = related.filter(use => !agree.includes(use));
    if (others.length === 0) return;
    const counts = new Map<string, number>();
    for (const use of others) counts.set(use.identifiers.join(' '), (counts.get(use.identifiers.join(' ')) ?? 0) + 1);
    if (agree.length > Math.max(...counts.values())) return; // the majority's OID: the others are reported
    const other = others[0];
    report(mapping, `Identifier authority "${own.name}" is ${listIds(own.identifiers)} here but ${listIds(other.identifiers)} in ${other.node.name} (${other.mapping.source}): `
        + `one authority has one OID or URI, or the receiver files these identifiers under another identity domain and cannot match them. Use one.`, {
        property: mapping.authority !== undefined ? 'authority' : 'source'
    });
}

function listIds(ids: readonly string[]): string {
    return ids.join(' and ');
}

/**
 * HL7 v2 order messages (chapters 4 and 4A): the interface whose ORC-2/OBR-2 placer order number the filler echoes
 * back on its results.
 */
const ORDER_MESSAGE = /^(ORM|OML|OMG|OMI|OMP|OMD|OMS|OMN|OMB|OMQ|RDE)\^/i;

/**
 * The placer order number comes back under the authority it went out with: on a result interface B -> A, the
 * ORC-2/OBR-2 authority (EI-2 namespace id) is one that A's order interfaces to B send (HL7 v2 chapter 4: the
 * filler returns the placer's number unchanged). Another authority means A cannot match results to its orders.
 */
function checkPlacerRoundTrip(node: Interface, mapping: Mapping, authority: string | undefined, workspace: WorkspaceIndex, report: RuleContext['report']): void {
    if (authority === undefined || isPlaceholder(authority) || !isPlacerMapping(mapping) || isOrderInterface(node)) return;
    const back = routeKey(refName(node.target), refName(node.source));
    const orders = (back ? placerAuthorities(workspace).get(back) ?? [] : []).filter(order => isOrderInterface(order.node));
    if (orders.length === 0 || orders.some(order => sameAuthority(order.authority, authority))) return;
    const names = [...new Set(orders.map(order => `"${order.authority}"`))];
    report(mapping, `${mapping.source} returns the placer order number under "${authority}", but ${refName(node.target)} sends its orders to ${refName(node.source)} with the placer number under ${names.join(' or ')} (${orders[0].node.name}): `
        + `the filler returns the placer's number unchanged, and ${refName(node.target)} cannot match these results to its orders. Use the placer's authority.`, {
        property: mapping.authority !== undefined ? 'authority' : 'source'
    });
}

function isOrderInterface(node: Interface): boolean {
    return node.messages.some(message => ORDER_MESSAGE.test(message.type ?? ''));
}

/**
 * A field's code table is mastered by one end of the interface: the sender holds the codes it sends, or the receiver
 * defines the codes it accepts (a catalogue sourced by the LIS on orders into the LIS). A table whose `source` is a
 * third system means the sender emits codes it may not hold. An info: a sender can keep a copy of a third system's
 * table, which a spec need not say.
 */
function checkTableSource(node: Interface, mapping: Mapping, workspace: WorkspaceIndex, report: RuleContext['report']): void {
    const table = mapping.table?.ref ?? (mapping.table ? workspace.find(refName(mapping.table)!, isCodeTable) : undefined);
    const source = refName(table?.source);
    const [from, to] = [refName(node.source), refName(node.target)];
    if (!table || !source || !from || !to || source === from || source === to) return;
    report(mapping, `${mapping.target} takes its codes from code table '${table.name}', whose source is ${source}, but '${node.name}' runs from ${from} to ${to}: `
        + `the sender sends codes neither it nor the receiver masters. Use the table ${from} or ${to} holds, or say how ${from} keeps ${source}'s codes.`, {
        property: 'table', severity: 'info'
    });
}

function capitalised(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
