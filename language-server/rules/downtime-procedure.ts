import { isSite } from '../language/generated/ast.js';
import { isCritical, isPlaceholder, listText, refName } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

/** A site that runs a critical interface needs a manual fallback and a reconciliation after recovery. */
export const downtimeProcedureRule: Rule = {
    id: 'downtime-procedure',
    area: 'exceptions',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Each site that runs a critical interface has a manual fallback and a recovery reconciliation.',
    description: 'When an interface is down, staff need a fallback, and after recovery someone must reconcile what '
        + 'was done by hand. Each site that runs a critical interface declares `downtime { fallback "…" reconciliation "…" }`.',
    options: NO_OPTIONS,
    check({ model, workspace, critical, report }) {
        for (const site of model.elements.filter(isSite)) {
            const runs = workspace.interfaces.filter(i => isCritical(i, critical) && i.sites.some(s => refName(s) === site.name));
            if (runs.length === 0) {
                continue;
            }
            const because = `it runs critical interface${runs.length > 1 ? 's' : ''} ${listText(runs.map(i => i.name))}`;
            if (!site.downtime) {
                report(site, `Site '${site.name}' has no downtime procedure, yet ${because}. Add \`downtime { fallback "<manual procedure>" reconciliation "<how results are back-entered after recovery>" }\`.`, {
                    property: 'name',
                    fix: { title: 'Add a downtime procedure stub', target: site, lines: ['downtime { fallback "TODO" reconciliation "TODO" }'] }
                });
                continue;
            }
            const missing = [
                ...(isPlaceholder(site.downtime.fallback) ? ['fallback "<manual procedure>"'] : []),
                ...(isPlaceholder(site.downtime.reconciliation) ? ['reconciliation "<recovery reconciliation>"'] : [])
            ];
            if (missing.length > 0) {
                report(site, `The downtime procedure of site '${site.name}' lacks ${listText(missing.map(m => `\`${m}\``))}; ${because}.`, {
                    property: 'name'
                });
            }
        }
    }
};
