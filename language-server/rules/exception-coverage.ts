import { isData, isInterface, type Interface } from '../language/generated/ast.js';
import { DEFAULT_ON_CALL_SCENARIOS, DEFAULT_REQUIRED_SCENARIOS, EXCEPTION_SCENARIOS } from '../model/domain-defaults.js';
import { identifiesPatients, isCritical, isPlaceholder, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { closestName } from '../util/closest-name.js';
import { hasOnCall, teamHasOnCall } from './on-call-cover.js';
import { NAME_PATTERN, type FixSpec, type Rule } from './rule.js';
import { escalationOf, visibleParty } from './stub-values.js';

export const exceptionCoverageRule: Rule = {
    id: 'exception-coverage',
    area: 'exceptions',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Critical interfaces handle the required exception scenarios.',
    description: 'Integrations fail clinically on the paths nobody designed: downtime and recovery, duplicate '
        + 'identities, corrected results, cancelled orders, out-of-order events and urgent cases. A critical '
        + 'interface has an `on <scenario>` handler for each required scenario (option `required`). On any interface, a '
        + 'scenario that is a misspelling of a known one (`dowtime`) is reported, since it leaves the real one unhandled.',
    options: {
        type: 'object', additionalProperties: false,
        properties: { required: { type: 'array', items: { type: 'string', pattern: NAME_PATTERN }, uniqueItems: true, default: DEFAULT_REQUIRED_SCENARIOS } }
    },
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
            const patientless = carriesNoPatient(node, workspace);
            const missing = isCritical(node, critical)
                ? required.filter(scenario => !handled.has(scenario) && !(patientless && PATIENT_SCENARIOS.has(scenario))) : [];
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

/**
 * Scenarios about a patient's records: two records for one patient, and a patient's order or result withdrawn
 * (`EXCEPTION_SCENARIOS`). An interface that carries no patient has neither.
 */
const PATIENT_SCENARIOS: ReadonlySet<string> = new Set(['duplicate-identity', 'cancellation']);

/** Standards whose messages are about a patient by construction (an HL7 v2 PID, a DICOM patient module, FHIR's subject). */
const PATIENT_STANDARDS = new Set(['HL7v2', 'DICOM', 'FHIR']);

/**
 * Whether the spec says an interface carries no patient: an API or file interface (not HL7 v2, DICOM or FHIR) whose
 * mapped messages identify no patient (no patient identifier or demographic field, no path naming a patient, person,
 * birth date or encounter) and whose data sets, at least one
 * named, are all classified other than PHI (controlled-substance counts, device inventory). A spec that maps nothing
 * or names no data set has not said, and is held to every scenario.
 */
function carriesNoPatient(node: Interface, workspace: WorkspaceIndex): boolean {
    if (PATIENT_STANDARDS.has(node.standard?.name ?? '')) return false;
    const mapsSomething = node.messages.some(message => message.mappings.length > 0 || (message.groups ?? []).some(group => group.mappings.length > 0));
    if (!mapsSomething || identifiesPatients(node) || namesPatient(node)) return false;
    const data = node.carries.map(ref => workspace.find(refName(ref), isData));
    return data.length > 0 && data.every(set => set !== undefined && set.classification !== undefined && set.classification !== 'PHI');
}

/** A free payload's words for a patient, a person or their identifiers (`patient.mrn`, `subject.id`, `member.dob`). */
const PATIENT_WORD = /(^|[^a-z])(patient|subject|person|member|beneficiary|mrn|dob|birth|encounter|visit)/i;

/** Whether any mapped path of an API or file interface names a patient in its own words. */
function namesPatient(node: Interface): boolean {
    return node.messages.some(message => [...message.mappings, ...(message.groups ?? []).flatMap(group => group.mappings)]
        .some(mapping => PATIENT_WORD.test(mapping.source) || PATIENT_WORD.test(mapping.target)));
}

/** The text a handler stub leaves for the architect to replace when the domain has no default handling. */
const HANDLER_ACTION_PLACEHOLDER = 'TODO: what the systems and staff do';

/**
 * Stubs for the missing scenarios, right after the interface's last handler: the domain's default handling of each
 * scenario (`EXCEPTION_SCENARIOS`; a placeholder for a scenario of the team's own), escalating as the interface's
 * other handlers do (party and response time of the first complete escalation), else to its owner; a scenario that
 * needs someone at any hour (urgent) goes to a party of the interface with on-call cover, else to the workspace's
 * on-call team, when there is one. Only names that resolve in the interface's file: with none, a stub names nobody
 * (`exception-escalation` asks for the party) rather than copy an unknown name into every line. A comment above
 * them says they are defaults to make specific.
 */
function handlerStubs(node: Interface, missing: string[], workspace: WorkspaceIndex): FixSpec {
    const { party, response } = escalationOf(node, workspace);
    const own = [party, ...node.handlers.map(handler => refName(handler.escalation)), refName(node.owners[0])]
        .filter((name): name is string => visibleParty(name, node, workspace) !== undefined);
    const onCall = own.find(name => hasOnCall(name, workspace)) ?? workspace.teams.find(team => teamHasOnCall(team) && visibleParty(team.name, node, workspace))?.name;
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
