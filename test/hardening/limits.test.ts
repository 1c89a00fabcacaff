import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { ConfigError, effectiveSeverity, matchesGlob } from '../../language-server/config/index.js';
import { loadConfig } from '../../language-server/rules/configuration.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { LIMITS } from '../../language-server/util/limits.js';
import { closestName } from '../../language-server/util/closest-name.js';
import { isOneLineError, runCli } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';

// Each case took tens of seconds, gigabytes or forever before; the mocha timeout is the bound, no timing is asserted.
describe('hardening: limits on what is read', () => {
    it('matches override globs without backtracking: *a*a*a*a*a*a*a*a*a*z against a long file name', () => {
        const name = 'a'.repeat(40) + '.ispec';
        assert.equal(matchesGlob(name, '*a*a*a*a*a*a*a*a*a*z'), false);
        assert.equal(matchesGlob(`x/${'a'.repeat(200)}z`, '**/*a*a*a*a*a*a*a*a*a*z'), true);
        // The documented forms still hold.
        assert.equal(matchesGlob('legacy/old/a.ispec', 'legacy/**'), true);
        assert.equal(matchesGlob('deep/er/a.ispec', '*.ispec'), true);
        assert.equal(matchesGlob('a/b.ispec', 'a/*.ispec'), true);
        assert.equal(matchesGlob('a/c/b.ispec', 'a/*.ispec'), false);
        assert.equal(matchesGlob('x/lab.ispec', '{lab,rad}.ispec'), true);
        assert.equal(matchesGlob('x\\lab.ispec', 'x/lab.ispec'), true);
        const root = writeWorkspace({ 'interspec.yaml': 'overrides:\n  - files: "*a*a*a*a*a*a*a*a*a*z"\n    rules:\n      monitoring: off\n' });
        assert.equal(effectiveSeverity(loadConfig(root), 'monitoring', `${'a'.repeat(60)}.ispec`), 'warning');
    });

    it('bounds did-you-mean: a 10,000-character unknown name gets no suggestion, a typo still does', () => {
        const long = 'x'.repeat(10_000);
        assert.equal(closestName(long, [long.slice(1), 'LabIT', 'y'.repeat(9_999)]), undefined);
        assert.equal(closestName('LabITT', ['LabIT', 'RadIT']), 'LabIT');
        assert.equal(closestName('Z', ['Y']), undefined);
    });

    it('reports an unknown 10,000-character name in a spec without minutes of edit distances', async () => {
        const refs = Array.from({ length: 20 }, (_, i) => `interface F${i} { from ${'Q'.repeat(10_000)} to B standard File }`).join('\n');
        const root = writeWorkspace({ 'a.ispec': `system B { kind X }\n${refs}\n` });
        const findings = collectFindings((await buildWorkspace([root])).documents);
        assert.ok(findings.some(f => /Q{20}/.test(f.message)), findings.map(f => f.message).join('\n'));
    });

    it('reads only regular files: --config /dev/zero, extends: /dev/zero and a FIFO fail at once with one line', function () {
        this.timeout(120_000); // CLI runs on a shared machine; the hang this guards against never ends
        const root = writeWorkspace({ 'a.ispec': 'team T\n' });
        const zero = runCli(['check', '--config', '/dev/zero', root]);
        assert.equal(zero.status, 2);
        assert.ok(isOneLineError(zero.stderr), zero.stderr);
        assert.match(zero.stderr, /dev\/zero.*not a regular file/);
        const extending = writeWorkspace({ 'a.ispec': 'team T\n', 'interspec.yaml': 'extends: /dev/zero\n' });
        assert.throws(() => loadConfig(extending), (e: ConfigError) => e instanceof ConfigError && e.file === '/dev/zero' && /not a regular file/.test(e.detail));
        const fifo = path.join(root, 'pipe.yaml');
        execFileSync('mkfifo', [fifo]);
        const piped = runCli(['check', '--config', fifo, root], { spawn: { timeout: 15_000 } });
        assert.equal(piped.status, 2, piped.stderr);
        assert.match(piped.stderr, /pipe\.yaml.*not a regular file/);
    });

    it('parses 80,000 empty block comments followed by `team T` (the stack overflowed)', async () => {
        const root = writeWorkspace({ 'a.ispec': '/**/'.repeat(80_000) + '\nteam T\nteam T\n' });
        const [document] = (await buildWorkspace([root])).documents;
        assert.equal(document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length, 0);
        assert.deepEqual(document.parseResult.value.elements.map(e => (e as { name?: string }).name), ['T', 'T']);
        // The duplicate is found: the document is validated, not dropped.
        assert.ok(collectFindings([document]).some(f => f.line === 3 && f.severity === 'error'));
    });

    it('refuses a spec file over the size limit: one line and exit 2 from the CLI, a diagnostic in the core', async function () {
        this.timeout(120_000); // CLI runs on a shared machine; the hang this guards against never ends
        const big = 'team T\n' + `// ${'x'.repeat(1000)}\n`.repeat(4000);
        const root = writeWorkspace({ 'big.ispec': big, 'ok.ispec': 'team U\n' });
        const result = runCli(['check', root]);
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, new RegExp(`big\\.ispec: the file is \\d+ bytes; spec files are limited to ${LIMITS.specBytes} bytes`));
        const { shared } = await buildWorkspace([writeWorkspace({ 'ok.ispec': 'team U\n' })]);
        const { URI } = await import('langium');
        const document = shared.workspace.LangiumDocumentFactory.fromString(big, URI.file(path.join(root, 'big.ispec')));
        assert.match(document.parseResult.lexerErrors[0]?.message ?? '', /spec files are limited to/);
    });

    it('refuses more spec files than the limit with one line', function () {
        this.timeout(120_000); // CLI runs on a shared machine; the hang this guards against never ends
        const files: Record<string, string> = {};
        for (let i = 0; i <= LIMITS.specFiles; i++) files[`f${i}.ispec`] = '';
        const result = runCli(['check', writeWorkspace(files)]);
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, new RegExp(`${LIMITS.specFiles + 1} \\.ispec files; a run reads at most ${LIMITS.specFiles}`));
    });

    it('checks 500 files that all import each other (each import was a walk of the whole graph: minutes)', async function () {
        this.timeout(600_000); // about 250,000 import statements on a shared machine; no timing is asserted
        const count = 500;
        const files: Record<string, string> = {};
        for (let i = 0; i < count; i++) {
            const imports = Array.from({ length: count }, (_, j) => j === i ? '' : `import "f${j}.ispec"\n`).join('');
            files[`f${i}.ispec`] = `${imports}team T${i}\nsystem S${i} { kind LIS owner T${(i + 1) % count} }\n`;
        }
        const workspace = await buildWorkspace([writeWorkspace(files)]);
        const findings = collectFindings(workspace.documents);
        assert.equal(workspace.documents.length, count);
        // Every owner resolves through the imports, and every import is reported as a cycle of two files.
        assert.deepEqual(findings.filter(f => f.code !== 'import-cycle').map(f => `${f.code}: ${f.message}`).filter(m => /owner|resolve|T\d+/.test(m)), []);
        const cycles = findings.filter(f => f.code === 'import-cycle');
        assert.equal(cycles.length, count * (count - 1));
        assert.ok(cycles.every(f => /^Import cycle: f(\d+)\.ispec -> f\d+\.ispec -> f\1\.ispec\./.test(f.message)), cycles[0].message);
    });

    it('keeps the config size limit with the file named', () => {
        const huge = writeWorkspace({});
        writeFileSync(path.join(huge, 'interspec.yaml'), '# ' + 'x'.repeat(LIMITS.configBytes) + '\n');
        assert.throws(() => loadConfig(huge), (e: ConfigError) => e.file.endsWith('interspec.yaml') && /limited to 1048576 bytes/.test(e.detail));
    });
});
