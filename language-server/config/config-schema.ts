import { DEFAULT_CRITICAL_LEVELS } from '../model/domain-defaults.js';
import { RULE_SEVERITIES, type RuleSeverity } from './severity.js';

/**
 * What interspec.yaml's schema and loader know of a rule: its id, its default severity, its one-line summary and
 * the JSON Schema of its options. The rule catalogue (rules/index.ts) is passed in; config/ knows no rule itself.
 */
export interface ConfigurableRule {
    readonly id: string;
    readonly defaultSeverity: RuleSeverity;
    readonly summary: string;
    readonly options: object;
}

/**
 * The JSON Schema of interspec.yaml for a rule catalogue, so it always lists every rule and its options.
 * `schemas/interspec.schema.json` is this object written out for the catalogue (a test keeps them equal); VS Code
 * uses that file.
 */
export function buildConfigSchema(catalogue: readonly ConfigurableRule[]): Record<string, unknown> {
    const ruleProperties: Record<string, unknown> = {};
    for (const rule of catalogue) {
        ruleProperties[rule.id] = {
            description: `${rule.summary} (default: ${rule.defaultSeverity}). See docs/rules/${rule.id}.md.`,
            oneOf: [
                { $ref: '#/definitions/severity' },
                { type: 'array', items: [{ $ref: '#/definitions/severity' }, rule.options], minItems: 1, maxItems: 2, additionalItems: false }
            ]
        };
    }
    const rules = {
        type: 'object',
        description: 'Per-rule severity: error, warning, info or off, or [severity, {options}].',
        properties: ruleProperties,
        additionalProperties: false
    };
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: 'https://interspec.dev/schemas/interspec.schema.json',
        title: 'Interspec workspace configuration (interspec.yaml)',
        type: 'object',
        additionalProperties: false,
        properties: {
            extends: {
                description: 'Presets applied first: `interspec:recommended`, `interspec:strict`, or a path to another YAML file (relative to this one).',
                oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }]
            },
            critical: {
                description: `Which interface criticality levels count as critical for the rules (default: [${DEFAULT_CRITICAL_LEVELS.join(', ')}]).`,
                type: 'array', items: { $ref: '#/definitions/criticality' }, minItems: 1, uniqueItems: true, default: DEFAULT_CRITICAL_LEVELS
            },
            rules,
            overrides: {
                description: 'Rule settings for the files matching a glob (relative to the workspace root); later entries win.',
                type: 'array',
                items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['files', 'rules'],
                    properties: {
                        files: { oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }] },
                        rules
                    }
                }
            }
        },
        definitions: {
            severity: { enum: [...RULE_SEVERITIES] },
            criticality: { enum: ['critical', 'high', 'medium', 'low'] }
        }
    };
}
