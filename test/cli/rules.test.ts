import { strict as assert } from 'node:assert';
import { RULES } from '../../language-server/rules/registry.js';
import { writeWorkspace } from '../support/workspace.js';
import { isOneLineError, runCli } from './run-cli.js';

describe('cli: rules', function () {
    // Each test runs the built CLI several times; a loaded CI machine needs more than the default timeout.
    this.timeout(120_000);

    it('lists every rule of the registry with default and effective severities from interspec.yaml', () => {
        const changed = RULES.find(rule => rule.defaultSeverity !== 'off')!;
        const root = writeWorkspace({ 'interspec.yaml': `rules:\n  ${changed.id}: off\n` });
        const result = runCli(['rules', '--format', 'json'], { cwd: root });
        assert.equal(result.status, 0, result.stderr);
        const listed = JSON.parse(result.stdout);
        assert.equal(listed.config, 'interspec.yaml');
        assert.deepEqual(listed.rules.map((r: { id: string }) => r.id), RULES.map(rule => rule.id));
        for (const rule of listed.rules) {
            const meta = RULES.find(r => r.id === rule.id)!;
            assert.equal(rule.area, meta.area);
            assert.equal(rule.defaultSeverity, meta.defaultSeverity);
            assert.equal(rule.effectiveSeverity, rule.id === changed.id ? 'off' : meta.defaultSeverity, rule.id);
        }
    });

    it('prints a table with one line per rule', () => {
        const root = writeWorkspace({});
        const result = runCli(['rules'], { cwd: root });
        assert.equal(result.status, 0, result.stderr);
        const lines = result.stdout.split('\n');
        assert.match(lines[0], /^rule +area +default +effective +summary$/);
        for (const rule of RULES) {
            assert.ok(lines.some(line => line.startsWith(`${rule.id} `) && line.includes(rule.area)), rule.id);
        }
    });

    it('reports an invalid interspec.yaml as file:line:col: message (key), exit 2, for every command', () => {
        const root = writeWorkspace({ 'interspec.yaml': 'rules:\n  units: loud\n', 'a.ispec': 'team A\n' });
        for (const args of [['rules'], ['check'], ['matrix'], ['checklist'], ['gate', 'Any']]) {
            const result = runCli(args, { cwd: root });
            assert.equal(result.status, 2, `${args[0]}: ${result.stdout}${result.stderr}`);
            assert.ok(isOneLineError(result.stderr), result.stderr);
            assert.match(result.stderr, /^interspec: interspec\.yaml:2:\d+: .+ \(rules\.units\)\n$/, args[0]);
        }
    });

    it('uses --config instead of the workspace file, and says when it cannot read it', () => {
        const root = writeWorkspace({ 'strict.yaml': 'extends: interspec:strict\n' });
        const strict = JSON.parse(runCli(['rules', '--format', 'json', '--config', 'strict.yaml'], { cwd: root }).stdout);
        assert.ok(strict.rules.every((r: { defaultSeverity: string, effectiveSeverity: string }) => r.effectiveSeverity === (r.defaultSeverity === 'off' ? 'off' : 'error')));
        const missing = runCli(['check', '--config', 'nope.yaml'], { cwd: root });
        assert.equal(missing.status, 2);
        assert.ok(isOneLineError(missing.stderr), missing.stderr);
        assert.match(missing.stderr, /nope\.yaml/);
    });
});
