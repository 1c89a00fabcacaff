/**
 * Values offered by completion where the grammar only says "a word" or "a string": exception scenarios,
 * units and time zones. Kept here, not in the grammar, so a spec may still name a scenario or unit we do not list.
 */

/** The exception scenarios the domain reading says integrations must handle (see the exceptions rules). */
export const EXCEPTION_SCENARIOS: ReadonlyArray<{ name: string, detail: string }> = [
    { name: 'downtime', detail: 'a system or link is down: queue, fall back to paper, replay in order' },
    { name: 'recovery', detail: 'back from downtime: reconcile what was entered on paper and replay the backlog' },
    { name: 'duplicate-identity', detail: 'two records for one patient: hold, review and merge' },
    { name: 'correction', detail: 'a result or message is corrected after it was sent: supersede the previous one' },
    { name: 'cancellation', detail: 'an order or result is cancelled: withdraw it downstream' },
    { name: 'out-of-order', detail: 'messages arrive out of sequence: order by event time, hold or reject' },
    { name: 'urgent', detail: 'a critical or urgent result: call the clinician, do not only file it' }
];

/** Common UCUM units of clinical results, plus `UCUM` itself (the whole code system). */
export const UCUM_UNITS: readonly string[] = [
    'UCUM', '%', '/min', '10*3/uL', '10*6/uL', '10*9/L', '10*12/L', 'Cel', '[degF]', '[IU]/L', '[in_i]', '[lb_av]',
    'cm', 'd', 'fL', 'g', 'g/L', 'g/dL', 'h', 'kPa', 'kg', 'kg/m2', 'L', 'm', 'mEq/L', 'meq/L', 'mg', 'mg/dL', 'mg/L',
    'min', 'mL', 'mL/min', 'mL/min/{1.73_m2}', 'mm', 'mm[Hg]', 'mmol/L', 'mmol/mol', 'mosm/kg', 'ms', 'ng/mL', 'nmol/L',
    'pg', 'pg/mL', 's', 'U/L', 'ug', 'ug/L', 'umol/L', 'wk', 'mo', 'a'
];

/** IANA time zone names known to this Node (Intl), plus UTC. */
export function timeZones(): string[] {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return ['UTC', ...zones.filter(zone => zone !== 'UTC')];
}
