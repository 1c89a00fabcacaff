// Packages the extension as interspec.vsix with @vscode/vsce. vsce refuses a package.json `files` list (ours is for
// `npm publish` of the CLI) together with a .vscodeignore, so the package is assembled in out/vsix-stage: the
// files .vscodeignore lets in (its `!` lines are the single list of what ships), the extension README, and a
// package.json without `files`, scripts or dependencies (the bundles are self-contained).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.join(root, 'out', 'vsix-stage');
const output = path.resolve(root, process.argv[2] ?? 'interspec.vsix');

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const copy = relative => {
    mkdirSync(path.dirname(path.join(stage, relative)), { recursive: true });
    copyFileSync(path.join(root, relative), path.join(stage, relative));
};

const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
const included = ignore.split(/\r?\n/).filter(line => line.startsWith('!')).map(line => line.slice(1).trim());
for (const pattern of included) {
    if (pattern === 'package.json') {
        continue;
    }
    if (pattern.includes('*')) {
        const dir = path.posix.dirname(pattern);
        const name = new RegExp(`^${path.posix.basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
        const files = existsSync(path.join(root, dir)) ? readdirSync(path.join(root, dir)).filter(file => name.test(file)) : [];
        files.forEach(file => copy(path.posix.join(dir, file)));
    } else if (existsSync(path.join(root, pattern))) {
        copy(pattern);
    } else {
        throw new Error(`${pattern} (listed in .vscodeignore) does not exist: run \`npm run build\` first`);
    }
}
copyFileSync(path.join(root, '.vscodeignore'), path.join(stage, '.vscodeignore'));
copyFileSync(path.join(root, 'src', 'extension', 'README.md'), path.join(stage, 'README.md'));

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const key of ['files', 'scripts', 'dependencies', 'devDependencies', 'bin']) {
    delete manifest[key];
}
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// The README's own copy is README.md in the stage; .vscodeignore keeps the root README out.
writeFileSync(path.join(stage, '.vscodeignore'), `${ignore}\n!README.md\n`);

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', output], { cwd: stage, stdio: 'inherit' });
