import { isData, isSystem } from '../language/generated/ast.js';
import { untraceableRemoteAccess } from '../model/remote-access-text.js';
import { identifiesPatients, isPlaceholder, listText, phiBecause, refName } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const auditTrailRule: Rule = {
    id: 'audit-trail',
    area: 'security',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'PHI data requires audit logging and a PHI classification; vendor remote access names an approver and is personal and per session.',
    description: 'Audit gaps, misclassified PHI and untraceable vendor remote access are where compliance failures hide. A PHI data set '
        + 'declares `audit "…"`; a data set carried with patient identifiers is classified PHI; `remote-access` names '
        + '`approved-by <team or role>` and its method describes no shared login and no permanent access.',
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
            } else if (via && node.classification !== undefined) {
                // The spec states the classification and an interface that carries the set with patient identifiers or
                // demographics. That the set's own records identify patients, rather than travel beside them (a drug
                // library in a pump programme), it states when the set travels alone there, when the interface is DICOM
                // (every composite instance holds the Patient Module, DICOM PS3.3 C.7.1.1; the Patient IE is mandatory
                // in every composite IOD, PS3.3 A.1.4), or when the set is public. Otherwise nothing is said.
                const identifying = workspace.interfaces.filter(i => i.carries.some(ref => refName(ref) === node.name) && identifiesPatients(i));
                const alone = identifying.find(i => i.carries.length === 1);
                const dicom = identifying.find(i => i.standard?.name === 'DICOM');
                const reason = alone ? `interface ${alone.name} carries only this data set and maps patient identifiers or demographics`
                    : dicom ? `interface ${dicom.name} carries it as DICOM objects, whose Patient module identifies the patient (DICOM PS3.3 C.7.1.1)`
                        : node.classification === 'public' ? `interface ${via} carries it with patient identifiers or demographics` : undefined;
                if (reason) {
                    report(node, `Data set '${node.name}' is classified ${node.classification}, but ${reason}, so its records identify patients: classify it PHI.`, {
                        property: 'classification', severity: 'warning'
                    });
                }
            }
        }
        for (const node of model.elements.filter(isSystem)) {
            if (node.remoteAccess && !node.remoteAccess.approver) {
                report(node, `System '${node.name}' allows vendor remote access without naming who approves it; write \`remote-access approved-by <team or role> via "<method>"\`.`, {
                    keyword: 'remote-access'
                });
            }
            const untraceable = untraceableRemoteAccess(node.remoteAccess?.method);
            if (untraceable.length > 0) {
                const why = untraceable.map(({ kind, words }) => kind === 'shared'
                    ? `"${words}" is a shared or generic login, which traces no action to a person (HIPAA 164.312(a)(2)(i) unique user identification; NIST SP 800-53 IA-2, AC-2(9))`
                    : `"${words}" is access that stays open, neither approved per session or ticket nor closed when the work ends (NIST SP 800-53 AC-17, AC-2(3))`);
                report(node, `System '${node.name}' allows vendor remote access that cannot be traced: ${listText(why)}. Give named vendor accounts, opened per session or ticket.`, {
                    keyword: 'remote-access', severity: 'warning'
                });
            }
        }
    }
};
