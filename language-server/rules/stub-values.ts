import { AstUtils, UriUtils, type AstNode, type LangiumDocument, type Reference } from 'langium';
import { isRole, isSystem, isTeam, type Interface, type Model } from '../language/generated/ast.js';
import { isServiceAccount, refName, type WorkspaceIndex } from '../model/workspace-index.js';

/**
 * Values the quick-fix stubs take from the spec around them, so that a stub says what the spec already knows and
 * leaves a placeholder only for what it cannot know. Never a guess: each value is written elsewhere in the spec.
 */

/**
 * Who an interface's exceptions go to and how fast: the first handler's complete escalation, else its owner. Only
 * parties whose name resolves in the interface's file: a stub that copied an unknown name (a snippet's `Team`) into
 * each new line would turn one unresolved reference into many.
 */
export function escalationOf(node: Interface, workspace: WorkspaceIndex): { party?: string, response?: string } {
    const resolves = (reference: Reference | undefined) => visibleParty(refName(reference), node, workspace) !== undefined;
    const model = node.handlers.find(handler => resolves(handler.escalation) && handler.response) ?? node.handlers.find(handler => resolves(handler.escalation));
    const party = visibleParty(refName(model?.escalation), node, workspace) ?? visibleParty(refName(node.owners[0]), node, workspace);
    return { party, response: model?.escalation ? model.response : undefined };
}

/** The parties an interface's handlers escalate to (in handler order), else its owner: who acts on its alerts. Resolved names only. */
export function alertPartiesOf(node: Interface, workspace: WorkspaceIndex): string[] {
    const parties = [...new Set(node.handlers.map(handler => visibleParty(refName(handler.escalation), node, workspace)).filter((name): name is string => !!name))]
        .filter(name => !isServiceAccount(name, workspace));
    const owner = visibleParty(refName(node.owners[0]), node, workspace);
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
    // Another file's owner may be declared in a file this one does not import: only a name that resolves here.
    return candidates.find((name): name is string => visibleParty(name, node, workspace) !== undefined && !isServiceAccount(name, workspace));
}

/**
 * `name` when it is a team or role that a reference written beside `from` resolves to: declared in `from`'s file
 * or in a file it imports, directly or through other imports (imports resolve relative to the importing file, as
 * language/interspec-imports.ts resolves them); undefined otherwise. What a quick fix may copy into a stub.
 */
export function visibleParty(name: string | undefined, from: AstNode, workspace: WorkspaceIndex): string | undefined {
    return visibleName(name, from, workspace, isTeam, isRole);
}

/** `name` when it is a top-level element of one of the kinds (`isInterface`) visible from `from`'s file (see visibleParty). */
export function visibleName(name: string | undefined, from: AstNode, workspace: WorkspaceIndex, ...kinds: Array<(node: unknown) => boolean>): string | undefined {
    const element = workspace.find(name, (node: unknown): node is AstNode => kinds.some(kind => kind(node)));
    if (!element) {
        return undefined;
    }
    const visible = visibleDocuments(AstUtils.getDocument(from) as LangiumDocument<Model>, workspace);
    return visible.has(AstUtils.getDocument(element).uri.toString()) ? name : undefined;
}

/** Per workspace state and document: the URIs (as strings) of the document and of every document it imports, transitively. */
const VISIBLE = new WeakMap<WorkspaceIndex, Map<string, Set<string>>>();

function visibleDocuments(document: LangiumDocument<Model>, workspace: WorkspaceIndex): Set<string> {
    let perDocument = VISIBLE.get(workspace);
    if (!perDocument) {
        perDocument = new Map();
        VISIBLE.set(workspace, perDocument);
    }
    const key = document.uri.toString();
    let visible = perDocument.get(key);
    if (!visible) {
        const byUri = new Map(workspace.documents.map(d => [d.uri.toString(), d]));
        visible = new Set([key]);
        const queue = [document];
        for (let at = 0; at < queue.length; at++) {
            const current = queue[at];
            for (const imported of current.parseResult.value.imports ?? []) {
                if (imported.path === undefined) continue;
                const uri = UriUtils.resolvePath(UriUtils.dirname(current.uri), imported.path).toString();
                const target = byUri.get(uri);
                if (target && !visible.has(uri)) {
                    visible.add(uri);
                    queue.push(target);
                }
            }
        }
        perDocument.set(key, visible);
    }
    return visible;
}
