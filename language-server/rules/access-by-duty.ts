import { isData, isRole, type Data, type Role } from '../language/generated/ast.js';
import { listText, phiBecause, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type FixSpec, type Rule, type RuleContext } from './rule.js';

/** Access to PHI follows duties; shared logins and service accounts nobody owns are audit findings. */
export const accessByDutyRule: Rule = {
    id: 'access-by-duty',
    area: 'security',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Access to PHI matches declared duties; no shared or unowned service accounts.',
    description: 'Role permissions that do not match clinical duties, shared logins and unmanaged service accounts '
        + 'are common audit findings. Each role with access to PHI data has one of the data\'s `duties`, is not '
        + '`shared` (reported once, on the role\'s `shared` keyword, naming the data sets), and a `service-account` role belongs to a `team`.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const role of model.elements.filter(isRole)) {
            if (role.serviceAccount && !role.team) {
                report(role, `Service account '${role.name}' belongs to no team; add \`team <team>\` so somebody manages its credentials.`, { property: 'name' });
            }
            reportShared(role, workspace, report);
        }
        for (const node of model.elements.filter(isData)) {
            if (!phiBecause(node, workspace).phi || node.access.length === 0) {
                continue;
            }
            if (node.duties.length === 0) {
                report(node, `PHI data set '${node.name}' grants access without saying for which duties; add \`duties <duty>, …\` and give the roles matching \`duties\`.`, {
                    property: 'name'
                });
            }
            node.access.forEach((reference, index) => {
                const role = workspace.find(refName(reference), isRole);
                if (!role) {
                    return;
                }
                // A shared role is reported once, on the role (reportShared): the fix is to make the login personal.
                if (role.shared) {
                    return;
                } else if (node.duties.length > 0 && !role.duties.some(duty => node.duties.includes(duty))) {
                    report(node, `Role '${role.name}' has none of the duties that justify access to '${node.name}' (${listText(node.duties)}); remove its access or declare the duty on the role.`, {
                        property: 'access', index, fixes: [...giveDuty(node, role), ...removeAccess(node, role, index)]
                    });
                }
            });
        }
    }
};

/**
 * A `shared` role (one login for a shift or a team) that PHI data sets grant access to: reported once, on its
 * `shared` keyword, where the fix goes (personal logins), naming every such data set and its file. Taking the role out of each data set's `access` is offered beside it.
 */
function reportShared(role: Role, workspace: WorkspaceIndex, report: RuleContext['report']): void {
    if (!role.shared) return;
    const granted = workspace.sorted.data
        .filter(data => phiBecause(data, workspace).phi && data.access.some(reference => reference.ref === role || refName(reference) === role.name));
    if (granted.length === 0) return;
    // Names and files, no lines: another file's findings may not depend on positions there (cross-file-facts.ts).
    const where = granted.map(data => `${data.name} (${workspace.locate(data).file})`);
    report(role, `Role '${role.name}' is a shared account with access to PHI data set${granted.length > 1 ? 's' : ''} ${listText(where)}; access to PHI must be personal, so that every view and change can be traced to a person. Give each person a named role (and remove \`shared\`), or take the shared role out of their \`access\`.`, {
        keyword: 'shared',
        fixes: granted.flatMap(data => removeAccess(data, role, data.access.findIndex(reference => refName(reference) === role.name)))
    });
}

/**
 * Taking a role out of `access`: a choice for the architect, offered beside the others. Not for the only role, since
 * a PHI data set that nobody may read is a `data-owner` error.
 */
function removeAccess(data: Data, role: Role, index: number): FixSpec[] {
    return data.access.length > 1 ? [{ title: `Remove ${role.name}'s access to ${data.name}`, target: data, remove: { property: 'access', index } }] : [];
}

/**
 * Giving the role one of the data set's duties (one fix per duty), in the file that declares the role: a choice for
 * the architect, who confirms the role really has that duty.
 */
function giveDuty(data: Data, role: Role): FixSpec[] {
    return data.duties.map(duty => role.duties.length > 0
        ? { title: `Give ${role.name} the duty ${duty}`, target: role, append: { property: 'duties', text: `, ${duty}` } }
        : { title: `Give ${role.name} the duty ${duty}`, target: role, lines: [`duties ${duty}`] });
}
