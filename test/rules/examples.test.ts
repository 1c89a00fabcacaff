import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { RULES } from '../../language-server/rules/registry.js';
import { runCli } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';

const EXAMPLES = path.resolve('examples');
const FLAWED = path.join(EXAMPLES, 'flawed');

/** `file:line rule` for every `// flaw: a, b` annotation of the flawed example, sorted. */
function annotatedFlaws(): string[] {
    const expected: string[] = [];
    for (const file of readdirSync(FLAWED).filter(name => name.endsWith('.ispec')).sort()) {
        readFileSync(path.join(FLAWED, file), 'utf8').split('\n').forEach((line, index) => {
            const match = /\/\/ flaw: (.*)$/.exec(line);
            for (const rule of match ? match[1].split(',').map(s => s.trim()) : []) {
                expected.push(`${file}:${index + 1} ${rule}`);
            }
        });
    }
    return expected.sort();
}

describe('rules: examples', () => {
    it('examples/flawed: every finding is at a line annotated with its rule, and every annotation is found', async () => {
        const workspace = await buildWorkspace([FLAWED]);
        const found = collectFindings(workspace.documents).map(f => `${path.basename(f.file)}:${f.line} ${f.code}`).sort();
        assert.deepEqual(found, annotatedFlaws());
    });

    it('examples/flawed: shows a suppressed finding with its reason', async () => {
        const workspace = await buildWorkspace([FLAWED]);
        const suppressed = collectFindings(workspace.documents).filter(f => f.suppressed !== undefined);
        assert.deepEqual(suppressed.map(f => `${path.basename(f.file)}:${f.line} ${f.code}: ${f.suppressed}`),
            ['systems.ispec:15 vendor-accountability: Support, response times and rollback are in enterprise contract ES-2024-7']);
    });

    it('examples/flawed: triggers every rule of the catalog that checks specs', () => {
        // The sample rules check captured messages, not specs: test/fixtures/samples/checks plants a discrepancy of
        // each (test/samples/sample-checks.test.ts), and examples/flawed has no captured samples yet.
        const flawed = new Set(annotatedFlaws().map(entry => entry.split(' ')[1]));
        assert.deepEqual(RULES.filter(rule => rule.scope !== 'samples').map(rule => rule.id).filter(id => !flawed.has(id)), []);
    });

    it('interspec check examples/flawed exits 1; with every rule off it exits 0, and with a bad config 2', () => {
        const result = runCli(['check', 'examples/flawed', '--format', 'json']);
        assert.equal(result.status, 1, result.stderr);
        const root = writeWorkspace({});
        const off = path.join(root, 'off.yaml');
        writeFileSync(off, 'rules:\n' + RULES.map(rule => `  ${rule.id}: off\n`).join(''));
        assert.equal(runCli(['check', 'examples/flawed', '--config', off]).status, 0);
        const bad = path.join(root, 'bad.yaml');
        writeFileSync(bad, 'rules:\n  monitoring: sometimes\n');
        const failed = runCli(['check', 'examples/flawed', '--config', bad]);
        assert.equal(failed.status, 2);
        assert.match(failed.stderr, /bad\.yaml:2:15: .*rules\.monitoring/);
    });

    for (const name of existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter(n => n !== 'flawed' && existsSync(path.join(EXAMPLES, n, 'interspec.yaml'))).sort() : []) {
        it(`examples/${name}: no rule finds anything`, async () => {
            const workspace = await buildWorkspace([path.join(EXAMPLES, name)]);
            const findings = collectFindings(workspace.documents);
            assert.deepEqual(findings.map(f => `${path.relative(EXAMPLES, f.file)}:${f.line} ${f.code}: ${f.message}`), []);
        });
    }
});
