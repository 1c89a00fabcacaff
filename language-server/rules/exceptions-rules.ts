import { DEFAULT_REQUIRED_SCENARIOS } from '../domain-defaults.js';
import { isExceptionHandler, isInterface, isSite } from '../generated/ast.js';
import { closestName } from '../util/closest-name.js';
import { descendantsOfType, isCritical, isPlaceholder, listText, refName, type RuleCheck } from './rule-context.js';

export { DEFAULT_REQUIRED_SCENARIOS };

const exceptionCoverage: RuleCheck = {
    id: 'exception-coverage',
    check({ model, options, critical, report }) {
        const required = (options.required as string[] | undefined) ?? DEFAULT_REQUIRED_SCENARIOS;
        const known = [...new Set([...required, ...DEFAULT_REQUIRED_SCENARIOS])];
        for (const node of model.elements.filter(isInterface)) {
            // A misspelt scenario ("dowtime") silently leaves the real one unhandled.
            // A half-typed `on` has no scenario yet: nothing to say about it until it does.
            for (const handler of node.handlers.filter(handler => handler.scenario !== undefined)) {
                const meant = known.includes(handler.scenario) ? undefined : closestName(handler.scenario, known);
                if (meant) {
                    report(handler, `'${handler.scenario}' is not a known scenario; did you mean '${meant}'?`, {
                        property: 'scenario',
                        fix: { title: `Change to '${meant}'`, target: handler, replace: { property: 'scenario', text: meant } }
                    });
                }
            }
            if (!isCritical(node, critical)) {
                continue;
            }
            for (const handler of node.handlers) {
                if (required.includes(handler.scenario) && isPlaceholder(handler.action)) {
                    report(handler, `The '${handler.scenario}' handler says nothing about what happens; write the action, e.g. \`on ${handler.scenario} "<what the systems and staff do>"\`.`, {
                        property: 'scenario'
                    });
                }
            }
            const handled = new Set(node.handlers.map(handler => handler.scenario));
            const missing = required.filter(scenario => !handled.has(scenario));
            if (missing.length > 0) {
                report(node, `Critical interface '${node.name}' does not handle ${listText(missing)}. Add a handler for each, e.g. \`on ${missing[0]} "<action>" escalate <team> within <duration>\`.`, {
                    property: 'name',
                    fix: { title: `Add handler stubs for ${listText(missing)}`, target: node, lines: missing.map(scenario => `on ${scenario} "TODO"`) }
                });
            }
        }
    }
};

const exceptionEscalation: RuleCheck = {
    id: 'exception-escalation',
    check({ model, report }) {
        for (const handler of descendantsOfType(model, isExceptionHandler)) {
            if (!handler.escalation) {
                report(handler, `The '${handler.scenario}' handler names nobody to escalate to. Add \`escalate <team or role> within <duration>\`.`, {
                    property: 'scenario',
                    fix: { title: 'Add an escalation placeholder', target: handler, inline: ' escalate TODO_TEAM' }
                });
            } else if (!handler.response) {
                report(handler, `The escalation to ${refName(handler.escalation)} has no response time; add \`within <duration>\` (e.g. \`within 15m\`).`, {
                    property: 'escalation'
                });
            }
        }
    }
};

/** A site that runs a critical interface needs a manual fallback and a reconciliation after recovery. */
const downtimeProcedure: RuleCheck = {
    id: 'downtime-procedure',
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

export const exceptionsRules: RuleCheck[] = [exceptionCoverage, exceptionEscalation, downtimeProcedure];
