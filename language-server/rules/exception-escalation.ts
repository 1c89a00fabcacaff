import { isExceptionHandler, isInterface } from '../language/generated/ast.js';
import { DEFAULT_MAX_ESCALATION_RESPONSE, DEFAULT_ON_CALL_SCENARIOS } from '../model/domain-defaults.js';
import { descendantsOfType, durationMinutes, isPlaceholder, isServiceAccount, isZeroDuration, refName } from '../model/workspace-index.js';
import { hasOnCall } from './on-call-cover.js';
import { DURATION_PATTERN, NAME_PATTERN, type Rule } from './rule.js';
import { escalationOf } from './stub-values.js';

/** The default response limits as the description says them: `urgent 1h`. */
function responseLimits(): string {
    return Object.entries(DEFAULT_MAX_ESCALATION_RESPONSE).map(([scenario, limit]) => `${scenario} ${limit}`).join(', ');
}

export const exceptionEscalationRule: Rule = {
    id: 'exception-escalation',
    area: 'exceptions',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Each exception handler names an escalation owner and a response time.',
    description: 'A handled exception nobody is called for becomes an unresolved incident. Each `on` handler says '
        + `\`escalate <team or role> within <duration>\`, within the scenario's limit (option \`max-response\`, ${responseLimits()}), and an `
        + 'urgent escalation reaches a party with on-call cover at every hour.',
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            'on-call': {
                type: 'array', items: { type: 'string', pattern: NAME_PATTERN }, uniqueItems: true, default: DEFAULT_ON_CALL_SCENARIOS,
                description: `Scenarios whose escalation must reach a party with on-call cover (default [${DEFAULT_ON_CALL_SCENARIOS.join(', ')}]).`
            },
            'max-response': {
                type: 'object', description: `The longest escalation response per scenario (default: ${responseLimits()}).`,
                additionalProperties: { type: 'string', pattern: DURATION_PATTERN }, default: DEFAULT_MAX_ESCALATION_RESPONSE
            }
        }
    },
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
