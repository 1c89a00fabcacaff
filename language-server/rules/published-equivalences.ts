import { AstUtils } from 'langium';
import { isInterface, type CodeEntry, type CodeMap, type Mapping } from '../language/generated/ast.js';
import { classRelation, codeMeaning, codesOfClass, equivalenceSystem, publishedTargets } from '../dictionaries/code-equivalences.js';
import { lookupMappedField } from '../model/field-kinds.js';
import type { RuleContext } from './rule.js';

/** One side of a mapping as these checks see it: the field's name for messages and its code system key. */
interface Side { name: string, system: string }

function side(mapping: Mapping, which: 'source' | 'target'): Side | undefined {
    const found = lookupMappedField(mapping, which)?.result;
    if (found?.status !== 'known') return undefined;
    const system = equivalenceSystem(found.field);
    return system ? { name: `${found.field.path} ${found.field.name}`, system } : undefined;
}

/** How a system is named in a message: `HL7 table 0038`, `request-status`, `DICOM (300E,0002)`. */
function systemName(system: string): string {
    const [kind, id] = [system.slice(0, system.indexOf(':')), system.slice(system.indexOf(':') + 1)];
    return kind === 'v2' ? `HL7 table ${id}` : kind === 'dicom' ? `DICOM ${id}` : id;
}

/** A code as the quick fix writes it: bare where the grammar reads it as a code (`on-hold`, `OB`, `2`), else quoted. */
function codeText(code: string): string {
    return /^[_a-zA-Z]\w*(-\w+)*$/.test(code) || /^\d+$/.test(code) ? code : JSON.stringify(code);
}

/**
 * A code map entry that gives a code another meaning than the standards give it, where both fields' code systems
 * are known (HL7 v2 table, FHIR value set, DICOM enumerated values; data/code-equivalences.json):
 *
 * - into the same code system, a code keeps itself (`TXA-19 -> TXA-19 codes { OB -> AV }`: obsolete becomes
 *   available);
 * - between systems a published HL7 v2-to-FHIR concept map joins, a code goes to one of the published targets, in
 *   either direction (`ORC-5 -> ServiceRequest.status codes { HD -> active }`: the map gives on-hold);
 * - otherwise, and where the map's target is not used, to a code of the same meaning class (DICOM (300E,0002)
 *   UNAPPROVED is not APPROVED; `C -> amended` for a correction is coarser but consistent, and passes).
 *
 * A warning where the classes contradict (preliminary and final, active and on hold, obsolete and available, urgent
 * and routine, a vague code such as unknown turned into a specific one); an info where the target loses detail
 * rather than contradicts (a correction filed as final, a sex as unknown), raised to a warning when the interface
 * handles the scenario the lost detail carries (`on correction` and C filed as final); nothing where both codes carry
 * the same news (a result cancelled or entered in error: either withdraws it). Entries in `skip` were reported by
 * another check of the map and are left alone.
 */
export function checkPublishedEquivalents(map: CodeMap, mapping: Mapping, report: RuleContext['report'], skip: ReadonlySet<number>): void {
    const source = side(mapping, 'source');
    const target = side(mapping, 'target');
    if (!source || !target) return;
    const handled = new Set((AstUtils.getContainerOfType(mapping, isInterface)?.handlers ?? []).map(handler => handler.scenario));
    map.entries.forEach((entry, index) => {
        if (skip.has(index)) return;
        const finding = judge(entry, source, target, handled);
        if (!finding) return;
        report(map, `${mapping.source} code ${finding.text}`, {
            property: 'entries', index, severity: finding.severity,
            fix: finding.expected ? { title: `Map ${String(entry.source)} to '${finding.expected}'`, target: entry, replace: { property: 'target', text: codeText(finding.expected) } } : undefined
        });
    });
}

/**
 * A code that spells a blood group (`APOS`, `"A+"`, `O_NEG`, `"AB Rh(D) positive"`): its ABO group and RhD type.
 * Only the full words and signs count (POS, NEG, POSITIVE, NEGATIVE, +, -): a one-letter P or N is too often
 * something else (BP, ON).
 */
function bloodGroup(code: string): { abo: string, rhd: '+' | '-' } | undefined {
    const match = /^(AB|A|B|O)[\s_.-]*(?:RH\s*\(?D?\)?|RHD|D)?[\s_.]*(POS|POSITIVE|NEG|NEGATIVE|\+|-)$/i.exec(code.trim());
    if (!match) return undefined;
    return { abo: match[1].toUpperCase(), rhd: /^(POS|POSITIVE|\+)$/i.test(match[2]) ? '+' : '-' };
}

/**
 * A blood group mapped to another (`APOS -> "A-"`): where a code map pairs codes that spell blood groups on both
 * sides (ABO group and RhD type, in at least two entries, so the map is one between blood group codes), an entry
 * whose target names another group or RhD type gives the patient or the unit another blood group. ISBT 128 and
 * every blood bank system read these as the same group written two ways.
 */
export function checkBloodGroups(map: CodeMap, mapping: Mapping, report: RuleContext['report'], skip: ReadonlySet<number>): void {
    const pairs = map.entries.map(entry => ({ entry, from: bloodGroup(String(entry.source)), to: bloodGroup(String(entry.target)) }));
    if (pairs.filter(pair => pair.from && pair.to).length < 2) return;
    const name = (group: { abo: string, rhd: string }) => `group ${group.abo}, RhD ${group.rhd === '+' ? 'positive' : 'negative'}`;
    pairs.forEach(({ entry, from, to }, index) => {
        if (skip.has(index) || !from || !to || (from.abo === to.abo && from.rhd === to.rhd)) return;
        // The target code another entry uses for this group, where one does: the fix writes it.
        const alike = pairs.find(other => other.to?.abo === from.abo && other.to.rhd === from.rhd);
        report(map, `${mapping.source} code ${String(entry.source)} (${name(from)}) is mapped to ${String(entry.target)} (${name(to)}): a blood group keeps its ABO group and RhD type, `
            + `and a transfusion service that reads another one selects incompatible blood. Map it to the target code of ${name(from)}.`, {
            property: 'entries', index,
            fix: alike ? { title: `Map ${String(entry.source)} to '${String(alike.entry.target)}'`, target: entry, replace: { property: 'target', text: codeText(String(alike.entry.target)) } } : undefined
        });
    });
}

interface Judgement { text: string, severity?: 'info', expected?: string }

function judge(entry: CodeEntry, source: Side, target: Side, handled: ReadonlySet<string>): Judgement | undefined {
    const [from, to] = [String(entry.source), String(entry.target)];
    const [meant, given] = [codeMeaning(source.system, from), codeMeaning(target.system, to)];
    if (!meant || !given || meant.domain !== given.domain) return undefined;
    const same = source.system === target.system;
    if (same && from === to) return undefined;
    const published = same ? undefined : publishedTargets(source.system, target.system, from);
    if (published?.targets.includes(to)) return undefined;
    if (meant.class === given.class || (meant.vague && given.vague)) return undefined;
    const relation = classRelation(meant.domain, meant.class, given.class);
    if (relation === 'alike') return undefined;
    const weaker = (given.vague && !meant.vague) || relation === 'near';
    // Detail lost is a warning where the interface handles what it carried: `on correction` and C filed as final.
    const lostScenario = meant.scenario !== undefined && meant.scenario !== given.scenario && handled.has(meant.scenario);
    const severity = weaker && !lostScenario ? 'info' as const : undefined;
    const expected = same ? from : published?.targets[0] ?? only(codesOfClass(target.system, meant.class));
    const evidence = same
        ? `a code passed into the same ${systemName(source.system)} keeps its meaning`
        : published
            ? `the HL7 v2-to-FHIR concept map (${sheetName(published.source)}) pairs ${from} with ${published.targets.join(' or ')}`
            : `${systemName(source.system)} ${from} and ${systemName(target.system)} ${to} are not the same ${meant.domain.replace(/-/g, ' ')}`;
    const consequence = severity ? 'the receiver loses what the sender said'
        : weaker ? `the receiver loses the ${meant.scenario} this interface's \`on ${meant.scenario}\` handler relies on`
            : 'the receiver acts on a meaning the sender never gave';
    return {
        severity,
        expected,
        text: `${from} (${meant.meaning}) is mapped to ${to} (${given.meaning}): ${evidence}, so ${consequence}. `
            + (expected ? `Map it to \`${expected}\`` : `Map it to a code of ${systemName(target.system)} that means ${meant.meaning}`)
            + `, or say with a suppression why the receiver reads ${to} as ${from}.`
    };
}

/** The one element of a list, else undefined (a class with several codes names no single replacement). */
function only(codes: string[]): string | undefined {
    return codes.length === 1 ? codes[0] : undefined;
}

/** `mappings/codesystems/HL7 Concept Map_ OrderStatus - Sheet1.csv` → `OrderStatus`. */
function sheetName(path: string): string {
    return /Concept Map_ (.+) - Sheet1\.csv$/.exec(path)?.[1] ?? /Segment - FHIR R4_ (.+) - Sheet1\.csv$/.exec(path)?.[1] ?? path;
}

