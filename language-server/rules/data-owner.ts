import { isData, type Data } from '../language/generated/ast.js';
import { durationMinutes, isServiceAccount, isZeroDuration, listText, refName } from '../model/workspace-index.js';
import { DURATION_PATTERN, type Rule } from './rule.js';

/**
 * The shortest retention of a data set classified PHI, unless interspec.yaml sets `data-owner: { min-phi-retention }`.
 * Policy, not law: record-keeping laws ask for years (often 10 to 30 for clinical records), so less than a year is
 * an absurd value (a `d` typed for a `y`), not a choice.
 */
const DEFAULT_MIN_PHI_RETENTION = '1y';

function tooShortForPhi(node: Data, minimum: string): boolean {
    const retention = durationMinutes(node.retention);
    const limit = durationMinutes(minimum);
    return node.classification === 'PHI' && retention !== undefined && limit !== undefined && retention < limit;
}

/** Data sets need an owner, a retention period and access roles, or compliance stays ambiguous. */
export const dataOwnerRule: Rule = {
    id: 'data-owner',
    area: 'ownership',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Every data set names its owner, retention and access roles.',
    description: 'Data ownership, retention and access privileges that are left vague become compliance '
        + 'ambiguity later. Each `data` element declares `owner`, `retention` and `access`; PHI is kept at least '
        + `\`min-phi-retention\` (default ${DEFAULT_MIN_PHI_RETENTION}).`,
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            'min-phi-retention': {
                type: 'string', pattern: DURATION_PATTERN, default: DEFAULT_MIN_PHI_RETENTION,
                description: `The shortest retention of a data set of PHI (default ${DEFAULT_MIN_PHI_RETENTION}): clinical records are kept for years.`
            }
        }
    },
    check({ model, workspace, options, report }) {
        const minPhiRetention = (options['min-phi-retention'] as string | undefined) ?? DEFAULT_MIN_PHI_RETENTION;
        for (const node of model.elements.filter(isData)) {
            if (isZeroDuration(node.retention)) {
                report(node, `A retention of ${node.retention} for data set '${node.name}' is no retention policy: the records would be purged on arrival. Write the period the law or policy requires (e.g. \`retention 10y\`).`, { property: 'retention' });
            } else if (tooShortForPhi(node, minPhiRetention)) {
                report(node, `A retention of ${node.retention} for data set '${node.name}', which holds PHI, is shorter than ${minPhiRetention}: clinical records are kept for years (\`30d\` for \`30y\` is a common slip); write the period the law or policy requires, or set \`min-phi-retention\` in interspec.yaml.`, { property: 'retention' });
            }
            node.owners.forEach((owner, index) => {
                if (isServiceAccount(refName(owner), workspace)) {
                    report(node, `Data set '${node.name}' is owned by ${refName(owner)}, a service account: no person answers for its quality. Make a team or a person's role the owner.`, { property: 'owners', index });
                }
            });
            const missing: string[] = [];
            const lines: string[] = [];
            if (node.owners.length === 0) {
                missing.push('`owner <team or role>`');
                lines.push('// TODO: owner <team or role>');
            }
            if (!node.retention) {
                missing.push('`retention <duration>`');
                lines.push('// TODO: retention <duration, e.g. 10y>');
            }
            if (node.access.length === 0) {
                missing.push('`access <role>, …`');
                lines.push('// TODO: access <roles>');
            }
            if (missing.length > 0) {
                report(node, `Data set '${node.name}' does not say who owns it, how long it is kept and who may read it: add ${listText(missing)}.`, {
                    property: 'name',
                    fix: { title: 'Add placeholders for the missing owner, retention and access', target: node, lines }
                });
            } else if (node.owners.length > 1) {
                report(node, `Data set '${node.name}' names ${node.owners.length} owners; keep one.`, { property: 'owners', index: 1 });
            }
        }
    }
};
