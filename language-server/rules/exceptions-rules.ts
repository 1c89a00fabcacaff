import { DEFAULT_REQUIRED_SCENARIOS, EXCEPTION_SCENARIOS } from '../model/domain-defaults.js';
import { isExceptionHandler, isInterface, isRole, isSite, isTeam, type Interface, type Team } from '../language/generated/ast.js';
import { closestName } from '../util/closest-name.js';
import { descendantsOfType, durationMinutes, isCritical, isPlaceholder, isServiceAccount, isZeroDuration, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import type { FixSpec, RuleCheck } from './rule.js';
import { escalationOf } from './stub-values.js';

/** Scenarios whose escalation must reach someone at any hour (interspec.yaml `exception-escalation: { on-call: [...] }`). */
export const DEFAULT_ON_CALL_SCENARIOS = ['urgent'];

/**
 * The longest escalation response per scenario (interspec.yaml `exception-escalation: { max-response: { urgent: 30m } }`).
 * Urgent results and alarms are escalated within the hour: critical-result notification policies (The Joint
 * Commission NPSG.02.03.01) set minutes-to-an-hour limits, and an alarm unanswered for hours has no escalation path.
 */
export const DEFAULT_MAX_ESCALATION_RESPONSE: Readonly<Record<string, string>> = { urgent: '1h' };

export { DEFAULT_REQUIRED_SCENARIOS };

const exceptionCoverage: RuleCheck = {
    id: 'exception-coverage',
    check({ model, workspace, options, critical, report }) {
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
            // A handler whose action is a placeholder is unfinished work: reported here once per interface, not per
            // handler, and not again by exception-escalation.
            const unfinished = node.handlers.filter(handler => isPlaceholder(handler.action)).map(handler => handler.scenario);
            const todo = unfinished.length > 0
                ? `The ${listText(unfinished)} handler${unfinished.length > 1 ? 's' : ''} of '${node.name}' still ${unfinished.length > 1 ? 'have placeholder actions' : 'has a placeholder action'}: write what the systems and staff do, e.g. \`on ${unfinished[0]} "<action>"\`.`
                : undefined;
            const handled = new Set(node.handlers.map(handler => handler.scenario));
            const missing = isCritical(node, critical) ? required.filter(scenario => !handled.has(scenario)) : [];
            if (missing.length > 0) {
                report(node, `Critical interface '${node.name}' does not handle ${listText(missing)}. Add a handler for each, e.g. \`on ${missing[0]} "<action>" escalate <team> within <duration>\`.${todo ? ` ${todo}` : ''}`, {
                    property: 'name',
                    fix: handlerStubs(node, missing, workspace)
                });
            } else if (todo) {
                report(node, todo, { property: 'name' });
            }
        }
    }
};

/** The text a handler stub leaves for the architect to replace when the domain has no default handling. */
export const HANDLER_ACTION_PLACEHOLDER = 'TODO: what the systems and staff do';

/**
 * Stubs for the missing scenarios, right after the interface's last handler: the domain's default handling of each
 * scenario (`EXCEPTION_SCENARIOS`; a placeholder for a scenario of the team's own), escalating as the interface's
 * other handlers do (party and response time of the first complete escalation), else to its owner; a scenario that
 * needs someone at any hour (urgent) goes to a party of the interface with on-call cover, else to the workspace's
 * on-call team, when there is one. A comment above them says they are defaults to make specific.
 */
function handlerStubs(node: Interface, missing: string[], workspace: WorkspaceIndex): FixSpec {
    const { party, response } = escalationOf(node);
    const own = [party, ...node.handlers.map(handler => refName(handler.escalation)), refName(node.owners[0])].filter((name): name is string => !!name);
    const onCall = own.find(name => hasOnCall(name, workspace)) ?? workspace.teams.find(teamHasOnCall)?.name;
    const escalate = (scenario: string) => {
        const to = DEFAULT_ON_CALL_SCENARIOS.includes(scenario) && onCall ? onCall : party;
        return to ? ` escalate ${to}${response ? ` within ${response}` : ''}` : '';
    };
    const handling = (scenario: string) => EXCEPTION_SCENARIOS.find(known => known.name === scenario)?.handling ?? HANDLER_ACTION_PLACEHOLDER;
    const defaults = missing.filter(scenario => handling(scenario) !== HANDLER_ACTION_PLACEHOLDER);
    const lines = [
        ...defaults.length ? [`// The domain's default handling of ${listText(defaults)}: make it say what ${node.name}'s systems and staff do.`] : [],
        ...missing.map(scenario => `on ${scenario} "${handling(scenario)}"${escalate(scenario)}`)
    ];
    const last = node.handlers[node.handlers.length - 1];
    return last
        ? { title: `Add handler stubs for ${listText(missing)}`, target: last, linesAfter: lines }
        : { title: `Add handler stubs for ${listText(missing)}`, target: node, lines };
}

const exceptionEscalation: RuleCheck = {
    id: 'exception-escalation',
    check({ model, workspace, options, report }) {
        const onCallScenarios = (options['on-call'] as string[] | undefined) ?? DEFAULT_ON_CALL_SCENARIOS;
        const maxResponses = { ...DEFAULT_MAX_ESCALATION_RESPONSE, ...(options['max-response'] as Record<string, string> | undefined) };
        for (const handler of descendantsOfType(model, isExceptionHandler)) {
            if (isPlaceholder(handler.action)) {
                continue; // an unfinished handler is reported once, by exception-coverage
            }
            if (!handler.escalation) {
                // Escalate as the interface's other handlers do (else to its owner): a party the spec already names.
                const { party, response } = isInterface(handler.$container) ? escalationOf(handler.$container) : {};
                report(handler, `The '${handler.scenario}' handler names nobody to escalate to. Add \`escalate <team or role> within <duration>\`.`, {
                    property: 'scenario',
                    fix: party ? { title: `Escalate to ${party}${response ? ` within ${response}` : ''}`, target: handler, inline: ` escalate ${party}${response ? ` within ${response}` : ''}` } : undefined
                });
            } else if (!handler.response) {
                report(handler, `The escalation to ${refName(handler.escalation)} has no response time; add \`within <duration>\` (e.g. \`within 15m\`).`, {
                    property: 'escalation'
                });
            } else if (isZeroDuration(handler.response)) {
                report(handler, `An escalation 'within ${handler.response}' is no response time anyone can meet; write the real commitment (e.g. \`within 15m\`).`, { property: 'response' });
            } else {
                const limit = maxResponses[handler.scenario];
                const [took, allowed] = [durationMinutes(handler.response), limit ? durationMinutes(limit) : undefined];
                if (took !== undefined && allowed !== undefined && took > allowed) {
                    report(handler, `The '${handler.scenario}' escalation is answered within ${handler.response}, longer than ${limit}, the most an ${handler.scenario} case may wait; escalate to a party that answers within ${limit}.`, {
                        property: 'response',
                        fix: { title: `Escalate within ${limit}`, target: handler, replace: { property: 'response', text: limit! } }
                    });
                }
            }
            const party = refName(handler.escalation);
            if (party && isServiceAccount(party, workspace)) {
                report(handler, `The '${handler.scenario}' escalation goes to ${party}, a service account: software does not answer an escalation. Escalate to a team or a role of people${onCallScenarios.includes(handler.scenario) ? ' with on-call cover' : ''}.`, { property: 'escalation' });
                continue;
            }
            if (party && onCallScenarios.includes(handler.scenario) && hasOnCall(party, workspace) === false) {
                report(handler, `The '${handler.scenario}' escalation goes to ${party}, which has no on-call cover at every hour: out of hours nobody answers. Escalate to a team with \`on-call 24x7\` (or give ${party} one).`, { property: 'escalation' });
            }
        }
    }
};

/**
 * Whether a party is reachable at any hour: a team with `on-call`, or a role of such a team. Undefined when the
 * party is not declared in the workspace (an unresolved reference is a linking error already).
 */
function hasOnCall(name: string, workspace: WorkspaceIndex): boolean | undefined {
    const team = workspace.find(name, isTeam);
    if (team) {
        return teamHasOnCall(team);
    }
    const role = workspace.find(name, isRole);
    if (!role) {
        return undefined;
    }
    const roleTeam = workspace.find(refName(role.team), isTeam);
    return roleTeam !== undefined && teamHasOnCall(roleTeam);
}

/**
 * `on-call 24x7` (full cover only: `12x5` leaves nights uncovered) or a written on-call number or rota, unless the
 * text limits it to some hours or days ("Weekdays 07:00-17:00", "office hours", "Mon-Fri").
 */
function teamHasOnCall(team: Team): boolean {
    return team.cover === '24x7' || (team.cover === undefined && team.onCall !== undefined && !isPlaceholder(team.onCall) && !namesPartialCover(team.onCall));
}

/** Round-the-clock words, then words and clock ranges that limit cover to part of the day or week. */
const FULL_COVER = /\b(24\s*[x×/]\s*7|24\s*hours?|around the clock|round[- ]the[- ]clock|all hours|any hour|00:00\s*[-–]\s*(24:00|23:59))\b/i;
const PARTIAL_COVER = /\b(week ?days?|working days?|business hours|office hours|daytime|day shift|mon(day)?\s*[-–]\s*fri(day)?|\d{1,2}\s*[x×]\s*\d|\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2}|\d{1,2}\s*(am|pm)\s*[-–]\s*\d{1,2}\s*(am|pm))\b/i;

function namesPartialCover(text: string): boolean {
    return !FULL_COVER.test(text) && PARTIAL_COVER.test(text);
}

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
