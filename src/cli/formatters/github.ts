import { relativePath, type Report } from './report.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escapes a workflow command's message, as the Actions runner un-escapes it. */
export function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value: as data, plus the `:` and `,` that delimit properties. */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation per unsuppressed finding, shown on the pull request diff. */
export function formatGithub(report: Report): string {
    return report.findings
        .filter(f => f.suppressed === undefined)
        .map(f => {
            const properties = [
                `file=${escapeProperty(relativePath(report, f.file))}`,
                `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`,
                `title=${escapeProperty(f.code)}`
            ].join(',');
            return `::${COMMANDS[f.severity]} ${properties}::${escapeData(f.message)}\n`;
        })
        .join('');
}
