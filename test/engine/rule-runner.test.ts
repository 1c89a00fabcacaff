import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { ConfigError, effectiveSeverity } from '../../language-server/config/index.js';
import { buildConfigSchema, loadConfig } from '../../language-server/rules/configuration.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { ALL_RULE_CHECKS, findRule, RULES } from '../../language-server/rules/registry.js';
import { checkFiles, writeWorkspace } from '../support/workspace.js';

/** An interface without owner: one interface-owner finding (and nothing else that is an error). */
const UNOWNED = 'interface Feed { from A to B standard File }\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\nteam Ops\n';

async function codesFor(files: Record<string, string>) {
    const { findings } = await checkFiles(files);
    return findings.map(f => `${f.relative}:${f.line}:${f.severity}:${f.code}${f.suppressed ? `(${f.suppressed})` : ''}`);
}

describe('rules: registry and engine', () => {
    it('registers every rule once, sorted by id, each with an implementation and a doc page', () => {
        const ids = RULES.map(r => r.id);
        assert.deepEqual(ids, [...ids].sort());
        assert.equal(new Set(ids).size, ids.length);
        assert.deepEqual([...ALL_RULE_CHECKS.map(r => r.id)].sort(), ids);
        for (const rule of RULES) {
            assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
            assert.ok(rule.summary.length > 10 && !rule.summary.includes('\n'), rule.id);
            assert.equal(findRule(rule.id), rule);
        }
        assert.ok(RULES.length >= 29);
    });

    it('keeps each rule in its own file, rules/<id>.ts, which exports that rule only, and its tests in test/rules/<id>.test.ts', async () => {
        for (const rule of RULES) {
            const module = await import(`../../language-server/rules/${rule.id}.js`) as Record<string, unknown>;
            assert.deepEqual(Object.values(module), [rule], `language-server/rules/${rule.id}.ts exports the rule ${rule.id} and nothing else`);
            const tests = path.resolve('test/rules', `${rule.id}.test.ts`);
            assert.ok(existsSync(tests), `test/rules/${rule.id}.test.ts`);
            // A sample rule's examples are a spec and a captured message (test/rules/sample-doc-examples.ts).
            const runner = rule.scope === 'samples' ? 'sampleDocExamples' : 'docExamples';
            assert.ok(readFileSync(tests, 'utf8').includes(`${runner}('${rule.id}')`), `test/rules/${rule.id}.test.ts runs the examples of docs/rules/${rule.id}.md`);
        }
    });

    it('keeps schemas/interspec.schema.json equal to the schema built from the registry', () => {
        if (process.env.UPDATE_GOLDEN === '1') {
            writeFileSync(path.resolve('schemas/interspec.schema.json'), JSON.stringify(buildConfigSchema(), undefined, 2) + '\n');
        }
        const file = JSON.parse(readFileSync(path.resolve('schemas/interspec.schema.json'), 'utf8'));
        assert.deepEqual(file, buildConfigSchema());
    });

    it('gives every option a default that the option\'s own schema accepts', () => {
        const ajv = new Ajv({ strict: false });
        for (const rule of RULES) {
            const options = Object.entries(rule.options.properties ?? {});
            for (const [name, schema] of options) {
                assert.ok('default' in schema, `${rule.id}: option ${name} has a default`);
                assert.ok(ajv.validate(schema, schema.default), `${rule.id}: the default of ${name} fits its schema: ${ajv.errorsText()}`);
            }
            const defaults = Object.fromEntries(options.map(([name, schema]) => [name, schema.default]));
            assert.ok(ajv.validate(rule.options, defaults), `${rule.id}: the defaults together are valid options: ${ajv.errorsText()}`);
        }
    });

    it('reports a rule finding with its rule id as code, at the name of the element', async () => {
        assert.deepEqual(await codesFor({ 'a.ispec': UNOWNED }), ['a.ispec:1:error:interface-owner']);
    });

    it('applies severities from interspec.yaml: info, off, and per-glob overrides', async () => {
        assert.deepEqual(await codesFor({ 'interspec.yaml': 'rules:\n  interface-owner: info\n', 'a.ispec': UNOWNED }), ['a.ispec:1:info:interface-owner']);
        assert.deepEqual(await codesFor({ 'interspec.yaml': 'rules:\n  interface-owner: off\n', 'a.ispec': UNOWNED }), []);
        assert.deepEqual(await codesFor({
            'interspec.yaml': 'overrides:\n  - files: "legacy/**"\n    rules:\n      interface-owner: [warning]\n',
            'legacy/old/a.ispec': UNOWNED, 'b.ispec': 'import "legacy/old/a.ispec"\ninterface Feed2 { from A to B standard File }\n'
        }), ['b.ispec:2:error:interface-owner', 'legacy/old/a.ispec:1:warning:interface-owner']);
    });

    it('extends presets: interspec:strict makes warnings errors, and a preset file is applied before local rules', async () => {
        const root = writeWorkspace({
            'interspec.yaml': 'extends: [interspec:strict, shared/preset.yaml]\nrules:\n  data-owner: info\n',
            'shared/preset.yaml': 'rules:\n  monitoring: off\n  exception-coverage: [warning, { required: [downtime] }]\n'
        });
        const config = loadConfig(root);
        assert.equal(effectiveSeverity(config, 'change-authority', 'a.ispec'), 'error');
        assert.equal(effectiveSeverity(config, 'monitoring', 'a.ispec'), 'off');
        assert.equal(effectiveSeverity(config, 'data-owner', 'a.ispec'), 'info');
        assert.deepEqual(config.rules['exception-coverage'], { severity: 'warning', options: { required: ['downtime'] } });
        assert.deepEqual(config.files.map(f => path.relative(root, f)), ['interspec.yaml', path.join('shared', 'preset.yaml')]);
    });

    it('refuses an invalid interspec.yaml with file, line, column and key, and suggests the rule meant', async () => {
        const root = writeWorkspace({ 'interspec.yaml': 'rules:\n  interface-owner: error\n  interface-ownr: warning\n', 'a.ispec': UNOWNED });
        assert.throws(() => loadConfig(root), (error: unknown) => {
            assert.ok(error instanceof ConfigError);
            assert.equal(error.file, path.join(root, 'interspec.yaml'));
            assert.deepEqual([error.line, error.column, error.key], [3, 3, 'rules.interface-ownr']);
            assert.match(error.detail, /unknown rule 'interface-ownr'; did you mean 'interface-owner'\?/);
            return true;
        });
        await assert.rejects(buildWorkspace([root]), ConfigError);
    });

    it('names the key of a bad severity, and of bad YAML', () => {
        const bad = writeWorkspace({ 'interspec.yaml': 'critical: [critical]\nrules:\n  monitoring: loud\n' });
        assert.throws(() => loadConfig(bad), (e: ConfigError) => e.line === 3 && e.column === 15 && e.key === 'rules.monitoring' && /severity/.test(e.detail));
        const broken = writeWorkspace({ 'interspec.yaml': 'rules:\n  monitoring: [off\n' });
        assert.throws(() => loadConfig(broken), (e: ConfigError) => e instanceof ConfigError && /invalid YAML/.test(e.detail) && e.line >= 2);
        const unknownPreset = writeWorkspace({ 'interspec.yaml': 'extends: interspec:recomended\n' });
        assert.throws(() => loadConfig(unknownPreset), (e: ConfigError) => e.key === 'extends' && /did you mean 'interspec:recommended'/.test(e.detail));
    });

    it('bounds YAML: alias bombs and huge files are refused with a clear message', () => {
        const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
        for (let i = 1; i < 8; i++) {
            bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
        }
        const root = writeWorkspace({ 'interspec.yaml': bomb.join('\n') + '\n' });
        assert.throws(() => loadConfig(root), (e: ConfigError) => /aliases/.test(e.detail));
        const huge = writeWorkspace({});
        writeFileSync(path.join(huge, 'interspec.yaml'), '# ' + 'x'.repeat(1024 * 1024 + 10) + '\n');
        assert.throws(() => loadConfig(huge), (e: ConfigError) => /limited to 1048576 bytes/.test(e.detail));
    });

    it('uses an explicit configuration file instead of the root one', async () => {
        const root = writeWorkspace({ 'a.ispec': UNOWNED, 'ci.yaml': 'rules:\n  interface-owner: off\n' });
        const workspace = await buildWorkspace([root], { configFile: path.join(root, 'ci.yaml') });
        assert.deepEqual(collectFindings(workspace.documents), []);
    });

    it('shows an invalid configuration in the editor as an error on each spec, and keeps default rules', async () => {
        const root = writeWorkspace({ 'interspec.yaml': 'rules: 3\n', 'a.ispec': UNOWNED });
        const { shared } = await import('../../language-server/lsp/interspec-lsp-module.js').then(async m => {
            const { NodeFileSystem } = await import('langium/node');
            return m.createInterspecServices(NodeFileSystem);
        });
        shared.interspec.Workspace.setFolders([root]);
        const { URI } = await import('langium');
        const document = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(path.join(root, 'a.ispec')));
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const findings = collectFindings([document]);
        assert.deepEqual(findings.map(f => [f.line, f.code, f.severity]), [[1, 'config', 'error'], [1, 'interface-owner', 'error']]);
        assert.match(findings[0].message, /interspec\.yaml:1:8: rules: .*default settings/);
    });

    it('suppresses a finding on the element or an enclosing one, keeping it (as a hint) with its reason', async () => {
        const suppressed = UNOWNED.replace('standard File', 'standard File suppress interface-owner because "owned by the vendor contract"');
        const { findings } = await checkFiles({ 'a.ispec': suppressed });
        assert.equal(findings.length, 1);
        assert.equal(findings[0].code, 'interface-owner');
        assert.equal(findings[0].suppressed, 'owned by the vendor contract');
        assert.equal(findings[0].severity, 'info');
        // A mapping's inline suppression silences a rule on the mapping only.
        const inline = await codesFor({
            'a.ispec': 'system A { kind X }\nsystem B { kind X }\nteam Ops\nchange-authority Ops\n'
                + 'interface Feed {\n from A to B standard File owner Ops\n message ORU^R01 {\n'
                + '  OBX-14 -> Observation.issued as timestamp suppress timestamps because "the sender sends UTC offsets"\n'
                + '  OBX-19 -> Observation.issued as timestamp\n }\n}\n'
        });
        assert.deepEqual(inline, ['a.ispec:8:info:timestamps(the sender sends UTC offsets)', 'a.ispec:9:warning:timestamps']);
    });

    it('reports a suppression of an unknown rule, and one without a reason', async () => {
        const codes = await codesFor({ 'a.ispec': UNOWNED.replace('standard File', 'standard File\nsuppress interface-ownr because "x"\nsuppress interface-owner because ""') });
        assert.deepEqual(codes, ['a.ispec:1:error:interface-owner', 'a.ispec:2:error:suppression', 'a.ispec:3:error:suppression']);
    });
});

describe('rules: configuration changes in a running server', () => {
    it('re-reads interspec.yaml when the editor reports it changed', async () => {
        const { URI } = await import('langium');
        const root = writeWorkspace({ 'a.ispec': UNOWNED });
        const workspace = await buildWorkspace([root]);
        assert.deepEqual(collectFindings(workspace.documents).map(f => f.severity), ['error']);
        writeFileSync(path.join(root, 'interspec.yaml'), 'rules:\n  interface-owner: info\n');
        await workspace.shared.workspace.DocumentBuilder.update([URI.file(path.join(root, 'interspec.yaml'))], []);
        assert.deepEqual(collectFindings(workspace.documents).map(f => f.severity), ['info']);
        writeFileSync(path.join(root, 'interspec.yaml'), 'rules: [\n');
        await workspace.shared.workspace.DocumentBuilder.update([URI.file(path.join(root, 'interspec.yaml'))], []);
        assert.deepEqual(collectFindings(workspace.documents).map(f => `${f.code}:${f.severity}`), ['config:error', 'interface-owner:error']);
    });
});

describe('rules: workspace rules', () => {
    const SITES = 'team Ops\nsite North {\n    timezone "UTC"\n}\n';
    const IFACE = 'import "sites.ispec"\nsystem A { kind X }\nsystem B { kind X }\ninterface Feed { from A to B standard File owner Ops criticality critical sites North }\n';
    const GATE = 'import "sites.ispec"\ngate NorthGoLive { site North }\n';
    const QUIET = 'critical: [critical]\nrules:\n  exception-coverage: off\n  monitoring: off\n  downtime-procedure: off\n  site-baseline: off\n  change-authority: off\n  hypercare: off\n';

    it('see files that are not imported, and re-check them when another file changes', async () => {
        const { URI } = await import('langium');
        const root = writeWorkspace({ 'interspec.yaml': QUIET, 'sites.ispec': SITES, 'iface.ispec': IFACE, 'gates.ispec': GATE });
        const workspace = await buildWorkspace([root]);
        const codes = () => collectFindings(workspace.documents).map(f => `${path.basename(f.file)}:${f.line} ${f.code}`);
        // sites.ispec imports neither the interface nor the gate, yet its site is judged by both.
        assert.deepEqual(codes(), ['gates.ispec:2 gate-coverage', 'gates.ispec:2 gate-coverage']);
        writeFileSync(path.join(root, 'gates.ispec'), '// no gate yet\n');
        await workspace.shared.workspace.DocumentBuilder.update([URI.file(path.join(root, 'gates.ispec'))], []);
        assert.deepEqual(codes(), ['sites.ispec:2 gate-coverage']);
    });
});
