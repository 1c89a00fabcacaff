import { escapeXml } from '../../../language-server/util/escape.js';
import type { Finding, FindingSeverity } from '../../../language-server/model/findings.js';
import { countFindings, countsText, groupByFile, relatedSuffix, relativePath, type Report } from './report.js';

const RANK: Record<FindingSeverity, number> = { info: 1, warning: 2, error: 3 };

/**
 * The suite timestamp the Ant schema requires. Never the clock, so the same input gives the same file (CI servers
 * record when they read the report themselves).
 */
const TIMESTAMP = '1970-01-01T00:00:00';

/**
 * JUnit XML for CI test reports, valid against both the Jenkins xunit plugin's JUnit schema and the Apache Ant
 * JUnit schema (see test/schemas/README.md): one test suite per checked file, one test case per file and rule
 * (every rule that is on, plus any structural code found). A test case fails, with one `<failure>` listing every
 * finding, only when a finding at or above `--fail-on` is unsuppressed; findings below the threshold and
 * suppressed ones are written to the suite's `<system-out>`, so a passing `check` never shows failed tests.
 */
export function formatJunit(report: Report): string {
    const threshold = RANK[report.failOn ?? 'error'];
    const fails = (f: Finding) => f.suppressed === undefined && RANK[f.severity] >= threshold;
    const enabled = report.rules
        .filter(rule => rule.area !== 'structure' && (rule.enabled ?? rule.defaultSeverity !== 'off'))
        .map(rule => rule.id);
    const byFile = groupByFile(report.findings);
    const suites: string[] = [];
    report.files.forEach((file, index) => {
        const name = relativePath(report, file);
        const findings = byFile.get(file) ?? [];
        const ruleIds = [...new Set([...enabled, ...findings.map(f => f.code)])].sort();
        const cases: string[] = [];
        let failures = 0;
        for (const ruleId of ruleIds) {
            const failing = findings.filter(f => f.code === ruleId && fails(f));
            const attributes = `name="${escapeXml(ruleId)}" classname="${escapeXml(name)}" time="0"`;
            if (failing.length === 0) {
                cases.push(`    <testcase ${attributes}/>`);
                continue;
            }
            failures++;
            const first = failing[0];
            const message = failing.length === 1 ? first.message : `${first.message} (and ${failing.length - 1} more)`;
            const body = failing.map(f => `${name}:${f.line}:${f.column} ${f.severity} ${f.message}${relatedSuffix(report, f)} [${f.code}]`).join('\n');
            cases.push(`    <testcase ${attributes}>\n      <failure message="${escapeXml(message)}" type="${first.severity}">${escapeXml(body)}</failure>\n    </testcase>`);
        }
        // Everything that is not a failure stays visible in the suite's output.
        const notes = findings.filter(f => !fails(f)).map(f => f.suppressed !== undefined
            ? `${name}:${f.line}:${f.column} ${f.severity} suppressed (${f.suppressed}): ${f.message} [${f.code}]`
            : `${name}:${f.line}:${f.column} ${f.severity} ${f.message}${relatedSuffix(report, f)} [${f.code}]`);
        const attributes = `name="${escapeXml(name)}" package="interspec" id="${index}" timestamp="${TIMESTAMP}" hostname="localhost" `
            + `tests="${ruleIds.length}" failures="${failures}" errors="0" time="0"`;
        suites.push([
            `  <testsuite ${attributes}>`,
            // The Ant schema requires <properties>; the Jenkins one requires a <property> inside it.
            `    <properties>\n      <property name="interspec.fail-on" value="${report.failOn ?? 'error'}"/>\n    </properties>`,
            ...cases,
            notes.length ? `    <system-out>${escapeXml(notes.join('\n'))}</system-out>` : '    <system-out/>',
            '    <system-err/>',
            '  </testsuite>'
        ].join('\n'));
    });
    const counts = countFindings(report.findings);
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<!-- interspec check: ${countsText(counts, true) || 'no findings'}; failing at ${report.failOn ?? 'error'} -->`,
        '<testsuites>',
        ...suites,
        '</testsuites>',
        ''
    ].join('\n');
}
