import { countFindings, relativePath, type Report } from './report.js';

/** Machine-readable output: every finding (suppressed ones with their reason), paths relative to the root. */
export function formatJson(report: Report): string {
    const counts = countFindings(report.findings);
    return JSON.stringify({
        tool: { name: report.tool.name, version: report.tool.version },
        summary: { files: report.files.length, ...counts },
        files: report.files.map(file => relativePath(report, file)),
        findings: report.findings.map(f => ({
            file: relativePath(report, f.file),
            line: f.line,
            column: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
            severity: f.severity,
            rule: f.code,
            message: f.message,
            ...(f.suppressed !== undefined ? { suppressed: f.suppressed } : {}),
            ...(f.related ? { related: { ...f.related, file: relativePath(report, f.related.file) } } : {})
        }))
    }, undefined, 2) + '\n';
}
