import { lookupHl7v2Field } from '../dictionaries/hl7v2.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { mappingAuthority } from '../model/workspace-index.js';
import type { Mapping } from '../language/generated/ast.js';
import { listText } from '../model/workspace-index.js';
import type { Hl7Component, Hl7Match, TextRange } from '../samples/read/index.js';
import { primitiveText } from '../samples/fhir-check.js';
import { fhirChild, type FhirNode } from '../samples/read/index.js';
import { isEmptyValue, mappedValues, noDocumentCheck, selectorAuthority, sourcePath, type SampleMessage, type SampleReport } from '../samples/sample-check.js';
import { authoritySystems, checkFhirIdentifiers, sameAuthority } from '../samples/sample-reads.js';
import { NO_OPTIONS, type Rule } from './rule.js';

/** The assigning authority of one identifier repetition, by its data type: CX-4, EI-2/EI-3, EIP's EI, XCN-9, XON-6 (when XON-10 or XON-3 holds an identifier). */
function authorityOf(match: Hl7Match, dataType: string): { namespace: string, universal: string, universalType?: string, range: TextRange } | undefined {
    const repetition = match.value;
    if (!('components' in repetition)) return undefined;
    const hd = (component: Hl7Component | undefined) => component && {
        namespace: component.subcomponent(1)?.value.trim() ?? '', universal: component.subcomponent(2)?.value.trim() ?? '',
        universalType: component.subcomponent(3)?.value.trim(), range: component.range
    };
    switch (dataType) {
        case 'CX':
        case 'CK':
            return hd(repetition.component(4)) ?? { namespace: '', universal: '', range: repetition.range };
        case 'XCN':
            return hd(repetition.component(9)) ?? { namespace: '', universal: '', range: repetition.range };
        case 'XON': {
            // An organisation sent by name only (XON-1) carries no identifier to hold to an authority.
            const id = [repetition.component(10), repetition.component(3)].find(component => component && !isEmptyValue(component.value.trim()));
            if (!id) return undefined;
            return hd(repetition.component(6)) ?? { namespace: '', universal: '', range: id.range };
        }
        case 'EI': {
            const namespace = repetition.component(2);
            return {
                namespace: namespace?.value.trim() ?? '', universal: repetition.component(3)?.value.trim() ?? '',
                universalType: repetition.component(4)?.value.trim(), range: namespace?.range ?? repetition.range
            };
        }
        case 'EIP': {
            const part = [repetition.component(1), repetition.component(2)].find(component => component && !isEmptyValue(component.value.trim()));
            if (!part) return undefined;
            const namespace = part.subcomponent(2);
            return { namespace: namespace?.value.trim() ?? '', universal: part.subcomponent(3)?.value.trim() ?? '', universalType: part.subcomponent(4)?.value.trim(), range: namespace?.range ?? part.range };
        }
        default:
            return undefined;
    }
}



/** An authority written the way people retype it: upper case, without punctuation (`NWCC_MRN`, `nwcc-mrn` → `NWCCMRN`). */
const loosely = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Where mappings pick repetitions by authority (`PID-3[authority = "NWCC-MRN"] -> …`) and none takes the whole field,
 * a field whose repetitions no mapping picks gives the receiver nothing: a repetition whose authority retypes a
 * picked one (`NWCC_MRN`) is reported at its authority; a field that carries only other authorities (the national
 * number where the MRN was expected) at the field. A repetition of another authority beside a picked one is an
 * identifier the spec does not map, left alone.
 */
function nearMissSelections(sample: SampleMessage, report: SampleReport): void {
    const spec = sample.spec;
    if (!spec) return;
    const byField = new Map<unknown, Array<{ mapping: Mapping, match: Hl7Match }>>();
    for (const entry of mappedValues(sample, m => selectorAuthority(m.source) !== undefined)) {
        const list = byField.get(entry.match.field) ?? [];
        if (!list.some(other => other.match.value === entry.match.value)) list.push(entry);
        byField.set(entry.match.field, list);
    }
    for (const entries of byField.values()) {
        const { mapping, match } = entries[0];
        const field = sourcePath(mapping.source).toUpperCase();
        const mappings = messageMappings(spec).filter(other => other.source && sourcePath(other.source).toUpperCase() === field);
        if (mappings.some(other => selectorAuthority(other.source) === undefined)) continue; // a mapping takes every repetition
        const picked = mappings.map(other => selectorAuthority(other.source)!);
        const lookup = lookupHl7v2Field(sample.version, `${match.segment.name}-${match.field.number}`);
        if (lookup.status !== 'known') continue;
        const sent = entries.filter(entry => !isEmptyValue(entry.match.value.value.trim()))
            .map(entry => ({ ...entry, found: authorityOf(entry.match, lookup.field.dataType) }))
            .filter((entry): entry is typeof entry & { found: NonNullable<typeof entry.found> } => entry.found !== undefined && (entry.found.namespace !== '' || entry.found.universal !== ''));
        if (sent.length === 0 || sent.some(({ found }) => picked.some(authority => sameAuthority(authority, found.namespace, found.universal, found.universalType)))) continue;
        const where = `${match.segment.name}-${match.field.number}`;
        const retyped = sent.map(entry => ({ ...entry, meant: picked.find(authority => [entry.found.namespace, entry.found.universal].some(text => text !== '' && loosely(text) === loosely(authority.replace(/\(.*$/, '')))) }))
            .filter(entry => entry.meant !== undefined);
        for (const { match: at, found, meant, mapping: related } of retyped) {
            report({
                file: sample.file, range: found.range, related,
                message: `${where} repetition ${at.repetition} has assigning authority "${found.namespace || found.universal}", a retyping of "${meant}" that no mapping of ${field} picks: the identifier is lost.`
            });
        }
        if (retyped.length > 0) continue;
        report({
            file: sample.file, range: match.field.range, related: mapping,
            message: `${where} carries identifiers under ${listText(sent.map(({ found }) => `"${found.namespace || found.universal}"`))} only; the mappings of ${field} pick ${listText(picked.map(authority => `"${authority}"`))}, so the receiver gets no identifier from it.`
        });
    }
}

/**
 * Each repetition of an identifier field a captured message carries names the assigning authority the spec
 * declares (`identifier authority "…"`), or one another mapping selects (`PID-3[authority = "NLMINBIZA"]`).
 */
export const sampleIdentifiersRule: Rule = {
    id: 'sample-identifiers',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'samples',
    summary: 'Identifiers in captured messages carry the assigning authority the spec declares.',
    description: 'An identifier without its authority, or with another one, is matched against the wrong register: a visit '
        + 'number taken for an MRN, a result filed to the wrong patient. For each field the spec maps with `identifier '
        + 'authority "…"`, every repetition of the captured field must name that authority (CX-4 and XCN-9 namespace id '
        + 'or universal id, EI-2/EI-3, the EI of an EIP, XON-6 of an organisation sent with its identifier), or one a mapping of the same field selects with '
        + '`[authority = "…"]`. The declared text matches by its name or by an OID or URI written in it. In a FHIR '
        + 'resource, each Identifier at the mapped `…identifier` element, or the `identifier` of a Reference the mapping names '
        + '(`ImagingStudy.subject`), must have a `system`, and where the declared '
        + 'text names a URI or OID (`"VALLEY-MRN (urn:oid:2.16.528.1)"`), that one.',
    options: NO_OPTIONS,
    check: noDocumentCheck,
    samples: {
        begin: () => ({
            message(sample, report) {
                const spec = sample.spec;
                if (!spec) return;
                const selected = mappedValues(sample, mapping => mapping.authority !== undefined && selectorAuthority(mapping.source) === undefined);
                for (const { mapping, match } of selected) {
                    const lookup = lookupHl7v2Field(sample.version, `${match.segment.name}-${match.field.number}`);
                    if (lookup.status !== 'known') continue;
                    if (isEmptyValue(match.value.value.trim())) continue;
                    const found = authorityOf(match, lookup.field.dataType);
                    if (!found) continue;
                    const field = sourcePath(mapping.source);
                    const declared = [mapping.authority!, ...messageMappings(spec)
                        .filter(other => other.source && sourcePath(other.source).toUpperCase() === field.toUpperCase())
                        .map(other => selectorAuthority(other.source) ?? mappingAuthority(other))
                        .filter((authority): authority is string => authority !== undefined)];
                    const where = `${match.segment.name}-${match.field.number}${match.field.repetitions.length > 1 ? ` repetition ${match.repetition}` : ''}`;
                    if (found.namespace === '' && found.universal === '') {
                        report({
                            file: sample.file, range: found.range, related: mapping,
                            message: `${where} has no assigning authority; the spec declares "${mapping.authority}".`
                        });
                    } else if (!declared.some(authority => sameAuthority(authority, found.namespace, found.universal, found.universalType))) {
                        const sent = [found.namespace, found.universal].filter(Boolean).join(' / ');
                        report({
                            file: sample.file, range: found.range, related: mapping,
                            message: `${where} has assigning authority "${sent}", not the declared "${mapping.authority}".`
                        });
                    }
                }
                nearMissSelections(sample, report);
            },
            resource(sample, report) {
                const reported = new Set<FhirNode>();
                for (const { mapping, node, verdict, system, declared } of checkFhirIdentifiers(sample)) {
                    // One Identifier, one finding, however many mappings of its element it was compared with.
                    if (reported.has(node)) continue;
                    const where = `${node.path}${node.index !== undefined ? ` [${node.index}]` : ''}`;
                    if (verdict === 'no-system' || verdict === 'other') reported.add(node);
                    if (verdict === 'no-system') {
                        report({
                            // At the value that lacks its system: an Identifier written over several lines starts on its brace.
                            file: sample.file, range: system?.range ?? fhirChild(node, 'value')?.range ?? node.range, related: mapping,
                            message: `${where} has no system; the spec declares the authority "${mapping.authority}".`
                        });
                    } else if (verdict === 'other') {
                        report({
                            file: sample.file, range: system!.range, related: mapping,
                            message: declared.length > authoritySystems(mapping, sample.iface).length
                                ? `${where} has system "${primitiveText(system)}", none of the ${declared.map(id => `"${id}"`).join(', ')} the spec's mappings of ${node.path} declare.`
                                : `${where} has system "${primitiveText(system)}", not the declared authority's ${declared.map(id => `"${id}"`).join(' or ')} ("${mapping.authority}").`
                        });
                    }
                }
            }
        })
    }
};
