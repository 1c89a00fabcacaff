import type { Mapping, UnitMapping } from '../language/generated/ast.js';
import { UNIT_SYSTEMS } from '../model/ucum.js';
import { checkFhirIdentifiers, declaredZone, fhirCodes, fhirQuantities, timesOf } from '../samples/sample-reads.js';
import { codesAt, fhirMappedValues, primitiveText, type SampleResource } from '../samples/fhir-check.js';
import { fhirInstantOf, parseFhirDateTime } from '../samples/fhir-time.js';
import { zoneOffsetAt } from '../samples/hl7v2-time.js';
import { fhirChild } from '../samples/read/index.js';
import type { ObservationTarget, ObservedKind } from './sample-observations.js';

/**
 * The rows one FHIR resource exercised, with the meaning `exercisedTargets` has for an HL7 v2 message: the row's
 * rule ran on the resource, the value is populated, and it is one the rule compares with the spec. Each kind
 * follows the rule's FHIR check (rules/sample-*.ts, whose helpers it calls so that the two cannot drift apart):
 * - identifier: an `Identifier` object at a mapped `…identifier` element (or a mapped Reference's `identifier`) with `identifier authority "…"`, whose
 *   `system` is there and is compared with a URI or OID the declared text names (a declared text that names none,
 *   `"MRN"`, has nothing to compare a system with: the rule only asks that one is there, and the row stays open);
 * - units: a Quantity at (or holding the `value` of) an element mapped with `units`, with a `value` and a `code`
 *   or `unit` the rule compares (the declared unit, or UCUM validity for `units UCUM`; another unit system is not
 *   compared), without conversion (as for HL7 v2: a conversion's outcome is not in one side's samples). The rule
 *   checks a Quantity once, for the first mapping that names it, and so does this. `units per OBX-3` rows stay
 *   open: the FHIR check reads only a mapping's one `units`;
 * - timezone: a dateTime or instant with a time of day (the mapped element, or a Period's `start` and `end`) whose
 *   offset is compared with the one declared zone (or UTC), or one without offset where the offset is carried
 *   (`timezone site` rows are per site and stay open, as for HL7 v2);
 * - code: a code, Coding or CodeableConcept the rule looks up (`sample-codes`): where the resource is the
 *   mapping's source, the row of each of its codes the map handles (a code table with inline codes: its one row);
 *   where it is the target, the row of the one source code whose entry writes that code (a target that several
 *   source codes map to does not say which was sent, and stays open; a code table is not checked at a target).
 * `ran` tells whether the rule of a kind ran to the end on this resource.
 */
export function fhirExercisedTargets(sample: SampleResource, ran: (kind: ObservedKind) => boolean): ObservationTarget[] {
    const targets: ObservationTarget[] = [];
    if (ran('identifier')) targets.push(...identifierTargets(sample));
    if (ran('units')) targets.push(...unitsTargets(sample));
    if (ran('timezone')) targets.push(...timezoneTargets(sample));
    if (ran('code')) targets.push(...codeTargets(sample));
    return targets;
}

/**
 * An identifier row is exercised by an Identifier whose system sample-identifiers compared with its mapping's (found
 * the same, or another that no mapping of the element declares); one that another mapping of the element declares
 * is that mapping's, and one without a system or a declared URI or OID was not compared.
 */
function identifierTargets(sample: SampleResource): ObservationTarget[] {
    return checkFhirIdentifiers(sample).filter(check => check.verdict === 'matches' || check.verdict === 'other').map(({ mapping }) => ({ mapping, kind: 'identifier' as const }));
}

/** A units row is exercised by a Quantity with a value and a unit that sample-units compares as sent. */
function unitsTargets(sample: SampleResource): ObservationTarget[] {
    return fhirQuantities(sample)
        .filter(({ units, quantity, declared, unit }) => unitsComparedAsSent(units, declared) && unit !== '' && (primitiveText(fhirChild(quantity, 'value'))?.trim() ?? '') !== '')
        .map(({ mapping, analyte }) => ({ mapping, kind: 'units' as const, ...(analyte === undefined ? {} : { code: analyte }) }));
}

/**
 * Whether a units row can pass by what sample-units compares, for HL7 v2 (exercisedTargets) and FHIR alike: the
 * declared text is a unit (compared) or UCUM (validity checked), not another unit system (nothing is compared);
 * and the receiver shows the units as sent: no other target unit, factor or conversion (UCUM to UCUM included).
 */
export function unitsComparedAsSent(units: UnitMapping, declared: string): boolean {
    const to = units.target ?? units.source;
    const compared = !UNIT_SYSTEMS.test(declared) || /^UCUM$/i.test(declared);
    return compared && units.factor === undefined && units.conversion === undefined && (to === units.source || (UNIT_SYSTEMS.test(units.source) && UNIT_SYSTEMS.test(to)));
}

function timezoneTargets(sample: SampleResource): ObservationTarget[] {
    const targets: ObservationTarget[] = [];
    for (const { mapping, node } of fhirMappedValues(sample, m => m.timezone !== undefined && !m.siteTimezone)) {
        const declared = declaredZone(mapping, sample.iface);
        if (!declared) continue;
        const checked = timesOf(node).some(item => {
            const time = parseFhirDateTime(String(item.value));
            if (!time?.hasTime) return false;
            if (time.offsetMinutes === undefined) return declared.offsetCarried;
            return declared.zone === 'UTC' || (declared.zone !== undefined && zoneOffsetAt(declared.zone, fhirInstantOf(time)) !== undefined);
        });
        if (checked) targets.push({ mapping, kind: 'timezone' });
    }
    return targets;
}

function codeTargets(sample: SampleResource): ObservationTarget[] {
    const targets: ObservationTarget[] = [];
    for (const { mapping, side, node } of fhirMappedValues(sample, (m, side) => fhirCodes(m, side) !== undefined)) {
        const allowed = fhirCodes(mapping, side)!;
        for (const concept of codesAt(node)) {
            for (const { text } of concept.filter(code => allowed.has(code.text))) {
                // A table's one row passes by its inline codes, as for HL7 v2; a catalogue kept in a file does not pass it.
                if (!mapping.codes) {
                    if ((mapping.table?.ref?.codes.length ?? 0) > 0) targets.push({ mapping, kind: 'code' });
                }
                else {
                    const code = side === 'source' ? text : onlySourceOf(mapping, text);
                    if (code !== undefined) targets.push({ mapping, kind: 'code', code });
                }
            }
        }
    }
    return targets;
}

/**
 * The one source code whose row expects `target` (the first entry of each source code is its row, as the matrix
 * reads the map), or undefined when no source code, or several, map to it.
 */
function onlySourceOf(mapping: Mapping, target: string): string | undefined {
    const rows = new Map<string, string>();
    for (const entry of mapping.codes?.entries ?? []) {
        if (!rows.has(String(entry.source))) rows.set(String(entry.source), String(entry.target));
    }
    const sources = [...rows].filter(([, to]) => to === target).map(([source]) => source);
    const written = (mapping.codes?.entries ?? []).filter(entry => String(entry.target) === target).length;
    return sources.length === 1 && written === 1 ? sources[0] : undefined;
}
