import { COMPLETE_STATUSES, type Checklist, type ChecklistItem } from '../model.js';
import { emit, escapeMarkdown, markdownCode, type TextSink } from '../text.js';
import { markdownLink } from '../../util/escape.js';
import { readableReasons } from '../gate-reasons.js';
import { recordedBy } from './matrix-summary.js';

/** Go-live checklists as Markdown whose items are task lists, so they render as checkboxes in a pull request. */
export async function writeChecklistMarkdown(checklists: Iterable<Checklist>, sink: TextSink): Promise<void> {
    let first = true;
    for (const checklist of checklists) {
        await emit(sink, (first ? '' : '\n---\n\n') + checklistMarkdown(checklist));
        first = false;
    }
    if (first) {
        await emit(sink, '# Go-live checklist\n\nThe workspace declares no gate.\n');
    }
}

/** The reasons as sentences: the general ones, then the open items under their go-live question. */
function reasonsMarkdown(checklist: Checklist): string[] {
    const { general, questions } = readableReasons(checklist);
    const lines = general.map(reason => `- ${escapeMarkdown(reason)}`);
    for (const { question, sentences } of questions) {
        if (lines.length) lines.push('');
        lines.push(`**${escapeMarkdown(question)}**`, '', ...sentences.map(sentence => `- ${escapeMarkdown(sentence)}`));
    }
    return lines;
}

function checklistMarkdown(checklist: Checklist): string {
    const lines: string[] = [];
    lines.push(`# Go-live checklist: ${escapeMarkdown(checklist.gate)}${checklist.title ? ` (${escapeMarkdown(checklist.title)})` : ''}`, '');
    lines.push(`**Decision: ${checklist.decision}**`, '');
    lines.push(`- Sites: ${list(checklist.sites)}`);
    lines.push(`- Approvers: ${list(checklist.approvers)}`);
    if (checklist.phase) lines.push(`- Phase: ${escapeMarkdown(checklist.phase)}`);
    if (checklist.after.length) lines.push(`- After: ${list(checklist.after)}`);
    if (checklist.hypercare) lines.push(`- Hypercare: ${escapeMarkdown(checklist.hypercare)}`);
    const c = checklist.counts;
    lines.push(`- Items: ${c.done + c.passed + c.waived} complete, ${c.failed} failed, ${c.pending} pending`, '');
    lines.push(`## Why ${checklist.decision}`, '', ...reasonsMarkdown(checklist), '');
    lines.push('## Blocking findings', '');
    if (checklist.blockingFindings.length) {
        for (const finding of checklist.blockingFindings) {
            lines.push(`- ${markdownCode(`${finding.file}:${finding.line}:${finding.column}`)} ${escapeMarkdown(finding.code)}: ${escapeMarkdown(finding.message)}`);
        }
    } else {
        lines.push('None.');
    }
    lines.push('');
    checklist.groups.forEach((group, index) => {
        lines.push(`## ${index + 1}. ${escapeMarkdown(group.title)}`, '');
        if (!group.items.length) {
            lines.push('No items.', '');
            return;
        }
        for (const item of group.items) {
            lines.push(...itemMarkdown(item));
        }
        lines.push('');
    });
    return lines.join('\n');
}

function itemMarkdown(item: ChecklistItem): string[] {
    const box = COMPLETE_STATUSES.has(item.status) ? '[x]' : '[ ]';
    const lines = [`- ${box} ${markdownCode(item.id)} ${escapeMarkdown(item.title)}${item.declared ? '' : ' _(implied by the spec)_'}`];
    const facts = [
        `status: **${item.status}**${recordedBy(item) ? ` (${escapeMarkdown(recordedBy(item))})` : ''}`,
        `owner: ${list(item.owner)}`
    ];
    if (item.evidenceRequired.length) facts.push(`evidence: ${item.evidenceRequired.map(escapeMarkdown).join('; ')}`);
    if (item.evidence.link) facts.push(`link: ${markdownLink(item.evidence.link)}`);
    lines.push(`  - ${facts.join(' · ')}`);
    if (item.tests.length > LISTED_TESTS) {
        lines.push(`  - tests: ${item.tests.length} test cases (listed in the JSON checklist; the test matrix shows ${markdownCode(item.id)} in their criterion column)`);
    } else if (item.tests.length) {
        lines.push(`  - tests: ${item.tests.map(markdownCode).join(', ')}`);
    }
    for (const note of item.notes) lines.push(`  - ${escapeMarkdown(note)}`);
    if (item.evidence.note) lines.push(`  - note: ${escapeMarkdown(item.evidence.note)}`);
    return lines;
}

/** More test ids than this would bury the checklist in a pull request; the count is shown instead. */
const LISTED_TESTS = 12;

function list(names: string[]): string {
    return names.length ? names.map(escapeMarkdown).join(', ') : '(none)';
}
