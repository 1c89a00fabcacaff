import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, type LspClient, REPO_ROOT, useServer } from '../support/lsp-client.js';

/**
 * The rules whose quick fixes write what the spec already knows (the interface's owner, its escalation parties, the
 * domain's default handling, the team's monitoring thresholds) or a mechanical change, so that applying one leaves
 * fewer findings than it found. The other fixes write placeholders for facts only a person knows (a retention
 * period, a vendor contact), which their rule keeps asking for.
 */
const FIXES_THAT_RESOLVE = ['exception-coverage', 'monitoring', 'interface-owner', 'exception-escalation', 'alert-routing',
    'known-fields', 'repetition', 'transport-security', 'change-authority'];

const key = (d: Diagnostic) => `${d.code}|${d.message}`;

// Through the built server over stdio, as an editor applies a quick fix: every fix of these rules that
// examples/flawed offers is applied to its file, and the file's findings are compared before and after.
describe('lsp: quick fixes leave fewer findings than they found (examples/flawed)', function () {
    this.timeout(120000);
    let client: LspClient;
    let root: string;

    useServer(() => {
        root = path.join(mkdtempSync(path.join(tmpdir(), 'interspec-fixes-')), 'flawed');
        cpSync(path.join(REPO_ROOT, 'examples', 'flawed'), root, { recursive: true });
        return root;
    }, started => { client = started; });

    it('each fix resolves its finding, adds no finding of any rule, and the file has fewer findings', async () => {
        const files = readdirSync(root).filter(file => file.endsWith('.ispec')).sort();
        let applied = 0;
        const seen = new Set<string>();
        for (const file of files) {
            const original = readFileSync(path.join(root, file), 'utf8');
            const uri = await client.open(file, original);
            const before = await client.waitForDiagnostics(uri, d => d.length > 0, 60000);
            for (const diagnostic of before.filter(d => FIXES_THAT_RESOLVE.includes(String(d.code)))) {
                const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
                    textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] }
                });
                for (const action of actions.filter(a => !a.title.startsWith('Suppress'))) {
                    seen.add(String(diagnostic.code));
                    const fixed = applyEdits(original, action.edit!.changes![uri]);
                    await client.change(uri, fixed);
                    const after = await client.waitForDiagnostics(uri, d => !d.some(x => key(x) === key(diagnostic)), 30000);
                    const where = `${file}: "${action.title}" for ${diagnostic.code}`;
                    const beforeCodes = new Set(before.map(d => String(d.code)));
                    const added = after.filter(d => !beforeCodes.has(String(d.code))).map(d => `${d.code}: ${d.message}`);
                    assert.deepEqual(added, [], `${where} made a rule fire that did not before`);
                    assert.ok(after.length < before.length, `${where}: ${before.length} findings before, ${after.length} after: ${after.map(key).join('; ')}`);
                    assert.ok(!/TODO_[A-Z]+/.test(fixed), `${where} writes no TODO name that would stay unresolved`);
                    applied++;
                    await client.change(uri, original);
                    await client.waitForDiagnostics(uri, d => d.length === before.length && d.some(x => key(x) === key(diagnostic)), 30000);
                }
            }
        }
        assert.deepEqual([...seen].sort(), [...FIXES_THAT_RESOLVE].sort(), 'examples/flawed offers a fix of each of these rules');
        assert.ok(applied >= FIXES_THAT_RESOLVE.length, `applied ${applied} fixes`);
    });
});
