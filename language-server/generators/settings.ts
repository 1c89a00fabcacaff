import { DEFAULT_CRITICAL_LEVELS, DEFAULT_REQUIRED_SCENARIOS } from '../model/domain-defaults.js';

/**
 * What the generators take from the workspace configuration: which criticality levels count as critical and
 * which exception scenarios a critical interface must handle (the `exception-coverage` rule's `required` option).
 */
export interface GeneratorSettings {
    critical: readonly string[];
    requiredScenarios: readonly string[];
}

export { DEFAULT_REQUIRED_SCENARIOS };

export const DEFAULT_SETTINGS: GeneratorSettings = {
    critical: DEFAULT_CRITICAL_LEVELS,
    requiredScenarios: DEFAULT_REQUIRED_SCENARIOS
};

/** The part of a resolved interspec.yaml the generators read (structural, so any resolved config fits). */
export interface ConfigLike {
    critical?: readonly string[];
    rules?: Record<string, { severity?: string, options?: Readonly<Record<string, unknown>> } | undefined>;
}

export function settingsFromConfig(config: ConfigLike | undefined): GeneratorSettings {
    const options = config?.rules?.['exception-coverage']?.options;
    const required = options?.required;
    return {
        critical: config?.critical?.length ? [...config.critical] : DEFAULT_SETTINGS.critical,
        requiredScenarios: Array.isArray(required) && required.every(item => typeof item === 'string')
            ? required as string[]
            : DEFAULT_REQUIRED_SCENARIOS
    };
}
