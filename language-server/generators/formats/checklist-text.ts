import { COMPLETE_STATUSES, type Checklist, type ChecklistItem } from '../model.js';
import { emit, type TextSink } from '../text.js';
import { readableReasons } from '../gate-reasons.js';
import { recordedBy } from './matrix-summary.js';
import { Fields, hanging, heading, lines, PLAIN_STYLE, plainText, statusPaint, textWidth, wrap, type TextOptions, type TextStyle } from './text-layout.js';

/** More test ids than this would bury an item; the count is shown instead (as in the Markdown checklist). */
const LISTED_TESTS = 12;

const GATE_LABELS = ['Sites', 'Approvers', 'Phase', 'After', 'Hypercare', 'Items'] as const;
const ITEM_LABELS = ['Status', 'Owner', 'Evidence', 'Link', 'Tests', 'Note'] as const;

/**
 * Go-live checklists as text for a terminal, with what the Markdown checklist says: per gate the decision, its
 * facts, why (sentences per go-live question), blocking findings, then the items of each group with a `[x]` or
 * `[ ]`, their status, owner, evidence, tests and notes, labelled and wrapped. Every line fits `options.width`
 * columns (see text-layout.ts).
 */
export async function writeChecklistText(checklists: Iterable<Checklist>, sink: TextSink, options: TextOptions = {}): Promise<void> {
    const width = textWidth(options.width);
    const style = options.style ?? PLAIN_STYLE;
    let first = true;
    for (const checklist of checklists) {
        await emit(sink, (first ? '' : '\n\n') + lines(checklistLines(checklist, width, style)));
        first = false;
    }
    if (first) {
        await emit(sink, lines([...heading('Go-live checklist', '=', width, style), '', 'The workspace declares no gate.']));
    }
}

function checklistLines(checklist: Checklist, width: number, style: TextStyle): string[] {
    const title = `Go-live checklist: ${plainText(checklist.gate)}${checklist.title ? ` (${plainText(checklist.title)})` : ''}`;
    const out = [...heading(title, '=', width, style), ''];
    const decision = checklist.decision === 'GO' ? style.green : style.red;
    out.push(style.bold(`Decision: ${decision(checklist.decision)}`), '');
    const facts = new Fields(GATE_LABELS, 0, width, style);
    out.push(...facts.lines('Sites', list(checklist.sites)));
    out.push(...facts.lines('Approvers', list(checklist.approvers)));
    if (checklist.phase) out.push(...facts.lines('Phase', plainText(checklist.phase)));
    if (checklist.after.length) out.push(...facts.lines('After', list(checklist.after)));
    if (checklist.hypercare) out.push(...facts.lines('Hypercare', plainText(checklist.hypercare)));
    const c = checklist.counts;
    out.push(...facts.lines('Items', `${c.done + c.passed + c.waived} complete, ${c.failed} failed, ${c.pending} pending`), '');

    out.push(...heading(`Why ${checklist.decision}`, '-', width, style), '');
    const { general, questions } = readableReasons(checklist);
    out.push(...general.flatMap(reason => bullet(plainText(reason), 0, width)));
    for (const { question, sentences } of questions) {
        if (out[out.length - 1] !== '') out.push('');
        out.push(...wrap(plainText(question), width).map(line => style.bold(line)));
        out.push(...sentences.flatMap(sentence => bullet(plainText(sentence), 0, width)));
    }
    out.push('', ...heading('Blocking findings', '-', width, style), '');
    if (checklist.blockingFindings.length) {
        for (const finding of checklist.blockingFindings) {
            out.push(...bullet(plainText(`${finding.file}:${finding.line}:${finding.column} ${finding.code}: ${finding.message}`), 0, width));
        }
    } else {
        out.push('None.');
    }
    const fields = new Fields(ITEM_LABELS, 4, width, style);
    checklist.groups.forEach((group, index) => {
        out.push('', ...heading(`${index + 1}. ${plainText(group.title)}`, '-', width, style), '');
        if (!group.items.length) {
            out.push('No items.');
        }
        group.items.forEach((item, at) => {
            if (at > 0) out.push('');
            out.push(...itemLines(item, fields, width, style));
        });
    });
    return out;
}

function itemLines(item: ChecklistItem, fields: Fields, width: number, style: TextStyle): string[] {
    const box = COMPLETE_STATUSES.has(item.status) ? '[x] ' : '[ ] ';
    const out = hanging(box, plainText(item.id), width).map(line => style.bold(line));
    out.push(...hanging('    ', plainText(item.title) + (item.declared ? '' : ' (implied by the spec)'), width));
    const by = recordedBy(item);
    out.push(...fields.lines('Status', item.status + (by ? ` (${plainText(by)})` : ''), statusPaint(item.status, style)));
    out.push(...fields.lines('Owner', list(item.owner)));
    if (item.evidenceRequired.length) out.push(...fields.lines('Evidence', plainText(item.evidenceRequired.join('; '))));
    if (item.evidence.link) out.push(...fields.lines('Link', plainText(item.evidence.link)));
    if (item.tests.length > LISTED_TESTS) {
        out.push(...fields.lines('Tests', `${item.tests.length} test cases (listed in the JSON checklist; the test matrix shows ${plainText(item.id)} in their criterion column)`));
    } else if (item.tests.length) {
        out.push(...fields.lines('Tests', plainText(item.tests.join(', '))));
    }
    for (const note of item.notes) out.push(...bullet(plainText(note), 4, width));
    if (item.evidence.note) out.push(...fields.lines('Note', plainText(item.evidence.note)));
    return out;
}

/** `- text`, wrapped under itself, after `indent` spaces. */
function bullet(text: string, indent: number, width: number): string[] {
    return hanging(`${' '.repeat(indent)}- `, text, width);
}

function list(names: string[]): string {
    return names.length ? names.map(plainText).join(', ') : '(none)';
}
