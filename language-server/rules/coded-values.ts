import { isCodeTable, isInterface, isMapping, type CodeMap, type CodeTable, type Interface, type Mapping } from '../language/generated/ast.js';
import { statusCodeGaps, type StatusCodeGap } from '../model/correction-codes.js';
import { priorityCodes } from '../dictionaries/code-equivalences.js';
import { routeEquivalent } from '../dictionaries/route-equivalences.js';
import { closestAmong } from '../dictionaries/suggest.js';
import { isDeviceKind, kindWords } from '../model/medical-devices.js';
import { lookupMappedField, mappingKind, passesCodesThrough } from '../model/field-kinds.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { descendantsOfType, isPlaceholder, isPlaceholderCode, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { checkBloodGroups, checkPublishedEquivalents } from './published-equivalences.js';
import { NO_OPTIONS, type FixSpec, type Rule, type RuleContext } from './rule.js';

export const codedValuesRule: Rule = {
    id: 'coded-values',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Coded fields map every source code they can receive (e.g. result status F, C, X).',
    description: 'A status code the receiver does not map (a corrected or cancelled result) leaves old data active. '
        + 'A mapping of a coded field declares `codes { … }`, lists what the sender sends with `receives`, and maps every received code; '
        + 'an `on correction` or `on cancellation` handler needs the standard\'s codes in the result status field\'s map and '
        + '`receives` (HL7 v2 OBR-25/OBX-11 C, OBR-25 X; FHIR corrected, DiagnosticReport cancelled and entered-in-error), '
        + 'and a received correction or cancellation code needs its handler; '
        + 'a code keeps the meaning the standards give it (HL7 v2-to-FHIR concept maps, its own table, DICOM enumerated values: ORC-5 HD is on-hold, not active); '
        + 'a catalogue-sized code set is a governed `codetable` (owner, source system, version) referenced with `codes table <name>`.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const table of model.elements.filter(isCodeTable)) {
            checkCodeTable(table, report);
        }
        for (const node of model.elements.filter(isInterface)) {
            for (const problem of [...statusCodeProblems(node, workspace), ...orderControlProblems(node), ...handlerCodeProblems(node), ...senderCodeProblems(node, workspace)]) {
                report(problem.map, problem.message, { keyword: '{', fix: problem.fix, severity: (problem as { severity?: 'info' }).severity });
            }
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            const map = mapping.codes;
            if (mapping.table) {
                continue; // a governed code table holds the codes; its own governance is checked on the table
            }
            if (!map) {
                // A unit field whose mapping declares its unit system (`units UCUM`) is handled by the units.
                if (mappingKind(mapping) === 'code' && !mapping.units && !mapping.analyteUnits && !passesCodesThrough(mapping)) {
                    // Into the same field (PV1-3 -> PV1-3, a payload's `items` -> `items`) nothing is translated: whether the
                    // receiver knows the sender's codes (a location master both load) is context the spec may not state.
                    const same = intoSameField(mapping);
                    report(mapping, same
                        ? `${mapping.source} is a coded field passed into the same field without a code map; if the receiver's codes are not the sender's (its own location or catalogue list), add \`codes { <source> -> <target>, … } receives <codes the sender sends>\`.`
                        : `${mapping.source} is a coded field mapped without a code map; add \`codes { <source> -> <target>, … } receives <codes the sender sends>\`, or \`codes table <code table>\` for a catalogue.`, {
                        property: 'source', severity: same ? 'info' : undefined
                    });
                }
                continue;
            }
            const mapped = new Set(map.entries.map(entry => String(entry.source)));
            const unmapped = map.receives.map(String).filter(code => !mapped.has(code));
            const small = unmapped.length === 0 ? smallSetLeftOut(mapping, mapped) : undefined;
            if (small) {
                // An info: whether this sender ever sends the codes left out is context a spec may not state.
                report(map, `${mapping.source} takes its codes from ${small.where}, a set of ${small.size} the sender can send whole, but the code map leaves out ${listText(small.codes)}; `
                    + `add \`${small.codes[0]} -> <target code>\`${small.codes.length > 1 ? ' and the others' : ''} (and to \`receives\`), or say with a suppression why this sender never sends ${small.codes.length > 1 ? 'them' : 'it'}.`, {
                    keyword: '{', severity: 'info',
                    fix: { title: `Add code map entries for ${listText(small.codes)}`, target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}${small.codes.map(code => `${code} -> TODO`).join(', ')} ` }
                });
            }
            if (unmapped.length > 0) {
                report(map, `${mapping.source} can receive ${listText(unmapped)} but the code map does not map ${unmapped.length > 1 ? 'them' : 'it'}; add \`${unmapped[0]} -> <target code>\`.`, {
                    keyword: 'receives',
                    fix: { title: `Add code map entries for ${listText(unmapped)}`, target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}${unmapped.map(code => `${code} -> TODO`).join(', ')} ` }
                });
            } else if (map.receives.length === 0 && map.entries.length > 0) {
                report(map, `The code map of ${mapping.source} does not say which codes the sender sends; add \`receives <code>, …\` so unmapped codes are caught.`, { property: 'entries', index: 0 });
            }
            const allowed = targetCodes(mapping);
            // The checks of one entry's target report it once: the published equivalences last, on what is left.
            const judged = new Set<number>();
            const entryReport: RuleContext['report'] = (node, message, location) => {
                if (node === map && location?.property === 'entries' && location.index !== undefined) judged.add(location.index);
                report(node, message, location);
            };
            if (allowed) checkCollapse(map, mapping, allowed, entryReport);
            checkRouteEquivalents(map, mapping, entryReport);
            checkPatternCollapse(map, mapping, entryReport);
            checkPriorityDropped(map, mapping, entryReport);
            checkPublishedEquivalents(map, mapping, entryReport, judged);
            checkBloodGroups(map, mapping, report, judged);
            map.entries.forEach((entry, index) => {
                const target = String(entry.target);
                if (isPlaceholderCode(target)) {
                    report(map, `Code ${entry.source} is mapped to a placeholder; write the target code.`, { property: 'entries', index });
                } else if (allowed && !allowed.codes.includes(target)) {
                    const suggestion = closestAmong(target, allowed.codes);
                    report(map, `Code ${entry.source} is mapped to '${target}', which is not a code of ${allowed.where}: the receiver rejects it or files it unread. `
                        + `Use one of ${allowed.codes.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}.`, { property: 'entries', index });
                }
            });
        }
    }
};

/**
 * Whether a mapping carries a value into the same field it came from: the same HL7 v2 field path on both sides
 * (`PV1-3 -> PV1-3`, `PV1-3.1 -> PV1-3.1`), or, where no dictionary knows either side (a REST or file payload), the
 * same last element name (`selection.items -> order.items`). Repetition indexes and authority selectors are ignored.
 */
function intoSameField(mapping: Mapping): boolean {
    if (mapping.target === undefined) return false;
    const plain = (path: string) => path.replace(/\[[^\]]*\]/g, '').trim().toUpperCase();
    const source = plain(mapping.source);
    const target = plain(mapping.target);
    if (source === target) return true;
    const known = (side: 'source' | 'target') => lookupMappedField(mapping, side)?.result.status === 'known';
    const leaf = (path: string) => path.split('.').pop() ?? path;
    return !known('source') && !known('target') && /\./.test(source) && /\./.test(target) && leaf(source) === leaf(target);
}

/**
 * The codes a mapping's target field can hold where the standard fixes them and receivers enforce them: an HL7 v2
 * status or order control field of an HL7-defined table (data type ID: OBX-11 table 0085, OBR-25 table 0123, ORC-1
 * table 0119; other ID tables such as OBR-24's 0074 are extended locally) or a FHIR `code` element with a required binding
 * (Observation.status: observation-status). User-defined HL7 tables (IS), coded elements of external systems (CWE)
 * and extensible bindings take local codes, so they are not judged. Undefined when nothing is fixed.
 */
function targetCodes(mapping: Mapping): { codes: string[], where: string } | undefined {
    const found = lookupMappedField(mapping, 'target')?.result;
    const field = found?.status === 'known' ? found.field : undefined;
    if (!field?.codes?.length || !field.table) return undefined;
    if (field.standard === 'HL7v2' && field.dataType === 'ID' && !/\./.test(field.path) && /\b(Status|Order Control)\b/.test(field.name)) {
        return { codes: field.codes, where: `HL7 table ${field.table} (${field.path} ${field.name})` };
    }
    if (field.standard === 'FHIR' && field.dataType === 'code') {
        return { codes: field.codes, where: `${field.table}, the required value set of ${field.path}` };
    }
    return undefined;
}

/** The largest fixed code set a map must cover whole: a set this small is sent whole by any sender (sex, priority). */
const SMALL_SET = 6;

/**
 * The codes of a small fixed source set a code map leaves out: a source field whose HL7-defined table or required
 * FHIR binding has at most six codes (FHIR request-priority: routine, urgent, asap, stat; HL7 table 0136 Y, N) can carry any of them, and senders use the whole set, so a map of part of it drops what arrives (an
 * ambiguous sex, an asap referral), whatever `receives` was copied from. A subset of
 * a large status table (OBX-11 F, C, X, P of table 0085's twelve) is what one sender uses, and is not judged.
 */
function smallSetLeftOut(mapping: Mapping, mapped: ReadonlySet<string>): { codes: string[], where: string, size: number } | undefined {
    const found = lookupMappedField(mapping, 'source')?.result;
    const field = found?.status === 'known' ? found.field : undefined;
    if (!field?.codes?.length || !field.table || field.codes.length > SMALL_SET || /\./.test(field.path.replace(/^[A-Z][a-zA-Z]+\./, ''))) return undefined;
    // HL7 v2 user-defined tables (IS: sex 0001) list suggested values a site narrows; only HL7-defined (ID) sets and
    // required FHIR bindings are sent whole.
    if (field.standard === 'HL7v2' && field.dataType !== 'ID') return undefined;
    const codes = field.codes.filter(code => !mapped.has(code));
    if (codes.length === 0 || codes.length === field.codes.length) return undefined;
    const where = field.standard === 'FHIR' ? `the required value set ${field.table}` : `HL7 table ${field.table}`;
    return { codes, where, size: field.codes.length };
}

/**
 * Two source codes mapped to one target status code where the target field could keep them apart: a source code that is
 * itself a code of the target's fixed table (OBX-11 `C -> F` beside `F -> F`: table 0085 has C; FHIR `on-hold ->
 * active` beside `active -> active`: the required value set has on-hold) is collapsed into another, and the
 * distinction the sender made (a correction, a held dose) is lost on the way.
 */
function checkCollapse(map: CodeMap, mapping: Mapping, allowed: { codes: string[], where: string }, report: RuleContext['report']): void {
    // Status and order control fields only: a receiver that lacks a code of another set (a PMS with no `asap`
    // priority) maps it to the nearest on purpose, while a status collapsed loses a correction or a hold.
    const target = lookupMappedField(mapping, 'target')?.result;
    if (target?.status !== 'known' || !(/\.status$/.test(target.field.path) || /\b(Status|Order Control)\b/.test(target.field.name))) return;
    const byTarget = new Map<string, string[]>();
    for (const entry of map.entries) {
        const target = String(entry.target);
        byTarget.set(target, [...byTarget.get(target) ?? [], String(entry.source)]);
    }
    map.entries.forEach((entry, index) => {
        const [source, target] = [String(entry.source), String(entry.target)];
        const sources = byTarget.get(target) ?? [];
        if (source !== target && sources.length > 1 && allowed.codes.includes(source) && allowed.codes.includes(target)) {
            report(map, `${mapping.source} code ${source} is mapped to ${target}, like ${listText(sources.filter(other => other !== source))}, though ${source} is a code of ${allowed.where} too: `
                + `the receiver can no longer tell them apart. Map it to \`${source}\`, or say why they are one with a suppression.`, { property: 'entries', index });
        }
    });
}

/**
 * A route code mapped against the published equivalence: in a map between SNOMED CT route concepts (DICOM PS3.16
 * CID 11) and HL7 v2 table 0162 codes, in either direction, an entry whose target is a route of the other list but
 * not the source's own route (`72607000` Intrathecal -> `IV`) gives the dose another route. Judged only where another
 * entry of the map pairs codes exactly as the tables do, so the map is shown to be one between these two lists.
 */
function checkRouteEquivalents(map: CodeMap, mapping: Mapping, report: RuleContext['report']): void {
    const pairs = map.entries.map(entry => ({ source: String(entry.source), target: String(entry.target) }));
    const equivalent = ({ source, target }: { source: string, target: string }) => {
        const route = routeEquivalent(source);
        return route !== undefined && (route.snomed === source ? route.hl7 : route.snomed) === target;
    };
    if (!pairs.some(equivalent)) return;
    pairs.forEach((pair, index) => {
        const [from, to] = [routeEquivalent(pair.source), routeEquivalent(pair.target)];
        if (!from || !to || from === to || equivalent(pair)) return;
        // Source and target from the two lists, not both from one (a same-system map is not an equivalence).
        if ((from.snomed === pair.source) === (to.snomed === pair.target)) return;
        const own = from.snomed === pair.source ? from.hl7 : from.snomed;
        const alike = pairs.filter(other => other !== pair && other.target === pair.target).map(other => other.source);
        report(map, `${mapping.source} code ${pair.source} (${from.route} route) is mapped to ${pair.target}, the ${to.route} route${alike.length > 0 ? `, like ${listText(alike)}` : ''}: `
            + `SNOMED CT (DICOM PS3.16 CID 11) and HL7 table 0162 name its route ${own}. The receiver gives or prepares the dose by another route. Map it to \`${own}\`.`, {
            property: 'entries', index
        });
    });
}

/**
 * A code map that renames by a pattern (`"20X" -> "SCAN-20X"`, `"40X" -> "SCAN-40X"`: every target is its source
 * code with a prefix or suffix) and maps one code to another code's target instead (`"40X-Z9" -> "SCAN-40X"`)
 * collapses two codes the sender keeps apart. An info: the spec says how the codes are renamed, but not whether the
 * receiver lacks the code on purpose.
 */
function checkPatternCollapse(map: CodeMap, mapping: Mapping, report: RuleContext['report']): void {
    const pairs = map.entries.map(entry => ({ source: String(entry.source), target: String(entry.target) }));
    const renamed = pairs.filter(({ source, target }) => target !== source && containsCode(target, source));
    pairs.forEach((pair, index) => {
        if (renamed.includes(pair) || containsCode(pair.target, pair.source)) return;
        const others = pairs.filter(other => other !== pair);
        if (others.length < 2 || !others.every(other => renamed.includes(other))) return;
        const alike = others.filter(other => other.target === pair.target);
        if (alike.length === 0) return;
        report(map, `${mapping.source} code ${pair.source} is mapped to ${pair.target}, the target of ${listText(alike.map(other => other.source))}, while every other code keeps its own code in its target (${others.slice(0, 2).map(other => `${other.source} -> ${other.target}`).join(', ')}): `
            + `the receiver can no longer tell ${pair.source} from ${alike[0].source}. Map it to its own code, or say why they are one with a suppression.`, {
            property: 'entries', index, severity: 'info'
        });
    });
}

/** Whether a target code contains a source code as a whole part ("SCAN-40X" contains "40X", not "0X"). */
function containsCode(target: string, source: string): boolean {
    const at = target.toLowerCase().indexOf(source.toLowerCase());
    if (at < 0 || source.length === 0) return false;
    const [before, after] = [target.charAt(at - 1), target.charAt(at + source.length)];
    return !/[a-z0-9]/i.test(before) && !/[a-z0-9]/i.test(after);
}

/**
 * Priority codes above routine and routine codes, by code system (data/code-equivalences.json, domain `priority`):
 * FHIR request-priority (urgent, asap, stat: each "sooner than" routine; routine), HL7 v2 priority tables 0027
 * (ORC-7.6, OBR-27.6), 0485 (TQ1-9) and 0280 (RF1-2 Referral Priority): A (ASAP) and S (STAT); R, table 0217 (PV2-25)
 * 1 and 2; DICOM Requested Procedure Priority (0040,1003): HIGH, STAT; ROUTINE (PS3.3 C.4.11). Codes whose rank is
 * not urgency (v2 T, timing critical; P, preop; PRN) are in neither.
 */
let priorities: ReturnType<typeof priorityCodes> | undefined; // read when a priority map is first judged

/**
 * A priority code above routine mapped to routine (`urgent -> R` into RF1-2): the request loses its urgency and is
 * worked in the routine queue. Where the target lacks the code, the next higher one keeps the request ahead
 * (`urgent -> A`). Judged on priority fields only (the dictionary's field name, or a `.priority` element).
 */
function checkPriorityDropped(map: CodeMap, mapping: Mapping, report: RuleContext['report']): void {
    const names = (['source', 'target'] as const).map(side => {
        const found = lookupMappedField(mapping, side)?.result;
        return found?.status === 'known' ? `${found.field.path} ${found.field.name}` : (side === 'source' ? mapping.source : mapping.target) ?? '';
    });
    if (!names.every(name => /priority|\(0040,1003\)/i.test(name))) return;
    priorities ??= priorityCodes();
    const { aboveRoutine, routine } = priorities;
    // Word codes are matched in any case (a local `URGENT -> ROUTINE`); letters and digits only as the tables write them.
    const has = (codes: ReadonlySet<string>, code: string) => codes.has(code) || (code.length > 3 && (codes.has(code.toLowerCase()) || codes.has(code.toUpperCase())));
    map.entries.forEach((entry, index) => {
        const [source, target] = [String(entry.source), String(entry.target)];
        if (!has(aboveRoutine, source) || !has(routine, target)) return;
        report(map, `${mapping.source} priority ${source} is mapped to ${target}, the routine priority: the request loses its urgency and waits in the routine queue. `
            + `Map it to the receiver's next higher priority (ASAP or STAT), or say with a suppression why it is routine there.`, { property: 'entries', index });
    });
}

/**
 * A code table is governed: someone owns it, one system is its source of truth, and a version (or date) says which
 * edition the interfaces were tested against, so that a catalogue update is a change, not a surprise.
 */
function checkCodeTable(table: CodeTable, report: RuleContext['report']): void {
    const missing: string[] = [];
    const lines: string[] = [];
    if (table.owners.length === 0) {
        missing.push('an owner (`owner <team or role>`)');
        lines.push('// TODO: owner <team or role>');
    }
    if (table.source === undefined) {
        missing.push('its source system (`source <system>`)');
        lines.push('// TODO: source <system>');
    }
    if (isPlaceholder(table.version === undefined ? undefined : String(table.version))) {
        missing.push('a version or date (`version "2026-03"`)');
        if (table.version === undefined) lines.push('version "TODO"');
    }
    if (missing.length > 0) {
        report(table, `Code table '${table.name}' lacks ${listText(missing)}; a governed code table says who maintains it, where it comes from and which edition the interfaces use.`, {
            property: 'name',
            fix: lines.length > 0 ? { title: 'Add the missing governance placeholders', target: table, lines } : undefined
        });
    }
}

/** A finding of statusCodeProblems: on the code map, with the message and the mechanical fix. */
interface StatusCodeProblem {
    map: CodeMap;
    message: string;
    fix?: FixSpec;
    /** Set only to lower the rule's severity: a finding that asks for context the spec has not given. */
    severity?: 'info';
}

/** The gaps of statusCodeGaps as findings: what is missing and what to write. */
function statusCodeProblems(node: Interface, workspace: WorkspaceIndex): StatusCodeProblem[] {
    return statusCodeGaps(node, workspace).map(gap => ({ map: gap.map, message: gapMessage(node, gap), fix: gapFix(node, gap), severity: gap.kind === 'broader-only' ? 'info' as const : undefined }));
}

/** Placeholders for the missing entries, `receives` codes or handler: the architect writes the targets and the action. */
function gapFix(node: Interface, { kind, scenario, codes, map, onSource }: StatusCodeGap): FixSpec | undefined {
    switch (kind) {
        case 'not-mapped':
            return onSource
                ? { title: `Add code map entries for ${listText(codes)}`, target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}${codes.map(code => `${code} -> TODO`).join(', ')} ` }
                : undefined;
        case 'not-received':
            return { title: `Add ${listText(codes)} to receives`, target: map, inline: `, ${codes.join(', ')}` };
        case 'broader-only':
            return { title: `Add code map entries for ${listText(codes)}`, target: map, beforeClose: `, ${codes.map(code => `${code} -> TODO`).join(', ')} ` };
        case 'no-handler':
            return { title: `Add an on ${scenario} handler stub`, target: node, lines: [`on ${scenario} "TODO: what the systems and staff do"`] };
    }
}

function gapMessage(node: Interface, { kind, scenario, codes, map, path, onSource }: StatusCodeGap): string {
    const many = codes.length > 1;
    switch (kind) {
        case 'not-mapped':
            return `'${node.name}' handles ${scenario}s, but the code map of ${path} does not map ${listText(codes)}${onSource ? '' : ' as a target'}: ${many ? 'those codes carry' : 'that code carries'} the ${scenario}. Add ${onSource ? `\`${codes[0]} -> <target>\`${map.receives.length > 0 ? ' and list it in `receives`' : ''}` : `\`<source> -> ${codes[0]}\``}.`;
        case 'not-received':
            return `'${node.name}' handles ${scenario}s, but ${path} does not list ${listText(codes)} in \`receives\`; add ${many ? 'them' : 'it'} so the sender's ${scenario} codes are tested.`;
        case 'broader-only':
            return `'${node.name}' handles ${scenario}s, and ${path} carries them as ${listText(map.entries.map(entry => String(entry.source)).filter(code => code === 'amended'))} only: `
                + `${listText(codes)} (a kind of amended) is not mapped. If the sender never sends ${listText(codes)}, say so in its interface notes; if it may, add \`${codes[0]} -> <target>\`${map.receives.length > 0 ? ' and list it in `receives`' : ''}.`;
        case 'no-handler':
            return `${path} ${onSource ? 'receives' : 'maps to'} ${listText(codes)} (a ${scenario}) but '${node.name}' has no \`on ${scenario}\` handler: say what happens to the result sent before, e.g. \`on ${scenario} "<action>" escalate <team> within <duration>\`.`;
    }
}

/**
 * Pharmacy and treatment order messages (HL7 v2.5.1 chapter 4A): OMP^O09 orders, RDE^O11 encoded orders. A
 * medication order that has started is stopped by discontinuing it (ORC-1 order control `DC`, table 0119), not
 * by cancelling it (`CA` applies before anything was given): a receiver that cannot read DC keeps the stopped drug
 * on the medication administration record, where a nurse can still scan and give it.
 */
const PHARMACY_ORDER = /^(OMP|RDE)\^/i;

const ORDER_CONTROL = /^ORC-1(\.1)?$/;

/** One interface's codes of a sender's field: its map's sources and `receives`; `order` is its place in the workspace. */
interface SenderCodes { node: Interface, codes: Set<string>, order: number }

/**
 * The interfaces of one sender's field, grouped by the set of codes they say arrive: most feeds of a sender state the
 * same set, so a check compares with each distinct set once instead of with every interface (that was quadratic in
 * the interfaces of one sender: a third of a 1,000-file check). Per set, its first interface in workspace order and
 * the first of another interface, so that one that is not the asking interface is always at hand.
 */
type SenderCodeSets = Array<{ codes: Set<string>, first: SenderCodes, second?: SenderCodes }>;

/**
 * The codes one sender is said to send in one field of a fixed table, across the workspace: per sender and field,
 * the distinct code sets its interfaces state. Once per workspace index.
 */
const SENDER_CODES = new WeakMap<WorkspaceIndex, Map<string, SenderCodeSets>>();

function senderCodes(workspace: WorkspaceIndex): Map<string, SenderCodeSets> {
    let bySenderField = SENDER_CODES.get(workspace);
    if (!bySenderField) {
        bySenderField = new Map();
        const bySignature = new Map<string, SenderCodeSets[number]>();
        let order = 0;
        for (const node of workspace.interfaces) {
            for (const mapping of node.messages.flatMap(message => messageMappings(message))) {
                const key = senderFieldKey(node, mapping);
                if (!key || !mapping.codes) continue;
                const codes = new Set([...mapping.codes.entries.map(entry => String(entry.source)), ...mapping.codes.receives.map(String)]);
                const entry: SenderCodes = { node, codes, order: order++ };
                const signature = `${key}\u0001${[...codes].sort().join('\u0000')}`;
                const group = bySignature.get(signature);
                if (group) {
                    if (!group.second && entry.node !== group.first.node) group.second = entry;
                    continue;
                }
                const created = { codes, first: entry };
                bySignature.set(signature, created);
                const sets = bySenderField.get(key) ?? [];
                sets.push(created);
                bySenderField.set(key, sets);
            }
        }
        SENDER_CODES.set(workspace, bySenderField);
    }
    return bySenderField;
}

/**
 * Patient and visit data (HL7 v2 PID, PD1, NK1, PV1; FHIR Patient): what a sender holds about the patient, the same
 * whatever message carries it. Order control and status codes depend on the message (an administration feed sends
 * other ORC-1 codes than the order feed), so they are not compared across interfaces.
 */
const DEMOGRAPHIC = /^(PID|PD1|NK1|PV1)-|^Patient\./;

/** Sender and source field of a mapping whose source is patient data of a fixed table (sex); undefined otherwise. */
function senderFieldKey(node: Interface, mapping: Mapping): string | undefined {
    const sender = node.source?.ref?.name;
    const found = lookupMappedField(mapping, 'source')?.result;
    if (!sender || found?.status !== 'known' || !found.field.codes?.length || !DEMOGRAPHIC.test(found.field.path)) return undefined;
    return `${sender}\u0000${found.field.path}`;
}

/**
 * The same field from the same sender carries the same codes everywhere: where another interface says the sender
 * sends codes of a fixed table (sex A, F, M, N, O, U) that this interface's code map neither maps nor receives, those
 * codes arrive here too and are dropped.
 */
function senderCodeProblems(node: Interface, workspace: WorkspaceIndex): OrderControlProblem[] {
    const problems: OrderControlProblem[] = [];
    const all = senderCodes(workspace);
    for (const mapping of node.messages.flatMap(message => messageMappings(message))) {
        const key = senderFieldKey(node, mapping);
        const map = mapping.codes;
        if (!key || !map) continue;
        const own = new Set([...map.entries.map(entry => String(entry.source)), ...map.receives.map(String)]);
        // The first other interface, in workspace order, that says a code arrives which this map lacks.
        let other: SenderCodes | undefined;
        let missing: string[] = [];
        for (const set of all.get(key) ?? []) {
            const candidate = set.first.node !== node ? set.first : set.second;
            if (!candidate || (other && other.order < candidate.order)) continue;
            const lacking = [...set.codes].filter(code => !own.has(code));
            if (lacking.length === 0) continue;
            other = candidate;
            missing = lacking;
        }
        if (other) {
            problems.push({
                map,
                message: `${refName(node.source)} sends ${mapping.source} as ${listText([...other.codes])} in '${other.node.name}', but the code map here does not map ${listText(missing)}: `
                    + `the same sender sends the same codes on every interface. Add \`${missing[0]} -> <target>\`${map.receives.length > 0 ? ' and list it in `receives`' : ''}.`,
                fix: { title: `Add code map entries for ${listText(missing)}`, target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}${missing.map(code => `${code} -> TODO`).join(', ')} ` }
            });
        }
    }
    return problems;
}

/** `OBX-11 = W`, `OBR-25 = "X"`: a handler's text naming the code a field arrives with. */
const FIELD_CODE_MENTION = /\b([A-Z][A-Z0-9]{2}-\d+)\s*=\s*["'“]?([A-Za-z0-9-]{1,16})\b/g;

/**
 * Codes the spec itself says arrive, left out of the field's code map: a handler whose text says what the sender
 * does with a field's code (`on correction "results posted in error are sent as wrong (OBX-11 = W)"`) while the code
 * map of that field on the same interface neither maps nor receives it. The code reaches a receiver that drops it.
 */
function handlerCodeProblems(node: Interface): OrderControlProblem[] {
    const problems: OrderControlProblem[] = [];
    const mappings = node.messages.flatMap(message => messageMappings(message));
    for (const handler of node.handlers) {
        for (const [, field, code] of (handler.action ?? '').matchAll(FIELD_CODE_MENTION)) {
            for (const mapping of mappings) {
                const map = mapping.codes;
                if (!map || mapping.source?.replace(/\.1$/, '') !== field) continue;
                if (map.entries.some(entry => String(entry.source) === code) || map.receives.some(received => String(received) === code)) continue;
                problems.push({
                    map,
                    message: `The \`on ${handler.scenario}\` handler of '${node.name}' says ${field} arrives as ${code}, but the code map of ${mapping.source} does not map ${code}: `
                        + `the receiver drops the code the handler relies on. Add \`${code} -> <target>\`${map.receives.length > 0 ? ' and list it in `receives`' : ''}.`,
                    fix: { title: `Add a code map entry for ${code}`, target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}${code} -> TODO ` }
                });
            }
        }
    }
    return problems;
}

/** A finding of orderControlProblems: on the code map, with what to add. */
interface OrderControlProblem {
    map: CodeMap;
    message: string;
    fix?: FixSpec;
}

/** The ORC-1 code maps of an interface's pharmacy order messages that do not map DC, as findings. */
function orderControlProblems(node: Interface): OrderControlProblem[] {
    const problems: OrderControlProblem[] = [];
    // A device that executes one job per order (a compounding robot, an infusion pump) keeps no administration
    // record: a changed order cancels its job, so it is not asked for DC.
    const receiver = node.target?.ref;
    if (receiver && (receiver.medicalDevice || isDeviceKind(receiver.kind) || kindWords(receiver.kind).some(word => word === 'robot' || word === 'pump' || word === 'device'))) {
        return [];
    }
    for (const message of node.messages.filter(m => PHARMACY_ORDER.test(m.type ?? ''))) {
        for (const mapping of messageMappings(message)) {
            const map = mapping.codes;
            if (!map || !mapping.source || !ORDER_CONTROL.test(mapping.source)) continue;
            if (map.entries.some(entry => String(entry.source) === 'DC')) continue;
            problems.push({
                map,
                message: `'${node.name}' sends medication orders (${message.type}) but the code map of ${mapping.source} does not map DC (discontinue, table 0119): `
                    + `a stopped medication stays on the receiver's administration record. Add \`DC -> <target>\`${map.receives.length > 0 ? ' and list it in `receives`' : ''}.`,
                fix: { title: 'Add a code map entry for DC', target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}DC -> TODO ` }
            });
        }
    }
    return problems;
}
