import type { Mapping } from '../language/generated/ast.js';
import { codesAt, fhirMappedValues, type FhirSide } from '../samples/fhir-check.js';
import { count, firstComponent, isEmptyValue, mappedValues, noDocumentCheck, type SampleFinding } from '../samples/sample-check.js';
import type { TextRange } from '../samples/read/index.js';
import { fhirCodes, handledCodes, isCatalogueFile } from '../samples/sample-reads.js';
import { type Rule } from './rule.js';


interface Seen { messages: number, file: string, range: TextRange, lastMessage: string }

/**
 * Every code a captured message carries in a field the spec maps with a code map is one the map handles (with
 * `receives`, the declared list is the contract). Each unhandled code is one finding at its first place, with
 * the number of messages that carry it; codes the map expects that no sample carried are an info on the mapping.
 */
export const sampleCodesRule: Rule = {
    id: 'sample-codes',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'samples',
    summary: 'Codes in captured messages are handled by the code map of their field; codes never seen are reported as coverage.',
    description: 'A code the code map does not handle is dropped, defaulted or rejected by the receiver: a result without its '
        + 'test, an order without its priority. Each code in a mapped field of a captured message is compared with the '
        + 'codes its map handles (its `receives` list when it has one, else the map\'s source codes, or the codes of its '
        + '`codes table`, listed inline or in the table\'s `file`: the column headed `code`, `loinc`, `snomed` or `… code` of '
        + 'the CSV, else its first column). An unhandled code is reported once, at its first place, with how many messages carry it. '
        + 'In a FHIR resource the code is the element\'s `code`, `Coding.code`, or a CodeableConcept\'s `coding.code` (one '
        + 'of its codings suffices); where the resource is the mapping\'s target it must be one of the map\'s targets. '
        + 'With `coverage` on, the codes a map handles that no HL7 v2 sample carried are an info on the mapping (not the '
        + 'codes of a catalogue kept in a file).',
    options: {
        type: 'object',
        additionalProperties: false,
        properties: {
            coverage: { type: 'boolean', default: true, description: 'Report, as an info on the mapping, the codes a code map handles that no sample carried.' }
        }
    },
    check: noDocumentCheck,
    samples: {
        begin(options) {
            const unhandled = new Map<Mapping, Map<string, Seen>>();
            const exercised = new Map<Mapping, Set<string>>();
            const unhandledFhir = new Map<Mapping, Map<string, Seen & { side: FhirSide, path: string }>>();
            let messageKey = 0;
            return {
                message(sample) {
                    const key = String(messageKey++);
                    for (const { mapping, match } of mappedValues(sample, m => handledCodes(m) !== undefined)) {
                        const codesOfMap = handledCodes(mapping)!;
                        const { text, range } = firstComponent(match);
                        if (isEmptyValue(text)) continue;
                        const seen = exercised.get(mapping) ?? new Set<string>();
                        seen.add(text);
                        exercised.set(mapping, seen);
                        if (codesOfMap.has(text)) continue;
                        const codes = unhandled.get(mapping) ?? new Map<string, Seen>();
                        unhandled.set(mapping, codes);
                        const first = codes.get(text);
                        if (!first) codes.set(text, { messages: 1, file: sample.file, range, lastMessage: key });
                        else if (first.lastMessage !== key) {
                            first.messages++;
                            first.lastMessage = key;
                        }
                    }
                },
                resource(sample) {
                    const key = String(messageKey++);
                    for (const { mapping, side, node } of fhirMappedValues(sample, (m, side) => fhirCodes(m, side) !== undefined)) {
                        const allowed = fhirCodes(mapping, side)!;
                        for (const concept of codesAt(node)) {
                            if (concept.length === 0 || concept.some(code => allowed.has(code.text))) continue;
                            const { text, node: at } = concept[0];
                            const codes = unhandledFhir.get(mapping) ?? new Map<string, Seen & { side: FhirSide, path: string }>();
                            unhandledFhir.set(mapping, codes);
                            const first = codes.get(text);
                            if (!first) codes.set(text, { messages: 1, file: sample.file, range: at.range, lastMessage: key, side, path: at.path });
                            else if (first.lastMessage !== key) {
                                first.messages++;
                                first.lastMessage = key;
                            }
                        }
                    }
                },
                end(report) {
                    for (const [mapping, codes] of unhandled) {
                        for (const [code, seen] of codes) {
                            const finding: SampleFinding = {
                                file: seen.file, range: seen.range, related: mapping,
                                message: `Code "${code}" in ${mapping.source} is not handled by its code map (${mapping.source} -> ${mapping.target}); `
                                    + `${count(seen.messages, 'message')} ${seen.messages === 1 ? 'carries' : 'carry'} it; this is the first.`
                            };
                            report(finding);
                        }
                    }
                    for (const [mapping, codes] of unhandledFhir) {
                        for (const [code, seen] of codes) {
                            const what = seen.side === 'target' ? 'is not one its code map produces' : 'is not handled by its code map';
                            report({
                                file: seen.file, range: seen.range, related: mapping,
                                message: `Code "${code}" at ${seen.path} ${what} (${mapping.source} -> ${mapping.target}); `
                                    + `${count(seen.messages, 'resource')} ${seen.messages === 1 ? 'carries' : 'carry'} it; this is the first.`
                            });
                        }
                    }
                    if (options.coverage === false) return;
                    for (const [mapping, seen] of exercised) {
                        // A catalogue of hundreds of tests is governed by its owner, not exercised code by code.
                        if (isCatalogueFile(mapping)) continue;
                        const missing = [...handledCodes(mapping)!].filter(code => !seen.has(code));
                        if (missing.length === 0) continue;
                        report({
                            node: mapping, severity: 'info',
                            message: `No sample carried ${missing.length === 1 ? 'code' : 'codes'} ${missing.map(code => `"${code}"`).join(', ')} of the code map of ${mapping.source}; `
                                + 'add samples that do, or they go live untested.'
                        });
                    }
                }
            };
        }
    }
};
