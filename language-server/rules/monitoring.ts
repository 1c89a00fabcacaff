import { isInterface, isMonitor, type Interface, type Metric } from '../language/generated/ast.js';
import { isCritical, isServiceAccount, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type FixSpec, type Rule } from './rule.js';
import { alertPartiesOf, ownerFromContext, visibleParty } from './stub-values.js';

export const monitoringRule: Rule = {
    id: 'monitoring',
    area: 'operations',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Critical interfaces declare post-go-live metrics with thresholds and an owner.',
    description: 'Failures surface after rollout, under real workload; without monitoring they are found by '
        + 'clinicians. A critical interface has a `monitor` block with at least one `metric` and an `owner`; no monitor is owned by a service account. '
        + 'A time a critical interface is watched by is watched at its tail: a metric measured only at its median (`p50`) lets half the messages be '
        + 'slower than the threshold without an alert, so the same metric also has a tail percentile (`p90` and up) or a plain maximum (a `benefit` metric, measured against '
        + 'its baseline, may be a median).',
    options: NO_OPTIONS,
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
            reportMedianOnly(monitor.metrics, node, report);
            const missing = [
                ...(monitor.metrics.length === 0 ? ['a metric with a threshold (`metric failed-messages < 0.1%`)'] : []),
                ...(monitor.owners.length === 0 ? ['an owner (`owner <team>`)'] : [])
            ];
            if (missing.length > 0) {
                report(monitor, `The monitoring of '${node.name}' lacks ${listText(missing)}.`, {
                    keyword: 'monitor',
                    fix: monitor.owners.length === 0 && visibleParty(refName(node.owners[0]), node, workspace) ? { title: `Make ${refName(node.owners[0])} the monitoring owner`, target: monitor, lines: [`owner ${refName(node.owners[0])}`] } : undefined
                });
            }
        }
    }
};

/**
 * Durations watched only at the median: a `metric <name> p50 < <duration>` with no `p90`/`p95`/`p99` or maximum
 * (no percentile) metric of the same name in the monitor. Half of the messages may take longer without an alert,
 * the tail being where a critical result or an alarm arrives too late.
 */
function reportMedianOnly(metrics: readonly Metric[], node: Interface, report: Parameters<Rule['check']>[0]['report']): void {
    for (const metric of metrics) {
        // A `benefit` metric measures a care-process improvement against its baseline, which medians do well.
        if (metric.percentile !== 'p50' || metric.benefit || metric.threshold?.duration === undefined || !['<', '<='].includes(metric.comparator)) continue;
        const tail = metrics.some(other => other.name === metric.name && other !== metric && (other.percentile === undefined || other.percentile !== 'p50'));
        if (tail) continue;
        report(metric, `Metric '${metric.name}' of critical interface '${node.name}' is watched only at its median: half the messages may take longer than ${metric.threshold.duration} without an alert. Watch its tail too (\`metric ${metric.name} p95 < <duration>\`), or make this a p90 or higher.`, { property: 'percentile' });
    }
}

/**
 * A monitor block from what the spec already says: the interface's owner (else the owner the spec gives its two
 * systems, see `ownerFromContext`) owns the monitoring, alerts go to the
 * parties its handlers escalate to (else the owner), and the metrics are the ones the workspace's other monitors
 * watch, with the team's thresholds. A threshold is never guessed: without another monitor to learn from, the
 * metric is left to write and this rule asks for it, once. It goes after the last handler, where monitors sit.
 */
function monitoringStub(node: Interface, workspace: WorkspaceIndex): FixSpec {
    const owner = visibleParty(refName(node.owners[0]), node, workspace) ?? ownerFromContext(node, workspace);
    const alerts = alertPartiesOf(node, workspace);
    const metrics = siblingMetrics(node, workspace);
    const lines = ['monitor {', ...(owner ? [`    owner ${owner}`] : []), ...(alerts.length > 0 ? [`    alerts to ${alerts.join(', ')}`] : []),
        ...(metrics.length > 0 ? metrics.map(metric => `    ${metric}`) : ['    // TODO: metric <name> < <threshold>']), '}'];
    const last = node.handlers[node.handlers.length - 1];
    return last ? { title: 'Add a monitoring stub', target: last, linesAfter: lines } : { title: 'Add a monitoring stub', target: node, lines };
}

/**
 * The operational metrics (not benefit metrics) that the workspace's other monitors already watch, as written,
 * one per metric name, those of interfaces with the same standard first: the team's own thresholds for a new
 * monitor. Empty when no other monitor has one.
 */
function siblingMetrics(node: Interface, workspace: WorkspaceIndex): string[] {
    const standard = node.standard?.name;
    const others = workspace.interfaces.filter(other => other !== node && isMonitor(other.monitor));
    const ordered = [...others.filter(other => other.standard?.name === standard), ...others.filter(other => other.standard?.name !== standard)];
    const byName = new Map<string, string>();
    for (const metric of ordered.flatMap(other => other.monitor!.metrics)) {
        const text = metricText(metric);
        if (!metric.benefit && metric.baseline === undefined && text && !byName.has(metric.name)) {
            byName.set(metric.name, text);
        }
    }
    return [...byName.values()];
}

/** A metric's source text on one line, without a trailing comment. */
function metricText(metric: Metric): string | undefined {
    return metric.$cstNode?.text.replace(/\s+/g, ' ').trim();
}
