import { escapeTerminal } from '../../../language-server/util/escape.js';
import { createColors } from 'picocolors';
import { countFindings, countsText, groupByFile, plural, relativePath, type Report } from './report.js';

/**
 * Human-readable output grouped by file, with rule ids and a summary (the layout ESLint users know).
 * Colours only when `color` is true; the caller decides that from the terminal and NO_COLOR / FORCE_COLOR.
 */
export function formatStylish(report: Report, color = false): string {
    const c = createColors(color);
    const visible = report.findings.filter(f => f.suppressed === undefined);
    const lines: string[] = [];
    for (const [file, findings] of groupByFile(visible)) {
        lines.push(c.underline(escapeTerminal(relativePath(report, file))));
        const rows = findings.map(f => [`${f.line}:${f.column}`, f.severity, escapeTerminal(f.message), escapeTerminal(f.code)]);
        const widths = [0, 1].map(i => Math.max(...rows.map(row => row[i].length)));
        rows.forEach(([position, severity, message, code], index) => {
            const paint = severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue;
            lines.push(`  ${c.dim(position.padEnd(widths[0]))}  ${paint(severity.padEnd(widths[1]))}  ${message}  ${c.dim(code)}`);
            const related = findings[index].related;
            if (related) {
                lines.push(`  ${' '.repeat(widths[0] + widths[1] + 2)}  ${c.dim(escapeTerminal(`↳ ${relativePath(report, related.file)}:${related.line}:${related.column} ${related.message}`))}`);
            }
        });
        lines.push('');
    }
    const counts = countFindings(report.findings);
    const problems = counts.errors + counts.warnings + counts.infos;
    const files = plural(report.files.length, 'file');
    const detail = countsText(counts);
    const summary = problems === 0
        ? c.green(`✔ ${files} checked: no problems`)
        : (counts.errors > 0 ? c.red : c.yellow)(c.bold(`✖ ${files} checked: ${plural(problems, 'problem')} (${detail})`));
    lines.push(summary + (counts.suppressed > 0 ? c.dim(`, ${counts.suppressed} suppressed`) : ''));
    return lines.join('\n') + '\n';
}
