import { strict as assert } from 'node:assert';
import { defaultConfig } from '../../language-server/rules/configuration.js';
import { DEFAULT_CRITICAL_LEVELS, DEFAULT_REQUIRED_SCENARIOS, EXCEPTION_SCENARIOS } from '../../language-server/model/domain-defaults.js';
import { DEFAULT_REQUIRED_SCENARIOS as GENERATOR_SCENARIOS, settingsFromConfig } from '../../language-server/generators/index.js';
import { EXCEPTION_SCENARIOS as COMPLETION_SCENARIOS } from '../../language-server/lsp/completion-values.js';
import { exceptionCoverageRule } from '../../language-server/rules/exception-coverage.js';

/** The default of the exception-coverage rule's `required` option, as the schema of interspec.yaml gives it. */
const RULE_SCENARIOS = exceptionCoverageRule.options.properties?.required.default;

describe('domain defaults: one list each', () => {
    it('gives the rule, the generators, the configuration and completion the same scenarios and critical levels', () => {
        assert.equal(RULE_SCENARIOS, DEFAULT_REQUIRED_SCENARIOS);
        assert.equal(GENERATOR_SCENARIOS, DEFAULT_REQUIRED_SCENARIOS);
        assert.equal(COMPLETION_SCENARIOS, EXCEPTION_SCENARIOS);
        assert.deepEqual(EXCEPTION_SCENARIOS.map(scenario => scenario.name), [...DEFAULT_REQUIRED_SCENARIOS]);
        assert.deepEqual(settingsFromConfig(undefined), { critical: DEFAULT_CRITICAL_LEVELS, requiredScenarios: DEFAULT_REQUIRED_SCENARIOS });
        assert.deepEqual(defaultConfig().critical, [...DEFAULT_CRITICAL_LEVELS]);
    });
});
