import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BROKEN_SPEC_CODES } from '../../language-server/model/finding-codes.js';
import { REPO, isOneLineError, runCli } from './run-cli.js';

const EXPORTS = [
    'test/fixtures/import/mirth/lab-results-channels.xml',
    'test/fixtures/import/mirth/connect-examples-get-num-pages.xml',
    'test/fixtures/import/mirth/connect-examples-validate-xsd.xml'
];

describe('cli: import mirth', function () {
    this.timeout(300000);

    it('imports channel exports into drafts that check finds no syntax or unresolved reference in', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-import-mirth-'));
        for (const file of EXPORTS) copyFileSync(path.join(REPO, file), path.join(root, path.basename(file)));
        const imported = runCli(['import', 'mirth', '*.xml', '--out', 'spec'], { cwd: root });
        assert.equal(imported.status, 0, imported.stdout + imported.stderr);
        assert.match(imported.stdout, /created spec\/lis-results-to-ehr\.ispec \(5 mappings, \d+ TODOs\)/);
        const ehr = readFileSync(path.join(root, 'spec', 'lis-results-to-ehr.ispec'), 'utf8');
        assert.match(ehr, /^ {8}OBX-11\.1 -> OBX-11\.1 codes \{ F -> final, C -> corrected, P -> preliminary \}$/m);
        assert.match(ehr, /^ {4}transport MLLP$/m);
        const checked = runCli(['check', 'spec', '--format', 'json'], { cwd: root });
        const json = JSON.parse(checked.stdout) as { findings: Array<{ rule: string, file: string, line: number, message: string }> };
        assert.deepEqual(json.findings.filter(f => BROKEN_SPEC_CODES.has(f.rule)).map(f => `${f.file}:${f.line} ${f.rule} ${f.message}`), []);
        assert.ok(json.findings.some(f => f.rule === 'interface-owner'), 'what the draft misses is reported');
        const again = runCli(['import', 'mirth', '*.xml', '--out', 'spec'], { cwd: root });
        assert.equal(again.status, 2, 'never over existing drafts without --force');
    });

    it('refuses XML that is not well-formed with one line naming file, line and column', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'interspec-import-mirth-'));
        writeFileSync(path.join(root, 'broken.xml'), '<channel>\n  <name>ADT</name>\n  <sourceConnector>\n</channel>\n');
        const result = runCli(['import', 'mirth', 'broken.xml'], { cwd: root });
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /^interspec: broken\.xml:4:\d+: not well-formed XML/);
        assert.deepEqual(readdirSync(root), ['broken.xml']);
    });
});
