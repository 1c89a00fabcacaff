/**
 * The options completion offers after a mapping's target (`as`, `identifier authority`, `units`, `timezone`,
 * `clock`, `codes`, `suppress`), each with what it records, those that suit the target field's kind first (an
 * identifier's authority, a quantity's units, a timestamp's zone and clock, a code's map).
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { lookupField, type FieldKind } from '../dictionaries/index.js';
import { pathStandard } from './mapping-target-standard.js';

interface MappingOption {
    /** The grammar keyword that starts the option (Mapping rule). */
    keyword: string;
    label: string;
    /** What it records, in the words of docs/language.md's table of mapping options. */
    detail: string;
    /** Snippet inserted when the client takes snippets; plain `label ` otherwise. */
    snippet: string;
    /** The target kinds it is written for; the option is listed first for them. */
    suits: ReadonlyArray<FieldKind | 'date'>;
    /** Ask the editor for completion right after it (units, zones, codes follow). */
    thenSuggest?: boolean;
}

const OPTIONS: readonly MappingOption[] = [
    { keyword: 'as', label: 'as', detail: 'what the field holds: identifier, quantity, timestamp, date, code or text', snippet: 'as ${1|identifier,quantity,timestamp,date,code,text|}', suits: [] },
    { keyword: 'identifier', label: 'identifier authority', detail: 'the assigning authority of an identifier (who issues the number)', snippet: 'identifier authority "$1"', suits: ['identifier'] },
    { keyword: 'units', label: 'units', detail: 'the unit of a quantity (`units UCUM`, `units "mg/dL" -> "mmol/L" factor 0.0555`)', snippet: 'units ', suits: ['quantity'], thenSuggest: true },
    { keyword: 'timezone', label: 'timezone', detail: 'the time zone of a timestamp (`timezone site` or an IANA name)', snippet: 'timezone ', suits: ['timestamp'], thenSuggest: true },
    { keyword: 'clock', label: 'clock', detail: 'which clock stamps the time', snippet: 'clock "$1"', suits: ['timestamp'] },
    { keyword: 'codes', label: 'codes', detail: 'the code map: each source code to its target code', snippet: 'codes { $0 }', suits: ['code'], thenSuggest: true },
    { keyword: 'suppress', label: 'suppress', detail: 'silences one rule on this mapping, with the reason', snippet: 'suppress ${1:rule} because "$2"', suits: [] }
];

/** The option a Mapping keyword starts, if it starts one. */
export function mappingOption(keyword: string): MappingOption | undefined {
    return OPTIONS.find(option => option.keyword === keyword);
}

/**
 * The line up to the cursor is a mapping whose target is written (`OBX-3 -> Observation.code `, possibly with
 * options already): the target path, or undefined for any other line.
 */
export function mappingTargetOnLine(lineBeforeCursor: string): string | undefined {
    return /^\s*[^\s{}"]+\s*->\s*([^\s{}"]+)\s/.exec(lineBeforeCursor)?.[1];
}

/** The kind of a mapping's target path, from the dictionaries (the standard's latest version); undefined if unknown. */
export function targetKind(target: string): FieldKind | undefined {
    const standard = pathStandard(target);
    const found = standard ? lookupField(standard, undefined, target) : undefined;
    return found?.status === 'known' ? found.field.kind : undefined;
}

/** The completion item of an option, those that suit the target's kind first (`0`), in the order of OPTIONS. */
export function mappingOptionItem(option: MappingOption, kind: FieldKind | undefined, snippets: boolean): CompletionItem {
    const suits = kind !== undefined && option.suits.includes(kind);
    return {
        label: option.label,
        kind: CompletionItemKind.Keyword,
        detail: option.detail,
        labelDetails: suits ? { description: `for a ${kind}` } : undefined,
        sortText: `${suits ? '0' : '1'}${String(OPTIONS.indexOf(option)).padStart(2, '0')}`,
        filterText: option.keyword,
        insertText: snippets ? option.snippet : `${option.label} `,
        insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        command: option.thenSuggest ? { title: option.label, command: 'editor.action.triggerSuggest' } : undefined
    };
}
