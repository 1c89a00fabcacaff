import { RULE_CATALOGUE } from './index.js';
import type { Rule, RuleArea, RuleCheck } from './rule.js';

/**
 * Lookups over the rule catalogue (rules/index.ts), read by the rule engine, the CLI (`interspec rules`, SARIF),
 * the language server and the docs test. Each rule's page is `docs/rules/<id>.md`.
 */

/** Every rule, sorted by id. */
export const RULES: readonly Rule[] = Object.freeze([...RULE_CATALOGUE].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const BY_ID = new Map(RULES.map(rule => [rule.id, rule]));

export function findRule(id: string): Rule | undefined {
    return BY_ID.get(id);
}

/** The areas in the order the docs index and `interspec rules` list them: the order of the catalogue. */
export const RULE_AREAS: readonly RuleArea[] = [...new Set(RULE_CATALOGUE.map(rule => rule.area))];

/** The rules as the engine runs them, in catalogue order (tests swap a rule's check here). */
export const ALL_RULE_CHECKS: readonly RuleCheck[] = [...RULE_CATALOGUE];
