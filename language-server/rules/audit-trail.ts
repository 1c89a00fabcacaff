import { isData, isSystem } from '../language/generated/ast.js';
import { isPlaceholder, phiBecause } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const auditTrailRule: Rule = {
    id: 'audit-trail',
    area: 'security',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'PHI data requires audit logging; vendor remote access names an approver.',
    description: 'Audit gaps and unapproved vendor remote access are where compliance failures hide. A PHI data set '
        + 'declares `audit "…"`, and `remote-access` names `approved-by <team or role>`.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isData)) {
            const { phi, via } = phiBecause(node, workspace);
            if (phi && isPlaceholder(node.audit)) {
                const why = via ? `is PHI (interface ${via} carries it with patient identifiers or demographics, whatever its classification says)` : 'is PHI';
                report(node, `Data set '${node.name}' ${why} but declares no audit logging. Add \`audit "<what is logged and who reviews it>"\`${via ? ' and `classification PHI`' : ''}.`, {
                    property: 'name',
                    fix: { title: 'Add an audit placeholder', target: node, lines: ['audit "TODO"'] }
                });
            }
        }
        for (const node of model.elements.filter(isSystem)) {
            if (node.remoteAccess && !node.remoteAccess.approver) {
                report(node, `System '${node.name}' allows vendor remote access without naming who approves it; write \`remote-access approved-by <team or role> via "<method>"\`.`, {
                    keyword: 'remote-access'
                });
            }
        }
    }
};
