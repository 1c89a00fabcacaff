// Renders the JSON the server returns for the matrix and the checklist into the previews' HTML. Pure (no `vscode`)
// so it is unit tested; every string from the spec goes through `escapeHtml`, and the page loads nothing but the
// nonce'd inline style and script (the panel's Content Security Policy forbids everything else).

import { escapeHtml } from '../../language-server/escape.js';

export type PreviewKind = 'matrix' | 'checklist';

export interface PreviewPage {
    kind: PreviewKind;
    /** Parsed JSON content from `interspec/testMatrix` or `interspec/checklist` (format json). */
    data?: unknown;
    /** Shown instead of the content, e.g. when the server is not ready. */
    error?: string;
    root?: string;
    nonce: string;
    cspSource: string;
    /**
     * The element a code lens asked for (an interface in the matrix, a gate in the checklist): its first row or
     * section gets `id="interspec-focus"` and the page scrolls there.
     */
    focus?: string;
}

const TITLES: Record<PreviewKind, string> = { matrix: 'Interspec test matrix', checklist: 'Interspec go-live checklist' };

/** Keys that say where a row is in the spec; used for the link back, not shown as columns. */
const LOCATION_KEYS = new Set(['uri', 'file', 'line', 'column', 'endLine', 'endColumn', 'range', 'location', 'source']);
/** Bookkeeping of the JSON formats, not content. */
const HIDDEN_KEYS = new Set(['$schema', 'formatVersion']);
/** Keys that name the spec element a row is about, most specific first. */
const NAME_KEYS = ['element', 'criterion', 'interface', 'gate', 'name'];

export { escapeHtml };

export function contentSecurityPolicy(nonce: string, cspSource: string): string {
    return [
        "default-src 'none'",
        `style-src 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}'`,
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`
    ].join('; ');
}

/** The focus of the page being rendered; rendering is synchronous, so one module-level slot is enough. */
let focus: { name: string, marked: boolean } | undefined;

/**
 * The request params of a preview: the reviewer page the CLI writes (format html, built in the core), with the
 * webview's nonce on its style and script and the webview's strict policy; its rows link back to the spec.
 */
export function previewParams(uri: string, nonce: string, cspSource: string): { uri: string, format: 'html', webview: { nonce: string, contentSecurityPolicy: string } } {
    return { uri, format: 'html', webview: { nonce, contentSecurityPolicy: contentSecurityPolicy(nonce, cspSource) } };
}

export function renderPreview(page: PreviewPage): string {
    const title = TITLES[page.kind];
    focus = page.focus ? { name: page.focus, marked: false } : undefined;
    let body: string;
    try {
        body = page.error !== undefined
            ? `<p class="error">${escapeHtml(page.error)}</p>`
            : renderValue(page.data, 2);
    } finally {
        focus = undefined;
    }
    const root = page.root ? `<p class="root">${escapeHtml(page.root)}</p>` : '';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.nonce, page.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${page.nonce}">${STYLE}</style>
</head>
<body data-kind="${page.kind}">
<h1>${escapeHtml(title)}</h1>
${root}
<main>${body}</main>
<script nonce="${page.nonce}">${SCRIPT}</script>
</body>
</html>`;
}

function isScalar(value: unknown): value is string | number | boolean | null {
    return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function renderScalar(key: string, value: string | number | boolean | null): string {
    const text = value === null ? '' : String(value);
    // Decisions and statuses get a class so GO / NO-GO and done / open stand out.
    const kind = /^(decision|status|result|handled)$/i.test(key) ? ` class="value-${escapeHtml(text.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}"` : '';
    return `<span${kind}>${escapeHtml(text)}</span>`;
}

function renderValue(value: unknown, depth: number, key = ''): string {
    if (isScalar(value)) {
        return renderScalar(key, value);
    }
    if (Array.isArray(value)) {
        if (value.every(isScalar)) {
            // Sentences (reasons, notes) read better as a list; names and ids as a comma list.
            return value.some(item => typeof item === 'string' && item.includes(' '))
                ? `<ul>${value.map(item => `<li>${renderScalar(key, item)}</li>`).join('')}</ul>`
                : value.map(item => renderScalar(key, item)).join(', ');
        }
        if (value.every(isRecord)) {
            return value.some(hasNestedRecords) ? value.map(item => renderSection(item, depth)).join('\n') : renderTable(value);
        }
        return `<ul>${value.map(item => `<li>${renderValue(item, depth + 1, key)}</li>`).join('')}</ul>`;
    }
    if (isRecord(value)) {
        return renderSection(value, depth);
    }
    return '';
}

function hasNestedRecords(record: Record<string, unknown>): boolean {
    return Object.values(record).some(value => Array.isArray(value) && value.some(isRecord));
}

/** An object with nested lists: a heading, its scalar fields, then each nested list under its own heading. */
function renderSection(record: Record<string, unknown>, depth: number): string {
    const level = Math.min(depth, 6);
    const heading = NAME_KEYS.concat(['title', 'id']).map(key => record[key]).find(value => typeof value === 'string' && value !== '');
    const link = linkAttributes(record);
    const fields: string[] = [];
    const nested: string[] = [];
    for (const [key, value] of Object.entries(record)) {
        if (LOCATION_KEYS.has(key) || HIDDEN_KEYS.has(key)) {
            continue;
        }
        if (Array.isArray(value) && value.some(item => !isScalar(item)) || isRecord(value)) {
            nested.push(`<h${Math.min(level + 1, 6)}>${escapeHtml(key)}</h${Math.min(level + 1, 6)}>\n${renderValue(value, depth + 1, key)}`);
        } else {
            fields.push(`<dt>${escapeHtml(key)}</dt><dd>${renderValue(value, depth + 1, key)}</dd>`);
        }
    }
    const title = heading === undefined ? '' : `<h${level}${link}>${escapeHtml(String(heading))}</h${level}>`;
    return `<section>${title}${fields.length ? `<dl>${fields.join('')}</dl>` : ''}${nested.join('\n')}</section>`;
}

/** A list of flat objects: one row each, columns in first-seen key order. */
function renderTable(rows: Array<Record<string, unknown>>): string {
    const columns: string[] = [];
    for (const row of rows) {
        for (const key of Object.keys(row)) {
            if (!LOCATION_KEYS.has(key) && !columns.includes(key)) {
                columns.push(key);
            }
        }
    }
    const head = columns.map(column => `<th>${escapeHtml(column)}</th>`).join('');
    const body = rows.map(row => {
        const cells = columns.map(column => `<td>${renderCell(column, row[column])}</td>`).join('');
        return `<tr${linkAttributes(row)}>${cells}</tr>`;
    }).join('\n');
    return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A table cell: a small object of scalars (e.g. `evidence: { status }`) reads as `key: value` pairs. */
function renderCell(column: string, value: unknown): string {
    if (value === undefined) {
        return '';
    }
    if (isRecord(value) && Object.values(value).every(item => isScalar(item) || Array.isArray(item) && item.every(isScalar))) {
        const entries = Object.entries(value);
        return entries.length === 1 && entries[0][0] === 'status'
            ? renderScalar('status', entries[0][1] as string)
            : entries.map(([key, item]) => `${escapeHtml(key)}: ${renderValue(item, 6, key)}`).join('<br>');
    }
    return renderValue(value, 6, column);
}

/**
 * The link back to the spec: the row's own location when the data has one (uri/file + line, a `location` or
 * `source` object, an LSP range), else the name of the element it is about.
 */
export function specTargetOf(record: Record<string, unknown>): { uri?: string, line?: number, column?: number, name?: string } | undefined {
    for (const holder of [record, record.location, record.source]) {
        if (!isRecord(holder)) {
            continue;
        }
        const uri = typeof holder.uri === 'string' ? holder.uri : typeof holder.file === 'string' ? holder.file : undefined;
        if (uri) {
            const range = isRecord(holder.range) && isRecord(holder.range.start) ? holder.range.start : undefined;
            const line = typeof holder.line === 'number' ? holder.line : typeof range?.line === 'number' ? range.line + 1 : undefined;
            const column = typeof holder.column === 'number' ? holder.column : typeof range?.character === 'number' ? range.character + 1 : undefined;
            return { uri, line, column };
        }
    }
    const name = NAME_KEYS.map(key => record[key]).find((value): value is string => typeof value === 'string' && /^[_a-zA-Z][\w-]*$/.test(value));
    if (name) {
        return { name };
    }
    // Checklist items are `Gate.Criterion` or `Gate.<group>.<Element>`: the reveal looks the parts up.
    const id = record.id;
    return typeof id === 'string' && /^[_a-zA-Z][\w-]*(\.[_a-zA-Z][\w-]*)+$/.test(id) ? { name: id } : undefined;
}

function linkAttributes(record: Record<string, unknown>): string {
    const target = specTargetOf(record);
    const focused = focus && !focus.marked && NAME_KEYS.some(key => record[key] === focus!.name);
    if (focused) {
        focus!.marked = true;
    }
    const id = focused ? ' id="interspec-focus"' : '';
    const classes = [target ? 'spec-link' : '', focused ? 'focused' : ''].filter(Boolean).join(' ');
    const link = target ? ` tabindex="0" title="Show in the spec" data-target="${escapeHtml(JSON.stringify(target))}"` : '';
    return `${id}${classes ? ` class="${classes}"` : ''}${link}`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em 2em; }
h1 { font-size: 1.4em; }
.root { color: var(--vscode-descriptionForeground); margin-top: -0.5em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); position: sticky; top: 0; }
.spec-link { cursor: pointer; }
tr.spec-link:hover, tr.spec-link:focus { background: var(--vscode-list-hoverBackground); outline: none; }
h2.spec-link:hover, h3.spec-link:hover, h4.spec-link:hover { text-decoration: underline; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }
dt { color: var(--vscode-descriptionForeground); }
dd { margin: 0; }
.value-go, .value-done, .value-passed, .value-handled, .value-true { color: var(--vscode-testing-iconPassed, #3a3); font-weight: bold; }
.value-no-go, .value-open, .value-missing, .value-failed, .value-unhandled, .value-false { color: var(--vscode-errorForeground, #c33); font-weight: bold; }
.error { color: var(--vscode-errorForeground); }
.focused { outline: 2px solid var(--vscode-focusBorder, #07f); }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
function reveal(element) {
    const link = element.closest('.spec-link');
    if (link) { vscode.postMessage({ type: 'reveal', target: JSON.parse(link.dataset.target) }); }
}
document.addEventListener('click', event => reveal(event.target));
document.addEventListener('keydown', event => { if (event.key === 'Enter') { reveal(event.target); } });
document.getElementById('interspec-focus')?.scrollIntoView({ block: 'start' });
`;
