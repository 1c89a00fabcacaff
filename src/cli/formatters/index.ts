import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import type { Report } from './report.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'] as const;
export type FormatName = typeof FORMATS[number];

/** Renders a report in one format; `color` only matters for stylish. */
export function render(format: FormatName, report: Report, color: boolean): string {
    switch (format) {
        case 'stylish': return formatStylish(report, color);
        case 'json': return formatJson(report);
        case 'sarif': return formatSarif(report);
        case 'github': return formatGithub(report);
        case 'junit': return formatJunit(report);
        case 'markdown': return formatMarkdown(report);
    }
}
