import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findRule } from '../../language-server/rules/registry.js';
import { REPOSITORY_URL, ruleDocUrl, STRUCTURAL_DOC_URL } from '../../language-server/rules/rule-doc-urls.js';
import { copyWorkspace, REPO_ROOT, withServer } from '../support/lsp-client.js';

// The code of a finding in the Problems panel is a link (LSP codeDescription.href) to the page that explains it.
describe('lsp: every diagnostic links to its documentation', function () {
    this.timeout(30000);

    it('points at package.json\'s repository, at pages the repository has', () => {
        const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
        assert.equal(REPOSITORY_URL, manifest.repository.url.replace(/\.git$/, ''));
        assert.ok(existsSync(path.join(REPO_ROOT, 'docs', 'rules', 'interface-owner.md')));
        assert.equal(ruleDocUrl('interface-owner'), `${REPOSITORY_URL}/blob/main/docs/rules/interface-owner.md`);
        assert.match(readFileSync(path.join(REPO_ROOT, 'docs', 'ci.md'), 'utf8'), /^## Structural problems$/m);
        assert.ok(STRUCTURAL_DOC_URL.endsWith('docs/ci.md#structural-problems'));
    });

    it('rule findings, structural errors, unresolved names and syntax errors of examples/flawed', async () => {
        const root = copyWorkspace(path.join(REPO_ROOT, 'examples', 'flawed'));
        await withServer(root, async client => {
            const broken = await client.open('broken.ispec', 'import "org.ispec"\nsystem X { owner Nobody }\nsystem {\n');
            const all = [];
            for (const file of [...readdirSync(root).filter(name => name.endsWith('.ispec')), 'broken.ispec']) {
                all.push(...await client.waitForDiagnostics(file === 'broken.ispec' ? broken : client.uri(file), d => d.length > 0));
            }
            assert.ok(all.length > 30);
            const codes = new Set<string>();
            for (const diagnostic of all) {
                assert.equal(typeof diagnostic.code, 'string', `a code: ${diagnostic.message}`);
                const code = diagnostic.code as string;
                codes.add(code);
                assert.equal(diagnostic.codeDescription?.href, findRule(code) ? ruleDocUrl(code) : STRUCTURAL_DOC_URL, `link of ${code}: ${diagnostic.message}`);
            }
            for (const code of ['interface-owner', 'syntax', 'unresolved-reference']) {
                assert.ok(codes.has(code), `${code} among ${[...codes].join(', ')}`);
            }
        });
    });
});
