import type * as fhirpath from 'fhirpath';
import { AstUtils } from 'langium';
import { firstHl7v2VersionWith } from '../dictionaries/hl7v2-first-version.js';
import { hl7v2DataTypeVersions } from '../dictionaries/hl7v2.js';
import { hl7v2VersionStatus, type FieldLookup } from '../dictionaries/index.js';
import { fhirWhereExpressions } from '../dictionaries/path-forms.js';
import { isInterface, isMapping, isSegment, type Mapping, type Segment } from '../language/generated/ast.js';
import { interfaceStandard, lookupMappedField } from '../model/field-kinds.js';
import { descendantsOfType, listText, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';
import { lazyRequire } from '../util/lazy-require.js';

/** fhirpath (with its ANTLR parser) loads on the first `where(...)` path checked, not with the rules (cold start). */
const fhirpathPackage = lazyRequire<typeof fhirpath>(() => require('fhirpath'), 'fhirpath');

/**
 * Mapped paths exist in the standard's published definition (HL7 v2 fields, FHIR elements, DICOM tags), in the
 * version the interface declares. A path both sides name (`TQ1-9 -> TQ1-9`) is reported once.
 */
export const knownFieldsRule: Rule = {
    id: 'known-fields',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Mapped fields exist in the declared standard (HL7 v2 field, FHIR element, DICOM tag).',
    description: 'A mapping to a field that does not exist in the declared standard is a typo that only shows up in '
        + 'interface testing. Source and target paths are checked against the field dictionaries of HL7 v2, FHIR and DICOM, '
        + 'in the version the interface declares (`standard HL7v2 2.3.1 -> 2.5.1` gives the receiver\'s), and Z-segment fields '
        + 'against their `segment` declaration. A private DICOM tag names its private creator; a retired DICOM attribute is a warning.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const segment of model.elements.filter(isSegment)) {
            checkSegmentDeclaration(segment, report);
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            let reported: string | undefined;
            for (const side of ['source', 'target'] as const) {
                const filter = mapping[side] ? fhirWhereProblem(mapping[side]) : undefined;
                if (filter) {
                    report(mapping, filter, { property: side });
                    continue;
                }
                // A path both sides name (`(0029,1010) -> (0029,1010)`) is reported once.
                const problem = (mapping[side] ? dicomTagProblem(mapping, side) : undefined) ?? zSegmentProblem(mapping, side, workspace);
                if (problem) {
                    if (problem.message !== reported) report(mapping, problem.message, { property: side, severity: problem.severity });
                    reported = problem.message;
                    continue;
                }
                const lookup = lookupMappedField(mapping, side);
                if (lookup?.result.status !== 'unknown') {
                    continue;
                }
                const key = `${lookup.standard}\u0000${lookup.version ?? ''}\u0000${lookup.path}`;
                if (key === reported) {
                    continue;
                }
                reported = key;
                const { message, severity } = unknownFieldMessage(lookup.standard, lookup.path, lookup.version, lookup.result, side);
                const suggestion = lookup.result.suggestion;
                // A source field the declared version lacks but a later one has (TQ1-9 in v2.3.1): offer that version.
                const gated = !suggestion ? versionGatedField(mapping, side) : undefined;
                report(mapping, message, {
                    property: side,
                    severity,
                    fix: suggestion ? { title: `Replace with '${suggestion}'`, target: mapping, replace: { property: side, text: suggestion } }
                        : gated ? { title: `Declare HL7v2 "${gated.first}" (the first version with ${lookup.path})`, target: gated.standard, replace: { property: 'version', text: `"${gated.first}"` } }
                        : undefined
                });
            }
        }
    }
};

/**
 * Why a `where("…")` filter in a FHIR path is not FHIRPath, or undefined when each parses. The `fhirpath` package
 * (HL7's FHIRPath grammar, N1 normative) is the judge, so the spec says only what an engine can evaluate.
 */
function fhirWhereProblem(path: string): string | undefined {
    for (const { expression } of fhirWhereExpressions(path)) {
        if (expression.trim() === '') return `where("") in ${path} has no FHIRPath expression.`;
        try {
            fhirpathPackage().parse(expression);
        } catch (error) {
            const detail = String(error instanceof Error ? error.message : error).split('\n')[0].replace(/ expecting .*/, '').replace(/^line: \d+; /, '');
            return `where("${expression}") in ${path} is not a FHIRPath expression (${detail}).`;
        }
    }
    return undefined;
}

type UnknownLookup = Extract<FieldLookup, { status: 'unknown' }>;

/**
 * Why a path is not in the dictionary. HL7 v2 says in which published versions the path (or its segment) exists;
 * a version newer than the dictionary's newest is checked against that newest and only warned about, since the
 * newer version may have added the field.
 */
function unknownFieldMessage(standard: string, path: string, version: string | undefined, result: UnknownLookup, side: 'source' | 'target'): { message: string, severity?: 'warning' } {
    const didYouMean = result.suggestion ? `; did you mean '${result.suggestion}'?` : '';
    const status = standard === 'HL7v2' && version !== undefined ? hl7v2VersionStatus(version) : undefined;
    if (status?.status === 'newer') {
        return {
            message: `'${path}' is not in HL7 v${status.newest}, the newest version the field dictionary holds; check it against HL7 v${(version ?? '').replace(/^v/i, '')} by hand${didYouMean || '.'}`,
            severity: 'warning'
        };
    }
    const elsewhere = result.elsewhere;
    if (standard === 'HL7v2' && elsewhere && result.version) {
        const here = result.version;
        const segment = path.replace(/^(\w+)-.*$/, '$1').toUpperCase();
        const later = (versions: string[]) => versions.find(v => compareVersionText(v, here) > 0);
        let where: string;
        let from: string | undefined;
        if (!elsewhere.segmentVersions.includes(here)) {
            from = later(elsewhere.segmentVersions);
            where = from ? `the ${segment} segment exists from v${from}` : `the ${segment} segment is in ${rangeText(elsewhere.segmentVersions)} only`;
        } else {
            from = later(elsewhere.versions);
            where = from ? `it exists from v${from}` : `it is in ${rangeText(elsewhere.versions)} only`;
        }
        // A receiver on a later version is declared on the interface, so that its fields are checked in it.
        const hint = side === 'target' && from ? ` If the receiver speaks a later version, declare it: \`standard HL7v2 ${here} -> ${from}\`.` : '';
        return { message: `${path} is not in HL7 v${here}; ${where}${didYouMean || '.'}${hint}` };
    }
    return { message: `'${path}' is not a field of ${standard}${didYouMean || '; check the field against the standard.'}` };
}

function rangeText(versions: string[]): string {
    return versions.length === 1 ? `v${versions[0]}` : `v${versions[0]} to v${versions[versions.length - 1]}`;
}

function compareVersionText(a: string, b: string): number {
    const x = a.split('.').map(Number), y = b.split('.').map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const difference = (x[i] ?? 0) - (y[i] ?? 0);
        if (difference !== 0) return difference;
    }
    return 0;
}

/** A Z-segment declaration names a site-defined segment, each field once, with an HL7 v2 data type. */
function checkSegmentDeclaration(segment: Segment, report: RuleContext['report']): void {
    if (!/^Z[A-Z0-9]{2}$/i.test(segment.name)) {
        report(segment, `'${segment.name}' is not a Z-segment name: site-defined segments are named Z and two letters or digits (ZPI, ZOB); standard segments are already in the HL7 v2 dictionary.`, { property: 'name' });
    }
    const seen = new Set<number>();
    segment.fields.forEach((field, index) => {
        if (seen.has(field.position) || field.position < 1 || !Number.isInteger(field.position)) {
            report(segment, `${segment.name}-${field.position} is declared twice or is not a field position (1, 2, …); give each field its own position.`, { property: 'fields', index });
        }
        seen.add(field.position);
        // A segment declaration names no version: a data type of any published version is one (TS in a v2.4 feed).
        if (hl7v2DataTypeVersions(field.dataType).length === 0) {
            report(field, `'${field.dataType}' is not an HL7 v2 data type; write one such as ST, NM, CWE, CX, DTM or XPN.`, { property: 'dataType' });
        }
    });
}

/**
 * A field of a Z-segment: when the workspace declares the segment, a field it lacks is an error (like a standard
 * segment's); an undeclared Z-segment is an info while other Z-segments are declared (nothing to check it against).
 */
function zSegmentProblem(mapping: Mapping, side: 'source' | 'target', workspace: WorkspaceIndex): { message: string, severity?: 'info' } | undefined {
    const path = mapping[side];
    const match = path ? /^(Z[A-Za-z0-9]{2})-(\d+)/.exec(path) : null;
    if (!match || !interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface)) || workspace.segments.size === 0) return undefined;
    const segment = workspace.segments.get(match[1]);
    if (!segment) {
        return { message: `${match[1]} is not declared in this workspace, so ${path} cannot be checked; declare it once: \`segment ${match[1]} { field ${match[2]} <data type> "<name>" }\`.`, severity: 'info' };
    }
    const lookup = lookupMappedField(mapping, side)?.result;
    if (lookup?.status !== 'unknown') return undefined;
    const fields = segment.fields.map(field => `${segment.name}-${field.position}`);
    return { message: `${path} is not a field of ${segment.name} as declared (${fields.length > 0 ? listText(fields) : 'no fields'}); declare the field, or map one that exists.` };
}

/** A private DICOM tag names its private creator (PS3.5 7.8.1); a retired attribute is a warning (PS3.6). */
function dicomTagProblem(mapping: Mapping, side: 'source' | 'target'): { message: string, severity?: 'warning' } | undefined {
    const path = mapping[side];
    const declared = interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface));
    if (!declared) return undefined;
    const tag = /^\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\)$/.exec(path);
    if (tag && /[13579BDF]$/i.test(tag[1])) {
        const element = parseInt(tag[2], 16);
        // (gggg,0010-00FF) are the private creator elements themselves; (gggg,0000-000F) group length and reserved.
        if (element >= 0x1000) {
            const block = tag[2].slice(0, 2), offset = tag[2].slice(2);
            return { message: `${path} is a private tag: its meaning belongs to the private creator that reserved block ${block} of group ${tag[1]}, and another vendor's data can sit at the same tag; name the creator: \`(${tag[1]},"<private creator>",${offset})\`.` };
        }
        return undefined;
    }
    const lookup = lookupMappedField(mapping, side)?.result;
    if (lookup?.status === 'known' && lookup.field.standard === 'DICOM' && lookup.field.retired) {
        return { message: `${path} (${lookup.field.name}) is retired from DICOM (PS3.6): current senders may leave it empty; map the attribute that replaced it.`, severity: 'warning' };
    }
    return undefined;
}

/** The interface's declared HL7 v2 version and the first version with a source field it lacks, if one has it. */
function versionGatedField(mapping: Mapping, side: 'source' | 'target') {
    const node = AstUtils.getContainerOfType(mapping, isInterface);
    const declared = interfaceStandard(node);
    const path = mapping[side];
    if (side !== 'source' || declared?.standard !== 'HL7v2' || !declared.version || !node?.standard?.version || !path) return undefined;
    const first = firstHl7v2VersionWith(path, declared.version);
    return first ? { declared: declared.version, first, standard: node.standard } : undefined;
}
