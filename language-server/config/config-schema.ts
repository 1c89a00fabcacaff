import { RULES } from '../rules/registry.js';

/**
 * The JSON Schema of interspec.yaml, built from the rule registry so it always lists every rule.
 * `schemas/interspec.schema.json` is this object written out (a test keeps them equal); VS Code uses that file.
 */
export function buildConfigSchema(): Record<string, unknown> {
    const ruleProperties: Record<string, unknown> = {};
    for (const rule of RULES) {
        const options = RULE_OPTION_SCHEMAS[rule.id] ?? { type: 'object', additionalProperties: false };
        ruleProperties[rule.id] = {
            description: `${rule.summary} (default: ${rule.defaultSeverity}). See docs/rules/${rule.id}.md.`,
            oneOf: [
                { $ref: '#/definitions/severity' },
                { type: 'array', items: [{ $ref: '#/definitions/severity' }, options], minItems: 1, maxItems: 2, additionalItems: false }
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

/** Options of the rules that have some; every other rule takes an empty options object. */
const RULE_OPTION_SCHEMAS: Record<string, unknown> = {
    'exception-coverage': {
        type: 'object', additionalProperties: false,
        properties: { required: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z][\\w-]*$' }, uniqueItems: true } }
    },
    'vendor-accountability': {
        type: 'object', additionalProperties: false,
        properties: {
            'max-response': {
                type: 'object', additionalProperties: false,
                description: 'The longest vendor response per interface criticality (defaults: critical 1d, high 3d, medium and low 7d).',
                properties: Object.fromEntries(['critical', 'high', 'medium', 'low'].map(level => [level, { type: 'string', pattern: '^\\d+(\\.\\d+)?(ms|mo|min|s|m|h|d|w|y)$' }]))
            }
        }
    },
    'data-owner': {
        type: 'object', additionalProperties: false,
        properties: {
            'min-phi-retention': {
                type: 'string', pattern: '^\\d+(\\.\\d+)?(ms|mo|min|s|m|h|d|w|y)$',
                description: 'The shortest retention of a data set of PHI (default 1y): clinical records are kept for years.'
            }
        }
    },
    'exception-escalation': {
        type: 'object', additionalProperties: false,
        properties: {
            'on-call': { type: 'array', items: { type: 'string', pattern: '^[A-Za-z][\\w-]*$' }, uniqueItems: true, description: 'Scenarios whose escalation must reach a party with on-call cover (default [urgent]).' },
            'max-response': {
                type: 'object', description: 'The longest escalation response per scenario (default: urgent 1h).',
                additionalProperties: { type: 'string', pattern: '^\\d+(\\.\\d+)?(ms|mo|min|s|m|h|d|w|y)$' }
            }
        }
    },
    'gate-coverage': {
        type: 'object', additionalProperties: false,
        properties: {
            'per-question': {
                type: 'array', uniqueItems: true,
                items: { enum: ['exceptions', 'data-meaning', 'compliance', 'readiness', 'load-test', 'ownership', 'monitoring', 'vendor'] },
                description: 'Go-live questions whose criteria, when they name interfaces with `covers`, must cover every critical interface of the gate\'s sites (default [exceptions, data-meaning, load-test]).'
            }
        }
    },
    'change-authority': {
        type: 'object', additionalProperties: false,
        properties: { scopes: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z][\\w-]*$' }, uniqueItems: true } }
    }
};
