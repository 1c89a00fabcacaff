import { RULES } from '../rules/registry.js';

/**
 * The JSON Schema of interspec.yaml, built from the rule registry so it always lists every rule.
 * `schemas/interspec.schema.json` is this object written out (a test keeps them equal); VS Code uses that file.
 */
export function buildConfigSchema(): Record<string, unknown> {
    const ruleProperties: Record<string, unknown> = {};
    for (const rule of RULES) {
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
                description: 'Which interface criticality levels count as critical for the rules (default: [critical]).',
                type: 'array', items: { $ref: '#/definitions/criticality' }, minItems: 1, uniqueItems: true
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
            severity: { enum: ['error', 'warning', 'info', 'off'] },
            criticality: { enum: ['critical', 'high', 'medium', 'low'] }
        }
    };
}
