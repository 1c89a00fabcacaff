import * as vscode from 'vscode';
import { CONFIGURATION_SECTION, RULE_SEVERITY_OVERRIDES, type RuleSeverityOverride } from '../../language-server/protocol/index.js';

const SEVERITIES: ReadonlySet<string> = new Set(RULE_SEVERITY_OVERRIDES);

/**
 * `interspec.rules`: severity overrides per rule id, on top of interspec.yaml. Values that are not a severity are
 * dropped here so the server only ever sees valid input (VS Code already warns about them in settings.json).
 */
export function ruleOverrides(scope?: vscode.ConfigurationScope): Record<string, RuleSeverityOverride> {
    const raw = vscode.workspace.getConfiguration(CONFIGURATION_SECTION, scope).get<unknown>('rules');
    const overrides: Record<string, RuleSeverityOverride> = {};
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
        for (const [ruleId, severity] of Object.entries(raw)) {
            if (typeof severity === 'string' && SEVERITIES.has(severity)) {
                overrides[ruleId] = severity as RuleSeverityOverride;
            }
        }
    }
    return overrides;
}
