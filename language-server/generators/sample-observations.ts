import * as path from 'node:path';
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { isAnalyteUnit, isInterface, isMapping, type Interface, type Mapping, type Model } from '../language/generated/ast.js';
import type { InterspecCoreServices } from '../language/interspec-module.js';
import { lookupHl7v2Field } from '../dictionaries/hl7v2.js';
import { readZoneText } from '../model/time-zones.js';
import { compareText } from '../model/findings.js';
import { checkSamples, type SampleObserver } from '../samples/run-samples.js';
import { firstComponent, isEmptyValue, mappedValues, selectorAuthority, type SampleFinding, type SampleMessage } from '../samples/sample-check.js';
import { instantOf, parseDtm, zoneOffsetAt } from '../samples/hl7v2-time.js';
import type { SampleResource } from '../samples/fhir-check.js';
import { authorityNames } from '../samples/sample-reads.js';
import { fhirExercisedTargets, unitsComparedAsSent } from './sample-observations-fhir.js';
import type { RowObservation, SampleLocation } from './model.js';

/**
 * What the captured samples of a workspace root showed for the data-meaning rows of its test matrix. The sample
 * rules run as `interspec check` runs them; this records, per mapping, which rows each matched message or FHIR
 * resource exercised (the rule of the row checked a populated value: an identifier with its authority, an OBX-5 or
 * a Quantity with the unit of its analyte, a time with an offset, a code of the map; FHIR resources:
 * sample-observations-fhir.ts) and which rows a sample finding falls on. It is observation,
 * never evidence: nothing is written, and an evidence entry that names a row decides it (docs/generators.md).
 */

/** The data-meaning row kinds samples can show, by the first word of the row's scenario. */
export type ObservedKind = 'identifier' | 'units' | 'timezone' | 'code';

/** What one matrix row checks, for samples: its mapping, its kind, and the code of a per-code or per-analyte row. */
export interface ObservationTarget {
    readonly mapping: Mapping;
    readonly kind: ObservedKind;
    readonly code?: string;
}

/** The sample rule whose check a row kind is. */
export const RULE_OF_KIND: Readonly<Record<ObservedKind, string>> = {
    identifier: 'sample-identifiers', units: 'sample-units', timezone: 'sample-timestamps', code: 'sample-codes'
};

/** Where a finding falls: a row kind (or every kind) of a mapping, and one code (or every code). */
const EVERY = '\u0001';

interface Failures { count: number, first: SampleLocation }

/** The observations of one run over a root's samples (see observeSamples). */
export class SampleObservations {
    /** Mapping -> `kind code` -> messages that exercised it. */
    private readonly exercised = new Map<Mapping, Map<string, number>>();
    /** Mapping -> `kind code` (either may be EVERY) -> unsuppressed findings on it. */
    private readonly failures = new Map<Mapping, Map<string, Failures>>();
    /** Mapping -> `kind code` keys that a suppressed finding falls on: such a row is neither passed nor failed. */
    private readonly suppressed = new Map<Mapping, Set<string>>();
    /** Matched HL7 v2 messages and FHIR resources read. */
    messages = 0;

    constructor(private readonly root: string) {}

    /**
     * The observer that records a run of checkSamples here. Several runs may record into one SampleObservations (the
     * editor runs the samples of each interface apart, lsp/sample-results.ts): what one records is per message and
     * per finding, and a rule's run-wide findings (sample-codes' codes per map) are of one interface's mappings.
     */
    observer(): SampleObserver {
        return {
            sample: (sample, rules) => 'message' in sample ? this.addMessage(sample, rules) : this.addResource(sample, rules),
            finding: (rule, finding, suppressed) => this.addFinding(rule, finding, suppressed)
        };
    }

    /** Records one matched HL7 v2 message: every row it exercised, once. `rules` are the sample rules that ran on it. */
    addMessage(sample: SampleMessage, rules: readonly string[]): void {
        this.addSample(exercisedTargets(sample, new Set(rules)));
    }

    /** Records one matched FHIR resource: every row it exercised (fhirExercisedTargets), once. `rules` are the sample rules that ran on it. */
    addResource(sample: SampleResource, rules: readonly string[]): void {
        const ran = new Set(rules);
        this.addSample(fhirExercisedTargets(sample, kind => ran.has(RULE_OF_KIND[kind])));
    }

    /** One message or resource: each row it exercised counts it once, however many of its values did. */
    private addSample(targets: readonly ObservationTarget[]): void {
        this.messages++;
        const seen = new Map<Mapping, Set<string>>();
        for (const target of targets) {
            const keys = seen.get(target.mapping) ?? new Set<string>();
            keys.add(key(target.kind, target.code));
            seen.set(target.mapping, keys);
        }
        for (const [mapping, keys] of seen) {
            const counts = this.exercised.get(mapping) ?? new Map<string, number>();
            for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
            this.exercised.set(mapping, counts);
        }
    }

    /** Records a rule's finding in a sample file on the rows it falls on (see fallsOn); findings on the spec alone (coverage) are not. */
    addFinding(rule: string, finding: SampleFinding, suppressed: boolean): void {
        if (!finding.file || !finding.related) return;
        const place = fallsOn(rule, finding.related);
        if (!place) return;
        const k = key(place.kind, place.code);
        if (suppressed) {
            const keys = this.suppressed.get(place.mapping) ?? new Set<string>();
            keys.add(k);
            this.suppressed.set(place.mapping, keys);
            return;
        }
        const start = finding.range?.start ?? { line: 1, column: 1 };
        const location: SampleLocation = {
            file: path.relative(this.root, finding.file).split(path.sep).join('/'), line: start.line, column: start.column, rule, message: finding.message
        };
        const map = this.failures.get(place.mapping) ?? new Map<string, Failures>();
        const known = map.get(k);
        if (!known) map.set(k, { count: 1, first: location });
        else {
            known.count++;
            if (compareLocations(location, known.first) < 0) known.first = location;
        }
        this.failures.set(place.mapping, map);
    }

    /**
     * What the samples showed for one row: `failed` when a finding falls on it, else `passed` when a message
     * exercised it and no suppressed finding falls on it, else undefined (open). `decides` is set by the matrix.
     */
    observe(target: ObservationTarget): Omit<RowObservation, 'decides'> | undefined {
        const matches = (k: string) => {
            const [kind, code] = k.split('\u0000');
            return (kind === EVERY || kind === target.kind) && (code === EVERY || code === (target.code ?? ''));
        };
        const messages = this.exercised.get(target.mapping)?.get(key(target.kind, target.code)) ?? 0;
        let failed: Failures | undefined;
        for (const [k, failures] of this.failures.get(target.mapping) ?? []) {
            if (!matches(k)) continue;
            failed = failed
                ? { count: failed.count + failures.count, first: compareLocations(failures.first, failed.first) < 0 ? failures.first : failed.first }
                : { ...failures };
        }
        if (failed) return { status: 'failed', messages, findings: failed.count, first: failed.first };
        if ([...this.suppressed.get(target.mapping) ?? []].some(matches)) return undefined;
        return messages > 0 ? { status: 'passed', messages } : undefined;
    }
}

function key(kind: ObservedKind | typeof EVERY, code: string | undefined): string {
    return `${kind}\u0000${code ?? ''}`;
}

function compareLocations(a: SampleLocation, b: SampleLocation): number {
    return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule) || compareText(a.message, b.message);
}

/**
 * The rows a sample finding falls on, by the mapping it was checked against (its related spec node) and its rule:
 * `sample-identifiers` the identifier row, `sample-timestamps` the time-zone row, `sample-units` the row of the
 * analyte whose entry it names (else every units row of the mapping), `sample-codes` every code row of the mapping
 * (a code the map does not handle makes the map as a whole wrong), `sample-values` every row of the mapping (a
 * value its type cannot hold). `sample-structure` findings fall on no row (a missing field exercises nothing).
 */
export function fallsOn(rule: string, related: AstNode): { mapping: Mapping, kind: ObservedKind | typeof EVERY, code: string } | undefined {
    const mapping = isMapping(related) ? related : AstUtils.getContainerOfType(related, isMapping);
    if (!mapping) return undefined;
    switch (rule) {
        case 'sample-identifiers': return { mapping, kind: 'identifier', code: EVERY };
        case 'sample-timestamps': return { mapping, kind: 'timezone', code: EVERY };
        case 'sample-codes': return { mapping, kind: 'code', code: EVERY };
        case 'sample-values': return { mapping, kind: EVERY, code: EVERY };
        case 'sample-units': {
            const entry = isAnalyteUnit(related) ? related : AstUtils.getContainerOfType(related, isAnalyteUnit);
            return { mapping, kind: 'units', code: entry ? String(entry.code) : EVERY };
        }
        default: return undefined;
    }
}

/**
 * The rows one matched HL7 v2 message exercises: for each mapped value its row's rule checked (the rule ran on the
 * message, the value is populated, and it is one the rule compares with the spec), as that rule selects it:
 * - identifier: a mapping with `identifier authority` (no `[authority = …]` selector), a field of an identifier
 *   type (CX, CK, XCN, EI, EIP with an EI) in the message's version;
 * - units: OBX-5 with declared units and no conversion (a conversion shows at the receiver, which samples of the
 *   sender cannot), per analyte the entry of its OBX-3 code; a declared unit system other than UCUM (`ISO+`) is
 *   compared with nothing, and its row stays open;
 * - timezone: a time of day whose offset the declared zone is compared with (one zone or UTC; `timezone site` rows
 *   are per site, which a capture does not name, and stay open), or one without offset where the offset is carried;
 * - code: a code of a code map (its per-code row), or any code of a code table with inline codes (its one row).
 */
export function exercisedTargets(sample: SampleMessage, rules: ReadonlySet<string>): ObservationTarget[] {
    const targets: ObservationTarget[] = [];
    for (const { mapping, match } of mappedValues(sample, () => true)) {
        const { text } = firstComponent(match);
        if (rules.has(RULE_OF_KIND.identifier) && mapping.authority !== undefined && selectorAuthority(mapping.source) === undefined
            && !isEmptyValue(match.value.value.trim()) && identifierChecked(sample, match) && authorityNames(mapping.authority).length > 0) {
            targets.push({ mapping, kind: 'identifier' });
        }
        if (rules.has(RULE_OF_KIND.units) && /^OBX-5$/i.test(mapping.source.trim()) && !isEmptyValue(match.value.value.trim())) {
            if (mapping.analyteUnits) {
                const code = match.segment.field(3)?.component(1)?.value.trim() ?? '';
                const entry = mapping.analyteUnits.entries.find(candidate => String(candidate.code) === code);
                if (entry?.units?.source && unitsComparedAsSent(entry.units, entry.units.source)) targets.push({ mapping, kind: 'units', code });
            } else if (mapping.units?.source && unitsComparedAsSent(mapping.units, mapping.units.source)) {
                targets.push({ mapping, kind: 'units' });
            }
        }
        if (rules.has(RULE_OF_KIND.timezone) && mapping.timezone !== undefined && !mapping.siteTimezone && !isEmptyValue(text) && timeChecked(mapping.timezone, text)) {
            targets.push({ mapping, kind: 'timezone' });
        }
        if (rules.has(RULE_OF_KIND.code) && !isEmptyValue(text)) {
            if (mapping.codes) targets.push({ mapping, kind: 'code', code: text });
            else if ((mapping.table?.ref?.codes.length ?? 0) > 0) targets.push({ mapping, kind: 'code' });
        }
    }
    return targets;
}

/** Whether sample-identifiers reads an authority from this value: its field is of an identifier type in the message's version. */
function identifierChecked(sample: SampleMessage, match: ReturnType<typeof mappedValues>[number]['match']): boolean {
    const lookup = lookupHl7v2Field(sample.version, `${match.segment.name}-${match.field.number}`);
    if (lookup.status !== 'known') return false;
    const value = match.value;
    if (!('components' in value)) return false;
    switch (lookup.field.dataType) {
        case 'CX': case 'CK': case 'XCN': case 'EI': return true;
        case 'XON': return [value.component(10), value.component(3)].some(component => component && !isEmptyValue(component.value.trim()));
        case 'EIP': return [value.component(1), value.component(2)].some(component => component && !isEmptyValue(component.value.trim()));
        default: return false;
    }
}

/** Whether sample-timestamps compares this time with the declared zone (as its `declaredZone` reads a zone text). */
function timeChecked(zoneText: string, text: string): boolean {
    const time = parseDtm(text);
    if (!time || time.precision < 10) return false;
    const reading = readZoneText(zoneText);
    if (time.offsetMinutes === undefined) return reading.offsetCarried;
    const zone = reading.zones.length === 1 && !reading.utc ? reading.zones[0] : reading.utc && reading.zones.length === 0 ? 'UTC' : undefined;
    if (!zone) return false;
    return zone === 'UTC' || zoneOffsetAt(zone, instantOf(time)) !== undefined;
}

/** Samples to read besides the interfaces' own `samples`: files (absolute) and the interface to check them against. */
export interface SampleOptions {
    files?: readonly string[];
    /** An interface name (`--interface`): the files are checked against it instead of matching each message. */
    interface?: string;
}

/** Thrown for an `--interface` the workspace root does not declare (a user error: the message lists the interfaces). */
export class UnknownInterfaceError extends Error {
    override readonly name = 'UnknownInterfaceError';
    constructor(readonly iface: string, readonly known: string[]) {
        super(`--interface ${iface}: no such interface; the workspace has ${known.join(', ') || 'none'}`);
    }
}

/**
 * Runs the sample rules over a root's captured samples (its interfaces' `samples` globs and `options.files`) and
 * records what they showed per row. Undefined when there are no samples to read. Throws UnknownInterfaceError.
 */
export async function observeSamples(services: InterspecCoreServices, root: string, documents: readonly LangiumDocument<Model>[], options: SampleOptions = {}): Promise<SampleObservations | undefined> {
    const interfaces = documents.flatMap(document => document.parseResult.value.elements.filter(isInterface));
    let iface: Interface | undefined;
    if (options.interface !== undefined) {
        iface = interfaces.find(candidate => candidate.name === options.interface);
        if (!iface) throw new UnknownInterfaceError(options.interface, interfaces.map(candidate => candidate.name).sort(compareText));
    }
    if (!options.files?.length && !interfaces.some(candidate => candidate.samples.length > 0)) return undefined;
    const observations = new SampleObservations(root);
    await checkSamples(services, documents, documents, {
        files: options.files, iface, observer: observations.observer()
    });
    return observations;
}
