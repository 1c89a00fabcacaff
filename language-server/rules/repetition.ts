import { AstUtils } from 'langium';
import { fhirCardinality } from '../dictionaries/fhir-cardinality.js';
import { hl7v2FieldUsage } from '../dictionaries/hl7v2-messages.js';
import { lookupField, type FieldInfo } from '../dictionaries/index.js';
import { fhirPathSteps, selectedAuthority, withoutAuthoritySelector } from '../dictionaries/path-forms.js';
import { isInterface, isMapping, isMessage, type Mapping } from '../language/generated/ast.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { declaredSegmentsOf, type DeclaredSegments } from '../model/declared-segments.js';
import { interfaceStandard, lookupMappedField } from '../model/field-kinds.js';
import { holdingsOf, holdingsOfField, mappingPlaces } from '../model/field-holders.js';
import { authorityKey, descendantsOfType, listText, type WorkspaceIndex } from '../model/workspace-index.js';
import { knownField } from './mapped-fields.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

type Report = RuleContext['report'];

/** Whether a path holds several values: a repeating HL7 v2 field, or a FHIR element below a `..*` one. Unknown → false. */
function repeats(field: FieldInfo, written: string, version: string | undefined, segments?: DeclaredSegments, side: 'source' | 'target' = 'source'): boolean {
    if (field.standard === 'HL7v2') {
        // A repetition index names one repetition; OBX-5 repeats or not according to OBX-2.
        if (/\[\d+\]/.test(written) || selectedAuthority(written) !== undefined || field.dataType === 'VARIES') return false;
        const match = /^([A-Z0-9]{3})-(\d+)/.exec(field.path);
        const declared = match ? segments?.get(match[1]) : undefined;
        // A Z-segment field repeats when its declaration says `repeating`.
        if (declared && match) return declared.fields.some(f => f.position === Number(match[2]) && f.repeating) && !/^[A-Z0-9]{3}-\d+\./.test(field.path);
        return match ? hl7v2FieldUsage(version, match[1], Number(match[2]))?.repeats === true : false;
    }
    if (field.standard === 'FHIR') {
        // How often an extension of one URL may occur is its own definition's business: unknown, so a target
        // picked by URL may hold several values (nothing to report) and a source picked by URL is not known to.
        if (side === 'target' && fhirPathSteps(written).some(step => step.selector === 'url')) return true;
        return repeatingFhirSteps(field, written, version).length > 0;
    }
    return false;
}

/**
 * The elements of a FHIR path that repeat (cardinality `..*` in the version's definitions) and that the written
 * path does not narrow: an index, a `.where("…")` filter, an extension's URL or a slice each pick the
 * repetition (`Patient.identifier.where("system = 'urn:…'").value` holds one value per system).
 */
function repeatingFhirSteps(field: FieldInfo, written: string, version: string | undefined): string[] {
    const steps = fhirPathSteps(written);
    const parts = field.path.split('.');
    const repeating: string[] = [];
    for (let i = 2; i <= parts.length; i++) {
        if (steps[i - 1]?.selector !== undefined) continue;
        const cardinality = fhirCardinality(version, parts.slice(0, i).join('.'));
        if (cardinality && cardinality.max !== 1) repeating.push(parts[i - 1]);
    }
    return repeating;
}

/** A repeating source into a single-valued target says which repetition (`PID-3[1]`, `identifier[0]`). */
export const repetitionRule: Rule = {
    id: 'repetition',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'A repeating source mapped into a single-valued target says which repetition.',
    description: 'PID-3 repeats (MRN, national id, insurance number); written into a single-valued element, engines take '
        + 'the first, the last or fail, and the wrong identifier reaches the chart. A repeating HL7 v2 field or FHIR '
        + 'element mapped into a single-valued target names the repetition: `PID-3[1]`, `Patient.name[0].family`, or '
        + '`PID-3[authority = "NHS"]`, which applies only to fields with an assigning authority (CX, XCN, EI, XON). '
        + 'An `identifier authority "…"` on such a field names the repetition too, as does the same field on both sides '
        + 'and PID-5, whose first repetition the standard makes the legal name. Where the other mappings of the same field '
        + 'of the same system select its repetition by authority, a mapping of it that selects none takes the first '
        + 'repetition: reported, naming their selector.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            const source = knownField(mapping, 'source');
            const target = knownField(mapping, 'target');
            for (const side of ['source', 'target'] as const) {
                checkAuthoritySelector(mapping, side, side === 'source' ? source : target, report);
            }
            checkSelectedElsewhere(mapping, source, workspace, report);
            // A DICOM source's multiplicity is a value count with no way to pick one value here; a DICOM target
            // holds one value when its VM (PS3.6) is 1, as PatientID (0010,0020) does.
            if (!source || !target || source.standard === 'DICOM' || (target.standard === 'DICOM' && target.valueMultiplicity !== '1')) continue;
            if (repetitionIsChosen(mapping, source)) continue;
            const declared = interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface));
            const sourceVersion = declared?.standard === source.standard ? declared.version : undefined;
            const segments = declaredSegmentsOf(mapping);
            if (!repeats(source, mapping.source, sourceVersion, segments) || (target.standard !== 'DICOM' && repeats(target, mapping.target, undefined, segments, 'target'))) continue;
            // The target must be known to be single-valued: an HL7 v2 field whose usage is known, or a FHIR element.
            if (target.standard === 'HL7v2' && !/^[A-Z0-9]{3}-\d+/.test(target.path)) continue;
            const first = firstRepetition(mapping.source, source);
            report(mapping, `${mapping.source} repeats but ${mapping.target} holds one value; say which repetition is mapped (${first}) or map into a repeating element.`, {
                property: 'source',
                fix: { title: `Map the first repetition (${first})`, target: mapping, replace: { property: 'source', text: first } }
            });
        }
    }
};

/**
 * HL7 v2 fields whose standard says what the first repetition is (HL7 v2.5.1 chapter 3, PID-5: "the primary or legal
 * name of the patient is reported first"): every worklist broker and engine takes that first repetition into a
 * single-valued name, so the mapping needs no index.
 */
const FIRST_REPETITION_DEFINED = new Set(['PID-5']);

/**
 * Whether the mapping, or the message it is in, already says which repetition it carries: the same repeating field
 * written into the same field (`PV1-45 -> PV1-45` copies every repetition), an `identifier authority "…"` on a field
 * with an assigning authority (the authority names the repetition: the identifier issued by it), a component of a
 * field whose repetition a sibling mapping of the same message selects by authority (`PID-3 -> … identifier
 * authority "X"` then `PID-3.4 -> (0010,0021)`), or a field whose first repetition the standard defines.
 */
function repetitionIsChosen(mapping: Mapping, source: FieldInfo): boolean {
    if (!mapping.source || !mapping.target) return false;
    if (withoutAuthoritySelector(mapping.source) === withoutAuthoritySelector(mapping.target)) return true;
    if (source.standard === 'FHIR') return fhirRepetitionIsChosen(mapping, source);
    if (source.standard !== 'HL7v2') return false;
    const base = /^[A-Z0-9]{3}-\d+/.exec(source.path)?.[0];
    if (!base) return false;
    if (FIRST_REPETITION_DEFINED.has(base) && !/\[/.test(mapping.source)) return true;
    const parent = hl7v2FieldOf(mapping, 'source', source);
    if (!parent || !WITH_AUTHORITY.has(parent.dataType)) return false;
    if (mapping.authority !== undefined) return true;
    const message = AstUtils.getContainerOfType(mapping, isMessage);
    return message !== undefined && messageMappings(message).some(other => other !== mapping && other.authority !== undefined
        && /^[A-Z0-9]{3}-\d+/.exec(withoutAuthoritySelector(other.source))?.[0] === base);
}

/**
 * A FHIR source whose every unnarrowed repeating element is narrowed by what the mapping says:
 * - `identifier` with an `identifier authority "…"`: the authority is the Identifier.system (FHIR R4 Identifier),
 *   so it names the identifier the mapping carries, as CX.4 does for PID-3;
 * - `coding` with a code map (`codes { … }` or `codes table …`): the codings of one CodeableConcept are the same
 *   concept in several code systems (FHIR R4 CodeableConcept.coding, "translations"), and the map takes the one
 *   whose codes it lists. A repeating CodeableConcept above it (`Encounter.reasonCode`: several reasons) is not
 *   narrowed by this.
 */
function fhirRepetitionIsChosen(mapping: Mapping, source: FieldInfo): boolean {
    const declared = interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface));
    const steps = repeatingFhirSteps(source, mapping.source, declared?.standard === 'FHIR' ? declared.version : undefined);
    if (steps.length === 0) return false;
    return steps.every(step => (step === 'identifier' && mapping.authority !== undefined)
        || (step === 'coding' && hasCodeMap(mapping)));
}

/** Whether the mapping translates codes (an inline `codes { … }` map or `codes table …`). */
function hasCodeMap(mapping: Mapping): boolean {
    return mapping.codes !== undefined || mapping.table !== undefined;
}

/**
 * HL7 v2 data types with an assigning authority to select a repetition by: CX.4, XCN.9, EI.2 (namespace id),
 * XON.6 (HL7 v2.5.1 chapter 2A).
 */
const WITH_AUTHORITY = new Set(['CX', 'XCN', 'EI', 'EIP', 'XON']);

/** `[authority="…"]` selects by the assigning authority of an HL7 v2 identifier type; elsewhere it selects nothing. */
function checkAuthoritySelector(mapping: Mapping, side: 'source' | 'target', field: FieldInfo | undefined, report: Report): void {
    const written = mapping[side];
    if (!written || selectedAuthority(written) === undefined || !field) return;
    if (field.standard === 'FHIR') {
        report(mapping, `${written}: FHIR selects an identifier by its system with \`.where("system = '<uri>'")\`, not \`[authority=…]\`.`, { property: side });
        return;
    }
    // `PID-3[authority="NHS"].1`: the field (PID-3), not the component, is what repeats with an authority.
    const parent = field.standard === 'HL7v2' ? hl7v2FieldOf(mapping, side, field) : field;
    if (field.standard !== 'HL7v2' || !parent || !WITH_AUTHORITY.has(parent.dataType)) {
        report(mapping, `${written}: ${parent?.path ?? field.path} (${parent?.dataType ?? field.dataType}) carries no assigning authority to choose a repetition by; \`[authority=…]\` applies to CX, XCN, EI and XON fields such as PID-3.`, { property: side });
    }
}

/** The field a component path belongs to (`PID-3.1` → PID-3), looked up like the mapping's side. */
function hl7v2FieldOf(mapping: Mapping, side: 'source' | 'target', field: FieldInfo): FieldInfo | undefined {
    const base = /^[A-Z0-9]{3}-\d+/i.exec(field.path)?.[0];
    if (!base || base === field.path) return field;
    const version = lookupMappedField(mapping, side)?.version;
    const found = declaredSegmentsOf(mapping)?.lookup(version, base) ?? lookupField('HL7v2', version, base);
    return found.status === 'known' ? found.field : undefined;
}

/** The source path with its first repetition named: `PID-3` → `PID-3[1]`, `Patient.name.family` → `Patient.name[0].family`. */
function firstRepetition(written: string, field: FieldInfo): string {
    if (field.standard === 'HL7v2') return written.replace(/^(\w{3}-\d+)/, '$1[1]');
    const parts = written.split('.');
    for (let i = 2; i <= parts.length; i++) {
        const cardinality = fhirCardinality(undefined, parts.slice(0, i).join('.'));
        if (cardinality && cardinality.max !== 1 && !/\[\d+\]$/.test(parts[i - 1])) {
            parts[i - 1] = `${parts[i - 1]}[0]`;
            break;
        }
    }
    return parts.join('.');
}

/**
 * A repeating identifier field (CX, XCN, EI, XON: PID-3, PV1-7...) that a mapping takes whole while asserting one
 * identifier (`PID-3 -> … identifier authority "MRN"`), where the other mappings of the sender's field select a
 * repetition by authority (`PID-3[authority = "EMPI"]`): the sender's other feeds, and the feeds that copy a selected
 * repetition into the sender's same field. The sender's field repeats, so the mapping gets its first repetition,
 * which the other feeds show is not reliably the one wanted. Alone (no other mapping of the sender's field selects),
 * or where another feed takes the field whole with the same authority, the authority names the repetition and
 * nothing is said.
 */
function checkSelectedElsewhere(mapping: Mapping, source: FieldInfo | undefined, workspace: WorkspaceIndex, report: Report): void {
    if (!source || source.standard !== 'HL7v2' || mapping.authority === undefined || !mapping.source) return;
    if (/\[/.test(mapping.source)) return; // it selects a repetition itself
    const parent = hl7v2FieldOf(mapping, 'source', source);
    const owner = AstUtils.getContainerOfType(mapping, isInterface);
    if (!parent || !owner || !WITH_AUTHORITY.has(parent.dataType)) return;
    const declared = interfaceStandard(owner);
    if (!repeats(parent, parent.path, declared?.standard === 'HL7v2' ? declared.version : undefined, declaredSegmentsOf(mapping))) return;
    const selectors: string[] = [];
    const selecting: Mapping[] = [];
    const systems: string[] = [];
    // The sender's field only: what a receiver does with a copy of every repetition (select one when it sends it on,
    // as a RIS selects the MRN for its worklist) says nothing against the copy.
    for (const own of holdingsOf(mapping, owner).filter(holding => holding.role === 'sends')) {
        for (const other of holdingsOfField(workspace, own.system, own.field, { withComponents: true })) {
            if (other.mapping === mapping) continue;
            const selector = repetitionSelector(other.mapping.source);
            if (!selector) {
                // Another feed takes the same identifier whole too: the team reads it so throughout, by its authority.
                if (other.mapping.authority !== undefined && authorityKey(other.mapping.authority) === authorityKey(mapping.authority)) return;
                continue;
            }
            if (!selectors.includes(selector)) selectors.push(selector);
            if (!selecting.includes(other.mapping)) selecting.push(other.mapping);
            if (!systems.includes(own.system)) systems.push(own.system);
        }
    }
    if (selectors.length === 0) return;
    const all = mappingPlaces(selecting);
    const places = all.length <= 3 ? all : [...all.slice(0, 3), `${all.length - 3} more`];
    const field = /^[A-Z0-9]{3}-\d+/i.exec(mapping.source)![0];
    const written = (selector: string) => mapping.source.replace(/^([A-Za-z0-9]{3}-\d+)/, `$1${selector}`);
    const fixes = selectors.map(selector => ({ title: `Select the repetition the other feeds select (${written(selector)})`, target: mapping, replace: { property: 'source', text: written(selector) } }));
    report(mapping, `${mapping.source} is taken whole here, as one identifier (authority "${mapping.authority}"), but ${field} of ${listText(systems)} repeats and ${listText(places)} ${places.length > 1 ? 'select' : 'selects'} a repetition of it (${listText(selectors.map(written))}): `
        + `without a selector this mapping takes the first repetition, which ${systems.length > 1 ? 'those systems\' ' : `${systems[0]}'s `}other feeds show is not reliably the one wanted. Select the repetition here too.`, {
        property: 'source',
        fix: fixes.length === 1 ? fixes[0] : undefined,
        fixes: fixes.length > 1 ? fixes : undefined
    });
}

/**
 * How a path selects a repetition by its assigning authority: `[authority = "X"]`. An index (`PID-3[2]`) is not
 * counted: it says the sender keeps its identifiers in a fixed order, so the first repetition is a known one too.
 */
function repetitionSelector(path: string): string | undefined {
    const authority = selectedAuthority(path);
    return authority !== undefined ? `[authority = ${JSON.stringify(authority)}]` : undefined;
}
