import { escapeXml } from '../../../language-server/escape.js';
import { countFindings, groupByFile, relativePath, type Report } from './report.js';

/**
 * JUnit XML for CI test reports: one test suite per checked file, one test case per file and rule (every rule
 * that is on, plus any structural code found), failing with one `<failure>` per unsuppressed finding.
 */
export function formatJunit(report: Report): string {
    const enabled = report.rules
        .filter(rule => rule.area !== 'structure' && (rule.enabled ?? rule.defaultSeverity !== 'off'))
        .map(rule => rule.id);
    const byFile = groupByFile(report.findings);
    const suites: string[] = [];
    let totalTests = 0;
    let totalFailures = 0;
    for (const file of report.files) {
        const name = relativePath(report, file);
        const findings = byFile.get(file) ?? [];
        const ruleIds = [...new Set([...enabled, ...findings.map(f => f.code)])].sort();
        const cases: string[] = [];
        let failures = 0;
        for (const ruleId of ruleIds) {
            const own = findings.filter(f => f.code === ruleId);
            const failing = own.filter(f => f.suppressed === undefined);
            const suppressed = own.filter(f => f.suppressed !== undefined);
            const attributes = `name="${escapeXml(ruleId)}" classname="${escapeXml(name)}" file="${escapeXml(name)}"`;
            if (failing.length === 0 && suppressed.length === 0) {
                cases.push(`    <testcase ${attributes}/>`);
                continue;
            }
            failures += failing.length > 0 ? 1 : 0;
            const body: string[] = [];
            for (const f of failing) {
                const where = `${name}:${f.line}:${f.column}`;
                body.push(`      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(`${where} ${f.severity} ${f.message} [${f.code}]`)}</failure>`);
            }
            if (suppressed.length > 0) {
                const lines = suppressed.map(f => `${name}:${f.line}:${f.column} suppressed: ${f.suppressed}`);
                body.push(`      <system-out>${escapeXml(lines.join('\n'))}</system-out>`);
            }
            cases.push(`    <testcase ${attributes}>\n${body.join('\n')}\n    </testcase>`);
        }
        totalTests += ruleIds.length;
        totalFailures += failures;
        suites.push(`  <testsuite name="${escapeXml(name)}" tests="${ruleIds.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
    }
    const counts = countFindings(report.findings);
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="interspec check" tests="${totalTests}" failures="${totalFailures}" errors="0">`,
        ...suites,
        `  <!-- ${counts.errors} errors, ${counts.warnings} warnings, ${counts.infos} infos, ${counts.suppressed} suppressed -->`,
        '</testsuites>',
        ''
    ].join('\n');
}
