import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PUBLISHED_SCHEMAS } from '../../language-server/generators/index.js';
import { allOutputs, exampleRoots, LAB_FIXTURE, loadInput, matchesGolden, REPO, schemaValidator } from './generator-support.js';

describe('generator schemas and determinism', () => {
    for (const [file, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
        it(`schemas/${file} is the schema the code uses`, () => {
            const result = matchesGolden(path.join(REPO, 'schemas', file), JSON.stringify(schema, null, 2) + '\n');
            assert.ok(result.ok, result.ok ? '' : result.message);
            assert.deepEqual(JSON.parse(readFileSync(path.join(REPO, 'schemas', file), 'utf8')), schema);
        });
    }

    for (const root of [LAB_FIXTURE, ...exampleRoots()]) {
        const name = path.relative(REPO, root);
        it(`${name}: JSON outputs validate against their schemas`, async () => {
            const outputs = await allOutputs(await loadInput(root));
            const matrix = JSON.parse(outputs['matrix.json']) as { rows: unknown[] };
            const validateMatrix = schemaValidator('test-matrix.schema.json');
            assert.ok(validateMatrix(matrix), JSON.stringify(validateMatrix.errors, null, 2));
            assert.ok(matrix.rows.length > 0, 'the matrix has rows');
            const checklist = JSON.parse(outputs['checklist.json']);
            const validateChecklist = schemaValidator('go-live-checklist.schema.json');
            assert.ok(validateChecklist(checklist), JSON.stringify(validateChecklist.errors, null, 2));
        });

        it(`${name}: two runs give byte-identical output in every format`, async () => {
            const first = await allOutputs(await loadInput(root));
            const second = await allOutputs(await loadInput(root));
            assert.deepEqual(Object.keys(second), Object.keys(first));
            for (const file of Object.keys(first)) {
                assert.ok(first[file] === second[file], `${file} differs between runs`);
                assert.ok(!first[file].includes(root), `${file} holds the absolute workspace path`);
            }
        });
    }
});
