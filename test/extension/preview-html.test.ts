import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy, escapeHtml, renderPreview, specTargetOf } from '../../src/extension/preview-html.js';

const NONCE = 'bm9uY2Vub25jZW5vbmNl';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('extension: preview HTML', () => {
    it('escapes every spec string, in text and in attributes', () => {
        const hostile = '<img src=x onerror="alert(1)">&\'`';
        const html = renderPreview({
            kind: 'matrix', nonce: NONCE, cspSource: CSP_SOURCE, root: hostile,
            data: { rows: [{ id: 'LR-1', interface: 'LabResults', expected: hostile, [hostile]: 'key' }] }
        });
        assert.ok(!html.includes('<img'), 'no raw tag from the spec');
        assert.ok(!html.includes('onerror="'), 'no raw attribute from the spec');
        assert.ok(html.includes(escapeHtml(hostile)));
        assert.equal(escapeHtml('<a href="x">\'&`\u001b\u202e'), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;`\\u001B\\u202E');
    });

    it('runs under a strict Content Security Policy with a nonce on its only style and script', () => {
        const html = renderPreview({ kind: 'checklist', nonce: NONCE, cspSource: CSP_SOURCE, data: {} });
        const csp = contentSecurityPolicy(NONCE, CSP_SOURCE);
        assert.match(csp, /^default-src 'none'; /);
        assert.ok(!/https?:\/\/(?!file\+)/.test(csp), 'no remote origin allowed');
        assert.ok(html.includes(`content="${escapeHtml(csp)}"`));
        const scripts = [...html.matchAll(/<script([^>]*)>/g)].map(match => match[1]);
        const styles = [...html.matchAll(/<style([^>]*)>/g)].map(match => match[1]);
        assert.deepEqual(scripts, [` nonce="${NONCE}"`]);
        assert.deepEqual(styles, [` nonce="${NONCE}"`]);
        assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers (they would need unsafe-inline)');
        assert.ok(!/\b(src|href)="(https?:)?\/\//.test(html), 'no remote resources');
    });

    it('renders flat rows as a table whose rows link back to the spec', () => {
        const html = renderPreview({
            kind: 'matrix', nonce: NONCE, cspSource: CSP_SOURCE,
            data: {
                rows: [
                    { id: 'LabResults-ORU-downtime', interface: 'LabResults', scenario: 'downtime', file: '/ws/lab.ispec', line: 12, column: 5 },
                    { id: 'LabResults-ORU-normal', interface: 'LabResults', scenario: 'normal', owner: 'LabIT' }
                ]
            }
        });
        assert.match(html, /<th>id<\/th><th>interface<\/th><th>scenario<\/th><th>owner<\/th><\/tr>/, 'location keys are not columns');
        const targets = [...html.matchAll(/<tr class="spec-link"[^>]* data-target="([^"]*)"/g)]
            .map(match => JSON.parse(match[1].replace(/&quot;/g, '"')));
        assert.deepEqual(targets, [{ uri: '/ws/lab.ispec', line: 12, column: 5 }, { name: 'LabResults' }]);
    });

    it('renders nested data (a checklist per gate) as sections with the decision marked', () => {
        const html = renderPreview({
            kind: 'checklist', nonce: NONCE, cspSource: CSP_SOURCE,
            data: { gates: [{ gate: 'NorthGoLive', decision: 'NO-GO', items: [{ criterion: 'Exceptions', status: 'open' }] }] }
        });
        assert.match(html, /<h3 class="spec-link"[^>]*>NorthGoLive<\/h3>/);
        assert.match(html, /<span class="value-no-go">NO-GO<\/span>/);
        assert.match(html, /<span class="value-open">open<\/span>/);
    });

    it('reads LSP-style locations (0-based range) as 1-based line and column', () => {
        assert.deepEqual(specTargetOf({ location: { uri: 'file:///ws/a.ispec', range: { start: { line: 3, character: 4 } } } }),
            { uri: 'file:///ws/a.ispec', line: 4, column: 5 });
        assert.equal(specTargetOf({ id: 'x', count: 3 }), undefined);
    });

    it('shows an error instead of content, escaped', () => {
        const html = renderPreview({ kind: 'matrix', nonce: NONCE, cspSource: CSP_SOURCE, error: 'Request interspec/testMatrix failed: <boom>' });
        assert.match(html, /<p class="error">Request interspec\/testMatrix failed: &lt;boom&gt;<\/p>/);
    });

    it('renders the generators\' JSON: matrix rows link to their location, checklist items to their ids', () => {
        const matrix = JSON.parse(readFileSync('test/golden/lab/matrix.json', 'utf8'));
        const html = renderPreview({ kind: 'matrix', nonce: NONCE, cspSource: CSP_SOURCE, data: matrix });
        const links = [...html.matchAll(/<tr class="spec-link"[^>]* data-target="([^"]*)"/g)].map(match => JSON.parse(match[1].replace(/&quot;/g, '"')));
        assert.equal(links.length, matrix.rows.length);
        assert.deepEqual(links[0], { uri: matrix.rows[0].location.file, line: matrix.rows[0].location.line });
        assert.ok(!html.includes('formatVersion') && !html.includes('$schema'));

        const checklist = JSON.parse(readFileSync('test/golden/lab/checklist.json', 'utf8'));
        const page = renderPreview({ kind: 'checklist', nonce: NONCE, cspSource: CSP_SOURCE, data: checklist });
        const gate = checklist.checklists[0];
        assert.match(page, new RegExp(`<h3 class="spec-link"[^>]*>${gate.gate}</h3>`));
        assert.match(page, new RegExp(`<span class="value-${gate.decision.toLowerCase()}">${gate.decision}</span>`));
        const item = gate.groups[0].items[0];
        assert.ok(page.includes(escapeHtml(JSON.stringify({ name: item.id }))), `item ${item.id} links to the spec`);
    });

    it('lands on the element a code lens names: its first row or section is marked and scrolled to', () => {
        const data = { checklists: [
            { gate: 'NorthGoLive', decision: 'GO', items: [{ id: 'NorthGoLive.A', status: 'done' }] },
            { gate: 'SouthGoLive', decision: 'NO-GO', items: [{ id: 'SouthGoLive.A', status: 'open' }] }
        ] };
        const html = renderPreview({ kind: 'checklist', nonce: NONCE, cspSource: CSP_SOURCE, data, focus: 'SouthGoLive' });
        assert.equal(html.match(/id="interspec-focus"/g)?.length, 1);
        assert.match(html, /<h3 id="interspec-focus" class="spec-link focused"[^>]*>SouthGoLive<\/h3>/);
        assert.match(html, /getElementById\('interspec-focus'\)\?\.scrollIntoView/);
        const matrix = renderPreview({ kind: 'matrix', nonce: NONCE, cspSource: CSP_SOURCE, focus: 'LabOrders', data: { rows: [
            { id: 'TM-LabResults-1', interface: 'LabResults' }, { id: 'TM-LabOrders-1', interface: 'LabOrders' }, { id: 'TM-LabOrders-2', interface: 'LabOrders' }
        ] } });
        assert.match(matrix, /<tr id="interspec-focus" class="spec-link focused"[^>]*><td><span>TM-LabOrders-1<\/span><\/td>/);
        assert.equal(matrix.match(/interspec-focus"/g)?.length, 1);
        const none = renderPreview({ kind: 'matrix', nonce: NONCE, cspSource: CSP_SOURCE, data: { rows: [{ id: 'x', interface: 'A' }] } });
        assert.ok(!none.includes('id="interspec-focus"'));
    });
});
