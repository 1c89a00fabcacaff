import type { CodeMap, Interface, Mapping } from '../language/generated/ast.js';
import { mappingsOf, refName, type WorkspaceIndex } from './workspace-index.js';
import { isDeviceKind, kindWords } from './medical-devices.js';

/** The scenarios whose handlers depend on status codes: `on correction` and `on cancellation`. */
export type StatusScenario = 'correction' | 'cancellation';

/**
 * The result status fields and the codes each scenario depends on: one of `required` (or of `also`, a broader code
 * that may carry the scenario) must be mapped, and the mapped `required` codes received, when the interface handles
 * the scenario; any of `implies` received means the interface must handle it. Only the codes
 * that carry the scenario itself count:
 * - HL7 v2 OBR-25 Result Status (table 0123): C "correction of results", X "no results available; order canceled".
 * - HL7 v2 OBX-11 Observation Result Status (table 0085): C "record coming over is a correction and thus replaces a
 *   final result". Its X means "results cannot be obtained for this observation", not the withdrawal of a result
 *   sent before: a cancelled order or result is carried by OBR-25, so OBX-11 has no cancellation code here.
 * - FHIR R4 DiagnosticReport.status (diagnostic-report-status): corrected; cancelled "the report is unavailable
 *   because the measurement was not started or not completed", entered-in-error.
 * - FHIR R4 Observation.status (observation-status): corrected. Its cancelled, like OBX-11 X, says the measurement
 *   never happened; the report carries the cancellation.
 * In both FHIR code systems `corrected` is a specialisation of `amended` ("modified subsequent to being final ...
 * this includes updates/new information and corrections"), so a sender may carry a correction as `amended`: either
 * code mapped satisfies a correction handler. Received, `amended` implies no handler: it may be new information.
 */
const STATUS_FIELDS: ReadonlyArray<{ path: RegExp, codes: Record<StatusScenario, { required: string[], also?: string[], implies: string[] }> }> = [
    { path: /^OBR-25(\.1)?$/, codes: { correction: { required: ['C'], implies: ['C'] }, cancellation: { required: ['X'], implies: ['X'] } } },
    { path: /^OBX-11(\.1)?$/, codes: { correction: { required: ['C'], implies: ['C'] }, cancellation: { required: [], implies: [] } } },
    {
        path: /^DiagnosticReport\.status$/,
        codes: { correction: { required: ['corrected'], also: ['amended'], implies: ['corrected'] }, cancellation: { required: ['cancelled', 'entered-in-error'], implies: ['cancelled', 'entered-in-error'] } }
    },
    { path: /^Observation\.status$/, codes: { correction: { required: ['corrected'], also: ['amended'], implies: ['corrected'] }, cancellation: { required: [], implies: [] } } }
];

const SCENARIOS: readonly StatusScenario[] = ['correction', 'cancellation'];

/**
 * One disagreement between a status field's codes and the interface's handlers: `not-mapped` (the interface handles
 * the scenario, the code map lacks its codes), `not-received` (mapped but missing from `receives`), `no-handler`
 * (a code of the scenario is received, the interface does not handle it), `broader-only` (the map carries the scenario with
 * a broader code only, FHIR `amended` without `corrected`: an info that asks).
 */
export interface StatusCodeGap {
    kind: 'not-mapped' | 'not-received' | 'no-handler' | 'broader-only';
    scenario: StatusScenario;
    codes: string[];
    mapping: Mapping;
    map: CodeMap;
    /** The status field's path, and whether it is the mapping's source (the codes are the sender's). */
    path: string;
    onSource: boolean;
}

/**
 * Per parse of the interface, with what other files decide (they may change alone): the kind of its sending system,
 * and whether the cancellation starts at its receiver.
 */
const GAPS = new WeakMap<Interface, { senderKind: string | undefined, senderDevice: boolean, cancelledByReceiver: boolean, gaps: StatusCodeGap[] }>();

/** Order messages (HL7 v2 chapters 4 and 4A: ORM, OML, OMI, OMG, OMP, RDE …; FHIR ServiceRequest, MedicationRequest). */
const ORDER_MESSAGE = /^(ORM|OML|OMI|OMG|OMB|OMD|OMN|OMS|OMP|OMQ|RDE)(\^|$)|^(ServiceRequest|MedicationRequest)$/;

const FILLERS = new WeakMap<WorkspaceIndex, ReadonlySet<string>>();

/** The systems that receive orders in the workspace: the order fillers, which alone cancel an order (OBR-25 X). */
export function orderFillers(workspace: WorkspaceIndex): ReadonlySet<string> {
    let fillers = FILLERS.get(workspace);
    if (!fillers) {
        fillers = new Set(workspace.interfaces
            .filter(node => node.messages.some(message => ORDER_MESSAGE.test(message.type ?? '')))
            .map(node => refName(node.target))
            .filter((name): name is string => name !== undefined));
        FILLERS.set(workspace, fillers);
    }
    return fillers;
}

/**
 * Whether the sender reports device measurements by its kind: a medical device (`isDeviceKind`) or a device
 * gateway / device manager (`kind device-gateway`). A sender of another kind that the spec marks `medical-device`
 * (device middleware) counts too where its status map receives no final status: it relays unvalidated
 * measurements (PCD-01: OBX-11 R), with no final result a correction could replace. A marked system that sends
 * final results (a PDMS, an LIS as IVD software) validates them, and corrects them. Devices send raw or unvalidated values (IHE PCD TF-2, PCD-01: OBX-11 R, or X
 * when a value cannot be obtained); a value is corrected where a clinician validates it, in the receiving system, so
 * a correction handler on such a feed describes that workflow and does not mean the sender sends C.
 */
function sendsDeviceMeasurements(senderKind: string | undefined): boolean {
    return isDeviceKind(senderKind) || kindWords(senderKind).includes('device');
}

/** The final status of each result status field's table: what a correction replaces. */
const FINAL_CODES = new Set(['F', 'final']);

/**
 * Correction and cancellation handlers and the status codes that carry them agree: an interface with
 * `on correction` maps and receives the standard's correction code in each result status field's code map (HL7 v2
 * OBR-25/OBX-11 `C`; FHIR Observation/DiagnosticReport.status `corrected`), one with `on cancellation` the report's
 * cancellation codes (OBR-25 `X`; DiagnosticReport.status `cancelled`, `entered-in-error`), and a status field that
 * receives one of those codes needs the handler. When the status field is the mapping's source, the codes are the
 * code map's sources and its `receives`; when only the target is, the code map's targets. Inline code maps only (a
 * code table is governed on its own). The rules report the gaps; the test matrix turns them into open rows.
 * Computed once per parse of the interface.
 */
export function statusCodeGaps(node: Interface, workspace: WorkspaceIndex): StatusCodeGap[] {
    const senderKind = node.source?.ref?.kind;
    const senderDevice = node.source?.ref?.medicalDevice === true;
    // An order is cancelled by its filler (HL7 v2 table 0123 X, "order canceled"). When this feed's receiver fills
    // the orders and its sender does not, the cancellation starts at the receiver and this feed never carries X:
    // a report draft from speech recognition into the RIS, whose cancellation handler says what the RIS does.
    const fillers = orderFillers(workspace);
    const [sender, receiver] = [refName(node.source), refName(node.target)];
    const cancelledByReceiver = receiver !== undefined && fillers.has(receiver) && !(sender !== undefined && fillers.has(sender));
    const cached = GAPS.get(node);
    if (cached && cached.senderKind === senderKind && cached.senderDevice === senderDevice && cached.cancelledByReceiver === cancelledByReceiver) {
        return cached.gaps;
    }
    const fromDevices = sendsDeviceMeasurements(senderKind);
    const gaps: StatusCodeGap[] = [];
    const handled = new Set(node.handlers.map(handler => handler.scenario));
    for (const mapping of mappingsOf(node)) {
        const map = mapping.codes;
        if (!map) continue;
        const side = statusSide(mapping);
        if (!side) continue;
        const { field, path, onSource } = side;
        const mapped = new Set(map.entries.map(entry => String(onSource ? entry.source : entry.target)));
        const received = new Set(onSource ? map.receives.map(String) : mapped);
        const gap = (kind: StatusCodeGap['kind'], scenario: StatusScenario, codes: string[]) => {
            if (codes.length > 0) gaps.push({ kind, scenario, codes, mapping, map, path, onSource });
        };
        for (const scenario of SCENARIOS) {
            const codes = field.codes[scenario];
            const deviceMeasurements = fromDevices || (senderDevice && onSource && ![...map.receives.map(String), ...mapped].some(code => FINAL_CODES.has(code)));
            if (handled.has(scenario) && !(scenario === 'correction' && deviceMeasurements) && !(scenario === 'cancellation' && cancelledByReceiver)) {
                // Either code of a scenario carries it (DiagnosticReport cancelled or entered-in-error): a map with
                // one of them handles the scenario the way its sender does; only a map with none lacks it.
                const requiredMapped = codes.required.some(code => mapped.has(code));
                const broaderMapped = (codes.also ?? []).some(code => mapped.has(code));
                gap('not-mapped', scenario, requiredMapped || broaderMapped ? [] : codes.required);
                // A sender that corrects with the broader code (amended) is conformant, and the spec says so when it
                // receives it; whether it never sends the specific one is the sender's to say: asked, not required.
                gap('broader-only', scenario, !requiredMapped && broaderMapped && onSource ? codes.required : []);
                gap('not-received', scenario, onSource && map.receives.length > 0 ? codes.required.filter(code => !received.has(code) && mapped.has(code)) : []);
            } else if (!handled.has(scenario)) {
                gap('no-handler', scenario, codes.implies.filter(code => received.has(code)));
            }
        }
    }
    GAPS.set(node, { senderKind, senderDevice, cancelledByReceiver, gaps });
    return gaps;
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
