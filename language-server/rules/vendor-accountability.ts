import { isSystem } from '../language/generated/ast.js';
import { durationMinutes, isCritical, isPlaceholder, isZeroDuration, listText, refName } from '../model/workspace-index.js';
import { DURATION_PATTERN, type Rule } from './rule.js';

/**
 * The longest vendor response a system may have, by the highest criticality of the interfaces it sends or receives
 * (interspec.yaml `vendor-accountability: { max-response: { critical: 4h } }` overrides one level). Policy, not
 * standard: a day for critical interfaces, three for high, a week otherwise.
 */
const DEFAULT_MAX_VENDOR_RESPONSE: Readonly<Record<string, string>> = { critical: '1d', high: '3d', medium: '7d', low: '7d' };

const CRITICALITY_ORDER = ['critical', 'high', 'medium', 'low'];

/** `critical 1d, high 3d, medium and low 7d`: the limits per level, levels with the same limit named together. */
function responseLimitsText(limits: Readonly<Record<string, string>>): string {
    const groups: Array<{ levels: string[], limit: string }> = [];
    for (const [level, limit] of Object.entries(limits)) {
        const last = groups[groups.length - 1];
        if (last?.limit === limit) last.levels.push(level);
        else groups.push({ levels: [level], limit });
    }
    return groups.map(({ levels, limit }) => `${listText(levels)} ${limit}`).join(', ');
}

export const vendorAccountabilityRule: Rule = {
    id: 'vendor-accountability',
    area: 'operations',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Vendor systems declare an escalation contact, a response time and a rollback plan.',
    description: 'In multi-vendor environments each supplier defends its own component. A system with a `vendor` '
        + 'declares `support contact "…" response <duration>` and `rollback "…"`. A system that states none of them '
        + 'draws an info that asks; one that states some and not the others, a warning.',
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            'max-response': {
                type: 'object', additionalProperties: false,
                description: `The longest vendor response per interface criticality (defaults: ${responseLimitsText(DEFAULT_MAX_VENDOR_RESPONSE)}).`,
                properties: Object.fromEntries(CRITICALITY_ORDER.map(level => [level, { type: 'string', pattern: DURATION_PATTERN }])),
                default: DEFAULT_MAX_VENDOR_RESPONSE
            }
        }
    },
    check({ model, workspace, options, critical, report }) {
        const limits = { ...DEFAULT_MAX_VENDOR_RESPONSE, ...(options['max-response'] as Record<string, string> | undefined) };
        for (const system of model.elements.filter(isSystem)) {
            if (isPlaceholder(system.vendor)) {
                continue;
            }
            const missing: string[] = [];
            const lines: string[] = [];
            // The interfaces that start or end at the system.
            const uses = workspace.interfaces.filter(i => refName(i.source) === system.name || refName(i.target) === system.name);
            if (isPlaceholder(system.support?.contact)) {
                missing.push('an escalation contact (`support contact "…"`)');
            }
            const response = system.support?.response;
            if (!response || isZeroDuration(response)) {
                missing.push('a response time (`support … response <duration>`)');
            } else {
                // A vendor answers within the limit of the most critical interface the system takes part in.
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
            // A system another one `replaces` is being switched off, not updated: the replacing system's rollback
            // and `transition` say how the change is backed out.
            const replaced = workspace.systems.some(other => other !== system && other.replaces.some(r => r.system?.ref === system));
            if (isPlaceholder(system.rollback) && !(replaced && system.rollback === undefined)) {
                missing.push('a rollback plan (`rollback "…"`)');
                if (system.rollback === undefined) lines.push('rollback "TODO"');
            }
            if (missing.length > 0) {
                // A spec that states none of the vendor's obligations has not said the vendor owes them in this
                // programme (a product run and supported in-house, a device under a service contract, a state
                // agency's register): ask, naming the critical or high interfaces that would wait on the vendor.
                // A replaced system's rollback is no vendor obligation (it is not updated again): "frozen at 4.9.3".
                const silent = system.support === undefined && (system.rollback === undefined || replaced);
                const weighty = uses.filter(i => isCritical(i, critical) || i.criticality === 'critical' || i.criticality === 'high').map(i => i.name);
                const behind = weighty.length > 0
                    ? `Interface${weighty.length > 1 ? 's' : ''} ${listText(weighty)} would wait on ${system.vendor} in a failure`
                    : 'No critical or high interface starts or ends at it';
                report(system, silent
                    ? `Vendor system '${system.name}' (${system.vendor}) states none of its vendor's obligations: ${listText(missing)}. ${behind}; if ${system.vendor} supports it in this programme, say how to reach them and how an update is backed out.`
                    : `Vendor system '${system.name}' (${system.vendor}) lacks ${listText(missing)}.`, {
                    property: 'name',
                    severity: silent ? 'info' : undefined,
                    fix: lines.length > 0 ? { title: 'Add vendor accountability placeholders', target: system, lines } : undefined
                });
            }
        }
    }
};
