import { isExceptionHandler, isInterface, type ExceptionHandler, type Interface } from '../language/generated/ast.js';
import { kindWords } from '../model/medical-devices.js';
import { covers, interfaceHours, partyHours, type Hours } from '../model/service-hours.js';
import { DEFAULT_MAX_ESCALATION_RESPONSE, DEFAULT_ON_CALL_SCENARIOS } from '../model/domain-defaults.js';
import { descendantsOfType, durationMinutes, isCritical, isPlaceholder, isServiceAccount, isZeroDuration, refName } from '../model/workspace-index.js';
import { hasOnCall } from './on-call-cover.js';
import { DURATION_PATTERN, NAME_PATTERN, type Rule } from './rule.js';
import { escalationOf } from './stub-values.js';

/**
 * The longest an urgent escalation on an alarm-communication interface may take: a high-priority alarm condition
 * calls for an immediate response (IEC 60601-1-8, Table 1), and a secondary alarm system escalates an unanswered
 * alarm to the next person within seconds to a minute or two. Five minutes is the most such a chain may take to
 * reach its last person; the generic urgent limit (1h, from critical-result notification) is far too long.
 */
const DEFAULT_MAX_ALARM_RESPONSE = '5m';

/**
 * Whether an interface communicates alarms: its receiving system's `kind` says alarm (`alarm-distribution`,
 * `alarm-manager`), or it sends ORU^R40, the HL7 v2.6 alarm message of IHE PCD Alarm Communication Management
 * (PCD-04). What the spec states, not what its prose says.
 */
function isAlarmCommunication(node: Interface): boolean {
    return kindWords(node.target?.ref?.kind).some(word => word === 'alarm' || word === 'alarms')
        || node.messages.some(message => /^ORU\^R40\b/i.test(message.type ?? ''));
}

/** The default response limits as the description says them: `urgent 1h`. */
function responseLimits(): string {
    return Object.entries(DEFAULT_MAX_ESCALATION_RESPONSE).map(([scenario, limit]) => `${scenario} ${limit}`).join(', ');
}

/** Hours as a message says them: `24x7`, `"Mon-Fri 07:00-19:00"`. */
function describe(hours: Hours): string {
    return /^\d{1,2}x[1-7]$/.test(hours.text) ? hours.text : `"${hours.text}"`;
}

export const exceptionEscalationRule: Rule = {
    id: 'exception-escalation',
    area: 'exceptions',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Each exception handler names an escalation owner and a response time.',
    description: 'A handled exception nobody is called for becomes an unresolved incident. Each `on` handler says '
        + `\`escalate <team or role> within <duration>\`, within the scenario's limit on a critical interface (option \`max-response\`, ${responseLimits()}), and an `
        + 'urgent escalation reaches a party that answers whenever the interface runs (its `hours`, or its sites\'); '
        + 'a handler\'s `queue` holds messages at least as long as its escalation takes to be answered. On an alarm-communication '
        + 'interface (its receiver\'s kind says alarm, or it sends ORU^R40) an urgent escalation is answered within minutes '
        + `(option \`max-alarm-response\`, default ${DEFAULT_MAX_ALARM_RESPONSE}, IEC 60601-1-8).`,
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            'on-call': {
                type: 'array', items: { type: 'string', pattern: NAME_PATTERN }, uniqueItems: true, default: DEFAULT_ON_CALL_SCENARIOS,
                description: `Scenarios whose escalation must reach a party that answers whenever the interface runs (default [${DEFAULT_ON_CALL_SCENARIOS.join(', ')}]).`
            },
            'max-response': {
                type: 'object', description: `The longest escalation response per scenario (default: ${responseLimits()}).`,
                additionalProperties: { type: 'string', pattern: DURATION_PATTERN }, default: DEFAULT_MAX_ESCALATION_RESPONSE
            },
            'max-alarm-response': {
                type: 'string', pattern: DURATION_PATTERN, default: DEFAULT_MAX_ALARM_RESPONSE,
                description: `The longest urgent escalation on an alarm-communication interface: one whose receiver's kind says alarm, or that sends ORU^R40 (default ${DEFAULT_MAX_ALARM_RESPONSE}; IEC 60601-1-8 high priority: immediate response).`
            }
        }
    },
    check({ model, workspace, options, report, critical: critical_ }) {
        /**
         * An escalation must reach its party while the interface runs. Where the spec says when the interface runs
         * (its `hours`, or its sites'), a party that does not answer all those hours is a warning; where it does
         * not say, a party without round-the-clock cover is only an info asking when the service runs.
         */
        function checkCover(handler: ExceptionHandler, party: string): void {
            const answers = partyHours(party, workspace);
            if (answers === undefined && hasOnCall(party, workspace) === undefined) {
                return; // an unresolved reference is a linking error already
            }
            const runs = isInterface(handler.$container) ? interfaceHours(handler.$container, workspace) : undefined;
            const interfaceName = isInterface(handler.$container) ? handler.$container.name : 'the interface';
            const answering = answers ? `answers ${describe(answers)}` : 'states no `on-call` or `hours`';
            if (runs) {
                if (answers === undefined || covers(answers, runs.hours) === false) {
                    report(handler, `The '${handler.scenario}' escalation goes to ${party}, which ${answering}, but ${interfaceName} runs ${describe(runs.hours)} (${runs.from}): while it runs outside those hours nobody answers. Escalate to a party that answers whenever the interface runs, or give ${party} \`on-call\` or \`hours\` that do.`, { property: 'escalation' });
                }
                return;
            }
            if (answers === undefined || answers.kind !== 'always') {
                report(handler, `The '${handler.scenario}' escalation goes to ${party}, which ${answering}; the spec does not say when ${interfaceName} runs. Add \`hours\` to the interface or its sites (\`hours 24x7\`, \`hours "Mon-Fri 07:00-19:00"\`) so the escalation can be checked against them.`, { property: 'escalation', severity: 'info' });
            }
        }

        const onCallScenarios = (options['on-call'] as string[] | undefined) ?? DEFAULT_ON_CALL_SCENARIOS;
        const maxResponses = { ...DEFAULT_MAX_ESCALATION_RESPONSE, ...(options['max-response'] as Record<string, string> | undefined) };
        const alarmLimit = (options['max-alarm-response'] as string | undefined) ?? DEFAULT_MAX_ALARM_RESPONSE;
        for (const handler of descendantsOfType(model, isExceptionHandler)) {
            if (isPlaceholder(handler.action)) {
                continue; // an unfinished handler is reported once, by exception-coverage
            }
            if (!handler.escalation) {
                // Escalate as the interface's other handlers do (else to its owner): a party the spec already names.
                const { party, response } = isInterface(handler.$container) ? escalationOf(handler.$container, workspace) : {};
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
            } else if (handler.scenario === 'urgent' && isInterface(handler.$container) && isAlarmCommunication(handler.$container)
                && (durationMinutes(handler.response) ?? 0) > (durationMinutes(alarmLimit) ?? Infinity)) {
                // Whatever its criticality: the spec says the interface carries alarms, and an alarm waits seconds, not an hour.
                report(handler, `The 'urgent' escalation of alarm interface '${handler.$container.name}' is answered within ${handler.response}, longer than ${alarmLimit}: a high-priority alarm calls for an immediate response (IEC 60601-1-8), so an unanswered one reaches the next person in seconds to minutes. Escalate within ${alarmLimit} or less.`, {
                    property: 'response',
                    fix: { title: `Escalate within ${alarmLimit}`, target: handler, replace: { property: 'response', text: alarmLimit } }
                });
            } else {
                const limit = maxResponses[handler.scenario];
                const [took, allowed] = [durationMinutes(handler.response), limit ? durationMinutes(limit) : undefined];
                if (took !== undefined && allowed !== undefined && took > allowed) {
                    // The limit is that of a critical feed (critical-result notification): on an interface the spec
                    // does not call critical, an urgent case may be a planned prefetch or a referral answered in days.
                    const critical = isInterface(handler.$container) && isCritical(handler.$container, critical_);
                    report(handler, `The '${handler.scenario}' escalation is answered within ${handler.response}, longer than ${limit}, the most an ${handler.scenario} case ${critical ? 'may wait' : 'on a critical interface may wait'}; escalate to a party that answers within ${limit}${critical ? '' : ', or confirm that this interface\'s urgent cases can wait longer'}.`, {
                        severity: critical ? undefined : 'info',
                        property: 'response',
                        fix: { title: `Escalate within ${limit}`, target: handler, replace: { property: 'response', text: limit! } }
                    });
                }
            }
            const [held, answered] = [durationMinutes(handler.queue), durationMinutes(handler.response)];
            if (held !== undefined && answered !== undefined && answered > held) {
                report(handler, `The queue holds ${handler.queue}, but the '${handler.scenario}' escalation to ${refName(handler.escalation)} is answered within ${handler.response}: messages are lost or refused before anyone answers. Escalate within ${handler.queue} or less, or hold more.`, { property: 'queue' });
            }
            const party = refName(handler.escalation);
            if (party && isServiceAccount(party, workspace)) {
                report(handler, `The '${handler.scenario}' escalation goes to ${party}, a service account: software does not answer an escalation. Escalate to a team or a role of people${onCallScenarios.includes(handler.scenario) ? ' with on-call cover' : ''}.`, { property: 'escalation' });
                continue;
            }
            if (party && onCallScenarios.includes(handler.scenario)) {
                checkCover(handler, party);
            }
        }
    }
};
