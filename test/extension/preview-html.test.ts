import { strict as assert } from 'node:assert';
import {
    contentSecurityPolicy, errorPage, escapeHtml, MATRIX_CARD_LABELS, PREVIEW_LAYOUT_STYLE, previewParams, STACKED_BELOW_PX, withPreviewLayout
} from '../../src/extension/preview-html.js';
import { MATRIX_HTML_COLUMNS } from '../../language-server/generators/formats/matrix-html.js';

const NONCE = 'bm9uY2Vub25jZW5vbmNl';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

// The previews show the core's reviewer pages (test/lsp/generate-requests.test.ts checks them through the server);
// the extension only builds the request and, when there is nothing to show, an error page.
describe('extension: preview requests and the error page', () => {
    it('asks for the reviewer page (format html) with the webview\'s nonce, strict policy and the focus of a code lens', () => {
        const params = previewParams('file:///ws/a.ispec', NONCE, CSP_SOURCE, 'LabResults');
        assert.deepEqual(params, {
            uri: 'file:///ws/a.ispec', format: 'html',
            webview: { nonce: NONCE, contentSecurityPolicy: contentSecurityPolicy(NONCE, CSP_SOURCE), focus: 'LabResults' }
        });
        assert.ok(!('focus' in previewParams('file:///ws/a.ispec', NONCE, CSP_SOURCE).webview), 'no focus from the palette');
        const csp = contentSecurityPolicy(NONCE, CSP_SOURCE);
        assert.match(csp, /^default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'/);
        assert.ok(!/https?:\/\/(?!file\+)/.test(csp), 'no remote origin allowed');
        assert.ok(!csp.includes('unsafe-inline'));
    });

    it('shows an error instead of content, escaped, under the same policy and with no script', () => {
        const html = errorPage('matrix', 'Request interspec/testMatrix failed: <img src=x onerror="alert(1)">', NONCE, CSP_SOURCE);
        assert.match(html, /<p class="error">Request interspec\/testMatrix failed: &lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;<\/p>/);
        assert.ok(html.includes(`content="${escapeHtml(contentSecurityPolicy(NONCE, CSP_SOURCE))}"`));
        assert.deepEqual([...html.matchAll(/<style([^>]*)>/g)].map(match => match[1]), [` nonce="${NONCE}"`]);
        assert.ok(!html.includes('<script'));
    });

    it('lays the matrix out as cards under a width where nine columns cannot be read, and never breaks a word', () => {
        // Beside the spec the webview is about 600 px wide: a nine-column table there broke "ORU^R01" and "pending".
        const narrow = new RegExp(`@media \\(max-width: ${STACKED_BELOW_PX - 0.02}px\\) \\{([\\s\\S]*)\\}$`).exec(PREVIEW_LAYOUT_STYLE);
        assert.ok(narrow, PREVIEW_LAYOUT_STYLE);
        assert.ok(STACKED_BELOW_PX >= 900, 'a side-by-side preview is stacked');
        assert.match(narrow[1], /table\.matrix colgroup, table\.matrix thead \{ display: none; \}/, 'no column header row in a card');
        assert.match(narrow[1], /table\.matrix, table\.matrix tbody, table\.matrix tr, table\.matrix td, table\.matrix th \{ display: block;/);
        MATRIX_CARD_LABELS.forEach((label, index) =>
            assert.ok(narrow[1].includes(`td:nth-child(${index + 1})::before { content: "${label}";`), `card line ${index + 1} is labelled ${label}`));
        assert.deepEqual([...MATRIX_CARD_LABELS], MATRIX_HTML_COLUMNS, 'the labels are the columns the core writes, in order');
        // Only ids and field paths (code) may wrap anywhere; table cells keep their words whole.
        assert.match(PREVIEW_LAYOUT_STYLE, /^th, td \{ overflow-wrap: normal; word-break: normal; hyphens: none; \}/);
        const rules = PREVIEW_LAYOUT_STYLE.split('\n').filter(line => /overflow-wrap: anywhere/.test(line));
        assert.ok(rules.length > 0 && rules.every(line => /^\s*(code|table\.matrix tr\.case-id code) \{/.test(line)), rules.join('\n'));
        assert.ok(!/word-break: break-all|word-break: break-word|hyphens: auto/.test(PREVIEW_LAYOUT_STYLE));
        assert.match(PREVIEW_LAYOUT_STYLE, /table\.matrix \{ table-layout: auto; \}/, 'columns as wide as their longest word');
    });

    it('adds the layout to the server\'s page under the webview\'s nonce, after the page\'s own style', () => {
        const page = `<!DOCTYPE html><html><head><style nonce="${NONCE}">th, td { overflow-wrap: anywhere; }</style></head><body></body></html>`;
        const html = withPreviewLayout(page, NONCE);
        assert.deepEqual([...html.matchAll(/<style([^>]*)>/g)].map(match => match[1]), [` nonce="${NONCE}"`, ` nonce="${NONCE}"`]);
        assert.ok(html.indexOf(PREVIEW_LAYOUT_STYLE) > html.indexOf('overflow-wrap: anywhere; }</style>'), 'later, so it wins');
        assert.ok(html.indexOf(PREVIEW_LAYOUT_STYLE) < html.indexOf('</head>'));
        assert.equal(withPreviewLayout('not a page', NONCE), 'not a page');
    });
});
