// Bundles the three entry points to CommonJS for Node 20: the language server, the VS Code client (with
// `vscode` external) and the CLI. langium is ESM-only, so bundling is what lets VS Code load it.
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const options = {
    entryPoints: {
        server: 'language-server/main.ts',
        extension: 'src/extension/main.ts',
        cli: 'src/cli/main.ts'
    },
    outdir: 'out/bundle',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    // jsonc-parser's `main` is a UMD build whose inner require('./impl/...') calls esbuild cannot follow (the bundle
    // throws "Cannot find module './impl/format'"); its ESM build bundles cleanly.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    sourcemap: true,
    minify,
    logLevel: 'warning',
    // import.meta.url has no meaning in CommonJS; point it at the bundle itself.
    define: { 'import.meta.url': 'importMetaUrl', __INTERSPEC_VERSION__: JSON.stringify(version) },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" }
};

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
} else {
    await esbuild.build(options);
}
