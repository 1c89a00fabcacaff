/**
 * The editor settings the client sends the server: the `interspec` section, in `initializationOptions` at start
 * and in `workspace/configuration` / `workspace/didChangeConfiguration` afterwards. Any LSP client can send it.
 */
export const CONFIGURATION_SECTION = 'interspec';

export type RuleSeverityOverride = 'error' | 'warning' | 'info' | 'off';
export const RULE_SEVERITY_OVERRIDES: readonly RuleSeverityOverride[] = ['error', 'warning', 'info', 'off'];

/** The section's content: severity overrides per rule id, applied on top of interspec.yaml. */
export interface InterspecSettings {
    rules?: Record<string, RuleSeverityOverride>;
}
