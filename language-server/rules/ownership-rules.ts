import { isData, isInterface, type Data } from '../language/generated/ast.js';
import { durationMinutes, isServiceAccount, isZeroDuration, listText, refName } from '../model/workspace-index.js';
import type { RuleCheck } from './rule.js';
import { ownerFromContext } from './stub-values.js';

/** One accountable owner per interface: the domain's first safeguard against post-go-live drift. */
const interfaceOwner: RuleCheck = {
    id: 'interface-owner',
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isInterface)) {
            node.owners.forEach((owner, index) => {
                if (isServiceAccount(refName(owner), workspace)) {
                    report(node, `Interface '${node.name}' is owned by ${refName(owner)}, a service account: no person answers for it after go-live.`, { property: 'owners', index });
                }
            });
            if (node.owners.length === 0) {
                // The owner the spec already gives this pair of systems; else a comment, so that this rule, and
                // no unresolved name, is what asks for it.
                const owner = ownerFromContext(node, workspace);
                report(node, `Interface '${node.name}' has no accountable owner. Add \`owner <team or role>\`: the one party that answers for it after go-live.`, {
                    property: 'name',
                    fix: owner
                        ? { title: `Make ${owner} the owner`, target: node, lines: [`owner ${owner}`] }
                        : { title: 'Add an owner placeholder', target: node, lines: ['// TODO: owner <the team or role that answers for this interface after go-live>'] }
                });
            } else if (node.owners.length > 1) {
                const names = node.owners.map(refName).join(', ');
                report(node, `Interface '${node.name}' names ${node.owners.length} owners (${names}); keep exactly one accountable owner and notify the others from exception handlers.`, {
                    property: 'owners', index: 1
                });
            }
        }
    }
};

/**
 * The shortest retention of a data set classified PHI, unless interspec.yaml sets `data-owner: { min-phi-retention }`.
 * Policy, not law: record-keeping laws ask for years (often 10 to 30 for clinical records), so less than a year is
 * an absurd value (a `d` typed for a `y`), not a choice.
 */
export const DEFAULT_MIN_PHI_RETENTION = '1y';

function tooShortForPhi(node: Data, minimum: string): boolean {
    const retention = durationMinutes(node.retention);
    const limit = durationMinutes(minimum);
    return node.classification === 'PHI' && retention !== undefined && limit !== undefined && retention < limit;
}

/** Data sets need an owner, a retention period and access roles, or compliance stays ambiguous. */
const dataOwner: RuleCheck = {
    id: 'data-owner',
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
                lines.push('owner TODO_OWNER');
            }
            if (!node.retention) {
                missing.push('`retention <duration>`');
                lines.push('// TODO: retention <duration, e.g. 10y>');
            }
            if (node.access.length === 0) {
                missing.push('`access <role>, …`');
                lines.push('access TODO_ROLE');
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

const DEFAULT_CHANGE_SCOPES = ['updates', 'patches', 'configuration'];

/** Somebody approves updates, patches and configuration changes, per interface or for the whole workspace. */
const changeAuthority: RuleCheck = {
    id: 'change-authority',
    check({ model, workspace, options, report }) {
        const scopes = (options.scopes as string[] | undefined) ?? DEFAULT_CHANGE_SCOPES;
        for (const authority of model.elements.filter(e => e.$type === 'ChangeAuthority')) {
            const covered = (authority as { scopes: string[] }).scopes;
            const missing = scopes.filter(scope => covered.length > 0 && !covered.includes(scope));
            if (missing.length > 0) {
                report(authority, `This change authority does not cover ${listText(missing)}; add them to \`covers\`, or declare another \`change-authority\` for them.`, {
                    property: 'scopes', index: covered.length - 1,
                    fix: { title: 'Cover the missing change scopes', target: authority, inline: `, ${missing.join(', ')}` }
                });
            }
        }
        if (workspace.changeAuthorities.length > 0) {
            return;
        }
        for (const node of model.elements.filter(isInterface)) {
            if (!node.changeAuthority) {
                report(node, `Nobody approves changes (${listText(scopes)}) to interface '${node.name}'. Add \`change-authority <team or role>\`, or one top-level \`change-authority <team> covers ${scopes.join(', ')}\` for the workspace.`, {
                    property: 'name',
                    fix: { title: 'Add a change authority placeholder', target: node, lines: ['change-authority TODO_APPROVER'] }
                });
            }
        }
    }
};

export const ownershipRules: RuleCheck[] = [interfaceOwner, dataOwner, changeAuthority];

