import { isMetric, type Measure } from '../language/generated/ast.js';
import { descendantsOfType } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const benefitsBaselineRule: Rule = {
    id: 'benefits-baseline',
    area: 'operations',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'Metrics that justify the rollout have a baseline measured before go-live.',
    description: 'Benefits that were never measured before go-live cannot be proven after it. A metric marked '
        + '`benefit` declares `baseline <measure>`, in the unit of its threshold.',
    options: NO_OPTIONS,
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
