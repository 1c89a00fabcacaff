import { escapeWorkflowData, escapeWorkflowProperty } from '../../../language-server/util/escape.js';
import { relatedSuffix, relativePath, type Report } from './report.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: one annotation per unsuppressed finding, shown on the pull request diff. */
export function formatGithub(report: Report): string {
    return report.findings
        .filter(f => f.suppressed === undefined)
        .map(f => {
            const properties = [
                `file=${escapeWorkflowProperty(relativePath(report, f.file))}`,
                `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`,
                `title=${escapeWorkflowProperty(f.code)}`
            ].join(',');
            return `::${COMMANDS[f.severity]} ${properties}::${escapeWorkflowData(f.message + relatedSuffix(report, f))}\n`;
        })
        .join('');
}
