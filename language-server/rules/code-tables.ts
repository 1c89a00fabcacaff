import { messageMappings } from '../model/mapping-conditions.js';
/** Governed code tables in the rules: each table's governance (coded-values) and one table per shared field (master-data). */
import { isCodeTable, type CodeTable, type Interface, type Mapping } from '../language/generated/ast.js';
import { isPlaceholder, listText, refName } from '../model/workspace-index.js';
import type { RuleContext } from './rule.js';

/**
 * A code table is governed: someone owns it, one system is its source of truth, and a version (or date) says which
 * edition the interfaces were tested against, so that a catalogue update is a change, not a surprise.
 */
export function checkCodeTable(table: CodeTable, report: RuleContext['report']): void {
    const missing: string[] = [];
    const lines: string[] = [];
    if (table.owners.length === 0) {
        missing.push('an owner (`owner <team or role>`)');
        lines.push('owner TODO_OWNER');
    }
    if (table.source === undefined) {
        missing.push('its source system (`source <system>`)');
        lines.push('source TODO_SYSTEM');
    }
    if (isPlaceholder(table.version === undefined ? undefined : String(table.version))) {
        missing.push('a version or date (`version "2026-03"`)');
        if (table.version === undefined) lines.push('version "TODO"');
    }
    if (missing.length > 0) {
        report(table, `Code table '${table.name}' lacks ${listText(missing)}; a governed code table says who maintains it, where it comes from and which edition the interfaces use.`, {
            property: 'name',
            fix: lines.length > 0 ? { title: 'Add the missing governance placeholders', target: table, lines } : undefined
        });
    }
}

/** The receiving system and field whose codes a mapping writes: several sites' interfaces share it. */
function receivingField(node: Interface, mapping: Mapping): string {
    return `${refName(node.target)}\u0000${mapping.target}`;
}

/** The first code table that governs each receiving field, with the interface that references it. */
function mappingsOf(node: Interface): Mapping[] {
    return node.messages.flatMap(messageMappings);
}

export function governingTables(interfaces: Interface[]): Map<string, { table: string, where: string }> {
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
export function checkSharedTable(node: Interface, mapping: Mapping, tables: Map<string, { table: string, where: string }>,
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
