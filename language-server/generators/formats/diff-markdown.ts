import type { SpecDiff } from '../diff.js';
import type { RowObservation } from '../model.js';
import { escapeMarkdown, markdownCode } from '../text.js';
import { BoundedMarkdown, clip } from './markdown-budget.js';
import { observationLabel } from './matrix-summary.js';

/** The first line of the comment, so a workflow finds and updates its own (sticky) comment. */
export const DIFF_COMMENT_MARKER = '<!-- interspec-diff -->';

/**
 * `interspec diff` as Markdown for a pull-request comment: one line with every count, then gate decisions, test
 * cases added, removed and changed, findings introduced and resolved. Always within 65,536 characters (or `limit`):
 * a section that does not fit ends with how many entries were left out and where the full list is (`fullList`).
 */
export function diffMarkdown(diff: SpecDiff, fullList: string, limit?: number): string {
    const s = diff.summary;
    const out = new BoundedMarkdown(limit);
    out.add(`${DIFF_COMMENT_MARKER}\n## Interspec: what this change does to the spec\n\n`
        + `Comparing ${markdownCode(clip(diff.base, 80))} → ${markdownCode(clip(diff.head, 80))}.\n\n`
        + `- Gate decisions changed: **${s.gatesChanged}**\n- Test cases: **${s.testCasesAdded}** added, **${s.testCasesRemoved}** removed, **${s.testCasesChanged}** changed\n`
        + `- Findings: **${s.findingsIntroduced}** introduced, **${s.findingsResolved}** resolved\n`);
    if (!s.gatesChanged && !s.testCasesAdded && !s.testCasesRemoved && !s.testCasesChanged && !s.findingsIntroduced && !s.findingsResolved) {
        out.add('\nNo test case, finding or gate decision changed.\n');
        return out.toString();
    }
    const cut = (what: string) => (left: number) => `…and ${left} more ${what}; the full list is in ${fullList}.`;
    const decision = (value: string | null) => value === null ? '(no gate)' : value === 'GO' ? '✅ GO' : '⛔ NO-GO';
    if (diff.gates.length) {
        out.addList('\n### Gate decisions changed\n\n| Gate | Before | After |\n| --- | --- | --- |\n',
            diff.gates.map(g => `| ${escapeMarkdown(clip(g.gate))} | ${decision(g.before)} | ${decision(g.after)} |`), cut('gates'), 0.2);
    }
    const testCaseTable = (title: string, list: SpecDiff['testCases']['added'], share: number) => {
        if (!list.length) return;
        out.addList(`\n### Test cases ${title} (${list.length})\n\n| Id | Interface | Site | Scenario | Status |\n| --- | --- | --- | --- | --- |\n`,
            list.map(t => `| ${markdownCode(clip(t.id, 200))} | ${escapeMarkdown(clip(t.interface))} | ${escapeMarkdown(clip(t.site ?? '(no site)'))} | ${escapeMarkdown(clip(t.scenario))} | ${t.handled ? t.status : `**unhandled**, ${t.status}`} |`),
            cut(`test cases ${title}`), share);
    };
    const findingTable = (title: string, list: SpecDiff['findings']['introduced'], share: number) => {
        if (!list.length) return;
        out.addList(`\n### Findings ${title} (${list.length})\n\n| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n`,
            list.map(f => `| ${markdownCode(clip(`${f.file}:${f.line}:${f.column}`, 200))} | ${f.severity} | ${markdownCode(f.code)} | ${escapeMarkdown(clip(f.message, 300))} |`),
            cut(`findings ${title}`), share);
    };
    findingTable('introduced', diff.findings.introduced, 0.25);
    testCaseTable('added', diff.testCases.added, 0.3);
    testCaseTable('removed', diff.testCases.removed, 0.4);
    if (diff.testCases.changed.length) {
        out.addList(`\n### Test cases changed (${diff.testCases.changed.length})\n\n| Id | Field | Before | After |\n| --- | --- | --- | --- |\n`,
            diff.testCases.changed.map(c => c.changes.map(change => `| ${markdownCode(clip(c.id, 200))} | ${change.field} | ${escapeMarkdown(clip(valueText(change.before)))} | ${escapeMarkdown(clip(valueText(change.after)))} |`).join('\n')),
            cut('changed test cases'), 0.6);
    }
    findingTable('resolved', diff.findings.resolved, 1);
    return out.toString();
}

function valueText(value: unknown): string {
    if (value === null || value === undefined) return '(none)';
    // An observation (`observed`): what the samples showed, in words.
    if (typeof value === 'object' && !Array.isArray(value)) return observationLabel(value as RowObservation);
    return Array.isArray(value) ? value.join(', ') || '(none)' : String(value);
}
