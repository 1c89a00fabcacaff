import { isSystem, type Interface } from '../language/generated/ast.js';
import { isServiceAccount, refName, type WorkspaceIndex } from '../model/workspace-index.js';

/**
 * Values the quick-fix stubs take from the spec around them, so that a stub says what the spec already knows and
 * leaves a placeholder only for what it cannot know. Never a guess: each value is written elsewhere in the spec.
 */

/** Who an interface's exceptions go to and how fast: the first handler's complete escalation, else its owner. */
export function escalationOf(node: Interface): { party?: string, response?: string } {
    const model = node.handlers.find(handler => handler.escalation && handler.response) ?? node.handlers.find(handler => handler.escalation);
    const party = refName(model?.escalation) ?? refName(node.owners[0]);
    return { party, response: model?.escalation ? model.response : undefined };
}

/** The parties an interface's handlers escalate to (in handler order), else its owner: who acts on its alerts. */
export function alertPartiesOf(node: Interface, workspace: WorkspaceIndex): string[] {
    const parties = [...new Set(node.handlers.map(handler => refName(handler.escalation)).filter((name): name is string => !!name))]
        .filter(name => !isServiceAccount(name, workspace));
    const owner = refName(node.owners[0]);
    return parties.length > 0 ? parties : owner && !isServiceAccount(owner, workspace) ? [owner] : [];
}

/**
 * The owner of an interface that has none, from the spec: the owner of another interface between the same two
 * systems (either direction), else the owner both systems share. Undefined when the spec does not say.
 */
export function ownerFromContext(node: Interface, workspace: WorkspaceIndex): string | undefined {
    const ends = [refName(node.source), refName(node.target)].sort().join('\u0000');
    const sibling = workspace.interfaces.find(other => other !== node && other.owners.length === 1
        && [refName(other.source), refName(other.target)].sort().join('\u0000') === ends);
    const candidates = [refName(sibling?.owners[0])];
    const systemOwners = [refName(node.source), refName(node.target)].map(name => workspace.find(name, isSystem)?.owners.map(refName) ?? []);
    if (systemOwners[0].length === 1 && systemOwners[1].length === 1 && systemOwners[0][0] === systemOwners[1][0]) {
        candidates.push(systemOwners[0][0]);
    }
    return candidates.find((name): name is string => !!name && !isServiceAccount(name, workspace));
}
