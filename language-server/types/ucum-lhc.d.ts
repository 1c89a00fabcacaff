/** The part of @lhncbc/ucum-lhc (NLM's UCUM implementation, which ships no types) that the units checks use. */
declare module '@lhncbc/ucum-lhc' {
    interface UcumUnit {
        csCode_: string;
        isSpecial_: boolean;
        isArbitrary_: boolean;
        moleExp_: number;
    }
    interface ValidationResult {
        status: 'valid' | 'invalid' | 'error';
        ucumCode: string | null;
        msg: string[];
        suggestions?: { invalidUnit: string, units: [code: string, name: string, guidance: string][] }[];
    }
    interface ConversionResult {
        status: 'succeeded' | 'failed' | 'error';
        toVal: number | null;
        msg: string[];
        fromUnit?: UcumUnit;
        toUnit?: UcumUnit;
    }
    interface UcumLhcUtils {
        validateUnitString(unit: string, suggest?: boolean): ValidationResult;
        convertUnitTo(from: string, value: number, to: string, options?: { molecularWeight?: number }): ConversionResult;
    }
    const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
    export default ucum;
}
