// Bundles the three entry points to CommonJS for Node 20: the language server, the VS Code client (with
// `vscode` external) and the CLI. langium is ESM-only, so bundling is what lets VS Code load it.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { writeSchemaValidators } from './schema-validators.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The JSON Schemas as ajv standalone code (out/generated/schema-validators.cjs), bundled below: no run compiles them.
const validators = await writeSchemaValidators();

/** language-server/config/precompiled-validators.ts names the generated module by its place beside out/language-server. */
const generatedValidators = {
    name: 'schema-validators',
    setup(build) {
        build.onResolve({ filter: /generated\/schema-validators\.cjs$/ }, () => ({ path: validators }));
    }
};

/**
 * The CLI's cold start (issue #28): what only some runs need stays out of cli.cjs, which Node compiles on every
 * run. The field dictionaries are read as JSON beside the bundle (data/, copied below) by the dictionary that needs
 * them; fhirpath and UCUM are chunks of their own (cli-fhirpath.cjs, cli-ucum.cjs) that a rule loads on first use
 * (util/lazy-require.ts). The npm package ships out/bundle whole. The server bundle keeps all of them inside: the
 * .vsix ships server.cjs alone.
 */
const CLI_CHUNKS = { fhirpath: './cli-fhirpath.cjs', '@lhncbc/ucum-lhc': './cli-ucum.cjs' };
const cliLazyFiles = {
    name: 'cli-lazy-files',
    setup(build) {
        build.onResolve({ filter: /^\.\/data\/[\w-]+\.json$/ }, args => args.importer.includes(`${path.sep}dictionaries${path.sep}`) ? { path: args.path, external: true } : undefined);
        build.onResolve({ filter: /^(fhirpath|@lhncbc\/ucum-lhc)$/ }, args => ({ path: CLI_CHUNKS[args.path], external: true }));
    }
};

/**
 * What the parser works out from the grammar on every start, worked out once here and embedded in the bundles
 * (issue 28, cold start): the grammar Chevrotain records when the parser is built (language/interspec-parser.ts) and
 * the first tokens of every decision of its LL(*) lookahead (language/interspec-lookahead.ts). Recorded by a bundle
 * of the same sources as the bundles (not `out/`, which may be older), run once. Not in watch mode, where the
 * bundles follow the sources: there the parser records the grammar itself.
 */
async function recordedParser() {
    const entry = [
        "import { EmptyFileSystem, createLangiumParser } from 'langium';",
        "import { createInterspecCoreServices } from './language-server/language/interspec-module.js';",
        "import { recordGrammar } from './language-server/language/interspec-parser.js';",
        "import { recordLookahead } from './language-server/language/interspec-lookahead.js';",
        'const { Interspec } = createInterspecCoreServices(EmptyFileSystem);',
        'process.stdout.write(JSON.stringify({ grammar: recordGrammar(createLangiumParser(Interspec)), lookahead: recordLookahead(Interspec) }));'
    ].join('\n');
    const built = await esbuild.build({
        ...options, entryPoints: undefined, outdir: undefined, sourcemap: false, write: false,
        stdin: { contents: entry, resolveDir: repo, sourcefile: 'record-parser.ts', loader: 'ts' }
    });
    const run = spawnSync(process.execPath, ['-'], { input: built.outputFiles[0].text, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`recording the parser failed (exit ${run.status}): ${run.stderr}`);
    const { grammar, lookahead } = JSON.parse(run.stdout);
    return { __INTERSPEC_RECORDED_GRAMMAR__: JSON.stringify(grammar), __INTERSPEC_RECORDED_LOOKAHEAD__: JSON.stringify(lookahead) };
}

const options = {
    entryPoints: {
        server: 'language-server/main.ts',
        extension: 'src/extension/main.ts'
    },
    plugins: [generatedValidators],
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

if (!watch) Object.assign(options.define, await recordedParser());

// cli-check-worker.cjs: the second thread of a large `check` (src/cli/parallel-check.ts), loaded only by such a run.
const cliOptions = { ...options, entryPoints: { cli: 'src/cli/main.ts', 'cli-check-worker': 'src/cli/check-worker.ts' }, plugins: [generatedValidators, cliLazyFiles] };
/** The chunks cli.cjs requires on first use: each package's CommonJS exports, self-contained. */
const chunkOptions = {
    ...options,
    entryPoints: { 'cli-fhirpath': require.resolve('fhirpath'), 'cli-ucum': require.resolve('@lhncbc/ucum-lhc') },
    plugins: []
};
cpSync(path.join(repo, 'language-server/dictionaries/data'), path.join(repo, 'out/bundle/data'), { recursive: true });

if (watch) {
    for (const each of [options, cliOptions, chunkOptions]) {
        const context = await esbuild.context(each);
        await context.watch();
    }
} else {
    await Promise.all([esbuild.build(options), esbuild.build(cliOptions), esbuild.build(chunkOptions)]);
}

if (!watch) {
    asciiOnly(path.join(repo, 'out/bundle/cli.cjs'));
    writeCliCodeCache();
}

/**
 * Escapes the characters beyond ASCII that esbuild leaves in a bundle (here in regular expression literals and
 * comments; it escapes those of strings) as `\uXXXX`, which means the same character there. An
 * ASCII bundle is a one-byte string that the launcher (bin/code-cache.cjs) makes without decoding UTF-8, and V8 holds
 * in half the memory (issue 28, cold start). The source map's columns after such a character on its line shift.
 */
function asciiOnly(file) {
    const text = readFileSync(file, 'utf8');
    // After a backslash the escape would read as an escaped backslash and the letters u, X, X, X, X.
    if (/\\[^\x00-\x7f]/.test(text)) throw new Error(`${file}: a character beyond ASCII after a backslash; escape it in the source`);
    const escaped = text.replace(/[^\x00-\x7f]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (escaped !== text) writeFileSync(file, escaped);
}

/**
 * The CLI's V8 code cache (bin/code-cache.cjs; issue 28, cold start): one `check` of the lab example through the
 * launcher, which writes out/bundle/cli.cjs.v8cache when it ends, with the functions that run compiled in it.
 */
function writeCliCodeCache() {
    rmSync(path.join(repo, 'out/bundle/cli.cjs.v8cache'), { force: true });
    const run = spawnSync(process.execPath, [path.join(repo, 'bin/interspec.cjs'), 'check', path.join(repo, 'examples/lab-network'), '--format', 'json'], {
        env: { ...process.env, INTERSPEC_WRITE_CODE_CACHE: '1', INTERSPEC_THREADS: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8'
    });
    if (!existsSync(path.join(repo, 'out/bundle/cli.cjs.v8cache'))) {
        throw new Error(`the CLI's code cache was not written (check exited ${run.status}): ${run.stderr}`);
    }
}
