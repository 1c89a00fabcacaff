import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { RULES } from '../../language-server/rules/registry.js';
import { positionOf, withServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

// Packages the real .vsix (as `npm run package` does, from the bundles the build made) and reads its listing.
describe('extension: the .vsix package', function () {
    this.timeout(60_000);
    const root = process.cwd();
    let dir: string;
    let files: string[];

    before(() => {
        dir = mkdtempSync(path.join(tmpdir(), 'interspec-vsix-'));
        const vsix = path.join(dir, 'interspec.vsix');
        execFileSync(process.execPath, [path.join(root, 'scripts', 'package-vsix.mjs'), vsix], { cwd: root, stdio: 'pipe' });
        files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    it('ships every rule page, and the packaged server shows the page when hovering a finding', async () => {
        for (const rule of RULES) {
            assert.ok(files.includes(`extension/docs/rules/${rule.id}.md`), `docs/rules/${rule.id}.md is in the package`);
        }
        const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
        for (const step of manifest.contributes.walkthroughs[0].steps) {
            assert.ok(files.includes(`extension/${step.media.markdown}`), `${step.media.markdown} (walkthrough) is in the package`);
        }
        const unpacked = path.join(dir, 'unpacked');
        execFileSync('unzip', ['-q', path.join(dir, 'interspec.vsix'), '-d', unpacked]);
        const text = 'interface Lonely "No owner" {\n    criticality low\n}\n';
        await withServer(() => writeWorkspace({ 'lonely.ispec': text }), async client => {
            const uri = await client.open('lonely.ispec', text);
            const diagnostics = await client.waitForDiagnostics(uri, d => d.some(x => x.code === 'interface-owner'));
            const finding = diagnostics.find(x => x.code === 'interface-owner')!;
            const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: finding.range.start });
            const page = readFileSync(path.join(root, 'docs', 'rules', 'interface-owner.md'), 'utf8').trim();
            assert.ok((hover?.contents as MarkupContent | undefined)?.value.includes(page), `hover shows docs/rules/interface-owner.md: ${JSON.stringify(hover)}`);
            assert.ok(positionOf(text, 'Lonely'));
        }, { serverBundle: path.join(unpacked, 'extension', 'out', 'bundle', 'server.cjs') });
    });

    it('holds the bundles, the grammar, the language files and the docs, and nothing from sources, tests or node_modules', () => {
        const expected = [
            'extension/LICENSE.txt', 'extension/changelog.md', 'extension/src/extension/images/file-icon.svg', 'extension/src/extension/images/icon.png',
            'extension/out/bundle/extension.cjs', 'extension/out/bundle/server.cjs', 'extension/package.json', 'extension/readme.md',
            'extension/src/extension/language-configuration.json',
            'extension/syntaxes/interspec.tmLanguage.json'
        ];
        for (const file of expected) {
            assert.ok(files.includes(file), `${file} is in the package`);
        }
        const unexpected = files.filter(file => /node_modules|\/test\/|\.ts$|\.map$|\/language-server\/|cli\.cjs|\.langium$/.test(file));
        assert.deepEqual(unexpected, []);
        const outside = files.filter(file => !file.startsWith('extension/') && !['[Content_Types].xml', 'extension.vsixmanifest'].includes(file));
        assert.deepEqual(outside, []);
        const schemas = readdirSchemas(root);
        for (const schema of schemas) {
            assert.ok(files.includes(`extension/schemas/${schema}`), `schemas/${schema} is in the package`);
        }
    });

    it('carries the extension README (commands and settings) rather than the project README', () => {
        const vsix = path.join(dir, 'interspec.vsix');
        const readme = execFileSync('unzip', ['-p', vsix, 'extension/readme.md'], { encoding: 'utf8' });
        assert.equal(readme, readFileSync(path.join(root, 'src', 'extension', 'README.md'), 'utf8'));
        const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
        for (const command of manifest.contributes.commands) {
            assert.ok(readme.includes(`Interspec: ${command.title}`), `README explains ${command.title}`);
        }
        for (const setting of Object.keys(manifest.contributes.configuration.properties)) {
            assert.ok(readme.includes(`\`${setting}\``), `README explains ${setting}`);
        }
        const packaged = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }));
        assert.equal(packaged.license, 'MIT');
        assert.equal(packaged.repository.url, manifest.repository.url);
        assert.equal(packaged.files, undefined);
    });
});

function readdirSchemas(root: string): string[] {
    const dir = path.join(root, 'schemas');
    return existsSync(dir) ? readdirSync(dir).filter(file => file.endsWith('.json')) : [];
}
