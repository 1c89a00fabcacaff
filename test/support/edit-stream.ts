import type { LspClient } from './lsp-client.js';

/** Requests an editor sends while someone types; each is answered with a result or an error, never left open. */
const REQUESTS = [
    'textDocument/codeLens', 'textDocument/formatting', 'textDocument/documentSymbol', 'textDocument/hover',
    'textDocument/completion', 'textDocument/foldingRange', 'textDocument/semanticTokens/full'
];

/** LSP error code for a request about a document that changed before it could be answered. */
export const CONTENT_MODIFIED = -32801;
/** LSP error code for a request cancelled by the server. */
export const REQUEST_CANCELLED = -32800;

/**
 * Sends `edits` unpaced incremental edits (one character typed, then deleted, inside an interface title) with a
 * request after every third edit, then waits for every request to settle. Returns how many got a result, how many
 * an error (by code) and how many are still open after `settleMs`.
 */
export async function editStream(client: LspClient, uri: string, line: number, edits: number, settleMs: number): Promise<{ results: number, errors: Map<number, number>, open: number }> {
    let results = 0;
    const errors = new Map<number, number>();
    const pending = new Set<Promise<void>>();
    let version = 1;
    for (let i = 0; i < edits; i++) {
        const typing = i % 2 === 0;
        const range = typing
            ? { start: { line, character: 19 }, end: { line, character: 19 } }
            : { start: { line, character: 19 }, end: { line, character: 20 } };
        void client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: ++version }, contentChanges: [{ range, text: typing ? 'x' : '' }]
        });
        if (i % 3 === 0) {
            const method = REQUESTS[(i / 3) % REQUESTS.length];
            const request: Promise<void> = client.request(method, {
                textDocument: { uri }, position: { line, character: 20 }, options: { tabSize: 4, insertSpaces: true }
            }).then(() => { results++; }, (error: { code?: number }) => { errors.set(error.code ?? 0, (errors.get(error.code ?? 0) ?? 0) + 1); })
                .finally(() => pending.delete(request));
            pending.add(request);
        }
    }
    const deadline = Date.now() + settleMs;
    while (pending.size > 0 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    return { results, errors, open: pending.size };
}
