import { accessByDutyRule } from './access-by-duty.js';
import { alertRoutingRule } from './alert-routing.js';
import { auditTrailRule } from './audit-trail.js';
import { benefitsBaselineRule } from './benefits-baseline.js';
import { changeAuthorityRule } from './change-authority.js';
import { codedValuesRule } from './coded-values.js';
import { dataOwnerRule } from './data-owner.js';
import { downtimeProcedureRule } from './downtime-procedure.js';
import { exceptionCoverageRule } from './exception-coverage.js';
import { exceptionEscalationRule } from './exception-escalation.js';
import { gateCoverageRule } from './gate-coverage.js';
import { gateEvidenceRule } from './gate-evidence.js';
import { governedDeviationRule } from './governed-deviation.js';
import { hypercareRule } from './hypercare.js';
import { interfaceOwnerRule } from './interface-owner.js';
import { knownFieldsRule } from './known-fields.js';
import { masterDataRule } from './master-data.js';
import { messageStructureRule } from './message-structure.js';
import { monitoringRule } from './monitoring.js';
import { patientIdentityRule } from './patient-identity.js';
import { phasedRolloutRule } from './phased-rollout.js';
import { profileUsageRule } from './profile-usage.js';
import { regulatoryRecordRule } from './regulatory-record.js';
import { repetitionRule } from './repetition.js';
import { requiredTargetsRule } from './required-targets.js';
import { retentionLawRule } from './retention-law.js';
import { sampleCodesRule } from './sample-codes.js';
import { sampleIdentifiersRule } from './sample-identifiers.js';
import { sampleStructureRule } from './sample-structure.js';
import { sampleTimestampsRule } from './sample-timestamps.js';
import { sampleUnitsRule } from './sample-units.js';
import { sampleValuesRule } from './sample-values.js';
import { siteBaselineRule } from './site-baseline.js';
import { standardVersionRule } from './standard-version.js';
import { timestampsRule } from './timestamps.js';
import { trainingByRoleRule } from './training-by-role.js';
import { transitionPlanRule } from './transition-plan.js';
import { transportSecurityRule } from './transport-security.js';
import { typeCompatibilityRule } from './type-compatibility.js';
import { unitsRule } from './units.js';
import { vendorAccountabilityRule } from './vendor-accountability.js';
import { zonePlaceRule } from './zone-place.js';
import { deviceCriticalityRule } from './device-criticality.js';
import type { Rule } from './rule.js';

/**
 * Every conformance rule, in catalogue order: by area (ownership, interoperability, exceptions, go-live, rollout,
 * operations, security), and within an area in the order the rule engine runs them. Each rule is its own file,
 * `rules/<id>.ts`; the registry (RULES by id, findRule, RULE_AREAS, ALL_RULE_CHECKS), the schema of interspec.yaml
 * and the index of docs/rules/README.md are derived from this list.
 */
export const RULE_CATALOGUE: readonly Rule[] = [
    interfaceOwnerRule, dataOwnerRule, retentionLawRule, changeAuthorityRule,
    standardVersionRule, patientIdentityRule, unitsRule, timestampsRule, zonePlaceRule, codedValuesRule, knownFieldsRule, masterDataRule, alertRoutingRule,
    messageStructureRule, typeCompatibilityRule, repetitionRule, requiredTargetsRule, profileUsageRule,
    sampleStructureRule, sampleCodesRule, sampleUnitsRule, sampleIdentifiersRule, sampleTimestampsRule, sampleValuesRule,
    exceptionCoverageRule, exceptionEscalationRule, downtimeProcedureRule,
    gateEvidenceRule, gateCoverageRule, deviceCriticalityRule, trainingByRoleRule,
    siteBaselineRule, governedDeviationRule, phasedRolloutRule, transitionPlanRule, regulatoryRecordRule,
    monitoringRule, vendorAccountabilityRule, hypercareRule, benefitsBaselineRule,
    transportSecurityRule, auditTrailRule, accessByDutyRule
];
