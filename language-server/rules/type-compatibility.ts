import type { FieldInfo } from '../dictionaries/index.js';
import { isMapping, type Mapping } from '../language/generated/ast.js';
import { passesCodesThrough, type MappedKind } from '../model/field-kinds.js';
import { conditionalKind, mappingCondition } from '../model/mapping-conditions.js';
import { descendantsOfType } from '../model/workspace-index.js';
import { knownField } from './mapped-fields.js';
import { NO_OPTIONS, type Rule } from './rule.js';

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
export const typeCompatibilityRule: Rule = {
    id: 'type-compatibility',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'Source and target types fit, or the mapping declares the conversion.',
    description: 'A timestamp written into a number, a code into free text or a string into a decimal is rejected by the '
        + 'receiver or silently loses meaning. The dictionary types of both sides must fit (TS/DTM to dateTime or instant, '
        + 'CX to Identifier, CWE/CE to CodeableConcept, NM to decimal or Quantity.value); otherwise the mapping declares '
        + 'the conversion with `as <kind>`, a code map or `units … convert`.',
    options: NO_OPTIONS,
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            if (declaresConversion(mapping)) continue;
            // Whatever `as <kind>` says, a prior-state field is not the current one.
            const priorSource = knownField(mapping, 'source');
            const priorTarget = knownField(mapping, 'target');
            const prior = priorSource && priorTarget ? hl7v2PriorIntoCurrent(priorSource, priorTarget) : undefined;
            if (prior) {
                report(mapping, prior, { property: 'target', severity: 'warning' });
                continue;
            }
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
            // A code map is the declared conversion of a code into text; a catalogue code (OBR-4, OBX-3) carries its
            // own text (CWE.2), which is what a text field such as Requested Procedure Description (0032,1060) receives.
            if (sourceKind === 'code' && target.kind === 'text' && (mapping.codes || mapping.table || (!conditional && passesCodesThrough(mapping)))) continue;
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

/** A field name that says it holds the state before the event (PV1-6 Prior Patient Location, MRG-1 Prior Patient Identifier List). */
const PRIOR_STATE = /^(prior|previous)\b/i;

/**
 * A whole HL7 v2 field that holds the state before the event (its dictionary name starts with "Prior" or "Previous":
 * PV1-6 Prior Patient Location, PV1-43 Prior Temporary Location, every MRG field, HL7 v2.5.1 chapters 3.4.3 and
 * 3.4.9) written into a field of another number that holds the current state: after a transfer the new bed would
 * show the old one, after a merge the surviving identifier the retired one. Undefined when the pair is not that.
 */
function hl7v2PriorIntoCurrent(source: FieldInfo, target: FieldInfo): string | undefined {
    if (source.standard !== 'HL7v2' || target.standard !== 'HL7v2') return undefined;
    const whole = /^[A-Z0-9]{3}-\d+$/;
    const field = (path: string) => path.split('.')[0];
    if (!whole.test(field(source.path)) || !whole.test(field(target.path)) || field(source.path) === field(target.path)) return undefined;
    if (!PRIOR_STATE.test(source.name) || PRIOR_STATE.test(target.name)) return undefined;
    return `${source.path} (${source.name}) holds the state before the event, but ${target.path} (${target.name}) holds the current one: `
        + `the receiver would record the old value as the new. Map the field that holds the current state, or the prior field into its prior counterpart.`;
}

/** Whether a mapping declares a unit conversion (`factor`, `convert`), for the whole field or for some analyte. */
function declaresConversion(mapping: Mapping): boolean {
    const conversions = [mapping.units, ...(mapping.analyteUnits?.entries.map(entry => entry.units) ?? [])];
    return conversions.some(units => units?.conversion !== undefined || units?.factor !== undefined);
}
