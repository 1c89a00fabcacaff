import { isGate, type Gate } from '../language/generated/ast.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { durationMinutes, isCritical, isZeroDuration, listText, refName } from '../model/workspace-index.js';
import { DURATION_PATTERN, type Rule, type RuleContext } from './rule.js';

/**
 * The shortest stabilisation period after a go-live that takes critical interfaces live: "the first weeks after
 * rollout" (rapid issue triage, super-user support, change logging) of the domain reading's post-rollout guidance
 * (../shared/domain, structured stabilisation period), read as two weeks. A practice, not a regulation: the default
 * is reported as info, a period the workspace sets in interspec.yaml as the rule's severity.
 */
const DEFAULT_MIN_PERIOD = '14d';

export const hypercareRule: Rule = {
    id: 'hypercare',
    area: 'operations',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Each gate names a stabilisation period with a support owner and an escalation path.',
    description: 'Go-live starts the most sensitive adoption period; early issues become permanent when nobody '
        + 'triages them. Each gate declares `hypercare <period> support <team> escalate <team>`; a `milestone` gate takes no '
        + 'site live and need not, but a hypercare it declares is checked. A gate whose sites run critical interfaces has a '
        + 'hypercare of at least the first weeks (option `min-period`, default 14d: an info, as the source is practice; a '
        + 'warning once interspec.yaml sets the period).',
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            'min-period': {
                type: 'string', pattern: DURATION_PATTERN,
                description: 'The shortest hypercare of a gate whose sites run critical interfaces (default 14d, the first weeks after rollout; reported as info unless set here).',
                default: DEFAULT_MIN_PERIOD
            }
        }
    },
    check(context) {
        const { model, report } = context;
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
            } else if (gate.milestone === undefined) {
                reportShortPeriod(gate, context);
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

/**
 * A go-live gate whose sites run critical interfaces, with a hypercare shorter than `min-period` (dev ONC-07: 3 days
 * after a chemotherapy closed-loop pilot). Info with the default, which is practice; the rule's severity when the
 * workspace sets its own period.
 */
function reportShortPeriod(gate: Gate, context: RuleContext): void {
    const { workspace, critical, options, report } = context;
    const configured = options['min-period'] as string | undefined;
    const minimum = configured ?? DEFAULT_MIN_PERIOD;
    const period = durationMinutes(gate.hypercare?.period);
    const required = durationMinutes(minimum);
    if (period === undefined || required === undefined || period >= required) return;
    const sites = new Set(gate.sites.map(refName));
    const runs = workspace.interfaces.filter(node => isCritical(node, critical) && [...sitesOfInterface(node, workspace)].some(site => sites.has(site)));
    if (runs.length === 0) return;
    const shown = runs.slice(0, 3).map(node => node.name);
    const which = `critical interface${runs.length > 1 ? 's' : ''} ${listText(runs.length > 3 ? [...shown, `${runs.length - 3} more`] : shown)}`;
    report(gate.hypercare!, `The hypercare of gate '${gate.name}' lasts ${gate.hypercare!.period}, shorter than ${minimum}, while its site${sites.size > 1 ? 's' : ''} take${sites.size > 1 ? '' : 's'} ${which} live: failures under real workload surface in the first weeks. Extend it (\`hypercare ${minimum}\`)${configured ? '' : ', or set the workspace\'s own period (`hypercare: [warning, { min-period: <period> }]`)'}.`, {
        property: 'period', ...(configured ? {} : { severity: 'info' as const })
    });
}
