import { CancellationTokenSource, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Disposable } from 'vscode-languageserver';
import type { InterspecSharedServices } from './interspec-lsp-module.js';

/** Connection methods that register a handler for a request about one text document. */
const DOCUMENT_REQUESTS = [
    'onCodeLens', 'onDocumentFormatting', 'onDocumentRangeFormatting', 'onDocumentOnTypeFormatting', 'onDocumentSymbol',
    'onHover', 'onCompletion', 'onFoldingRanges', 'onDefinition', 'onReferences', 'onDocumentHighlight', 'onCodeAction',
    'onRenameRequest', 'onPrepareRename', 'onDocumentLinks', 'onSignatureHelp'
] as const;

type Handler = (params: { textDocument?: { uri?: string } }, token: CancellationToken, ...rest: unknown[]) => unknown;

/**
 * Requests about a document that changes or closes before they are answered are answered at once with
 * `ContentModified` (LSP 3.17: the client asks again for the new text) instead of waiting for the rebuild and
 * then computing a result nobody can use. Under a stream of edits every request gets an answer, and the server
 * spends its time on the newest text. Wraps the handlers Langium registers, so call it before
 * `startLanguageServer`.
 */
export function cancelStaleRequests(connection: Connection, shared: InterspecSharedServices): void {
    const documents = shared.workspace.TextDocuments;
    /** Per document URI, the cancellation of every request waiting on its current version. */
    const waiting = new Map<string, Set<CancellationTokenSource>>();
    const invalidate = (uri: string): void => {
        const sources = waiting.get(uri);
        waiting.delete(uri);
        sources?.forEach(source => source.cancel());
    };
    documents.onDidChangeContent(event => invalidate(event.document.uri));
    documents.onDidClose(event => invalidate(event.document.uri));
    const guard = (handler: Handler): Handler => async (params, token, ...rest) => {
        const uri = params?.textDocument?.uri;
        if (typeof uri !== 'string' || !documents.get(uri)) {
            return handler(params, token, ...rest); // a file the editor has not opened changes only on disk
        }
        const stale = new CancellationTokenSource();
        const forwarded: Disposable = token.onCancellationRequested(() => stale.cancel());
        const sources = waiting.get(uri) ?? new Set();
        sources.add(stale);
        waiting.set(uri, sources);
        const changed = (): boolean => stale.token.isCancellationRequested && !token.isCancellationRequested;
        try {
            const result = await handler(params, stale.token, ...rest);
            if (changed()) {
                return new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while the request was being answered.');
            }
            return result;
        } finally {
            forwarded.dispose();
            sources.delete(stale);
            stale.dispose();
        }
    };

    const target = connection as unknown as Record<string, (handler: Handler) => unknown>;
    for (const method of DOCUMENT_REQUESTS) {
        const register = target[method];
        if (typeof register === 'function') {
            target[method] = (handler: Handler) => register.call(connection, guard(handler));
        }
    }
    const semanticTokens = connection.languages.semanticTokens as unknown as Record<string, (handler: Handler) => unknown>;
    for (const method of ['on', 'onDelta', 'onRange']) {
        const register = semanticTokens[method];
        if (typeof register === 'function') {
            semanticTokens[method] = (handler: Handler) => register.call(connection.languages.semanticTokens, guard(handler));
        }
    }
}
