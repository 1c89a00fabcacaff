import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';

describe('language: imports and cross-file references', () => {
    it('resolves a team declared in an imported file', async () => {
        const { findings } = await checkFiles({
            'org.ispec': 'team LabIT "Laboratory IT"\n',
            'lab.ispec': 'import "org.ispec"\nsystem LIS { kind LIS owner LabIT }\n'
        });
        assert.deepEqual(findings, []);
    });

    it('does not see a file that is not imported, and says which import to add', async () => {
        const { findings } = await checkFiles({
            'org.ispec': 'team LabIT\n',
            'lab.ispec': 'system LIS { owner LabIT }\n'
        });
        assert.equal(findings.length, 1);
        assert.equal(findings[0].relative, 'lab.ispec');
        assert.equal(findings[0].code, 'unresolved-reference');
        assert.equal(findings[0].line, 1);
        assert.equal(findings[0].column, 20);
        assert.match(findings[0].message, /declared in org\.ispec.*import "org\.ispec"/);
    });

    it('suggests the closest name for a typo', async () => {
        const { findings } = await checkFiles({ 'a.ispec': 'team LabIT\nsystem LIS { owner LabITT }\n' });
        assert.equal(findings.length, 1);
        assert.match(findings[0].message, /Unknown team or role 'LabITT'\. Did you mean 'LabIT'\?/);
        assert.deepEqual([findings[0].line, findings[0].column, findings[0].endColumn], [2, 20, 26]);
    });

    it('reports an import cycle on both imports', async () => {
        const { findings } = await checkFiles({
            'a.ispec': 'import "b.ispec"\nteam A\n',
            'b.ispec': 'import "a.ispec"\nteam B\n'
        });
        assert.deepEqual(findings.map(f => [f.relative, f.line, f.code]), [['a.ispec', 1, 'import-cycle'], ['b.ispec', 1, 'import-cycle']]);
        assert.match(findings[0].message, /a\.ispec -> b\.ispec -> a\.ispec/);
    });

    it('refuses imports that leave the workspace root, and missing files', async () => {
        const { findings } = await checkFiles({
            'ws/interspec.yaml': '',
            'ws/a.ispec': 'import "../secret.ispec"\nimport "missing.ispec"\nimport "notes.txt"\n',
            'secret.ispec': 'team Secret\n'
        });
        const inWs = findings.filter(f => f.relative.startsWith('ws/'));
        assert.deepEqual(inWs.map(f => [f.line, f.code]), [[1, 'import-outside-root'], [2, 'import-missing'], [3, 'import-not-ispec']]);
    });

    it('reports duplicate names across files of one workspace, but not across workspaces', async () => {
        const { findings } = await checkFiles({
            'a.ispec': 'team LabIT\n',
            'b.ispec': 'system LabIT { kind LIS }\n',
            'other/interspec.yaml': '',
            'other/c.ispec': 'team LabIT\n'
        });
        assert.deepEqual(findings.map(f => [f.relative, f.code]), [['a.ispec', 'duplicate-name'], ['b.ispec', 'duplicate-name']]);
        assert.match(findings[0].message, /also declared at b\.ispec:1/);
    });

    it('reports a statement that sets one value twice', async () => {
        const { findings } = await checkFiles({ 'a.ispec': 'system LIS {\n    kind LIS\n    kind EHR\n}\n' });
        assert.deepEqual(findings.map(f => [f.line, f.code]), [[3, 'repeated-statement']]);
    });

    it('reports syntax errors at their position', async () => {
        const { findings } = await checkFiles({ 'a.ispec': 'team LabIT\nsystem LIS {\n    vendor Clinisys\n}\n' });
        assert.equal(findings[0].code, 'syntax');
        assert.equal(findings[0].line, 3);
    });
});
