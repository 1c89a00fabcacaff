/**
 * Values offered by completion where the grammar only says "a word" or "a string": exception scenarios,
 * units (time zones: time-zone-completion.ts). Kept here, not in the grammar, so a spec may still name a scenario or unit we do not list.
 */

/** The exception scenarios completion offers after `on` (one list for rules, generators and completion). */
export { EXCEPTION_SCENARIOS } from '../model/domain-defaults.js';

/** Common UCUM units of clinical results, plus `UCUM` itself (the whole code system). */
export const UCUM_UNITS: readonly string[] = [
    'UCUM', '%', '/min', '10*3/uL', '10*6/uL', '10*9/L', '10*12/L', 'Cel', '[degF]', '[IU]/L', '[in_i]', '[lb_av]',
    'cm', 'd', 'fL', 'g', 'g/L', 'g/dL', 'h', 'kPa', 'kg', 'kg/m2', 'L', 'm', 'mEq/L', 'meq/L', 'mg', 'mg/dL', 'mg/L',
    'min', 'mL', 'mL/min', 'mL/min/{1.73_m2}', 'mm', 'mm[Hg]', 'mmol/L', 'mmol/mol', 'mosm/kg', 'ms', 'ng/mL', 'nmol/L',
    'pg', 'pg/mL', 's', 'U/L', 'ug', 'ug/L', 'umol/L', 'wk', 'mo', 'a'
];
