/**
 * UCUM unit strings and conversion factors, judged by @lhncbc/ucum-lhc (NLM's implementation of the Unified Code
 * for Units of Measure, unitsofmeasure.org): whether a unit is a UCUM code, and whether a declared factor turns a
 * value in one unit into the other. Answers are cached: specs repeat the same few units.
 */
import type ucumPackage from '@lhncbc/ucum-lhc';
import { lazyRequire } from '../util/lazy-require.js';

/** The library and its unit tables load on the first unit checked, not with the rules (cold start, issue #28). */
const ucum = lazyRequire<typeof ucumPackage>(() => require('@lhncbc/ucum-lhc'), '@lhncbc/ucum-lhc');

type Utils = ReturnType<typeof ucumPackage.UcumLhcUtils.getInstance>;
let utils: Utils | undefined;

function ucumUtils(): Utils {
    utils ??= ucum().UcumLhcUtils.getInstance();
    return utils;
}

/**
 * Runs a call into the library with `console.log` silenced: for some unit strings (`"mg / dL"`, with blanks) it
 * logs its own error to stdout, which would land in the middle of `check --format json` or SARIF output. The
 * answer it returns says the same thing, and the rule reports it.
 */
function quietly<T>(call: () => T): T {
    const log = console.log;
    console.log = () => undefined;
    try {
        return call();
    } finally {
        console.log = log;
    }
}

/** Names of unit code systems (HL7 table 0396: UCUM, ISO+, ANSI+): `units UCUM` says which system, not a unit. */
export const UNIT_SYSTEMS = /^(UCUM|ISO\+?|SI|ANSI\+?)$/i;

const validity = new Map<string, string | undefined>();

/**
 * Why a unit string is not a UCUM code, with the library's suggestions (`mIU/mL` → `m[IU]/mL`); undefined for a
 * valid code or a unit system name. UCUM is case-sensitive: `mg/dL` is a code, `MG/DL` is not.
 */
export function ucumProblem(unit: string): string | undefined {
    if (UNIT_SYSTEMS.test(unit.trim())) return undefined;
    if (!validity.has(unit)) {
        const result = quietly(() => ucumUtils().validateUnitString(unit, true));
        let problem: string | undefined;
        if (result.status !== 'valid') {
            const suggestions = (result.suggestions ?? []).flatMap(suggestion => suggestion.units.map(([code]) => code)).slice(0, 3);
            problem = `'${unit}' is not a UCUM unit${suggestions.length > 0 ? `; did you mean ${suggestions.map(code => `"${code}"`).join(' or ')}?` : ''}`;
        }
        if (validity.size > 10_000) validity.clear(); // free text in a long-running server: keep the cache bounded
        validity.set(unit, problem);
    }
    return validity.get(unit);
}

/** What UCUM says of a conversion from one unit to another. */
export type ConversionVerdict =
    /** The factor that turns a value in `from` into one in `to`. */
    | { kind: 'factor', factor: number }
    /** An offset scale (Cel, [degF]): no factor converts it. */
    | { kind: 'affine' }
    /** Mass and amount of substance (mg/dL and mmol/L): the factor depends on the analyte's molar mass. */
    | { kind: 'molar-mass' }
    /** Different dimensions (mg and mL), or a unit that is not UCUM: nothing to compare. */
    | { kind: 'incommensurable' };

const conversions = new Map<string, ConversionVerdict>();

/**
 * The factor from `from` to `to` (both UCUM codes), or why there is none. With `molarMass` (g/mol) a mass unit
 * converts to an amount of substance and back.
 */
export function ucumConversion(from: string, to: string, molarMass?: number): ConversionVerdict {
    const key = `${from}\u0000${to}\u0000${molarMass ?? ''}`;
    let verdict = conversions.get(key);
    if (!verdict) {
        verdict = computeConversion(from, to, molarMass);
        if (conversions.size > 10_000) conversions.clear();
        conversions.set(key, verdict);
    }
    return verdict;
}

function computeConversion(from: string, to: string, molarMass: number | undefined): ConversionVerdict {
    if (ucumProblem(from) || ucumProblem(to) || UNIT_SYSTEMS.test(from) || UNIT_SYSTEMS.test(to)) return { kind: 'incommensurable' };
    const result = quietly(() => ucumUtils().convertUnitTo(from, 1, to, molarMass === undefined ? undefined : { molecularWeight: molarMass }));
    if (result.status === 'succeeded' && result.toVal !== null) {
        if (result.fromUnit?.isSpecial_ || result.toUnit?.isSpecial_) {
            // A special unit converts by a function; it is affine when 0 in one is not 0 in the other.
            const zero = quietly(() => ucumUtils().convertUnitTo(from, 0, to));
            if (zero.status === 'succeeded' && zero.toVal !== null && Math.abs(zero.toVal) > 1e-9) return { kind: 'affine' };
        }
        return { kind: 'factor', factor: result.toVal };
    }
    if (result.msg.some(message => /molecular weight/i.test(message))) return { kind: 'molar-mass' };
    return { kind: 'incommensurable' };
}

/** How close a declared factor must be to UCUM's (relative): lab tables round factors (0.0555 for 1/18.016). */
const TOLERANCE = 0.01;

/** 'right', 'inverted' (1/f written for f) or 'wrong', comparing a declared factor with the expected one. */
export function judgeFactor(declared: number, expected: number): 'right' | 'inverted' | 'wrong' {
    if (expected === 0 || declared === 0) return declared === expected ? 'right' : 'wrong';
    if (Math.abs(declared / expected - 1) <= TOLERANCE) return 'right';
    if (Math.abs(declared * expected - 1) <= TOLERANCE) return 'inverted';
    return 'wrong';
}
