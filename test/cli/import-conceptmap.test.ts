import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BROKEN_SPEC_CODES } from '../../language-server/model/finding-codes.js';
import { writeWorkspace } from '../support/workspace.js';
import { REPO, isOneLineError, runCli } from './run-cli.js';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import', 'conceptmap');

function folderWith(...names: string[]): string {
    const root = writeWorkspace({}, false);
    for (const name of names) copyFileSync(path.join(FIXTURES, name), path.join(root, name));
    return root;
}

describe('cli: import conceptmap', function () {
    this.timeout(180_000);

    it('imports R4, R5 and Bundle ConceptMaps into a draft that interspec check reads without a syntax or reference finding', () => {
        const cwd = folderWith('ConceptMap-table-hl70085-to-observation-status.json', 'abnormal-flags-r5.json', 'specimen-maps-bundle.json');
        const result = runCli(['import', 'conceptmap', '*.json', '--out', 'maps', '--from', 'LIS', '--to', 'EHR'], { cwd });
        assert.equal(result.status, 0, result.stderr);
        for (const file of ['table-hl70085-map.ispec', 'lis-abnormal-flags.ispec', 'lis-specimen-type.ispec', 'order-priority.ispec']) {
            assert.ok(existsSync(path.join(cwd, 'maps', file)), `${file}\n${result.stdout}`);
        }
        const check = runCli(['check', 'maps', '--format', 'json'], { cwd });
        assert.ok(check.status === 0 || check.status === 1, check.stderr);
        const findings = (JSON.parse(check.stdout) as { findings: Array<{ rule: string; file: string; line: number; message: string }> }).findings;
        assert.deepEqual(findings.filter(f => BROKEN_SPEC_CODES.has(f.rule)).map(f => `${f.file}:${f.line} ${f.rule} ${f.message}`), []);
    });

    it('writes the code map on the fields --columns names', () => {
        const cwd = folderWith('ConceptMap-table-hl70085-to-observation-status.json');
        const result = runCli(['import', 'conceptmap', 'ConceptMap-table-hl70085-to-observation-status.json', '--columns', 'source=OBX-11,target=Observation.status', '--interface', 'LabResults'], { cwd });
        assert.equal(result.status, 0, result.stderr);
        assert.match(readFileSync(path.join(cwd, 'lab-results.ispec'), 'utf8'), /^ {8}OBX-11 -> Observation\.status codes \{$/m);
    });

    it('reports JSON that does not parse as one line naming file, line and column', () => {
        const cwd = folderWith('malformed.json');
        const result = runCli(['import', 'conceptmap', 'malformed.json'], { cwd });
        assert.equal(result.status, 2);
        assert.ok(isOneLineError(result.stderr), result.stderr);
        assert.match(result.stderr, /^interspec: malformed\.json:4:\d+: not valid JSON: .*\(CommaExpected\)\n$/);
    });
});
