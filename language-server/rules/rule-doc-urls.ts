import { findRule } from './registry.js';

/**
 * Where the documentation of a finding lives on the web, for links in the editor's Problems panel (LSP
 * `Diagnostic.codeDescription.href`) and in reports (SARIF `helpUri`). The repository is package.json's
 * `repository.url` (a test keeps them equal); pages are read from its `main` branch.
 */
export const REPOSITORY_URL = 'https://github.com/interspec/interspec';

/** `docs/rules/<id>.md` of a conformance rule. */
export function ruleDocUrl(ruleId: string): string {
    return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}

/** The section of docs/ci.md that explains the structural codes (syntax, unresolved-reference, import-*, …). */
export const STRUCTURAL_DOC_URL = `${REPOSITORY_URL}/blob/main/docs/ci.md#structural-problems`;

/** The page for a finding code: the rule's page for a rule id, else the structural problems section. */
export function findingDocUrl(code: string): string {
    return findRule(code) ? ruleDocUrl(code) : STRUCTURAL_DOC_URL;
}
