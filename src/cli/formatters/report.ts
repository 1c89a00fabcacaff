import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { compareText, type Finding, type FindingSeverity } from '../../../language-server/model/findings.js';

/** One entry of the catalog reports describe: a conformance rule, or a code that is not a rule (model/finding-codes.ts). */
export interface ReportRule {
    id: string;
    /** The rule's area, or `structure` for the codes that are not rules. */
    area: string;
    /** Severity in the catalog (`off` when a rule is disabled by default). */
    defaultSeverity: FindingSeverity | 'off';
    summary: string;
    description: string;
    /** Where the rule's page lives (`docs/rules/<id>.md` for rules). */
    helpUri: string;
    /** False when the configuration turns the rule off everywhere in the checked workspaces. */
    enabled?: boolean;
}

/** Everything a formatter needs; formatters are pure functions of this. */
export interface Report {
    /** Unsuppressed and suppressed findings, sorted by file, position and code. */
    findings: Finding[];
    /** Every rule and every other code a finding can carry, sorted by id. */
    rules: ReportRule[];
    /** Absolute folder every printed path is relative to. */
    root: string;
    /** Absolute paths of the files that were checked, sorted. */
    files: string[];
    tool: { name: string, version: string, informationUri: string };
    /** The lowest unsuppressed severity that fails the run (`--fail-on`); findings below it are not failures. Default error. */
    failOn?: FindingSeverity;
    /** The text of a checked file (for stable fingerprints), if it was read. */
    sourceOf(file: string): string | undefined;
}

export type Formatter = (report: Report) => string;

/** A path relative to the report root, with forward slashes on every platform. */
export function relativePath(report: Report, file: string): string {
    return path.relative(report.root, file).split(path.sep).join('/') || path.basename(file);
}

export interface Counts { errors: number, warnings: number, infos: number, suppressed: number }

export function countFindings(findings: readonly Finding[]): Counts {
    const counts: Counts = { errors: 0, warnings: 0, infos: 0, suppressed: 0 };
    for (const finding of findings) {
        if (finding.suppressed !== undefined) {
            counts.suppressed++;
        } else if (finding.severity === 'error') {
            counts.errors++;
        } else if (finding.severity === 'warning') {
            counts.warnings++;
        } else {
            counts.infos++;
        }
    }
    return counts;
}

export function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The counts of a summary line without the zero ones ("3 errors, 1 warning"; "" when all are zero), so the line
 * says only what is there. Suppressed findings are counted when `withSuppressed`.
 */
export function countsText(counts: Counts, withSuppressed = false): string {
    const parts: Array<[number, string]> = [[counts.errors, 'error'], [counts.warnings, 'warning'], [counts.infos, 'info']];
    const text = parts.filter(([count]) => count > 0).map(([count, word]) => plural(count, word));
    if (withSuppressed && counts.suppressed > 0) {
        text.push(`${counts.suppressed} suppressed`);
    }
    return text.join(', ');
}

/** Findings grouped by file, in the findings' (sorted) order. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
    const groups = new Map<string, Finding[]>();
    for (const finding of findings) {
        const group = groups.get(finding.file) ?? [];
        group.push(finding);
        groups.set(finding.file, group);
    }
    return new Map([...groups].sort(([a], [b]) => compareText(a, b)));
}

/**
 * A fingerprint that survives unrelated edits: it hashes the rule, the file and the offending text (whitespace
 * collapsed), never the line number, plus the finding's rank among identical ones so that two equal texts differ.
 */
export function fingerprints(report: Report): Map<Finding, string> {
    const result = new Map<Finding, string>();
    const seen = new Map<string, number>();
    const lineStarts = new Map<string, number[]>();
    for (const finding of report.findings) {
        const source = report.sourceOf(finding.file) ?? '';
        let starts = lineStarts.get(finding.file);
        if (!starts) {
            starts = [0];
            for (let i = 0; i < source.length; i++) {
                if (source[i] === '\n') {
                    starts.push(i + 1);
                }
            }
            lineStarts.set(finding.file, starts);
        }
        const offset = (line: number, column: number) => (starts![line - 1] ?? source.length) + column - 1;
        const text = source.slice(offset(finding.line, finding.column), offset(finding.endLine, finding.endColumn))
            .replace(/\s+/g, ' ').trim() || finding.message;
        const key = [finding.code, relativePath(report, finding.file), text].join('\u0000');
        const rank = seen.get(key) ?? 0;
        seen.set(key, rank + 1);
        result.set(finding, createHash('sha256').update(`${key}\u0000${rank}`).digest('hex').slice(0, 32));
    }
    return result;
}

/** ` (spec: results.ispec:42:9)`: where a finding's related location is, for formats that carry it in the message text. */
export function relatedSuffix(report: Report, finding: Finding): string {
    return finding.related ? ` (spec: ${relativePath(report, finding.related.file)}:${finding.related.line}:${finding.related.column})` : '';
}
