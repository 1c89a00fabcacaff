import { createHash } from 'node:crypto';
import { escapeHtml } from '../text.js';

/**
 * The shell of the reviewer pages (HTML matrix and checklist): an inline style and one inline script (the offline
 * filter and the collapsible sections), nothing loaded from anywhere. Standalone, the page's Content Security
 * Policy allows exactly that script by its hash; in the editor's webview the caller passes a nonce and its own
 * policy. Print rules: every column kept (cells wrap, long ids break), collapsed sections expanded (collapsing is
 * screen-only), table headers repeated on every page, and no paper size forced (A4 or Letter, either orientation).
 */
export interface PageOptions {
    /** The spec's revision printed in the header: a git revision passed in, or the content hash of the spec. */
    revision: string;
    /** In a webview: the nonce of the inline style and script... */
    nonce?: string;
    /** ...and the Content Security Policy to declare instead of the standalone one. */
    contentSecurityPolicy?: string;
    /**
     * In a webview: the element a code lens asked for (an interface or a gate, a checklist item's id); its first
     * heading gets `id="interspec-focus"` and the page opens scrolled to it.
     */
    focus?: string;
}

/** The attributes that mark the heading of the focused element (once per page: `state.marked`). */
export function focusAttributes(name: string, options: PageOptions, state: { marked: boolean }): string {
    if (state.marked || options.focus === undefined || options.focus !== name) {
        return '';
    }
    state.marked = true;
    return ` id="interspec-focus" data-element="${escapeHtml(name)}"`;
}

/** Shared style: screen first, then print. Status is always a word, and colour only adds to it. */
export const REVIEWER_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; background: #fff; margin: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
.meta { color: #57606a; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; table-layout: fixed; margin: .25rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: 3px 5px; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: normal; }
thead th { background: #f6f8fa; }
table.matrix col:nth-child(1) { width: 7%; } table.matrix col:nth-child(2) { width: 9%; } table.matrix col:nth-child(3) { width: 13%; }
table.matrix col:nth-child(4) { width: 13%; } table.matrix col:nth-child(5) { width: 17%; } table.matrix col:nth-child(6) { width: 7%; }
table.matrix col:nth-child(7) { width: 7%; } table.matrix col:nth-child(8) { width: 12%; } table.matrix col:nth-child(9) { width: 15%; }
table.matrix tr.case-id td { border-bottom: none; background: #fafbfc; padding-top: 4px; }
table.matrix tr.case-id code { overflow-wrap: normal; white-space: nowrap; font-weight: 600; }
table.matrix tbody { break-inside: avoid; }
table.counts { table-layout: auto; width: auto; }
table.counts td.n { text-align: right; }
tbody.interface th { background: #eef1f4; font-weight: 600; }
code { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
code.id { white-space: nowrap; overflow-wrap: normal; }
.status { font-weight: 600; }
.status-passed, .status-done { color: #1a7f37; }
.status-waived { color: #57606a; }
.status-failed, .status-unhandled { color: #cf222e; }
.status-pending { color: #9a6700; }
tbody.row-unhandled td, tbody.row-failed td { background: #fff5f5; }
.decision { display: inline-block; padding: .15rem .6rem; border-radius: 4px; font-weight: 700; color: #fff; }
.decision-GO { background: #1a7f37; }
.decision-NO-GO { background: #cf222e; }
.toolbar { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #d0d7de; z-index: 1; }
.toolbar input { width: 24em; }
.toggle { font-size: 12px; margin-left: .5rem; }
.collapsed > .body { display: none; }
.spec-link { cursor: pointer; }
.hidden { display: none; }
ul.items { list-style: none; padding-left: 0; }
ul.items > li { margin: .4rem 0; break-inside: avoid; }
table.signoff td { height: 2.2rem; }
@media print {
  body { margin: 0; font-size: 10px; }
  table { font-size: 8px; }
  code { font-size: 7.5px; }
  td .meta, li .meta { font-size: inherit; }
  thead { display: table-header-group; }
  tr, li, .signoff { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .toolbar, .toggle { display: none; }
  .collapsed > .body, .hidden { display: revert; }
  .decision { color: #000; border: 1px solid #000; background: none; }
  @page { margin: 10mm; }
}
`.trim();

/** The offline filter (text and status) and the collapsible sections. Runs without network or any API. */
export const REVIEWER_SCRIPT = `
(function () {
  var filter = document.getElementById('filter');
  var status = document.getElementById('status-filter');
  function apply() {
    var text = filter ? filter.value.toLowerCase() : '';
    var wanted = status ? status.value : '';
    document.querySelectorAll('[data-search]').forEach(function (row) {
      var show = (!text || row.getAttribute('data-search').indexOf(text) >= 0) && (!wanted || row.getAttribute('data-status') === wanted);
      row.classList.toggle('hidden', !show);
    });
    document.querySelectorAll('[data-group]').forEach(function (group) {
      group.classList.toggle('hidden', !group.querySelector('[data-search]:not(.hidden)'));
    });
  }
  if (filter) filter.addEventListener('input', apply);
  if (status) status.addEventListener('change', apply);
  document.querySelectorAll('.toggle').forEach(function (button) {
    button.addEventListener('click', function () {
      var section = button.closest('section');
      section.classList.toggle('collapsed');
      button.textContent = section.classList.contains('collapsed') ? 'show' : 'hide';
    });
  });
})();
`.trim();

/** In the editor's webview: a click (or Enter) on a row or item asks the extension to open its place in the spec. */
export const WEBVIEW_LINK_SCRIPT = `
(function () {
  var vscode = acquireVsCodeApi();
  function reveal(element) {
    if (!element.closest || element.closest('button, input, select')) return;
    var link = element.closest('.spec-link');
    if (link) vscode.postMessage({ type: 'reveal', target: JSON.parse(link.getAttribute('data-target')) });
  }
  document.addEventListener('click', function (event) { reveal(event.target); });
  document.addEventListener('keydown', function (event) { if (event.key === 'Enter') reveal(event.target); });
  var focus = document.getElementById('interspec-focus');
  if (focus) focus.scrollIntoView({ block: 'start' });
})();
`;

function sha256Base64(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The standalone policy: nothing but the inline style and this exact script. */
export function standalonePolicy(extraScript = ''): string {
    return `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${sha256Base64(REVIEWER_SCRIPT + extraScript)}'`;
}

/** The start of a reviewer page up to and including `<body>`. */
export function pageHead(title: string, options: PageOptions): string {
    const policy = options.contentSecurityPolicy ?? standalonePolicy();
    const nonce = options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : '';
    return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        + `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">\n`
        + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        + `<title>${escapeHtml(title)}</title>\n<style${nonce}>\n${REVIEWER_STYLE}\n${options.nonce ? EDITOR_STYLE : ''}</style>\n</head>\n<body>\n`;
}

/** The end of a reviewer page: the script (with the webview's click-to-source handler when `extraScript`). */
export function pageEnd(options: PageOptions, extraScript = ''): string {
    const nonce = options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : '';
    return `<script${nonce}>${REVIEWER_SCRIPT}${extraScript}</script>\n</body>\n</html>\n`;
}

/** In the editor the page follows the colour theme. */
const EDITOR_STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
thead th, tbody.interface th, .toolbar { background: var(--vscode-editorWidget-background); }
th, td { border-color: var(--vscode-panel-border, #8884); }
.meta { color: var(--vscode-descriptionForeground); }
tbody.row-unhandled td, tbody.row-failed td { background: var(--vscode-inputValidation-errorBackground, #f003); }
tbody.spec-link:hover td, li.spec-link:hover { background: var(--vscode-list-hoverBackground); }
table.matrix tr.case-id td { background: var(--vscode-editorWidget-background); }
#interspec-focus { scroll-margin-top: 3.5rem; outline: 2px solid var(--vscode-focusBorder, #07f); }
`;

/** The revision line of a page header. */
export function revisionLine(revision: string): string {
    return `<p class="meta">Spec revision <code>${escapeHtml(revision)}</code></p>`;
}

/** A filter box and a status choice for the rows below (screen only). */
export function toolbar(statuses: string[]): string {
    return '<div class="toolbar"><input id="filter" type="search" placeholder="Filter: id, interface, site, scenario, owner…" aria-label="Filter rows"> '
        + '<select id="status-filter" aria-label="Status"><option value="">every status</option>'
        + statuses.map(status => `<option value="${escapeHtml(status)}">${escapeHtml(status)}</option>`).join('')
        + '</select></div>';
}
