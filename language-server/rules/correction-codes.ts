import type { CodeMap, Interface, Mapping } from '../generated/ast.js';
import { listText, mappingsOf } from './rule-context.js';

/** The scenarios whose handlers depend on status codes: `on correction` and `on cancellation`. */
type StatusScenario = 'correction' | 'cancellation';

/**
 * The result status fields and the codes each scenario depends on: `required` must be mapped and received when the
 * interface handles the scenario; any of `implies` received means the interface must handle it. Only the codes
 * that carry the scenario itself count:
 * - HL7 v2 OBR-25 Result Status (table 0123): C "correction of results", X "no results available; order canceled".
 * - HL7 v2 OBX-11 Observation Result Status (table 0085): C "record coming over is a correction and thus replaces a
 *   final result". Its X means "results cannot be obtained for this observation", not the withdrawal of a result
 *   sent before: a cancelled order or result is carried by OBR-25, so OBX-11 has no cancellation code here.
 * - FHIR R4 DiagnosticReport.status (diagnostic-report-status): corrected; cancelled "the report is unavailable
 *   because the measurement was not started or not completed", entered-in-error.
 * - FHIR R4 Observation.status (observation-status): corrected. Its cancelled, like OBX-11 X, says the measurement
 *   never happened; the report carries the cancellation.
 * `amended` (FHIR) is a later addition, not a correction of an error, and implies no handler.
 */
const STATUS_FIELDS: ReadonlyArray<{ path: RegExp, codes: Record<StatusScenario, { required: string[], implies: string[] }> }> = [
    { path: /^OBR-25(\.1)?$/, codes: { correction: { required: ['C'], implies: ['C'] }, cancellation: { required: ['X'], implies: ['X'] } } },
    { path: /^OBX-11(\.1)?$/, codes: { correction: { required: ['C'], implies: ['C'] }, cancellation: { required: [], implies: [] } } },
    {
        path: /^DiagnosticReport\.status$/,
        codes: { correction: { required: ['corrected'], implies: ['corrected'] }, cancellation: { required: ['cancelled', 'entered-in-error'], implies: ['cancelled', 'entered-in-error'] } }
    },
    { path: /^Observation\.status$/, codes: { correction: { required: ['corrected'], implies: ['corrected'] }, cancellation: { required: [], implies: [] } } }
];

const SCENARIOS: readonly StatusScenario[] = ['correction', 'cancellation'];

/** A finding of checkStatusCodes: on the code map, with the message. */
export interface StatusCodeProblem {
    map: CodeMap;
    message: string;
}

/**
 * Correction and cancellation handlers and the status codes that carry them agree: an interface with
 * `on correction` maps and receives the standard's correction code in each result status field's code map (HL7 v2
 * OBR-25/OBX-11 `C`; FHIR Observation/DiagnosticReport.status `corrected`), one with `on cancellation` the report's
 * cancellation codes (OBR-25 `X`; DiagnosticReport.status `cancelled`, `entered-in-error`), and a status field that receives one of those codes needs the handler. When the status
 * field is the mapping's source, the codes are the code map's sources and its `receives`; when only the target is,
 * the code map's targets. Inline code maps only (a code table is governed on its own).
 */
export function statusCodeProblems(node: Interface): StatusCodeProblem[] {
    const problems: StatusCodeProblem[] = [];
    const handled = new Set(node.handlers.map(handler => handler.scenario));
    for (const mapping of mappingsOf(node)) {
        const map = mapping.codes;
        if (!map) continue;
        const side = statusSide(mapping);
        if (!side) continue;
        const { field, path, onSource } = side;
        const mapped = new Set(map.entries.map(entry => String(onSource ? entry.source : entry.target)));
        const received = new Set(onSource ? map.receives.map(String) : mapped);
        for (const scenario of SCENARIOS) {
            const codes = field.codes[scenario];
            if (handled.has(scenario)) {
                const notMapped = codes.required.filter(code => !mapped.has(code));
                const notReceived = onSource && map.receives.length > 0 ? codes.required.filter(code => !received.has(code) && mapped.has(code)) : [];
                if (notMapped.length > 0) {
                    problems.push({ map, message: `'${node.name}' handles ${scenario}s, but the code map of ${path} does not map ${listText(notMapped)}${onSource ? '' : ' as a target'}: ${notMapped.length > 1 ? 'those codes' : 'that code'} ${notMapped.length > 1 ? 'carry' : 'carries'} the ${scenario}. Add ${onSource ? `\`${notMapped[0]} -> <target>\`${map.receives.length > 0 ? ' and list it in `receives`' : ''}` : `\`<source> -> ${notMapped[0]}\``}.` });
                }
                if (notReceived.length > 0) {
                    problems.push({ map, message: `'${node.name}' handles ${scenario}s, but ${path} does not list ${listText(notReceived)} in \`receives\`; add ${notReceived.length > 1 ? 'them' : 'it'} so the sender's ${scenario} codes are tested.` });
                }
            } else {
                const sent = codes.implies.filter(code => received.has(code));
                if (sent.length > 0) {
                    problems.push({ map, message: `${path} ${onSource ? 'receives' : 'maps to'} ${listText(sent)} (a ${scenario}) but '${node.name}' has no \`on ${scenario}\` handler: say what happens to the result sent before, e.g. \`on ${scenario} "<action>" escalate <team> within <duration>\`.` });
                }
            }
        }
    }
    return problems;
}

/** The status field a mapping reads (preferred: the codes received are the source's) or writes, if any. */
function statusSide(mapping: Mapping): { field: typeof STATUS_FIELDS[number], path: string, onSource: boolean } | undefined {
    for (const onSource of [true, false]) {
        const path = onSource ? mapping.source : mapping.target;
        const field = path ? STATUS_FIELDS.find(f => f.path.test(path)) : undefined;
        if (field) return { field, path, onSource };
    }
    return undefined;
}
