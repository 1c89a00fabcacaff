import { AstUtils } from 'langium';
import { requiredFhirElements } from '../dictionaries/fhir-cardinality.js';
import { listFhirResources } from '../dictionaries/fhir.js';
import { hl7v2FieldUsage } from '../dictionaries/hl7v2-messages.js';
import { isInterface, isMessage, type Message } from '../language/generated/ast.js';
import { interfaceStandard } from '../model/field-kinds.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { descendantsOfType, listText } from '../model/workspace-index.js';
import { knownField } from './mapped-fields.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

type Report = RuleContext['report'];

/**
 * The required elements (min ≥ 1) of each FHIR resource a message maps into are mapped, and the required fields of
 * each HL7 v2 segment a message built from another standard maps into: a DiagnosticReport
 * without code, or an Observation without status, is rejected by a conformant server. An element the
 * integration engine fills with a fixed value is declared with `suppress required-targets because "…"`.
 */
export const requiredTargetsRule: Rule = {
    id: 'required-targets',
    area: 'interoperability',
    defaultSeverity: 'info',
    fixable: false,
    summary: 'The required elements of each FHIR resource, and required fields of each HL7 v2 segment built from another standard, are mapped.',
    description: 'A resource without its required elements (Observation.status and code, DiagnosticReport.status and code) '
        + 'is rejected by a conformant FHIR server. For each resource a message maps into, every element of cardinality '
        + '1.. is mapped, or a suppression says how the integration fills it.',
    options: NO_OPTIONS,
    check({ model, report }) {
        for (const message of descendantsOfType(model, isMessage)) {
            const mapped = new Map<string, Set<string>>();
            for (const mapping of messageMappings(message)) {
                const target = knownField(mapping, 'target');
                if (target?.standard !== 'FHIR') continue;
                const [resource, element] = target.path.split('.');
                if (!mapped.has(resource)) mapped.set(resource, new Set());
                mapped.get(resource)!.add(element.replace(/\[x\]$/, ''));
            }
            checkHl7v2Segments(report, message);
            const patientMapped = mapsPatientIdentifier(message);
            for (const [resource, elements] of mapped) {
                if (!fhirResources().has(resource)) continue; // a data type (Identifier.value) has no resource to complete
                const missing = requiredFhirElements(undefined, resource).filter((required) => {
                    const base = required.replace(/\[x\]$/, '');
                    if (engineFills(base, patientMapped)) return false;
                    // A choice element is mapped by any of its typed forms (valueQuantity for value[x]).
                    return ![...elements].some((element) => element === base || (required.endsWith('[x]') && element.startsWith(base)));
                });
                if (missing.length === 0) continue;
                reportMissing(report, message, resource, missing);
            }
        }
    }
};

/**
 * Required elements every engine fills without a mapping, so asking for them is noise on every complete spec:
 * `intent` of a request resource (ServiceRequest, MedicationRequest, Task, CarePlan …: FHIR R4 request pattern) is
 * the fixed value the interface's purpose gives (an order feed sends `order`), and `subject` or `patient` is the
 * reference to the Patient resource the engine builds from the patient identifier the message maps.
 */
function engineFills(element: string, patientMapped: boolean): boolean {
    return element === 'intent' || (patientMapped && (element === 'subject' || element === 'patient'));
}

/** Patient identifier fields: HL7 v2 PID-3 (and PID-2, PID-4 of older versions), FHIR Patient.identifier, DICOM PatientID. */
const PATIENT_IDENTIFIER = /^(PID-[234]\b|Patient\.identifier\b|\(0010,0020\)|PatientID$|[A-Za-z]+\.(subject|patient)\.identifier\b)/;

/** Whether a message maps the patient's identifier on either side, from which the engine builds the patient reference. */
function mapsPatientIdentifier(message: Message): boolean {
    return messageMappings(message).some(mapping => [mapping.source, mapping.target].some(path => path !== undefined && PATIENT_IDENTIFIER.test(path)));
}

/**
 * Segments whose required fields the integration engine fills itself: the message header (MSH: encoding
 * characters, date/time, control id, version) is built by the engine, not mapped from the source.
 */
const ENGINE_BUILT_SEGMENTS = new Set(['MSH']);

/**
 * An HL7 v2 message built from another standard (a FHIR or DICOM interface whose mappings target HL7 v2 fields)
 * fills the required fields (optionality R, HL7 v2 chapter 2 message definitions) of every segment it maps into:
 * an OBX without OBX-11 (observation result status) or a PID without PID-3 is rejected by the receiver. HL7 v2 to
 * HL7 v2 routes are not checked: an engine copies the fields a route does not map.
 */
function checkHl7v2Segments(report: Report, message: Message): void {
    const declared = interfaceStandard(AstUtils.getContainerOfType(message, isInterface));
    if (!declared || declared.standard === 'HL7v2') return;
    const mapped = new Map<string, Set<number>>();
    for (const mapping of messageMappings(message)) {
        const target = knownField(mapping, 'target');
        const field = target?.standard === 'HL7v2' ? /^([A-Z][A-Z0-9]{2})-(\d+)/.exec(target.path) : null;
        if (!field || field[1].startsWith('Z') || ENGINE_BUILT_SEGMENTS.has(field[1])) continue;
        if (!mapped.has(field[1])) mapped.set(field[1], new Set());
        mapped.get(field[1])!.add(Number(field[2]));
    }
    for (const [segment, fields] of mapped) {
        const missing = requiredHl7v2Fields(segment).filter(number => !fields.has(number)).map(number => `${segment}-${number}`);
        if (missing.length === 0) continue;
        report(message, `${message.type} maps into the HL7 v2 segment ${segment} but not its required ${listText(missing)} (optionality R); `
            + `map ${missing.length > 1 ? 'them' : 'it'}, or say how the integration fills ${missing.length > 1 ? 'them' : 'it'} with \`suppress required-targets because "…"\`.`, {
            property: 'type'
        });
    }
}

const REQUIRED_FIELDS = new Map<string, number[]>();

/** The numbers of a segment's fields of optionality R (HL7 v2 chapter 2 message definitions), looked up once per segment. */
function requiredHl7v2Fields(segment: string): number[] {
    let required = REQUIRED_FIELDS.get(segment);
    if (!required) {
        required = [];
        for (let number = 1; number < 200; number++) {
            const usage = hl7v2FieldUsage(undefined, segment, number);
            if (!usage) break;
            if (usage.optionality === 'R') required.push(number);
        }
        REQUIRED_FIELDS.set(segment, required);
    }
    return required;
}

let resources: Set<string> | undefined;

function fhirResources(): Set<string> {
    resources ??= new Set(listFhirResources(undefined));
    return resources;
}

function reportMissing(report: Report, message: Message, resource: string, missing: string[]): void {
    const paths = missing.map((element) => `${resource}.${element}`);
    report(message, `${message.type} maps into ${resource} but not its required ${listText(paths)} (cardinality 1..); `
        + `map ${missing.length > 1 ? 'them' : 'it'}, or say how the integration fills ${missing.length > 1 ? 'them' : 'it'} with \`suppress required-targets because "…"\`.`, {
        property: 'type'
    });
}
