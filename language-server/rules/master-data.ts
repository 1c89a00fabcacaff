import { isCodeTable, isInterface, isSite, type Interface, type Mapping } from '../language/generated/ast.js';
import { masterDataNameKey, masterDataNames } from '../model/near-duplicates.js';
import { authorityKey, codeTargetKey, deviceModelKey, isPlaceholder, isPlaceholderCode, mappingAuthority, mappingsOf, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

/**
 * Names and codes several sites share must be spelled one way: the master-data problem of multi-site rollouts.
 * The first spelling in the workspace (document order) is the reference; it comes from the workspace index,
 * computed once per build, so checking a file walks only that file's sites and mappings.
 */
export const masterDataRule: Rule = {
    id: 'master-data',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'Codes and names that several sites use are declared once, not retyped per site.',
    description: 'Device names, identifier authorities and code maps that vary between sites undermine reporting and '
        + 'make enterprise data unreliable. The same device model carries one name at every site, an identifier '
        + 'authority is spelled one way, one source code maps to one target code across interfaces, and a field one interface '
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
                if (first && first.name !== device.name) {
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

/** The first code table that governs each receiving field, with the interface that references it. */
function governingTables(interfaces: Interface[]): Map<string, { table: string, where: string }> {
    const tables = new Map<string, { table: string, where: string }>();
    for (const node of interfaces) {
        for (const mapping of mappingsOf(node)) {
            const table = refName(mapping.table);
            const key = receivingField(node, mapping);
            if (table && !tables.has(key)) {
                tables.set(key, { table, where: node.name });
            }
        }
    }
    return tables;
}

/**
 * Codes several sites share come from one code table: a field that one interface fills from a code table is filled
 * from the same table elsewhere, and a code map into it maps to codes the table holds (where it lists them).
 */
function checkSharedTable(node: Interface, mapping: Mapping, tables: Map<string, { table: string, where: string }>,
    workspace: RuleContext['workspace'], report: RuleContext['report']): void {
    const governing = tables.get(receivingField(node, mapping));
    if (!governing) {
        return;
    }
    const own = refName(mapping.table);
    if (own !== undefined && own !== governing.table) {
        report(mapping, `${mapping.target} at ${refName(node.target)} takes its codes from code table '${governing.table}' in ${governing.where} but from '${own}' here; use one table for the codes the sites share.`, { property: 'table' });
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

function capitalised(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
