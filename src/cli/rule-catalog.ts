import { compareText } from '../../language-server/model/findings.js';
import { RULES } from '../../language-server/rules/registry.js';
import { REPOSITORY_URL, ruleDocUrl, STRUCTURAL_DOC_URL } from '../../language-server/rules/rule-doc-urls.js';
import type { ReportRule } from './formatters/report.js';

export const INFORMATION_URI = `${REPOSITORY_URL}#readme`;

/**
 * Structural problems are always errors and are not configurable rules; reports still describe them as rules so
 * that SARIF consumers and JUnit readers can explain every result. The codes are those the core reports.
 */
const STRUCTURAL: Array<[id: string, summary: string, description: string]> = [
    ['syntax', 'The file does not parse.', 'A token or statement is not valid Interspec syntax. The message names what was expected; docs/language.md is the reference.'],
    ['unresolved-reference', 'A name refers to nothing visible from this file.', 'A referenced team, system, site, data set, interface, gate or change is not declared in this file or in a file it imports. Declare it, fix the spelling, or add the import the message suggests.'],
    ['duplicate-name', 'Two top-level elements of one workspace share a name.', 'Top-level names are unique per workspace root so that every reference means one thing. Rename one of them.'],
    ['duplicate-local-name', 'A name or code is declared twice inside one element.', 'Criteria of a gate, devices of a baseline, deviations of a site, metrics, messages and code-map entries are unique within their parent.'],
    ['repeated-statement', 'A single-valued statement is written twice.', 'Statements such as `standard`, `transport` or `criticality` take one value; the second one would silently win. Keep one.'],
    ['import-missing', 'An imported file does not exist.', 'The path of an `import` is relative to the importing file and must name an existing .ispec file in the same workspace.'],
    ['import-outside-root', 'An import leaves the workspace root.', 'Imports may not reach outside the folder that holds `interspec.yaml`, so that a workspace is self-contained and cannot read unrelated files.'],
    ['import-not-ispec', 'An import names a file that is not an .ispec file.', 'Only .ispec files can be imported.'],
    ['import-cycle', 'Files import each other in a cycle.', 'Imports are transitive and must form no cycle; move the shared elements into a file both import.'],
    ['import-duplicate', 'A file is imported twice.', 'Remove the repeated `import`.'],
    ['structure', 'A structural problem.', 'A problem the core reports that is not a configurable rule.']
];

export interface CatalogRule extends ReportRule {
    /** True for the always-on structural codes. */
    structural: boolean;
}

/** Every conformance rule (linking to docs/rules/<id>.md) and structural code, sorted by id. */
export function reportCatalog(): CatalogRule[] {
    const structural: CatalogRule[] = STRUCTURAL.map(([id, summary, description]) => ({
        id, area: 'structure', defaultSeverity: 'error', summary, description, structural: true,
        helpUri: STRUCTURAL_DOC_URL
    }));
    const rules: CatalogRule[] = RULES.map(rule => ({
        id: rule.id, area: rule.area, defaultSeverity: rule.defaultSeverity, summary: rule.summary,
        description: rule.description, structural: false, helpUri: ruleDocUrl(rule.id)
    }));
    return [...rules, ...structural].sort((a, b) => compareText(a.id, b.id));
}
