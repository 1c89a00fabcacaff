import { strict as assert } from 'node:assert';
import { contentSecurityPolicy, errorPage, escapeHtml, previewParams } from '../../src/extension/preview-html.js';

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

});
