import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

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

    it('holds the bundles, the grammar, the language files and the docs, and nothing from sources, tests or node_modules', () => {
        const expected = [
            'extension/LICENSE.txt', 'extension/changelog.md', 'extension/src/extension/images/file-icon.svg', 'extension/src/extension/images/icon.png',
            'extension/out/bundle/extension.cjs', 'extension/out/bundle/server.cjs', 'extension/package.json', 'extension/readme.md',
            'extension/src/extension/snippets/interspec.json', 'extension/src/extension/language-configuration.json',
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
