import type { AstNode } from 'langium';
import { UNIT_SYSTEMS, ucumProblem } from '../model/ucum.js';
import type { Message } from '../language/generated/ast.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { firstComponent, isEmptyValue, mappedValues, noDocumentCheck, sourcePath } from '../samples/sample-check.js';
import { fhirQuantities, handledCodes } from '../samples/sample-reads.js';
import { NO_OPTIONS, type Rule } from './rule.js';


/** OBX-2 value types whose OBX-5 is a quantity with a unit in OBX-6 (HL7 table 0125): numeric, structured numeric, numeric range, composite quantity with units, money. */
const NUMERIC_VALUE_TYPES = new Set(['NM', 'SN', 'NR', 'CQ', 'MO', 'NA']);

/** The codes the spec's mapping of a keying field (`OBX-3`) handles, or undefined when no map or readable table judges them. */
function keyCodes(spec: Message | undefined, field: string): ReadonlySet<string> | undefined {
    const keying = spec && messageMappings(spec).find(mapping => mapping.source !== undefined && sourcePath(mapping.source).toUpperCase() === field.trim().toUpperCase() && handledCodes(mapping) !== undefined);
    return keying && handledCodes(keying);
}

/**
 * The unit a captured observation carries (OBX-6 beside the OBX-5 the spec maps with units) is the unit the spec
 * declares: `units "mg/dL"`, or the analyte's entry of `units per OBX-3 { … }`; where the spec says `units UCUM`,
 * any UCUM code, and only one.
 */
export const sampleUnitsRule: Rule = {
    id: 'sample-units',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'samples',
    summary: 'Units in captured messages are the units the spec declares for the value (per analyte where it says so), and UCUM where UCUM is declared.',
    description: 'A value in another unit than the one the conversion expects is off by the factor between them: glucose in '
        + 'mg/dL read as mmol/L is eighteen times too high. For each OBX-5 the spec maps with `units` whose OBX-2 is numeric '
        + '(NM, SN, NR, CQ, MO, NA, or not given), the unit in OBX-6 '
        + 'of the same segment is compared with the declared sender unit, or with the entry of its OBX-3 code in '
        + '`units per OBX-3 { … }`; where the spec declares `units UCUM`, the unit must be a valid UCUM code. A value '
        + 'without a unit where one is declared is a finding too. In a FHIR resource, the Quantity at the mapped element '
        + '(or the Quantity whose `value` is mapped) is checked the same way: its `code`, else its `unit`, against the '
        + 'declared unit (the target unit where the resource is the mapping\'s target), or the entry of the code the '
        + 'resource carries at the keying element of `units per Observation.code { … }`, and UCUM validity where UCUM '
        + 'is declared.',
    options: NO_OPTIONS,
    check: noDocumentCheck,
    samples: {
        begin: () => ({
            message(sample, report) {
                const selected = mappedValues(sample, mapping => (mapping.units !== undefined || mapping.analyteUnits !== undefined)
                    && /^OBX-5$/i.test(mapping.source.trim()));
                for (const { mapping, match } of selected) {
                    if (isEmptyValue(match.value.value.trim())) continue;
                    // A text, coded or date result (OBX-2 ST, CWE, DTM…) has no unit: a drug name beside a pump's rates.
                    const valueType = match.segment.field(2)?.value.trim().toUpperCase() ?? '';
                    if (valueType !== '' && !NUMERIC_VALUE_TYPES.has(valueType)) continue;
                    let declared: string | undefined = mapping.units?.source;
                    let related: AstNode = mapping.units ?? mapping;
                    let analyte = '';
                    if (mapping.analyteUnits) {
                        const code = match.segment.field(3)?.component(1)?.value.trim() ?? '';
                        const entry = mapping.analyteUnits.entries.find(candidate => String(candidate.code) === code);
                        if (!entry?.units?.source) {
                            // A code without an entry is sample-codes' finding where a map or table judges the code;
                            // where none does (a catalogue whose file is not there), or it handles the code, the unit of
                            // this result is declared nowhere.
                            const judged = keyCodes(sample.spec, mapping.analyteUnits.field);
                            if (code !== '' && !entry && (judged === undefined || judged.has(code))) {
                                const key = match.segment.field(3);
                                report({
                                    file: sample.file, range: key?.range ?? match.value.range, related: mapping.analyteUnits,
                                    message: `${mapping.analyteUnits.field} ${code} has no entry in \`units per ${mapping.analyteUnits.field}\`: the unit of its ${mapping.source} is declared nowhere, so the receiver's conversion for it is untested.`
                                });
                            }
                            continue;
                        }
                        declared = entry.units.source;
                        related = entry;
                        analyte = ` for ${code}`;
                    }
                    if (declared === undefined) continue;
                    const unitField = match.segment.field(6);
                    const unit = unitField?.repetitions[0] ? firstComponent({ ...match, field: unitField, value: unitField.repetitions[0] }) : undefined;
                    if (!unit || isEmptyValue(unit.text)) {
                        report({
                            file: sample.file, range: unitField?.range ?? match.value.range, related,
                            message: `OBX-6 is empty; the spec declares the unit of ${mapping.source}${analyte} as "${declared}".`
                        });
                        continue;
                    }
                    if (UNIT_SYSTEMS.test(declared)) {
                        const problem = /^UCUM$/i.test(declared) ? ucumProblem(unit.text) : undefined;
                        if (problem) {
                            report({ file: sample.file, range: unit.range, related, message: `${problem}; the spec declares UCUM units for ${mapping.source}.` });
                        }
                    } else if (unit.text !== declared) {
                        report({
                            file: sample.file, range: unit.range, related,
                            message: `Unit "${unit.text}" is not the declared unit of ${mapping.source}${analyte}, "${declared}".`
                        });
                    }
                }
            },
            resource(sample, report) {
                for (const { units: related, quantity, declared, unitNode, unit, analyte } of fhirQuantities(sample)) {
                    const forAnalyte = analyte === undefined ? '' : ` for ${analyte}`;
                    if (unit === '') {
                        report({
                            file: sample.file, range: quantity.range, related,
                            message: `${quantity.path} has no code nor unit; the spec declares its unit${forAnalyte} as "${declared}".`
                        });
                        continue;
                    }
                    const element = `${quantity.path}.${unitNode!.name}`;
                    if (UNIT_SYSTEMS.test(declared)) {
                        const problem = /^UCUM$/i.test(declared) ? ucumProblem(unit) : undefined;
                        if (problem) report({ file: sample.file, range: unitNode!.range, related, message: `${problem} (${element}); the spec declares UCUM units for ${quantity.path}.` });
                    } else if (unit !== declared) {
                        report({
                            file: sample.file, range: unitNode!.range, related,
                            message: `Unit "${unit}" (${element}) is not the declared unit of ${quantity.path}${forAnalyte}, "${declared}".`
                        });
                    }
                }
            }
        })
    }
};
