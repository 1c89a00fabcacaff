import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { createInterspecServices } from '../../language-server/lsp/interspec-lsp-module.js';
import { COMMANDS, EDITOR_COMMANDS } from '../../language-server/protocol/index.js';
import { STATEMENT_SNIPPETS } from '../../language-server/lsp/statement-snippets.js';
import { STARTER_FINDING } from '../../src/cli/templates/starter.js';

// What package.json promises VS Code must exist and agree with the code and the grammar.
const root = process.cwd();
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

function sourcesOf(dir: string): string {
    return readdirSync(dir).filter(file => file.endsWith('.ts')).map(file => readFileSync(path.join(dir, file), 'utf8')).join('\n');
}

/** A snippet body with every placeholder replaced by its default text (the first choice for `${1|a,b|}`). */
function expandSnippet(body: string[]): string {
    return body.join('\n')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
}

describe('extension: contributions', () => {
    it('contributes exactly the protocol\'s command ids, and the extension registers each of them', () => {
        const contributed = contributes.commands.map((command: { command: string }) => command.command).sort();
        assert.deepEqual(contributed, Object.values(COMMANDS).sort(), 'package.json contributes.commands = language-server/protocol/commands.ts COMMANDS');
        const sources = sourcesOf(path.join(root, 'src', 'extension'));
        assert.deepEqual([...sources.matchAll(/register\('/g)], [], 'command ids come from COMMANDS, not literals');
        const registered = [...sources.matchAll(/register\(COMMANDS\.([A-Za-z]+)/g)].map(match => COMMANDS[match[1] as keyof typeof COMMANDS]).sort();
        assert.deepEqual(registered, contributed);
        assert.deepEqual(contributed, ['interspec.generateChecklist', 'interspec.generateTestMatrix', 'interspec.openChecklistPreview',
            'interspec.openStarter', 'interspec.openTestMatrixPreview', 'interspec.restartServer', 'interspec.showOutput']);
        for (const id of Object.values(EDITOR_COMMANDS)) {
            assert.ok(contributed.includes(id), `the code lens command ${id} is contributed`);
        }
    });

    it('activates only for Interspec workspaces and supports untrusted workspaces in a limited way', () => {
        assert.deepEqual([...manifest.activationEvents].sort(), ['onLanguage:interspec', 'workspaceContains:**/*.ispec', 'workspaceContains:**/interspec.yaml']);
        assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
        assert.equal(manifest.main, './out/bundle/extension.cjs');
    });

    it('points every contributed file at something the repository has or the build makes', () => {
        const generated = new Set(['./syntaxes/interspec.tmLanguage.json']);
        const paths = [
            ...contributes.languages.flatMap((language: any) => [language.configuration, language.icon.light, language.icon.dark]),
            ...contributes.grammars.map((grammar: any) => grammar.path),
            manifest.icon
        ];
        for (const file of paths) {
            assert.ok(generated.has(file) || existsSync(path.join(root, file)), `${file} exists`);
        }
        const schemas = [...contributes.jsonValidation, ...contributes.yamlValidation].map((validation: any) => validation.url);
        assert.deepEqual([...new Set(schemas)].sort(), ['./schemas/evidence.schema.json', './schemas/interspec.schema.json']);
    });

    it('has a language configuration with both comment forms, brackets and auto-closing pairs', () => {
        const configuration = JSON.parse(readFileSync(path.join(root, contributes.languages[0].configuration), 'utf8'));
        assert.deepEqual(configuration.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
        assert.deepEqual(configuration.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
        assert.ok(configuration.autoClosingPairs.some((pair: any) => pair.open === '"'));
        assert.ok(new RegExp(configuration.indentationRules.increaseIndentPattern).test('interface LabResults {'));
        assert.ok(new RegExp(configuration.indentationRules.decreaseIndentPattern).test('    }'));
        assert.ok(new RegExp(configuration.folding.markers.start).test('// region people'));
        assert.ok(new RegExp(configuration.wordPattern).exec('on duplicate-identity')?.[0] === 'on');
    });

    it('has a snippet for each top-level element (served by the language server), and each one parses', () => {
        assert.equal(contributes.snippets, undefined, 'no static snippets: they would be offered beside the keyword and where they are invalid');
        const prefixes = STATEMENT_SNIPPETS.map(snippet => snippet.keyword).sort();
        assert.deepEqual(prefixes, ['change', 'change-authority', 'codetable', 'data', 'gate', 'import', 'interface', 'role', 'rollout', 'segment', 'site', 'system', 'team']);
        const parser = createInterspecServices(NodeFileSystem).Interspec.parser.LangiumParser;
        for (const { keyword: name, body } of STATEMENT_SNIPPETS) {
            const snippet = { body: [...body] };
            const text = expandSnippet(snippet.body);
            const result = parser.parse(text);
            assert.deepEqual([...result.lexerErrors.map(error => error.message), ...result.parserErrors.map(error => error.message)], [], `snippet ${name}:\n${text}`);
        }
    });

    it('has a walkthrough for a new workspace: trust the folder, write an interface, fix a finding, the matrix preview, the gate', () => {
        const [walkthrough] = contributes.walkthroughs;
        assert.equal(walkthrough.id, 'gettingStarted');
        assert.deepEqual(walkthrough.steps.map((step: any) => step.id), ['trustWorkspace', 'writeInterface', 'fixFinding', 'matrixPreview', 'runGate']);
        // Shown in Restricted Mode too, where its first step says what that means and how to trust.
        assert.equal(walkthrough.when, undefined, 'no when clause hides it from an untrusted folder');
        const [trust] = walkthrough.steps;
        assert.match(trust.description, /Restricted Mode[\s\S]*language server[\s\S]*waits until you trust[\s\S]*\(command:workbench\.trust\.manage\)/);
        assert.deepEqual(trust.completionEvents, ['onContext:isWorkspaceTrusted']);
        const trustPage = readFileSync(path.join(root, trust.media.markdown), 'utf8');
        assert.match(trustPage, /\*\*Restricted Mode\*\*[\s\S]*waits for trust[\s\S]*\*\*Trust\*\*/);
        const fixPage = readFileSync(path.join(root, walkthrough.steps[2].media.markdown), 'utf8');
        assert.match(fixPage, new RegExp(`on ${STARTER_FINDING.handler}[\\s\\S]*${STARTER_FINDING.rule}[\\s\\S]*\\*\\*${STARTER_FINDING.fix}\\*\\*`), 'the fix step names the starter\'s finding and its fix');
        const ours = new Set(contributes.commands.map((command: any) => command.command));
        for (const step of walkthrough.steps) {
            assert.ok(existsSync(path.join(root, step.media.markdown)), `${step.media.markdown} exists`);
            for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
                assert.ok(ours.has(command) || command.startsWith('workbench.'), `${step.id} links to ${command}`);
            }
            assert.ok(step.completionEvents.length > 0, `${step.id} can be completed`);
        }
        const starter = readFileSync(path.join(root, 'src', 'extension', 'starter.ts'), 'utf8');
        assert.match(starter, new RegExp(`WALKTHROUGH_ID = '${walkthrough.id}'`));
    });

    it('keeps word suggestions from stealing Tab inside a snippet\'s name placeholders', () => {
        const defaults = contributes.configurationDefaults?.['[interspec]'];
        assert.equal(defaults?.['editor.wordBasedSuggestions'], 'off');
        assert.equal(defaults?.['editor.suggest.snippetsPreventQuickSuggestions'], true);
    });

    it('keeps the extension bundle small: vscode-languageclient only, no langium', () => {
        const bundle = path.join(root, 'out', 'bundle', 'extension.cjs');
        const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[] };
        const packages = new Set(map.sources.filter(source => source.includes('node_modules/'))
            .map(source => source.replace(/.*node_modules\//, '').split('/').slice(0, source.includes('node_modules/@') ? 2 : 1).join('/')));
        assert.ok(!packages.has('langium') && ![...packages].some(name => name.startsWith('chevrotain')), `bundled: ${[...packages].join(', ')}`);
        assert.ok(packages.has('vscode-languageclient'));
        assert.ok(statSync(bundle).size < 1_000_000, 'under 1 MB unminified');
    });
});
