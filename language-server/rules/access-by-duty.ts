import { isData, isRole } from '../language/generated/ast.js';
import { listText, phiBecause, refName } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

/** Access to PHI follows duties; shared logins and service accounts nobody owns are audit findings. */
export const accessByDutyRule: Rule = {
    id: 'access-by-duty',
    area: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'Access to PHI matches declared duties; no shared or unowned service accounts.',
    description: 'Role permissions that do not match clinical duties, shared logins and unmanaged service accounts '
        + 'are common audit findings. Each role with access to PHI data has one of the data\'s `duties`, is not '
        + '`shared`, and a `service-account` role belongs to a `team`.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const role of model.elements.filter(isRole)) {
            if (role.serviceAccount && !role.team) {
                report(role, `Service account '${role.name}' belongs to no team; add \`team <team>\` so somebody manages its credentials.`, { property: 'name' });
            }
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
                if (role.shared) {
                    report(node, `Role '${role.name}' is a shared account; access to PHI must be personal. Give access to named roles instead.`, { property: 'access', index });
                } else if (node.duties.length > 0 && !role.duties.some(duty => node.duties.includes(duty))) {
                    report(node, `Role '${role.name}' has none of the duties that justify access to '${node.name}' (${listText(node.duties)}); remove its access or declare the duty on the role.`, {
                        property: 'access', index
                    });
                }
            });
        }
    }
};
