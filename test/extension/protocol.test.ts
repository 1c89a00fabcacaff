import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// The client and the server share one contract, language-server/protocol/: it must stay importable by the VS Code
// client without pulling any of the server into the client's bundle.
const root = process.cwd();
const protocolDir = path.join(root, 'language-server', 'protocol');

/** The modules a TypeScript source imports at run time (`import type` and `type`-only names left out). */
function runtimeImports(source: string): string[] {
    const modules: string[] = [];
    for (const match of source.matchAll(/^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms)) {
        const [, , typeOnly, names, module] = match;
        const onlyTypes = typeOnly !== undefined
            || (/^\{[^}]*\}$/s.test(names.trim()) && names.replace(/[{}\s]/g, '').split(',').filter(Boolean).every(name => name.startsWith('type')));
        if (!onlyTypes) {
            modules.push(module);
        }
    }
    for (const match of source.matchAll(/^(?:import|export)\s+(?:\*\s+from\s+)?'([^']+)'/gm)) {
        modules.push(match[1]);
    }
    return modules;
}

describe('extension: the protocol module is all the client takes from the server', () => {
    it('imports nothing at run time but vscode-languageserver-protocol and its own files', () => {
        const files = readdirSync(protocolDir).filter(file => file.endsWith('.ts'));
        assert.ok(files.includes('index.ts'));
        for (const file of files) {
            for (const module of runtimeImports(readFileSync(path.join(protocolDir, file), 'utf8'))) {
                assert.ok(module === 'vscode-languageserver-protocol' || /^\.\/[\w-]+\.js$/.test(module), `${file} imports ${module}`);
            }
        }
    });

    it('the extension\'s sources import from language-server/ only the protocol module and the escaping (which imports nothing)', () => {
        const dir = path.join(root, 'src', 'extension');
        for (const file of readdirSync(dir).filter(name => name.endsWith('.ts'))) {
            const source = readFileSync(path.join(dir, file), 'utf8');
            for (const match of source.matchAll(/from\s+'([^']*language-server\/[^']*)'/g)) {
                assert.ok(['../../language-server/protocol/index.js', '../../language-server/util/escape.js'].includes(match[1]), `src/extension/${file}: ${match[1]}`);
            }
        }
    });

    it('the extension bundle holds no server code: of language-server/, only protocol/ and util/escape.ts', () => {
        const map = JSON.parse(readFileSync(path.join(root, 'out', 'bundle', 'extension.cjs.map'), 'utf8')) as { sources: string[] };
        const ours = map.sources.filter(source => !source.includes('node_modules/')).map(source => path.relative(root, path.resolve(root, 'out', 'bundle', source)).split(path.sep).join('/'));
        const server = ours.filter(source => source.startsWith('language-server/'));
        assert.ok(server.length > 0 && server.every(source => source.startsWith('language-server/protocol/') || source === 'language-server/util/escape.ts'), `bundled from language-server/: ${server.join(', ')}`);
        assert.ok(ours.includes('language-server/protocol/requests.ts'));
        const packages = new Set(map.sources.filter(source => source.includes('node_modules/')).map(source => source.replace(/.*node_modules\//, '').split('/')[0]));
        for (const name of ['langium', 'ajv', 'yaml', 'fhirpath', 'vscode-languageserver']) {
            assert.ok(!packages.has(name), `${name} is not in the extension bundle`);
        }
    });
});
