import { isGate, isInterface, isMetric, isSystem, type Interface, type Measure } from '../language/generated/ast.js';
import { descendantsOfType, durationMinutes, isCritical, isPlaceholder, isServiceAccount, isZeroDuration, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import type { FixSpec, RuleCheck } from './rule.js';
import { alertPartiesOf, ownerFromContext, siblingMetrics } from './stub-values.js';

/**
 * The longest vendor response a system may have, by the highest criticality of the interfaces it sends or receives
 * (interspec.yaml `vendor-accountability: { max-response: { critical: 4h } }` overrides one level). Policy, not
 * standard: a day for critical interfaces, three for high, a week otherwise.
 */
export const DEFAULT_MAX_VENDOR_RESPONSE: Readonly<Record<string, string>> = { critical: '1d', high: '3d', medium: '7d', low: '7d' };
const CRITICALITY_ORDER = ['critical', 'high', 'medium', 'low'];

const monitoring: RuleCheck = {
    id: 'monitoring',
    check({ model, workspace, critical, report }) {
        for (const node of model.elements.filter(isInterface)) {
            // Whoever owns a monitor answers when it goes quiet: a service account cannot.
            node.monitor?.owners.forEach((owner, index) => {
                if (isServiceAccount(refName(owner), workspace)) {
                    report(node.monitor!, `The monitoring of '${node.name}' is owned by ${refName(owner)}, a service account: nobody answers when the interface goes quiet. Make a team or a person's role the owner.`, { property: 'owners', index });
                }
            });
            if (!isCritical(node, critical)) {
                continue;
            }
            const monitor = node.monitor;
            if (!monitor) {
                report(node, `Critical interface '${node.name}' has no post-go-live monitoring. Add \`monitor { owner <team> alerts to <team> metric <name> < <threshold> }\`.`, {
                    property: 'name',
                    fix: monitoringStub(node, workspace)
                });
                continue;
            }
            const missing = [
                ...(monitor.metrics.length === 0 ? ['a metric with a threshold (`metric failed-messages < 0.1%`)'] : []),
                ...(monitor.owners.length === 0 ? ['an owner (`owner <team>`)'] : [])
            ];
            if (missing.length > 0) {
                report(monitor, `The monitoring of '${node.name}' lacks ${listText(missing)}.`, {
                    keyword: 'monitor',
                    fix: monitor.owners.length === 0 && refName(node.owners[0]) ? { title: `Make ${refName(node.owners[0])} the monitoring owner`, target: monitor, lines: [`owner ${refName(node.owners[0])}`] } : undefined
                });
            }
        }
    }
};

/**
 * A monitor block from what the spec already says: the interface's owner (else the owner the spec gives its two
 * systems, see `ownerFromContext`) owns the monitoring, alerts go to the
 * parties its handlers escalate to (else the owner), and the metrics are the ones the workspace's other monitors
 * watch, with the team's thresholds. A threshold is never guessed: without another monitor to learn from, the
 * metric is left to write and this rule asks for it, once. It goes after the last handler, where monitors sit.
 */
function monitoringStub(node: Interface, workspace: WorkspaceIndex): FixSpec {
    const owner = refName(node.owners[0]) ?? ownerFromContext(node, workspace);
    const alerts = alertPartiesOf(node, workspace);
    const metrics = siblingMetrics(node, workspace);
    const lines = ['monitor {', ...(owner ? [`    owner ${owner}`] : []), ...(alerts.length > 0 ? [`    alerts to ${alerts.join(', ')}`] : []),
        ...(metrics.length > 0 ? metrics.map(metric => `    ${metric}`) : ['    // TODO: metric <name> < <threshold>']), '}'];
    const last = node.handlers[node.handlers.length - 1];
    return last ? { title: 'Add a monitoring stub', target: last, linesAfter: lines } : { title: 'Add a monitoring stub', target: node, lines };
}

const vendorAccountability: RuleCheck = {
    id: 'vendor-accountability',
    check({ model, workspace, options, critical, report }) {
        const limits = { ...DEFAULT_MAX_VENDOR_RESPONSE, ...(options['max-response'] as Record<string, string> | undefined) };
        for (const system of model.elements.filter(isSystem)) {
            if (isPlaceholder(system.vendor)) {
                continue;
            }
            const missing: string[] = [];
            const lines: string[] = [];
            if (isPlaceholder(system.support?.contact)) {
                missing.push('an escalation contact (`support contact "…"`)');
            }
            const response = system.support?.response;
            if (!response || isZeroDuration(response)) {
                missing.push('a response time (`support … response <duration>`)');
            } else {
                // A vendor answers within the limit of the most critical interface the system takes part in.
                const uses = workspace.interfaces.filter(i => refName(i.source) === system.name || refName(i.target) === system.name);
                const level = CRITICALITY_ORDER.find(c => uses.some(i => (isCritical(i, critical) ? 'critical' : i.criticality) === c));
                const limit = level ? limits[level] : undefined;
                const minutes = durationMinutes(response);
                const limitMinutes = durationMinutes(limit);
                if (level && limitMinutes !== undefined && minutes !== undefined && minutes > limitMinutes) {
                    const named = uses.filter(i => (isCritical(i, critical) ? 'critical' : i.criticality) === level).map(i => i.name);
                    report(system.support!, `The vendor response of '${system.name}' (${response}) is longer than ${limit}, the most a system behind ${level} interface${named.length > 1 ? 's' : ''} ${listText(named)} may wait; agree a shorter response with ${system.vendor}.`, { property: 'response' });
                }
            }
            if (!system.support) {
                lines.push('support contact "TODO"');
            }
            if (isPlaceholder(system.rollback)) {
                missing.push('a rollback plan (`rollback "…"`)');
                if (system.rollback === undefined) lines.push('rollback "TODO"');
            }
            if (missing.length > 0) {
                report(system, `Vendor system '${system.name}' (${system.vendor}) lacks ${listText(missing)}.`, {
                    property: 'name',
                    fix: lines.length > 0 ? { title: 'Add vendor accountability placeholders', target: system, lines } : undefined
                });
            }
        }
    }
};

const hypercare: RuleCheck = {
    id: 'hypercare',
    check({ model, report }) {
        for (const gate of model.elements.filter(isGate)) {
            if (!gate.hypercare) {
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
                    fix: { title: 'Add hypercare support and escalation placeholders', target: gate.hypercare, inline: `${gate.hypercare.support ? '' : ' support TODO_TEAM'}${gate.hypercare.escalation ? '' : ' escalate TODO_TEAM'}` }
                });
            }
        }
    }
};

const benefitsBaseline: RuleCheck = {
    id: 'benefits-baseline',
    check({ model, report }) {
        for (const metric of descendantsOfType(model, isMetric)) {
            if (metric.benefit && !metric.baseline) {
                report(metric, `Metric '${metric.name}' justifies the rollout but has no baseline measured before go-live; add \`baseline <measure>\`.`, { property: 'name' });
            } else if (metric.baseline && metric.threshold) {
                const threshold = measureDimension(metric.threshold);
                const baseline = measureDimension(metric.baseline);
                // A plain number beside an amount in a unit is read in that unit.
                const comparable = threshold?.key === baseline?.key || (threshold?.key.startsWith('amount') && baseline?.key.startsWith('amount') && (threshold.key === 'amount' || baseline.key === 'amount'));
                if (threshold && baseline && !comparable) {
                    report(metric, `Metric '${metric.name}' has a threshold in ${threshold.text} but a baseline in ${baseline.text}: a benefit is shown by comparing like with like; write the baseline in ${threshold.text}.`, { property: 'baseline' });
                }
            }
        }
    }
};

/**
 * What a measure is measured in, comparable between threshold and baseline: any duration (`90m` and `3h` compare),
 * a percentage, or an amount in a unit (`12 scans`; units compared case-insensitively, a plural `s` ignored, so
 * `scope` and `scopes` are one; key `amount` alone for a plain number). Undefined for a half-written measure.
 */
function measureDimension(measure: Measure): { key: string, text: string } | undefined {
    if (measure.duration !== undefined) {
        return { key: 'duration', text: 'a duration' };
    }
    if (measure.percent !== undefined) {
        return { key: 'percent', text: '%' };
    }
    if (measure.amount === undefined) {
        return undefined;
    }
    const unit = measure.unit?.trim();
    if (!unit) {
        return { key: 'amount', text: 'a plain number' };
    }
    return { key: `amount:${unit.toLowerCase().replace(/(?<=..)s$/, '')}`, text: `'${unit}'` };
}

export const operationsRules: RuleCheck[] = [monitoring, vendorAccountability, hypercare, benefitsBaseline];

