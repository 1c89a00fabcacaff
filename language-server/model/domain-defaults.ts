/**
 * Domain defaults, each written once: the rules (as the defaults of their options), the generators, the
 * configuration and completion all read these. They are facts of clinical integration, not tuning: integrations
 * fail clinically on the exception paths nobody designed for, a go-live is judged on the interfaces marked
 * critical, and an urgent case needs someone who answers at any hour, within the hour.
 */

/** One exception scenario: its `on <scenario>` name and what it means, in a line (completion shows it). */
export interface ExceptionScenario {
    name: string;
    detail: string;
    /**
     * The handling the domain recommends, as a handler's action: what "Add handler stubs" writes, for the
     * architect to make specific (the matrix turns it into a test case's expected result).
     */
    handling: string;
}

/**
 * The exception scenarios a critical interface must handle unless interspec.yaml says otherwise (the
 * `exception-coverage` rule's `required` option), in the order outputs list them.
 */
export const EXCEPTION_SCENARIOS: ReadonlyArray<ExceptionScenario> = [
    { name: 'downtime', detail: 'a system or link is down: queue, fall back to paper, replay in order',
        handling: 'Queue at the sender; staff work on paper; replay in order when the link is back' },
    { name: 'recovery', detail: 'back from downtime: reconcile what was entered on paper and replay the backlog',
        handling: 'Reconcile what was entered on paper with the receiver, then replay the backlog in order' },
    { name: 'duplicate-identity', detail: 'two records for one patient: hold, review and merge',
        handling: 'Hold the message; health records review and merge the duplicate patient records' },
    { name: 'correction', detail: 'a result or message is corrected after it was sent: supersede the previous one',
        handling: 'The corrected message supersedes the previous one; the receiver shows it as corrected' },
    { name: 'cancellation', detail: 'an order or result is cancelled: withdraw it downstream',
        handling: 'Withdraw the cancelled order or result downstream and tell those who acted on it' },
    { name: 'out-of-order', detail: 'messages arrive out of sequence: order by event time, hold or reject',
        handling: 'Apply messages by event time; hold an update that arrives before what it updates' },
    { name: 'urgent', detail: 'a critical or urgent result: call the clinician, do not only file it',
        handling: 'Phone the responsible clinician and record the call; filing the result is not enough' }
];

/** The names of EXCEPTION_SCENARIOS: the default `required` scenarios. */
export const DEFAULT_REQUIRED_SCENARIOS: readonly string[] = EXCEPTION_SCENARIOS.map(scenario => scenario.name);

/** Criticality levels that count as critical when interspec.yaml sets no `critical` list. */
export const DEFAULT_CRITICAL_LEVELS: readonly string[] = ['critical'];

/** Scenarios whose escalation must reach someone at any hour (interspec.yaml `exception-escalation: { on-call: [...] }`). */
export const DEFAULT_ON_CALL_SCENARIOS: readonly string[] = ['urgent'];

/**
 * The longest escalation response per scenario (interspec.yaml `exception-escalation: { max-response: { urgent: 30m } }`).
 * Urgent results and alarms are escalated within the hour: critical-result notification policies (The Joint
 * Commission NPSG.02.03.01) set minutes-to-an-hour limits, and an alarm unanswered for hours has no escalation path.
 */
export const DEFAULT_MAX_ESCALATION_RESPONSE: Readonly<Record<string, string>> = { urgent: '1h' };
