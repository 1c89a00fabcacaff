import { AstUtils } from 'langium';
import { isInterface, isMapping, isMessage, type AnalyteUnit, type AnalyteUnits, type Interface, type Mapping, type UnitMapping } from '../language/generated/ast.js';
import { sameUnit, sentAnalyteUnits } from '../model/analyte-units.js';
import { dicomUnitOf } from '../model/dicom-units.js';
import { isCount, lookupMappedField, mappingKind, unitMappedBeside } from '../model/field-kinds.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { UNIT_SYSTEMS, judgeFactor, ucumConversion, ucumProblem } from '../model/ucum.js';
import { descendantsOfType, isPlaceholder, isPlaceholderCode, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

type Report = RuleContext['report'];

/**
 * A quantity declares its units, each unit is a UCUM code, and a conversion where sender and receiver differ is
 * declared and right. Units per analyte (`units per OBX-3 { … }`) are checked entry by entry.
 */
export const unitsRule: Rule = {
    id: 'units',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Quantitative fields declare units, and a conversion where source and target units differ.',
    description: 'A result delivered in the wrong unit is clinically misleading even when the message was accepted. '
        + 'A mapping of a quantity declares `units` (or `units per OBX-3 { … }` where units differ per analyte), each unit is a UCUM code, '
        + 'and `units A -> B` with different units gives a `factor` UCUM agrees with (not inverted, not across scales with '
        + 'different zeros such as Cel and [degF]) or a `convert` rule. A DICOM attribute whose unit PS3.3 defines (Pixel Spacing: mm) '
        + 'is declared in that unit on its side, and a system sends one analyte in one unit on every interface.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            if (mapping.analyteUnits) {
                checkAnalyteUnits(mapping, mapping.analyteUnits, report);
            } else if (mapping.units) {
                checkUnitMapping(mapping.source, mapping.units, report, undefined);
                checkDicomUnits(mapping, mapping.units, report);
            } else if (mappingKind(mapping) === 'quantity' && !countOrUnitBeside(mapping)) {
                report(mapping, `${mapping.source} is a quantity mapped without units; add \`units "<UCUM unit>"\` (and \`-> "<target unit>" factor <n>\` if the receiver uses another unit), or \`units per OBX-3 { … }\` when they differ by test.`, {
                    property: 'source',
                    fix: { title: 'Add a units placeholder', target: mapping, inline: ' units "TODO"' }
                });
            }
        }
        for (const iface of model.elements.filter(isInterface)) {
            checkSentUnits(iface, workspace, report);
        }
    }
};

/**
 * A declared unit on the side of a DICOM attribute whose unit PS3.3 defines (Pixel Spacing (0028,0030) and Slice
 * Thickness (0018,0050) in mm, see dicom-units.ts) is that unit: the attribute holds it by definition, so another
 * unit there misreads every value. `units "um"` on both sides, or `units "um" -> …` from a DICOM source, is
 * reported; a conversion to or from the PS3.3 unit on the other side is the way to write it.
 */
function checkDicomUnits(mapping: Mapping, declared: UnitMapping, report: Report): void {
    if (!declared.source || isPlaceholderCode(declared.source)) return;
    const wrong = (['source', 'target'] as const).flatMap(side => {
        const found = lookupMappedField(mapping, side)?.result;
        if (found?.status !== 'known' || found.field.standard !== 'DICOM') return [];
        const defined = dicomUnitOf(found.field.path);
        const unit = side === 'source' ? declared.source : declared.target ?? declared.source;
        if (!defined || isPlaceholderCode(unit) || ucumProblem(unit) || sameUnit(unit, defined.unit)) return [];
        return [{ side, unit, defined, field: found.field }];
    });
    if (wrong.length === 0) return;
    const { side, unit, defined, field } = wrong[0];
    if (declared.target === undefined || (wrong.length === 2 && declared.target === declared.source)) {
        report(declared, `${field.path} (${field.name}) is in ${defined.unit} by definition (DICOM ${defined.source}), but its unit is declared as ${unit}: every value would be read ${side === 'target' && wrong.length === 1 ? wrongBy(defined.unit, unit) : wrongBy(unit, defined.unit)}. ${side === 'target' && wrong.length === 1
            ? `Convert to ${defined.unit}: \`units "${unit}" -> "${defined.unit}" factor <n>\``
            : `Write \`units "${defined.unit}"\`${wrong.length === 1 ? `, with \`-> "${unit}" factor <n>\` if the receiver wants ${unit}` : ''}`}.`, { property: 'source' });
        return;
    }
    for (const one of wrong) {
        const oneWhat = `${one.field.path} (${one.field.name}) is in ${one.defined.unit} by definition (DICOM ${one.defined.source})`;
        report(declared, one.side === 'source'
            ? `${oneWhat}, but the sender's unit is declared as ${one.unit}: every value would be read ${wrongBy(one.unit, one.defined.unit)}. Write \`units "${one.defined.unit}" -> "${declared.target}" …\`.`
            : `${oneWhat}, but the receiver's unit is declared as ${one.unit}: the receiver would store ${one.unit} values in a ${one.defined.unit} attribute. Convert to ${one.defined.unit}: \`units "${declared.source}" -> "${one.defined.unit}" factor <n>\`.`,
        { property: one.side });
    }
}

/**
 * How a value in `defined` read as `declared` is off: "1000 times too small" for mm read as um; else "in the wrong
 * unit". For a value in `declared` stored where `defined` is meant, pass them the other way round.
 */
function wrongBy(declared: string, defined: string): string {
    const verdict = ucumConversion(defined, declared);
    if (verdict.kind !== 'factor' || verdict.factor === 1) return 'in the wrong unit';
    return verdict.factor > 1 ? `${round(verdict.factor)} times too small` : `${round(1 / verdict.factor)} times too large`;
}

/**
 * A sending system reports one analyte in one unit: the unit it declares for an analyte (following the key
 * field's code map, so a local OHP17 and the LOINC 38473-5 it maps to are one analyte) is the same on every
 * interface from that system. A unit that differs from the one most of its other interfaces declare (or, on a
 * tie, from any of them) is reported, naming the interface that says otherwise: one of the two misreads the value.
 */
function checkSentUnits(iface: Interface, workspace: WorkspaceIndex, report: Report): void {
    const mine = sentAnalyteUnits(iface);
    if (mine.length === 0) return;
    const others = workspace.interfaces.filter(other => other !== iface && other.source?.$refText === iface.source?.$refText).flatMap(sentAnalyteUnits);
    for (const use of mine) {
        const same = others.filter(other => other.codes.some(code => use.codes.includes(code)));
        const differing = same.filter(other => !sameUnit(other.unit, use.unit));
        if (differing.length === 0) continue;
        const agreeing = same.length - differing.length + mine.filter(other => other !== use && other.codes.some(code => use.codes.includes(code)) && sameUnit(other.unit, use.unit)).length;
        const byUnit = new Map<string, number>();
        for (const other of differing) byUnit.set(other.unit, (byUnit.get(other.unit) ?? 0) + 1);
        const [unit, count] = [...byUnit].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
        if (count < agreeing + 1) continue; // the others mostly agree with this one: the odd one is reported where it is
        const where = [...new Set(differing.filter(other => other.unit === unit).map(other => `'${other.iface.name}'`))].sort();
        const code = String(use.entry.code);
        report(use.entry.units, `${use.sender} sends ${code} in ${use.unit} here but in ${unit} on ${where.join(', ')}: a system reports one analyte in one unit, so one of them misreads the value. `
            + `Declare the unit ${use.sender} sends (\`"${code}": "${unit}" -> "${use.unit}" factor <n>\` if the receiver wants ${use.unit}).`, { property: 'source' });
    }
}

/**
 * Whether a quantity needs no `units` of its own: it is a count or an ordinal (PID-25 Birth Order,
 * Patient.multipleBirthInteger), or its message maps the field that carries its unit (RXE-3 with RXE-5 Give Units,
 * doseQuantity.value with doseQuantity.code), whose code map or `units UCUM` says the unit.
 */
function countOrUnitBeside(mapping: Mapping): boolean {
    const fields = (['source', 'target'] as const).map(side => lookupMappedField(mapping, side)?.result).map(found => found?.status === 'known' ? found.field : undefined);
    if (fields.some(field => isCount(field))) return true;
    const message = AstUtils.getContainerOfType(mapping, isMessage);
    return message !== undefined && unitMappedBeside(mapping, messageMappings(message));
}

/**
 * One unit mapping: placeholders, UCUM codes, and the conversion. `analyte` is the entry of a per-analyte block,
 * where a mass ↔ amount-of-substance factor belongs (it depends on the analyte's molar mass).
 */
function checkUnitMapping(source: string, declared: UnitMapping | undefined, report: Report, analyte: AnalyteUnit | undefined): void {
    if (!declared?.source) {
        return; // a half-typed entry (`"2345-7":` and no unit yet) is a syntax error already
    }
    const where = analyte ? `${source} for ${analyte.code}` : source;
    if (isPlaceholderCode(declared.source) || (declared.target !== undefined && isPlaceholderCode(declared.target))) {
        report(declared, `The units of ${where} are a placeholder; write the real unit (e.g. \`units "mg/dL"\`).`);
        return;
    }
    let valid = true;
    for (const side of ['source', 'target'] as const) {
        const unit = declared[side];
        const problem = unit === undefined ? undefined : ucumProblem(unit);
        if (problem) {
            valid = false;
            report(declared, `${problem} (the ${side === 'source' ? 'sender' : 'receiver'}'s unit of ${where}); write the UCUM code, e.g. "mmol/L", "10*9/L", "m[IU]/mL", "mm[Hg]".`, { property: side });
        }
    }
    const { target, factor } = declared;
    if (target === undefined || target === declared.source) return;
    if (factor === undefined) {
        if (isPlaceholder(declared.conversion)) {
            report(declared, `${where} is sent in ${declared.source} and received in ${target} without a conversion; add \`factor <n>\` or \`convert "<rule>"\`.`);
        }
        return;
    }
    if (!valid || UNIT_SYSTEMS.test(declared.source) || UNIT_SYSTEMS.test(target)) return;
    const verdict = ucumConversion(declared.source, target, analyte?.molarMass);
    if (verdict.kind === 'affine') {
        report(declared, `${declared.source} to ${target} is not a plain factor: the scales have different zeros (e.g. °F = °C × 9/5 + 32); write \`convert "<formula>"\` instead of \`factor ${factor}\`.`, { property: 'factor' });
    } else if (verdict.kind === 'molar-mass' && !analyte) {
        const implied = impliedMolarMass(declared.source, target, factor);
        const impliedText = implied === undefined ? '' : ` (it implies a molar mass of ${round(implied)} g/mol)`;
        report(declared, `${declared.source} to ${target} depends on the analyte's molar mass, so factor ${factor} is right for one analyte only${impliedText}; `
            + `declare the units per analyte: \`units per OBX-3 { "<code>": ${declared.source} -> ${target} factor <n> molar-mass <g/mol> }\`.`, { property: 'factor', severity: 'info' });
    } else if (verdict.kind === 'factor') {
        const judged = judgeFactor(factor, verdict.factor);
        if (judged === 'inverted') {
            report(declared, `factor ${factor} converts ${target} to ${declared.source}, not ${declared.source} to ${target}: it is inverted; UCUM gives factor ${round(verdict.factor)}.`, { property: 'factor' });
        } else if (judged === 'wrong') {
            const basis = analyte?.molarMass !== undefined ? ` with molar mass ${analyte.molarMass} g/mol` : '';
            report(declared, `factor ${factor} does not convert ${declared.source} to ${target}: UCUM gives ${round(verdict.factor)}${basis}.`, { property: 'factor' });
        }
    }
}

/** `units per OBX-3 { … }`: entries, one per code, each checked, and their codes among those the key field carries. */
function checkAnalyteUnits(mapping: Mapping, block: AnalyteUnits, report: Report): void {
    if (block.entries.length === 0) {
        report(block, `The units of ${mapping.source} per ${block.field} list no analyte; add \`"<code>": "<unit>"\` for each test code.`, { keyword: 'per' });
        return;
    }
    const seen = new Set<string>();
    const known = keyCodes(mapping, block.field);
    for (const entry of block.entries.filter(entry => entry.code !== undefined)) {
        const code = String(entry.code);
        if (seen.has(code)) {
            report(entry, `${block.field} code ${code} has units twice in the units of ${mapping.source}; keep one entry per code.`, { property: 'code' });
        }
        seen.add(code);
        if (known && !known.codes.has(code)) {
            report(entry, `${code} is not a code of ${known.where}, so no ${block.field} can carry it; use a code of ${known.where}.`, { property: 'code' });
        }
        checkUnitMapping(mapping.source, entry.units, report, entry);
    }
}

/**
 * The codes the key field can carry, where the message says: the inline codes of the code table it maps with
 * (`OBX-3 -> Observation.code codes table LabTests`), or the source codes of its code map. Undefined otherwise.
 */
function keyCodes(mapping: Mapping, field: string): { codes: Set<string>, where: string } | undefined {
    const message = AstUtils.getContainerOfType(mapping, isMessage);
    const keyMapping = message ? messageMappings(message).find(candidate => candidate.source === field) : undefined;
    const table = keyMapping?.table?.ref;
    if (table && table.codes.length > 0) {
        return { codes: new Set(table.codes.map(String)), where: `code table ${table.name}` };
    }
    const map = keyMapping?.codes;
    if (map && map.entries.length > 0) {
        return { codes: new Set([...map.entries.map(entry => String(entry.source)), ...map.receives.map(String)]), where: `the code map of ${field}` };
    }
    return undefined;
}

/**
 * The molar mass a factor between a mass and an amount-of-substance unit implies. The factor grows with the molar
 * mass from amount to mass (mmol/L → mg/dL: factor = M / 10, so 18 is glucose's 180 g/mol) and shrinks with it from
 * mass to amount (mg/dL → mmol/L: factor = 10 / M), so the direction is read from the conversion at two masses.
 */
function impliedMolarMass(source: string, target: string, factor: number): number | undefined {
    const [one, two] = [ucumConversion(source, target, 1), ucumConversion(source, target, 2)];
    if (one.kind !== 'factor' || two.kind !== 'factor' || factor === 0) return undefined;
    return two.factor > one.factor ? factor / one.factor : one.factor / factor;
}

function round(value: number): number {
    return Number(value.toPrecision(4));
}
