/**
 * Rules read from the field dictionaries' structure data: segments belong to the message structure, source and
 * target types fit, a repeating source says which repetition goes into a single-valued target, and the required
 * elements of a mapped FHIR resource are mapped. Each stays silent where the dictionary cannot say (Z-segments,
 * OBX-5 of varying type, unknown paths, standards without a dictionary): a false finding costs more than a miss.
 */
import { AstUtils } from 'langium';
import { fhirCardinality, requiredFhirElements } from '../dictionaries/fhir-cardinality.js';
import { listFhirResources } from '../dictionaries/fhir.js';
import { firstHl7v2VersionWithMessage, hl7v2FieldUsage, listHl7v2Messages, lookupHl7v2Message } from '../dictionaries/hl7v2-messages.js';
import { resolveHl7v2Version } from '../dictionaries/hl7v2.js';
import { DICOM_SERVICES } from '../dictionaries/dicom-services.js';
import { closestAmong } from '../dictionaries/suggest.js';
import { isInterface, isMapping, isMessage, type Mapping, type Message } from '../language/generated/ast.js';
import { interfaceStandard, lookupMappedField, type MappedKind } from '../model/field-kinds.js';
import { conditionalKind, mappingCondition, messageMappings } from '../model/mapping-conditions.js';
import { descendantsOfType, listText } from '../model/workspace-index.js';
import type { RuleCheck } from './rule.js';
import { selectedAuthority } from '../dictionaries/path-forms.js';
import { lookupField, type FieldInfo } from '../dictionaries/index.js';
import { declaredSegmentsOf, type DeclaredSegments } from '../model/declared-segments.js';

type Report = Parameters<RuleCheck['check']>[0]['report'];

/** The segment of every HL7 v2 source path belongs to the declared message type's structure in that version. */
const messageStructure: RuleCheck = {
    id: 'message-structure',
    check({ model, report }) {
        for (const message of descendantsOfType(model, isMessage)) {
            const declared = interfaceStandard(AstUtils.getContainerOfType(message, isInterface));
            if (!message.type) continue;
            if (declared?.standard === 'FHIR') {
                checkFhirMessage(report, message, declared.version);
                continue;
            }
            if (declared?.standard === 'DICOM') {
                checkDicomMessage(report, message);
                continue;
            }
            if (declared?.standard !== 'HL7v2') continue;
            const structure = lookupHl7v2Message(declared.version, message.type);
            if (structure === 'unsupported') continue;
            if (structure === undefined) {
                reportUnknownMessage(report, message, declared.version);
                continue;
            }
            for (const mapping of messageMappings(message)) {
                const source = lookupMappedField(mapping, 'source');
                if (source?.standard !== 'HL7v2' || source.result.status !== 'known') continue;
                const segment = source.result.field.path.slice(0, 3);
                // Z-segments are site-defined and may stand anywhere in a message (HL7 v2.5.1 2.8.2).
                if (structure.segments.has(segment) || /^Z/i.test(segment)) continue;
                report(mapping, `Segment ${segment} is not part of ${message.type} (structure ${structure.structure}, HL7 v${structure.version}): `
                    + `a sender cannot put ${source.path} in this message; map a segment of ${structure.structure} or declare the message type that carries ${segment}.`, {
                    property: 'source'
                });
            }
        }
    }
};

/**
 * A FHIR interface's message is the resource it exchanges (`DiagnosticReport`, `Bundle`): a capitalised name that
 * is not a resource of the declared release is a typo or a data type. Lower-case names (FHIR messaging event codes
 * such as `patient-link`) are not resource names and are left alone.
 */
function checkFhirMessage(report: Report, message: Message, version: string | undefined): void {
    if (!/^[A-Z][A-Za-z]*$/.test(message.type)) return;
    const known = listFhirResources(version);
    if (known.length === 0 || known.includes(message.type)) return;
    const suggestion = closestAmong(message.type, known);
    report(message, `${message.type} is not a resource of FHIR ${version ?? 'R4'}; a FHIR message exchanges a resource (or a Bundle of them)`
        + `${suggestion ? `: did you mean ${suggestion}?` : '.'}`, {
        property: 'type',
        fix: suggestion ? { title: `Replace with ${suggestion}`, target: message, replace: { property: 'type', text: suggestion } } : undefined
    });
}

/** A DICOM interface's message names a DIMSE or DICOMweb service (`C-STORE`, `C-FIND`, `STOW-RS`). */
function checkDicomMessage(report: Report, message: Message): void {
    if (DICOM_SERVICES.includes(message.type.toUpperCase())) return;
    const suggestion = closestAmong(message.type.toUpperCase(), DICOM_SERVICES);
    report(message, `${message.type} is not a DICOM service; a DICOM message is a DIMSE service of PS3.7 (C-STORE, C-FIND, C-MOVE, N-CREATE …) `
        + `or a DICOMweb service of PS3.18 (STOW-RS, QIDO-RS, WADO-RS)${suggestion ? `: did you mean ${suggestion}?` : '.'}`, {
        property: 'type',
        fix: suggestion ? { title: `Replace with ${suggestion}`, target: message, replace: { property: 'type', text: suggestion } } : undefined
    });
}

/** A message type the declared version does not define: a later version that has it, or the closest one that exists. */
function reportUnknownMessage(report: Report, message: Message, version: string | undefined): void {
    const resolved = resolveHl7v2Version(version);
    const later = version ? firstHl7v2VersionWithMessage(message.type, version) : undefined;
    if (later) {
        report(message, `${message.type} is not a message type of HL7 v${resolved}; it arrived in v${later}. Declare the version the sender speaks, or the message type it sends.`, { property: 'type' });
        return;
    }
    const known = listHl7v2Messages(version).map((candidate) => candidate.type);
    const suggestion = closestAmong(message.type, known.filter((type) => type.slice(0, 3) === message.type.slice(0, 3).toUpperCase()))
        ?? closestAmong(message.type, known);
    report(message, `${message.type} is not a message type of HL7 v${resolved} (table 0354 and its message definitions)${suggestion ? `; did you mean ${suggestion}?` : '.'}`, {
        property: 'type',
        fix: suggestion ? { title: `Replace with ${suggestion}`, target: message, replace: { property: 'type', text: suggestion } } : undefined
    });
}

/** Kinds that cannot hold each other's values without a declared conversion: source kind → target kinds. */
const INCOMPATIBLE: Partial<Record<MappedKind, ReadonlySet<MappedKind>>> = {
    text: new Set(['quantity', 'timestamp']),
    code: new Set(['quantity', 'timestamp', 'text']),
    identifier: new Set(['quantity', 'timestamp']),
    quantity: new Set(['timestamp', 'identifier', 'code']),
    timestamp: new Set(['quantity', 'identifier', 'code'])
};

const KIND_NAMES: Record<MappedKind, string> = {
    identifier: 'an identifier', quantity: 'a number', timestamp: 'a timestamp', date: 'a date', code: 'a code', text: 'free text', other: 'a structure'
};

/**
 * Source and target types fit (TS/DTM to dateTime or instant, CX to Identifier, CWE/CE to CodeableConcept,
 * NM to decimal or Quantity.value). A string into a number, a code into free text, and the like need a declared
 * conversion: `as <kind>` (the architect says what the value is), a code map, or a unit conversion.
 */
const typeCompatibility: RuleCheck = {
    id: 'type-compatibility',
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            if (declaresConversion(mapping)) continue;
            if (mapping.kind) {
                // `as <kind>` says what the value is; the target must still be able to hold it.
                const target = knownField(mapping, 'target');
                // Free text holds any value written out (a unit code in Quantity.unit), so only other kinds are judged.
                if (target && target.kind !== 'text' && INCOMPATIBLE[mapping.kind]?.has(target.kind)) {
                    report(mapping, `${mapping.source} is declared ${KIND_NAMES[mapping.kind]} (\`as ${mapping.kind}\`) but ${target.path} holds ${KIND_NAMES[target.kind]} (${target.dataType}); map it into a field that holds ${KIND_NAMES[mapping.kind]}.`, {
                        property: 'target'
                    });
                }
                continue;
            }
            const source = knownField(mapping, 'source');
            const target = knownField(mapping, 'target');
            if (!source || !target) continue;
            // Inside `when OBX-2 = NM { … }` OBX-5 is what the condition says.
            const conditional = conditionalKind(mapping, source.dataType);
            const sourceKind: MappedKind = conditional ?? source.kind;
            const condition = conditional ? mappingCondition(mapping)?.condition : undefined;
            const sourceType = condition ? `${condition.field} = ${condition.values.join(', ')}` : source.dataType;
            const structural = !conditional && !mapping.codes && !mapping.table ? hl7v2StructureMismatch(source, target) : undefined;
            if (structural) {
                report(mapping, structural, { property: 'target' });
                continue;
            }
            if (!INCOMPATIBLE[sourceKind]?.has(target.kind)) continue;
            // A code map is the declared conversion of a code into text.
            if (sourceKind === 'code' && target.kind === 'text' && (mapping.codes || mapping.table)) continue;
            report(mapping, `${source.path} is ${KIND_NAMES[sourceKind]} (${sourceType}) but ${target.path} holds ${KIND_NAMES[target.kind]} (${target.dataType}); `
                + `declare the conversion (\`as ${target.kind}\` with the rule in the spec, a code map, or \`units … convert "…"\`) or map a field of the right type.`, {
                property: 'target'
            });
        }
    }
};

/**
 * HL7 v2 composite data types by what they hold (HL7 v2.5.1 chapter 2A): a field of one family written into a field
 * of another puts, say, a laboratory's name into an address or a device identifier into a coded method. The
 * dictionary kinds call most of them `other`, so they are compared by family here. Types not listed are not judged.
 */
const HL7V2_TYPE_FAMILIES: Readonly<Record<string, string>> = {
    CX: 'an identifier', EI: 'an identifier', EIP: 'an identifier', HD: 'an identifier',
    XPN: 'a person', XCN: 'a person', PN: 'a person', CN: 'a person', PPN: 'a person',
    XON: 'an organisation',
    XAD: 'an address', AD: 'an address',
    XTN: 'a telecommunication number', TN: 'a telecommunication number',
    CE: 'a coded element', CWE: 'a coded element', CNE: 'a coded element', CF: 'a coded element'
};

/** Two whole HL7 v2 fields whose composite types hold different things, as a sentence; undefined when they fit. */
function hl7v2StructureMismatch(source: FieldInfo, target: FieldInfo): string | undefined {
    if (source.standard !== 'HL7v2' || target.standard !== 'HL7v2') return undefined;
    const whole = /^[A-Z0-9]{3}-\d+$/;
    if (!whole.test(source.path) || !whole.test(target.path)) return undefined;
    const [from, to] = [HL7V2_TYPE_FAMILIES[source.dataType], HL7V2_TYPE_FAMILIES[target.dataType]];
    if (!from || !to || from === to) return undefined;
    return `${source.path} (${source.name}, ${source.dataType}) holds ${from} but ${target.path} (${target.name}, ${target.dataType}) holds ${to}; `
        + `map the field that holds ${from}, or declare the conversion (\`as <kind>\` with the rule in the spec).`;
}

/** Whether a mapping declares a unit conversion (`factor`, `convert`), for the whole field or for some analyte. */
function declaresConversion(mapping: Mapping): boolean {
    const conversions = [mapping.units, ...(mapping.analyteUnits?.entries.map(entry => entry.units) ?? [])];
    return conversions.some(units => units?.conversion !== undefined || units?.factor !== undefined);
}

function knownField(mapping: Mapping, side: 'source' | 'target'): FieldInfo | undefined {
    const lookup = lookupMappedField(mapping, side)?.result;
    return lookup?.status === 'known' ? lookup.field : undefined;
}

/** Whether a path holds several values: a repeating HL7 v2 field, or a FHIR element below a `..*` one. Unknown → false. */
function repeats(field: FieldInfo, written: string, version: string | undefined, segments?: DeclaredSegments): boolean {
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
        const written_ = written.split('.');
        const parts = field.path.split('.');
        for (let i = 2; i <= parts.length; i++) {
            if (/\[\d+\]$/.test(written_[i - 1] ?? '')) continue;
            const cardinality = fhirCardinality(version, parts.slice(0, i).join('.'));
            if (cardinality && cardinality.max !== 1) return true;
        }
    }
    return false;
}

/** A repeating source into a single-valued target says which repetition (`PID-3[1]`, `identifier[0]`). */
const repetition: RuleCheck = {
    id: 'repetition',
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            const source = knownField(mapping, 'source');
            const target = knownField(mapping, 'target');
            for (const side of ['source', 'target'] as const) {
                checkAuthoritySelector(mapping, side, side === 'source' ? source : target, report);
            }
            // A DICOM source's multiplicity is a value count with no way to pick one value here; a DICOM target
            // holds one value when its VM (PS3.6) is 1, as PatientID (0010,0020) does.
            if (!source || !target || source.standard === 'DICOM' || (target.standard === 'DICOM' && target.valueMultiplicity !== '1')) continue;
            const declared = interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface));
            const sourceVersion = declared?.standard === source.standard ? declared.version : undefined;
            const segments = declaredSegmentsOf(mapping);
            if (!repeats(source, mapping.source, sourceVersion, segments) || (target.standard !== 'DICOM' && repeats(target, mapping.target, undefined, segments))) continue;
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
 * The required elements (min ≥ 1) of each FHIR resource a message maps into are mapped, and the required fields of
 * each HL7 v2 segment a message built from another standard maps into: a DiagnosticReport
 * without code, or an Observation without status, is rejected by a conformant server. An element the
 * integration engine fills with a fixed value is declared with `suppress required-targets because "…"`.
 */
const requiredTargets: RuleCheck = {
    id: 'required-targets',
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
            for (const [resource, elements] of mapped) {
                if (!fhirResources().has(resource)) continue; // a data type (Identifier.value) has no resource to complete
                const missing = requiredFhirElements(undefined, resource).filter((required) => {
                    const base = required.replace(/\[x\]$/, '');
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

export const dictionaryRules: RuleCheck[] = [messageStructure, typeCompatibility, repetition, requiredTargets];
