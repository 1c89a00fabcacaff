import type { Mapping } from '../language/generated/ast.js';
import { count, firstComponent, isEmptyValue, mappedValues, noDocumentCheck, type SampleFinding } from '../samples/sample-check.js';
import type { TextRange } from '../samples/read/index.js';
import { type Rule } from './rule.js';

const handled = new WeakMap<Mapping, Set<string> | undefined>();

/**
 * The codes a mapping's code map handles: its `receives` list when it has one (the contract), else the map's
 * sources; or its code table's inline codes. Computed once per mapping (it is asked for every value of every message).
 */
function handledCodes(mapping: Mapping): Set<string> | undefined {
    if (handled.has(mapping)) return handled.get(mapping);
    let codes: Set<string> | undefined;
    if (mapping.codes) {
        const list = mapping.codes.receives.length > 0 ? mapping.codes.receives : mapping.codes.entries.map(entry => entry.source);
        codes = new Set(list.map(code => String(code)));
    } else {
        const table = mapping.table?.ref;
        codes = table && table.codes.length > 0 ? new Set(table.codes.map(String)) : undefined;
    }
    handled.set(mapping, codes);
    return codes;
}

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
        + '`codes table`). An unhandled code is reported once, at its first place, with how many messages carry it. '
        + 'With `coverage` on, the codes a map handles that no sample carried are an info on the mapping.',
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
                    if (options.coverage === false) return;
                    for (const [mapping, seen] of exercised) {
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
