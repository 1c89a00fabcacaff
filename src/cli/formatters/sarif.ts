import { pathToFileURL } from 'node:url';
import { fingerprints, relativePath, type Report, type ReportRule } from './report.js';

const LEVELS = { error: 'error', warning: 'warning', info: 'note', off: 'none' } as const;

/** The base every result's uri is relative to; `originalUriBaseIds` says where it is on the analysing machine. */
const ROOT_BASE = '%SRCROOT%';

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: every rule with descriptions and help, results with a stable
 * `partialFingerprints` entry, and suppressions (kind `inSource`) for findings the spec suppresses with a reason.
 */
export function formatSarif(report: Report): string {
    const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
    const prints = fingerprints(report);
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: report.tool.name,
                    version: report.tool.version,
                    semanticVersion: report.tool.version,
                    informationUri: report.tool.informationUri,
                    rules: report.rules.map(sarifRule)
                }
            },
            originalUriBaseIds: {
                [ROOT_BASE]: { uri: pathToFileURL(report.root).href.replace(/\/?$/, '/') }
            },
            artifacts: report.files.map(file => ({
                location: { uri: encodeUriPath(relativePath(report, file)), uriBaseId: ROOT_BASE },
                sourceLanguage: 'interspec'
            })),
            results: report.findings.map(finding => ({
                ruleId: finding.code,
                ...(ruleIndex.has(finding.code) ? { ruleIndex: ruleIndex.get(finding.code) } : {}),
                level: LEVELS[finding.severity],
                message: { text: finding.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: {
                            uri: encodeUriPath(relativePath(report, finding.file)),
                            uriBaseId: ROOT_BASE,
                            index: report.files.indexOf(finding.file)
                        },
                        region: {
                            startLine: finding.line,
                            startColumn: finding.column,
                            endLine: finding.endLine,
                            endColumn: finding.endColumn
                        }
                    }
                }],
                ...(finding.related ? {
                    relatedLocations: [{
                        id: 1,
                        physicalLocation: {
                            artifactLocation: { uri: encodeUriPath(relativePath(report, finding.related.file)), uriBaseId: ROOT_BASE },
                            region: {
                                startLine: finding.related.line,
                                startColumn: finding.related.column,
                                endLine: finding.related.endLine,
                                endColumn: finding.related.endColumn
                            }
                        },
                        message: { text: finding.related.message }
                    }]
                } : {}),
                partialFingerprints: { 'interspecFinding/v1': prints.get(finding)! },
                ...(finding.suppressed !== undefined
                    ? { suppressions: [{ kind: 'inSource', justification: finding.suppressed }] }
                    : {})
            })),
            columnKind: 'utf16CodeUnits'
        }]
    };
    return JSON.stringify(log, undefined, 2) + '\n';
}

function sarifRule(rule: ReportRule) {
    return {
        id: rule.id,
        name: rule.id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase()),
        shortDescription: { text: rule.summary },
        fullDescription: { text: rule.description },
        help: {
            text: `${rule.description}\n\nSee ${rule.helpUri}`,
            markdown: `${rule.description}\n\n[Read the ${rule.id} page](${rule.helpUri})`
        },
        helpUri: rule.helpUri,
        defaultConfiguration: rule.defaultSeverity === 'off'
            ? { enabled: false, level: 'warning' }
            : { level: LEVELS[rule.defaultSeverity] },
        properties: { tags: ['interspec', rule.area] }
    };
}

/** Percent-encodes each path segment (spaces, `#`, `?`), keeping the slashes. */
function encodeUriPath(relative: string): string {
    return relative.split('/').map(encodeURIComponent).join('/');
}
