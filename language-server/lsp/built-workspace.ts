import { DocumentState, OperationCancelled, type DocumentBuilder, type LangiumSharedCoreServices } from 'langium';
import { CancellationToken } from 'vscode-languageserver';

/**
 * Runs `action` on a fully built workspace: once the document builder has validated every document, and under
 * the workspace lock's read side, so no update re-parses a document while the action reads it. Actions that read
 * the whole root (the generators, the code lens summaries) await file reads; without the lock an edit arriving
 * during such an await re-parses the edited document, and the action then resolves references of a document that
 * has not reached `ComputedScopes` (Langium logs each one as a warning, issue 27: 45 lines in a typing session).
 *
 * Updates are writes of the same lock: they wait for the action to end, so `action` must not wait for the builder
 * itself. Rejects with `OperationCancelled` when `token` is cancelled before the action starts.
 */
export async function readBuiltWorkspace<T>(shared: LangiumSharedCoreServices, token: CancellationToken, action: () => T | Promise<T>): Promise<T> {
    const builder = shared.workspace.DocumentBuilder;
    for (;;) {
        await builder.waitUntil(DocumentState.Validated, token);
        const outcome = await shared.workspace.WorkspaceLock.read(async () => {
            if (token.isCancellationRequested) {
                throw OperationCancelled;
            }
            // An update that ran between the wait and the lock left the builder short of Validated: wait again.
            return builderState(builder) >= DocumentState.Validated ? { value: await action() } : undefined;
        });
        if (outcome) {
            return outcome.value;
        }
        if (token.isCancellationRequested) {
            throw OperationCancelled; // the lock answers a cancelled action with undefined
        }
    }
}

/**
 * The state the builder's last build reached (Langium keeps it in a protected field, the one `waitUntil` reads); a
 * builder without it counts as built.
 */
function builderState(builder: DocumentBuilder): DocumentState {
    return (builder as unknown as { currentState?: DocumentState }).currentState ?? DocumentState.Validated;
}
