export {
    CONFIG_FILE_NAME, ConfigError, ConfigLoader, effectiveSeverity, MAX_ALIAS_COUNT, MAX_CONFIG_BYTES, ruleOptions,
    type ConfigOverride, type ResolvedConfig, type RuleOptions, type RuleSetting
} from './config.js';
export { buildConfigSchema, type ConfigurableRule } from './config-schema.js';
export { matchesGlob } from './glob.js';
export { RULE_SEVERITIES, type RuleSeverity } from './severity.js';
