import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { STARTER_CONFIG, STARTER_FINDING, STARTER_SPEC, STARTER_SPEC_FILE } from '../../src/cli/templates/starter.js';
import { applyEdits, type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

// The walkthrough's "See a finding and fix it" on the file the extension opens (the starter `interspec init`
// writes), through the built server as the editor drives it: one finding, its quick fix, no finding left.
describe('extension: the starter file the walkthrough opens', function () {
    this.timeout(120000);
    let client: LspClient;

    useServer(() => writeWorkspace({ 'interspec.yaml': STARTER_CONFIG, [STARTER_SPEC_FILE]: STARTER_SPEC }), started => { client = started; });

    it('shows exactly one finding, whose quick fix leaves the file without any', async () => {
        const uri = await client.open(STARTER_SPEC_FILE);
        const before = await client.waitForDiagnostics(uri, d => d.length > 0, 60000);
        assert.deepEqual(before.map(d => [d.code, d.severity]), [[STARTER_FINDING.rule, 2]], JSON.stringify(before));
        const [finding]: Diagnostic[] = before;
        const line = STARTER_SPEC.split('\n')[finding.range.start.line];
        assert.match(line, new RegExp(`^\\s*on ${STARTER_FINDING.handler} `), 'on the handler the comment explains');
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri }, range: finding.range, context: { diagnostics: [finding], only: ['quickfix'] }
        });
        const fix = actions.find(action => action.title === STARTER_FINDING.fix);
        assert.ok(fix?.edit?.changes?.[uri], `the quick fix "${STARTER_FINDING.fix}" among: ${actions.map(a => a.title).join(' | ')}`);
        assert.equal(fix.isPreferred, true, 'Ctrl+. then Enter applies it');
        const fixed = applyEdits(STARTER_SPEC, fix.edit.changes[uri]);
        assert.match(fixed.split('\n')[finding.range.start.line], /escalate LabIT within 15m$/);
        await client.change(uri, fixed);
        await client.waitForDiagnostics(uri, d => d.length === 0, 30000);
    });
});
