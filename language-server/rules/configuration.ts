import { ConfigLoader, type ResolvedConfig } from '../config/index.js';
import { RULES } from './registry.js';

/**
 * interspec.yaml as this rule catalogue reads it: config/ validates and resolves a configuration for any catalogue
 * it is given; this is the one for the rules of rules/index.ts (the engine, the CLI and the tests read it).
 */
const LOADER = new ConfigLoader(RULES);

/** The configuration of a workspace without interspec.yaml: every rule at its default severity. */
export function defaultConfig(): ResolvedConfig {
    return LOADER.defaults();
}

/**
 * Reads `<root>/interspec.yaml` (or `explicitFile`) with its presets. Returns defaults when there is no file;
 * throws ConfigError for anything invalid, never falling back to defaults silently.
 */
export function loadConfig(root: string, explicitFile?: string): ResolvedConfig {
    return LOADER.load(root, explicitFile);
}

/** The JSON Schema of interspec.yaml: every rule with its options. `schemas/interspec.schema.json` is this, written out. */
export function buildConfigSchema(): Record<string, unknown> {
    return LOADER.schema();
}
