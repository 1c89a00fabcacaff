import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exampleRoots, generatedByCli as generate } from './generator-support.js';

describe('rollout order in every checklist format', () => {
    it('lists the pilot first because the other gates come after it', () => {
        const root = exampleRoots().find(folder => folder.endsWith('lab-network'))!;
        const gates = (JSON.parse(generate(root, 'checklist', 'json')) as { checklists: Array<{ gate: string }> }).checklists.map(c => c.gate);
        assert.equal(gates[0], 'RiversidePilot');
        const markdown = generate(root, 'checklist', 'markdown');
        assert.ok(markdown.indexOf('# Go-live checklist: RiversidePilot') < markdown.indexOf('# Go-live checklist: HillcrestGoLive'));
        assert.ok(readFileSync(path.join(root, 'gates.ispec'), 'utf8').includes('after RiversidePilot'));
    });
});
