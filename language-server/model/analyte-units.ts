import { AstUtils } from 'langium';
import { isMessage, type AnalyteUnit, type Interface, type Mapping } from '../language/generated/ast.js';
import { messageMappings } from './mapping-conditions.js';
import { ucumConversion, ucumProblem } from './ucum.js';
import { isPlaceholderCode, mappingsOf, refName } from './workspace-index.js';

/** The unit a sending system declares for one analyte on one interface (an entry of `units per OBX-3 { … }`). */
export interface SentAnalyteUnit {
    readonly sender: string;
    readonly iface: Interface;
    readonly entry: AnalyteUnit;
    /** The sender's unit (the left side of `"OHP17": "ng/mL" -> "nmol/L"`). */
    readonly unit: string;
    /**
     * The analyte's codes: the entry's code and what the key field's code map in the same message makes of it
     * (`OBX-3 codes { OHP17 -> "38473-5" }`), so a local code and the LOINC code it maps to are one analyte.
     */
    readonly codes: readonly string[];
}

/**
 * The units an interface's sender declares per analyte, one per entry of each `units per <field>` block whose
 * sender unit is a valid UCUM code (placeholders and misspellings are reported by the units rule already).
 */
export function sentAnalyteUnits(iface: Interface): SentAnalyteUnit[] {
    const sender = refName(iface.source);
    if (!sender) return [];
    const result: SentAnalyteUnit[] = [];
    for (const mapping of mappingsOf(iface)) {
        const block = mapping.analyteUnits;
        if (!block) continue;
        const key = keyMapping(mapping, block.field);
        for (const entry of block.entries) {
            const unit = entry.units?.source;
            if (entry.code === undefined || unit === undefined || isPlaceholderCode(unit) || ucumProblem(unit)) continue;
            const code = String(entry.code);
            const mapped = key?.codes?.entries.filter(codeEntry => String(codeEntry.source) === code).map(codeEntry => String(codeEntry.target)) ?? [];
            result.push({ sender, iface, entry, unit, codes: [...new Set([code, ...mapped])] });
        }
    }
    return result;
}

function keyMapping(mapping: Mapping, field: string): Mapping | undefined {
    const message = AstUtils.getContainerOfType(mapping, isMessage);
    return message ? messageMappings(message).find(candidate => candidate.source === field) : undefined;
}

/** Whether two UCUM units are the same unit (`mL` and `cm3` are; `ng/mL` and `nmol/L` are not). */
export function sameUnit(a: string, b: string): boolean {
    if (a === b) return true;
    const verdict = ucumConversion(a, b);
    return verdict.kind === 'factor' && Math.abs(verdict.factor - 1) < 1e-9;
}
