import { dictionaryRules } from './dictionary-rules.js';
import { exceptionsRules } from './exceptions-rules.js';
import { goLiveRules } from './go-live-rules.js';
import { interoperabilityRules } from './interoperability-rules.js';
import { operationsRules } from './operations-rules.js';
import { ownershipRules } from './ownership-rules.js';
import { rolloutRules } from './rollout-rules.js';
import type { RuleCheck } from './rule.js';
import { securityRules } from './security-rules.js';

/** Every rule implementation; a test checks this matches the registry one to one. */
export const ALL_RULE_CHECKS: readonly RuleCheck[] = [
    ...ownershipRules, ...interoperabilityRules, ...dictionaryRules, ...exceptionsRules, ...goLiveRules, ...rolloutRules, ...operationsRules, ...securityRules
];
