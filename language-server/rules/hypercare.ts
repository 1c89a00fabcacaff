import { isGate } from '../language/generated/ast.js';
import { isZeroDuration, listText, refName } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const hypercareRule: Rule = {
    id: 'hypercare',
    area: 'operations',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Each gate names a stabilisation period with a support owner and an escalation path.',
    description: 'Go-live starts the most sensitive adoption period; early issues become permanent when nobody '
        + 'triages them. Each gate declares `hypercare <period> support <team> escalate <team>`; a `milestone` gate takes no '
        + 'site live and need not, but a hypercare it declares is checked.',
    options: NO_OPTIONS,
    check({ model, report }) {
        for (const gate of model.elements.filter(isGate)) {
            if (!gate.hypercare) {
                // A milestone (retiring a replaced system, a cut-over) is not a go-live: no stabilisation period is
                // asked of it, though one it declares is checked like any other.
                if (gate.milestone !== undefined) continue;
                report(gate, `Gate '${gate.name}' names no stabilisation period after go-live; add \`hypercare <period> support <team> escalate <team>\` (e.g. \`hypercare 14d support LabIT escalate ServiceDesk\`).`, {
                    property: 'name'
                });
                continue;
            }
            if (isZeroDuration(gate.hypercare.period)) {
                report(gate.hypercare, `The hypercare of gate '${gate.name}' lasts ${gate.hypercare.period}: the project team leaves on go-live day, when failures start to surface; write the stabilisation period (e.g. \`hypercare 14d\`).`, { property: 'period' });
            }
            if (gate.hypercare.support && refName(gate.hypercare.support) === refName(gate.hypercare.escalation)) {
                report(gate.hypercare, `The hypercare of gate '${gate.name}' escalates to ${refName(gate.hypercare.escalation)}, the party that gives the support: an escalation needs someone else to go to.`, { property: 'escalation' });
            }
            const missing = [
                ...(!gate.hypercare.support ? ['`support <team>`'] : []),
                ...(!gate.hypercare.escalation ? ['`escalate <team>`'] : [])
            ];
            if (missing.length > 0) {
                report(gate.hypercare, `The hypercare of gate '${gate.name}' lacks ${listText(missing)}.`, {
                    fix: { title: 'Add hypercare support and escalation placeholders', target: gate.hypercare, inline: ` /* TODO:${gate.hypercare.support ? '' : ' support <team>'}${gate.hypercare.escalation ? '' : ' escalate <team>'} */` }
                });
            }
        }
    }
};
