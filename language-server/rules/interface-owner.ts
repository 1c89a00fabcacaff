import { isInterface, isRole, isTeam, type Interface } from '../language/generated/ast.js';
import { isServiceAccount, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';
import { ownerFromContext } from './stub-values.js';

/** The names a party answers under: itself, and for a role its team (a role's work reaches its team and back). */
function partyNames(name: string | undefined, workspace: WorkspaceIndex): Set<string> {
    const names = new Set<string>(name ? [name] : []);
    const team = refName(workspace.find(name, isRole)?.team);
    if (team) names.add(team);
    return names;
}

/** Whether a party states on-call cover or service hours: its own (a team's `on-call`, `hours`), or its team's for a role. */
function statesOnCall(name: string | undefined, workspace: WorkspaceIndex): boolean {
    return [...partyNames(name, workspace)].some(n => {
        const team = workspace.find(n, isTeam);
        return team !== undefined && (team.cover !== undefined || team.onCall !== undefined || team.hours !== undefined);
    });
}

/**
 * Whether the interface's owner does none of the operational work the spec gives the interface: it does not own the
 * interface's monitor, receives none of its alerts, escalations or notifications, and states no on-call. Then it is
 * a governance body (a board, a sponsor) in the seat of the team that answers at 3 a.m. Needs a monitor that names
 * its owner: without one the spec does not say who operates the interface, and this says nothing.
 */
function ownerOutsideOperations(node: Interface, owner: string, workspace: WorkspaceIndex): boolean {
    const monitorOwners = node.monitor?.owners.map(refName) ?? [];
    if (monitorOwners.length === 0 || statesOnCall(owner, workspace)) return false;
    const mine = partyNames(owner, workspace);
    const operators = [
        ...monitorOwners,
        ...(node.monitor?.alertsTo.map(refName) ?? []),
        ...node.handlers.flatMap(h => [refName(h.escalation), ...h.notify.map(refName)])
    ];
    return !operators.some(name => [...partyNames(name, workspace)].some(n => mine.has(n)));
}

/** One accountable owner per interface: the domain's first safeguard against post-go-live drift. */
export const interfaceOwnerRule: Rule = {
    id: 'interface-owner',
    area: 'ownership',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Every interface names exactly one accountable owner.',
    description: 'An interface without an owner, or with several, has nobody who answers for it after go-live: '
        + 'failed messages, updates and escalations fall between teams. Name one team or role with `owner`; '
        + 'others can be notified from exception handlers.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isInterface)) {
            node.owners.forEach((owner, index) => {
                if (isServiceAccount(refName(owner), workspace)) {
                    report(node, `Interface '${node.name}' is owned by ${refName(owner)}, a service account: no person answers for it after go-live.`, { property: 'owners', index });
                }
            });
            const soleOwner = node.owners.length === 1 ? refName(node.owners[0]) : undefined;
            if (soleOwner && !isServiceAccount(soleOwner, workspace) && ownerOutsideOperations(node, soleOwner, workspace)) {
                const monitor = node.monitor?.owners.map(refName).join(', ');
                report(node, `Interface '${node.name}' is owned by ${soleOwner}, which does not own its monitor (${monitor}), receives none of its alerts or escalations and states no on-call: an owner that takes no part in running the interface cannot answer for it after go-live. Make the operating team (e.g. ${monitor}) the owner, or give ${soleOwner} the on-call and escalations.`, {
                    property: 'owners', index: 0, severity: 'warning'
                });
            }
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
