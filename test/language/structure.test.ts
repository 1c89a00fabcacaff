import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';

/** Structural errors not covered by imports.test.ts: names inside a parent, messages, code maps, imports. */
describe('language: structural errors inside elements', () => {
    it('reports a nested name declared twice in its parent, at the second one', async () => {
        const { findings } = await checkFiles({
            'a.ispec': [
                'change C { status approved }',
                'site S {',
                '    baseline { device D device D }',
                '    deviation X change C',
                '    deviation X change C',
                '}',
                'gate G { criterion A criterion A }',
                'interface I { monitor { metric m < 1 metric m < 2 } }'
            ].join('\n') + '\n'
        });
        const local = findings.filter(f => f.code === 'duplicate-local-name');
        assert.deepEqual(local.map(f => f.line), [3, 5, 7, 8]);
        assert.deepEqual(local.map(f => f.message), [
            "'D' is declared twice in this baseline.",
            "'X' is declared twice in this site.",
            "'A' is declared twice in this gate.",
            "'m' is declared twice in this monitor."
        ]);
        assert.equal(local[0].column, 32, 'points at the second name');
    });

    it('reports a message type declared twice in one interface', async () => {
        const { findings } = await checkFiles({ 'a.ispec': 'interface I {\n    message ORU^R01\n    message ORU^R01\n}\n' });
        assert.deepEqual(findings.filter(f => f.code === 'duplicate-local-name').map(f => [f.line, f.message]), [[3, "Message 'ORU^R01' is declared twice in this interface; merge the two blocks."]]);
    });

    it('reports a source code mapped twice in one code map', async () => {
        const { findings } = await checkFiles({ 'a.ispec': 'interface I { message ORU^R01 { OBX-11 -> Observation.status codes { F -> final, F -> corrected } } }\n' });
        assert.deepEqual(findings.filter(f => f.code === 'duplicate-local-name').map(f => f.message), ["Code 'F' is mapped twice."]);
    });

    it('reports the same file imported twice', async () => {
        const { findings } = await checkFiles({ 'org.ispec': 'team T\n', 'a.ispec': 'import "org.ispec"\nimport "./org.ispec"\nsystem S { owner T }\n' });
        assert.deepEqual(findings.filter(f => f.code === 'import-duplicate').map(f => [f.relative, f.line]), [['a.ispec', 2]]);
    });

    it('keeps the same nested name in two different parents', async () => {
        const { findings } = await checkFiles({ 'a.ispec': 'gate G1 { criterion A }\ngate G2 { criterion A }\n' });
        assert.deepEqual(findings.filter(f => f.code === 'duplicate-local-name'), []);
    });
});
