import { escapeMarkdown, markdownCode } from '../../../language-server/util/escape.js';
import { countFindings, countsText, plural, relativePath, type Report } from './report.js';

const ICONS = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

/** Rows per table: a job summary is capped at 1 MiB by GitHub, and nobody reads further in a summary anyway. */
export const MAX_ROWS = 500;

/** A summary for `$GITHUB_STEP_SUMMARY` or a pull request comment: counts, then one table row per finding. */
export function formatMarkdown(report: Report): string {
    const counts = countFindings(report.findings);
    const helpOf = new Map(report.rules.map(rule => [rule.id, rule.helpUri]));
    const lines = ['## Interspec check', ''];
    const problems = counts.errors + counts.warnings + counts.infos;
    const tally = countsText(counts, true);
    lines.push(problems === 0
        ? `✅ ${plural(report.files.length, 'file')} checked: no problems${counts.suppressed ? ` (${counts.suppressed} suppressed)` : ''}.`
        : `${counts.errors > 0 ? '❌' : '⚠️'} ${plural(report.files.length, 'file')} checked: ${tally}.`);
    const rule = (id: string) => helpOf.has(id) ? `[\`${id}\`](${helpOf.get(id)})` : `\`${id}\``;
    const active = report.findings.filter(f => f.suppressed === undefined);
    if (active.length > 0) {
        lines.push('', '| | Location | Rule | Message |', '| --- | --- | --- | --- |');
        for (const f of active.slice(0, MAX_ROWS)) {
            lines.push(`| ${ICONS[f.severity]} ${f.severity} | ${markdownCode(`${relativePath(report, f.file)}:${f.line}:${f.column}`)} | ${rule(f.code)} | ${escapeMarkdown(f.message)} |`);
        }
    }
    if (active.length > MAX_ROWS) {
        lines.push('', `…and ${active.length - MAX_ROWS} more; the other formats (stylish, json, sarif) list every finding.`);
    }
    const suppressed = report.findings.filter(f => f.suppressed !== undefined);
    if (suppressed.length > 0) {
        lines.push('', `<details><summary>${plural(suppressed.length, 'suppressed finding')}</summary>`, '',
            '| Location | Rule | Message | Reason |', '| --- | --- | --- | --- |');
        for (const f of suppressed.slice(0, MAX_ROWS)) {
            lines.push(`| ${markdownCode(`${relativePath(report, f.file)}:${f.line}:${f.column}`)} | ${rule(f.code)} | ${escapeMarkdown(f.message)} | ${escapeMarkdown(f.suppressed!)} |`);
        }
        if (suppressed.length > MAX_ROWS) {
            lines.push('', `…and ${suppressed.length - MAX_ROWS} more.`);
        }
        lines.push('', '</details>');
    }
    return lines.join('\n') + '\n';
}
