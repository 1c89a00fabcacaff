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

/**
 * Columns of the test matrix table, in the order the core writes its cells (MATRIX_HTML_COLUMNS of
 * generators/formats/matrix-html.ts; test/extension/preview-html.test.ts keeps the two equal): the labels of a row
 * shown as a card.
 */
export const MATRIX_CARD_LABELS = ['Message', 'Scenario', 'Preconditions', 'Stimulus', 'Expected result', 'Owner',
    'Status', 'Evidence', 'Gate criterion'] as const;

/** Below this width (CSS pixels of the webview) nine columns cannot be read: each test case becomes a card. */
export const STACKED_BELOW_PX = 960;

/**
 * The previews' layout on top of the reviewer page's own style. Words never break: a column is as wide as its
 * longest word, and only ids and field paths (`code`) may wrap anywhere. In a webview narrower than
 * STACKED_BELOW_PX (an editor beside the spec), the matrix shows each test case as a card of labelled lines and the
 * summary tables scroll sideways instead of squeezing their words.
 */
export const PREVIEW_LAYOUT_STYLE = `
th, td { overflow-wrap: normal; word-break: normal; hyphens: none; }
table.matrix { table-layout: auto; }
code { overflow-wrap: anywhere; word-break: normal; }
@media (max-width: ${STACKED_BELOW_PX - 0.02}px) {
  table.matrix, table.matrix tbody, table.matrix tr, table.matrix td, table.matrix th { display: block; width: auto; border: none; }
  table.matrix colgroup, table.matrix thead { display: none; }
  table.matrix tbody[data-status] { border: 1px solid var(--vscode-panel-border, #8884); border-radius: 4px; margin: .5rem 0; padding: .25rem 0; }
  table.matrix tbody.interface th { margin-top: 1rem; padding: .25rem .4rem; }
  table.matrix tr.case-id code { white-space: normal; overflow-wrap: anywhere; }
  table.matrix tr:not(.case-id) > td { display: grid; grid-template-columns: minmax(6.5em, 25%) 1fr; gap: .6em; padding: 1px .4rem; }
${MATRIX_CARD_LABELS.map((label, index) => `  table.matrix tr:not(.case-id) > td:nth-child(${index + 1})::before { content: "${label}"; font-weight: 600; }`).join('\n')}
  table.counts, table.signoff { display: block; overflow-x: auto; }
}
`.trim();

/**
 * The reviewer page the server wrote, with the previews' layout (PREVIEW_LAYOUT_STYLE) added under the same nonce
 * after the page's own style, so it wins. A page without a `</head>` is returned as it is.
 */
export function withPreviewLayout(html: string, nonce: string): string {
    const end = html.indexOf('</head>');
    return end < 0 ? html : `${html.slice(0, end)}<style nonce="${escapeHtml(nonce)}">\n${PREVIEW_LAYOUT_STYLE}\n</style>\n${html.slice(end)}`;
}
