/**
 * `interspec import hl7v2-profile`: HL7 v2 XML conformance profiles (HL7 v2.5.1 chapter 2B message profiles) as
 * Messaging Workbench and IGAMT export them (`HL7v2xConformanceProfile`), and NIST/IGAMT `Profile.xml`
 * (`ConformanceProfile`) with its `ValueSets.xml` or `Tables.xml`, into a `profile` file per message and a draft
 * interface whose message follows it, with every required field of the profile as a TODO mapping line.
 */
import type { Draft, DraftInterface, DraftProfileItem, DraftTodo } from './draft.js';
import { ImportError } from './import-error.js';
import type { ImportInput, ImportKind, ImportOptions } from './import-kind.js';
import { profileName, readNistProfile, readWorkbenchProfile, type ReadProfile } from './hl7v2-profile/read-profile.js';
import { isVocabulary, readValueSets, type ValueSet } from './hl7v2-profile/read-value-sets.js';
import { readXmlTree, sameName } from './hl7v2-profile/xml-tree.js';
import { toName } from './spec-text.js';

export const hl7v2ProfileImport: ImportKind = {
    name: 'hl7v2-profile',
    summary: 'HL7 v2 XML conformance profiles (Messaging Workbench, IGAMT, NIST Profile.xml with ValueSets.xml)',
    read: readHl7v2Profiles
};

/**
 * Reads profile and vocabulary files into a draft: one `profile` per message profile (usage, cardinality, data
 * types, lengths, table bindings of its groups, segments and fields), one interface per profile whose `message
 * <type> profile <name>` lists each R and RE field as a `// TODO` mapping line, and the value sets of vocabulary
 * files as notes on the profiles. Throws `ImportError` for malformed XML or a file that is neither.
 */
export function readHl7v2Profiles(inputs: ImportInput[], options: ImportOptions): Draft {
    const read: ReadProfile[] = [];
    const valueSets: Array<ValueSet & { file: string }> = [];
    for (const input of inputs) {
        const text = new TextDecoder('utf-8').decode(input.content);
        const root = readXmlTree(input.name, text);
        if (sameName(root.name, 'HL7v2xConformanceProfile')) read.push(...readWorkbenchProfile(input.name, root));
        else if (sameName(root.name, 'ConformanceProfile')) read.push(...readNistProfile(input.name, root));
        else if (isVocabulary(root)) valueSets.push(...readValueSets(root).map(set => ({ ...set, file: input.name })));
        else throw new ImportError(input.name, `<${root.name}> is not an HL7 v2 conformance profile (HL7v2xConformanceProfile, ConformanceProfile) nor a value set file (ValueSetLibrary, TableLibrary)`, root.line, root.column);
    }
    if (read.length === 0) {
        const first = inputs[0]?.name ?? 'input';
        throw new ImportError(first, 'no conformance profile among the files (value sets alone give nothing to import)', 1, 1);
    }
    const taken = new Set<string>();
    const unique = (name: string) => {
        let chosen = name;
        for (let n = 2; taken.has(chosen); n++) chosen = `${name}${n}`;
        taken.add(chosen);
        return chosen;
    };
    const source = options.from ?? 'SendingSystem';
    const target = options.to ?? 'ReceivingSystem';
    const interfaces: DraftInterface[] = [];
    for (const entry of read) {
        const profile = entry.profile;
        profile.name = unique(profileName(entry.label));
        profile.doc = [profile.doc, `Imported from ${entry.file}.`].filter(Boolean).join('. ').replace(/\.\. /g, '. ');
        profile.notes = valueSets.map(set => `value set ${set.id}${set.name ? ` "${set.name}"` : ''} (${set.file}:${set.line}): ${set.codes.length > 0 ? set.codes.join(', ') : 'no codes'}`);
        const type = [entry.messageType, entry.event].every(part => part && /^[_a-zA-Z]\w*$/.test(part)) ? `${entry.messageType}^${entry.event}` : undefined;
        const name = unique(read.length === 1 && options.interfaceName ? options.interfaceName : toName(`${type ?? entry.label} feed`.replace('^', ' '), 'Interface'));
        interfaces.push({
            name,
            doc: `Draft of an interface that follows profile ${profile.name} (${entry.file}): map each required field, then run interspec check.`,
            source, target,
            standard: { name: 'HL7v2', version: profile.version },
            messages: type ? [{ type, profile: profile.name, mappings: [], pending: requiredFields(profile.items) }] : [],
            todos: type ? undefined : [{ text: `the profile names no message type: add the message statement with profile ${profile.name}`, from: { file: entry.file } }]
        });
    }
    return {
        kind: 'hl7v2-profile',
        inputs: inputs.map(input => input.name),
        interfaces,
        systems: [...new Set([source, target])].map(system => ({ name: system })),
        teams: [],
        todos: [],
        profiles: read.map(entry => entry.profile)
    };
}

/**
 * One TODO per field the profile marks R or RE, in message order, each once (a segment in several places lists a
 * field once): `PID-3 (R, CX, Patient Identifier List) -> ?`. Fields of segments and groups marked X are left out,
 * as are MSH-1 and MSH-2 (the separators, which the engine writes).
 */
function requiredFields(items: DraftProfileItem[]): DraftTodo[] {
    const todos: DraftTodo[] = [];
    const seen = new Set<string>();
    const walk = (list: DraftProfileItem[]) => {
        for (const item of list) {
            if (item.usage === 'X' || item.usage === 'W') continue;
            if (item.kind === 'group') {
                walk(item.items);
                continue;
            }
            for (const field of item.fields) {
                const key = `${item.name}-${field.position}`;
                if (field.usage !== 'R' && field.usage !== 'RE' || seen.has(key) || key === 'MSH-1' || key === 'MSH-2') continue;
                seen.add(key);
                const about = [field.usage, field.dataType, field.title].filter(Boolean).join(', ');
                todos.push({ text: `${key} (${about}) -> ?`, from: field.from ?? { file: '?' } });
            }
        }
    };
    walk(items);
    return todos;
}
