// What the previews ask the server for, and the page they show when there is nothing to show. The pages themselves
// are the reviewer pages of the core (language-server/generators/formats/*-html.ts): the extension only passes the
// webview's nonce and policy and shows what comes back.

import type { ChecklistParams, TestMatrixParams, WebviewOptions } from '../../language-server/protocol/index.js';
// The one HTML escaping of the project; util/escape.ts imports nothing, so the client bundles nothing else of the server.
import { escapeHtml } from '../../language-server/util/escape.js';

export { escapeHtml };

export type PreviewKind = 'matrix' | 'checklist';

const TITLES: Record<PreviewKind, string> = { matrix: 'Interspec test matrix', checklist: 'Interspec go-live checklist' };

/** The webview's policy: nothing loads but the page's own nonce'd style and script (and images of the webview). */
export function contentSecurityPolicy(nonce: string, cspSource: string): string {
    return [
        "default-src 'none'",
        `style-src 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}'`,
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`
    ].join('; ');
}

/** Params of a preview: the same for the test matrix and the checklist request (format html, every gate). */
export type PreviewParams = TestMatrixParams & ChecklistParams & { format: 'html', webview: WebviewOptions };

/**
 * The request params of a preview: the reviewer page the CLI writes (format html, built in the core), with the
 * webview's nonce on its style and script and the webview's strict policy; its rows link back to the spec.
 * `focus` names the element a code lens asked for (an interface, a gate): the page opens scrolled to it.
 */
export function previewParams(uri: string, nonce: string, cspSource: string, focus?: string): PreviewParams {
    return { uri, format: 'html', webview: { nonce, contentSecurityPolicy: contentSecurityPolicy(nonce, cspSource), ...(focus ? { focus } : {}) } };
}

/** The page shown instead of the content (no spec in the workspace, the server not running), under the same policy. */
export function errorPage(kind: PreviewKind, message: string, nonce: string, cspSource: string): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce, cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(TITLES[kind])}</title>
<style nonce="${nonce}">body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; } .error { color: var(--vscode-errorForeground); }</style>
</head>
<body data-kind="${kind}">
<h1>${escapeHtml(TITLES[kind])}</h1>
<p class="error">${escapeHtml(message)}</p>
</body>
</html>`;
}
