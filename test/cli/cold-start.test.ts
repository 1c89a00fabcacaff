import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import * as esbuild from 'esbuild';
import { createDefaultCoreModule, createDefaultSharedCoreModule, createLangiumParser, EmptyFileSystem, inject } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { Ajv } from 'ajv';
import { InterspecGeneratedModule, InterspecGeneratedSharedModule, InterspecLanguageMetaData } from '../../language-server/language/generated/module.js';
import { createInterspecCoreServices, InterspecCoreModule, InterspecSharedCoreModule, type InterspecCoreServices } from '../../language-server/language/interspec-module.js';
import { recordGrammar } from '../../language-server/language/interspec-parser.js';
import { recordLookahead } from '../../language-server/language/interspec-lookahead.js';
import { AJV_OPTIONS, precompiledValidator } from '../../language-server/config/precompiled-validators.js';
import { buildConfigSchema } from '../../language-server/rules/configuration.js';
import { EVIDENCE_SCHEMA } from '../../language-server/generators/schemas.js';
import { canonicalZone, zoneNames } from '../../language-server/model/time-zones.js';
import { REPO, runCli } from './run-cli.js';

/**
 * The source files a bundle of `entry` evaluates when it starts: its own chunk and the chunks that chunk imports
 * statically, not those behind a dynamic `import()` (esbuild with code splitting, the way the metafile says it).
 */
async function staticInputs(entry: string): Promise<string[]> {
    const result = await esbuild.build({
        absWorkingDir: REPO, entryPoints: [entry], bundle: true, splitting: true, format: 'esm', platform: 'node',
        outdir: mkdtempSync(path.join(tmpdir(), 'interspec-cold-start-')), write: false, metafile: true, logLevel: 'silent',
        external: ['vscode'], alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
        // Build output and data the real bundle resolves (scripts/bundle.mjs): here only the graph matters.
        plugins: [{ name: 'elsewhere', setup: build => build.onResolve({ filter: /schema-validators\.cjs$|^\.\/data\// }, args => ({ path: args.path, external: true })) }]
    });
    const outputs = result.metafile.outputs;
    const start = Object.keys(outputs).find(file => outputs[file].entryPoint === entry)!;
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const imported of outputs[file].imports) {
            if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
        }
    };
    visit(start);
    return [...seen].flatMap(file => Object.keys(outputs[file].inputs)).sort();
}

describe('cli: cold start', function () {
    this.timeout(300_000);

    it('starts without the language: the CLI entry imports no parser, rule, generator, ajv or yaml until a command runs', async () => {
        const inputs = await staticInputs('src/cli/main.ts');
        assert.ok(inputs.some(file => file.endsWith('src/cli/main.ts')) && inputs.some(file => file.includes('node_modules/commander/')), 'the entry and commander');
        const heavy = inputs.filter(file => /language-server\/(language|rules|generators|samples|evidence|engine)\/|node_modules\/(langium|chevrotain|ajv|yaml|fhirpath|@lhncbc)\//.test(file));
        assert.deepEqual(heavy, [], 'main.ts must import commands through lazy-commands.ts');
    });

    it('answers --version and --help from that entry alone', () => {
        const version = runCli(['--version']);
        assert.equal(version.status, 0);
        assert.equal(version.stdout, `${JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}\n`);
        const help = runCli(['check', '--help']);
        assert.equal(help.status, 0);
        assert.match(help.stdout, /--cache-location <path>/);
    });

    it('still validates the grammar, which production mode skips at run time', () => {
        // The generated metadata says production (scripts/generate.mjs), so runs skip Chevrotain's grammar checks;
        // built in development mode, the lexer and parser throw on an ambiguous or left-recursive grammar.
        const shared = inject(createDefaultSharedCoreModule(NodeFileSystem), InterspecGeneratedSharedModule, InterspecSharedCoreModule);
        assert.equal(InterspecLanguageMetaData.mode, 'production');
        const injectAll = inject as (...modules: unknown[]) => InterspecCoreServices;
        const services = injectAll(createDefaultCoreModule({ shared }), InterspecGeneratedModule, InterspecCoreModule,
            { LanguageMetaData: () => ({ ...InterspecLanguageMetaData, mode: 'development' }) });
        assert.ok(services.parser.Lexer.definition, 'the lexer is built with its validations');
        assert.ok(services.parser.LangiumParser.parse('system LIS "Lab" {}').value, 'the parser is built with its validations');
    });

    it('validates interspec.yaml and evidence files with the build\'s compiled schemas, finding what ajv compiled now finds', () => {
        const cases: Array<[object, unknown[]]> = [
            [buildConfigSchema(), [{}, { rules: { units: 'off' } }, { rules: { unit: 'off' } }, { rules: { units: ['warning', { bogus: 1 }] } }, { extends: 3 }, []]],
            [EVIDENCE_SCHEMA, [{ evidence: [] }, { evidence: [{ id: 'x', status: 'passed' }] }, { evidence: [{ id: 42, status: 'maybe' }] }, { other: true }]]
        ];
        for (const [schema, values] of cases) {
            const built = precompiledValidator(schema);
            assert.ok(built, 'npm run build compiled this schema');
            const now = new Ajv(AJV_OPTIONS).compile(schema);
            for (const value of values) {
                assert.equal(built(value), now(value), JSON.stringify(value));
                assert.deepEqual(built.errors ?? null, now.errors ?? null, JSON.stringify(value));
            }
        }
        assert.equal(precompiledValidator({ type: 'object', title: 'another schema' }), undefined, 'another schema is compiled at run time');
    });

    it('ships cli.cjs as ASCII, which the launcher reads without decoding UTF-8, and runs a UTF-8 bundle as require does', () => {
        // scripts/bundle.mjs escapes what esbuild leaves beyond ASCII (regular expressions, comments) as \uXXXX.
        const bytes = readFileSync(path.join(REPO, 'out/bundle/cli.cjs'));
        assert.equal(bytes.findIndex(byte => byte > 0x7f), -1, 'a byte beyond ASCII in cli.cjs');
        const folder = mkdtempSync(path.join(tmpdir(), 'interspec-utf8-bundle-'));
        const bundle = path.join(folder, 'bundle.cjs');
        writeFileSync(bundle, 'globalThis.ran = ["Zoë – 24×7", /^[x×]\\s*[-–]$/.test("× –"), "\\u00e9" === "é", "😀".length];\n');
        const codeCache = JSON.stringify(path.join(REPO, 'bin/code-cache.cjs'));
        const run = (load: string) => {
            const child = spawnSync(process.execPath, ['-e', `${load}; console.log(JSON.stringify(globalThis.ran))`], { encoding: 'utf8' });
            assert.equal(child.status, 0, child.stderr);
            return JSON.parse(child.stdout) as unknown;
        };
        const expected = ['Zoë – 24×7', true, true, 2];
        assert.deepEqual(run(`require(${JSON.stringify(bundle)})`), expected);
        const launch = `const c = require(${codeCache}); const l = c.loadWithCodeCache(${JSON.stringify(bundle)}); c.writeCodeCache(${JSON.stringify(bundle)}, l); if (l.usedCache) globalThis.ran.push('cached')`;
        assert.deepEqual(run(launch), expected, 'compiled');
        assert.deepEqual(run(launch), [...expected, 'cached'], 'from its cache');
    });

    it('embeds in the bundles the grammar and the lookahead\'s first tokens recorded for the parser the sources build', () => {
        // scripts/bundle.mjs records them with a bundle of the sources; language/interspec-parser.ts and interspec-lookahead.ts replay them.
        const { Interspec } = createInterspecCoreServices(EmptyFileSystem);
        const recorded = { BUILT_GRAMMAR: recordGrammar(createLangiumParser(Interspec)), BUILT_LOOKAHEAD: recordLookahead(Interspec) };
        for (const bundle of ['cli.cjs', 'server.cjs']) {
            const text = readFileSync(path.join(REPO, 'out/bundle', bundle), 'utf8');
            for (const [name, expected] of Object.entries(recorded)) {
                const literal = new RegExp(`\\b${name}\\d* = true \\? ('(?:[^'\\\\]|\\\\.)*')`).exec(text)?.[1];
                assert.ok(literal, `${bundle} carries ${name}`);
                assert.equal(runInNewContext(literal), expected, `${bundle} ${name}`);
            }
        }
    });

    it('names a listed zone\'s canonical form as the runtime does, without building a formatter for it', () => {
        // model/time-zones.ts answers a zone Intl lists by its own name: the runtime must resolve each to itself.
        const zones = zoneNames();
        assert.ok(zones.length > 300 && zones.includes('Europe/Amsterdam') && zones.includes('UTC'), `${zones.length} zones`);
        for (const zone of zones) {
            assert.equal(canonicalZone(zone), new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone, zone);
        }
        assert.equal(canonicalZone('US/Eastern'), new Intl.DateTimeFormat('en', { timeZone: 'US/Eastern' }).resolvedOptions().timeZone, 'a link');
    });

    it('loads fhirpath, UCUM, the zone list and the dictionaries on first use in the bundle, with the same findings', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-cold-start-'));
        cpSync(path.join(REPO, 'examples/flawed'), root, { recursive: true });
        const file = path.join(root, 'interfaces.ispec');
        writeFileSync(file, readFileSync(file, 'utf8').replace('        PID-11 -> Patient.address[0]', '        PID-5 -> Patient.extension.where("url = ").valueString as text\n        PID-11 -> Patient.address[0]'));
        const run = runCli(['check', '--format', 'json'], { cwd: root });
        assert.equal(run.status, 1, run.stderr);
        const found = (JSON.parse(run.stdout) as { findings: Array<{ rule: string, message: string }> }).findings;
        const messages = (rule: string) => found.filter(f => f.rule === rule).map(f => f.message).join('\n');
        assert.match(messages('known-fields'), /where\("url = "\) in .* is not a FHIRPath expression/, 'fhirpath (cli-fhirpath.cjs)');
        assert.match(messages('known-fields'), /Observation\.cod\b/, 'the FHIR dictionary (data/ beside the bundle)');
        assert.match(messages('units'), /mg\/dL/, 'UCUM (cli-ucum.cjs)');
        assert.match(messages('timestamps'), /GMT-8/, 'the zone list');
    });
});
