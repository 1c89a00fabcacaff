/** How a rule's findings are reported: `off` does not run the rule. */
export type RuleSeverity = 'error' | 'warning' | 'info' | 'off';

/** Every severity interspec.yaml accepts, most severe first. */
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'off'];
