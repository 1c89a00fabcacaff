/**
 * Completion after `duties`: the duties the workspace already uses, on roles and on data sets, so that a role and
 * the data it may read name a duty alike (the `access-by-duty` rule compares them word for word). In a role the
 * duties data sets require come first; in a data set those roles hold.
 */
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../model/workspace-index.js';

export interface DutyCompletion {
    /** What the completion replaces: the duty being typed. */
    range: Range;
    /** The duties already on the line, not offered again. */
    listed: readonly string[];
    /** The element the `duties` belong to. */
    element: 'role' | 'data';
}

/** One item per duty in the workspace, sorted by name within its tier; the detail says who names it. */
export function dutyItems(index: WorkspaceIndex, context: DutyCompletion): CompletionItem[] {
    const usedBy = new Map<string, { roles: string[], data: string[] }>();
    const note = (duty: string, kind: 'roles' | 'data', name: string) => {
        const entry = usedBy.get(duty) ?? { roles: [], data: [] };
        if (!entry[kind].includes(name)) entry[kind].push(name);
        usedBy.set(duty, entry);
    };
    for (const role of index.roles) for (const duty of role.duties) note(duty, 'roles', role.name);
    for (const data of index.data) for (const duty of data.duties) note(duty, 'data', data.name);
    const listed = new Set(context.listed);
    const lead = context.element === 'role' ? 'data' : 'roles';
    return [...usedBy].filter(([duty]) => !listed.has(duty)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([duty, users]) => {
        const where = [
            users.data.length > 0 ? `data ${users.data.join(', ')}` : undefined,
            users.roles.length > 0 ? `role ${users.roles.join(', ')}` : undefined
        ].filter(Boolean).join('; ');
        return {
            label: duty, kind: CompletionItemKind.Value,
            detail: `duty of ${where}`,
            labelDetails: { description: where },
            sortText: (users[lead].length > 0 ? '0' : '1') + duty,
            textEdit: { range: context.range, newText: duty }
        };
    });
}
