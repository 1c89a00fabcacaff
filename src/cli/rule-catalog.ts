import { compareText } from '../../language-server/model/findings.js';
import { FINDING_CODES } from '../../language-server/model/finding-codes.js';
import { RULES } from '../../language-server/rules/registry.js';
import { REPOSITORY_URL, ruleDocUrl, STRUCTURAL_DOC_URL } from '../../language-server/rules/rule-doc-urls.js';
import type { ReportRule } from './formatters/report.js';

export const INFORMATION_URI = `${REPOSITORY_URL}#readme`;

export interface CatalogRule extends ReportRule {
    /** True for the codes that are not rules (structural, engine, evidence; always on, not configurable). */
    structural: boolean;
}

/**
 * Every code a finding can carry, sorted by id: the conformance rules (linking to docs/rules/<id>.md) and every
 * other code of the catalogue of finding codes (linking to the section of docs/ci.md that lists them). Reports
 * describe them all, so that SARIF consumers and JUnit readers can explain every result. The codes that are not
 * rules have the area `structure`: they are always on.
 */
export function reportCatalog(): CatalogRule[] {
    const structural: CatalogRule[] = FINDING_CODES.map(({ code, severity, summary, description }) => ({
        id: code, area: 'structure', defaultSeverity: severity, summary, description, structural: true,
        helpUri: STRUCTURAL_DOC_URL
    }));
    const rules: CatalogRule[] = RULES.map(rule => ({
        id: rule.id, area: rule.area, defaultSeverity: rule.defaultSeverity, summary: rule.summary,
        description: rule.description, structural: false, helpUri: ruleDocUrl(rule.id)
    }));
    return [...rules, ...structural].sort((a, b) => compareText(a.id, b.id));
}
