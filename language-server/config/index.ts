export {
    CONFIG_FILE_NAME, ConfigError, defaultConfig, effectiveSeverity, loadConfig, MAX_ALIAS_COUNT, MAX_CONFIG_BYTES, RULE_SEVERITIES, ruleOptions,
    type ConfigOverride, type ResolvedConfig, type RuleOptions, type RuleSetting, type RuleSeverity
} from './config.js';
export { buildConfigSchema } from './config-schema.js';
export { matchesGlob } from './glob.js';
