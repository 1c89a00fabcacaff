import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInterface, isRole, type Model } from '../../language-server/language/generated/ast.js';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { ALL_FACTS, RULE_WIDE_READS, recordingReads, recordingView } from '../../language-server/engine/fact-reads.js';
import { changedFacts, crossFileFingerprint } from '../../language-server/model/cross-file-facts.js';
import { ALL_RULE_CHECKS } from '../../language-server/rules/registry.js';
import { iface, ORG } from '../support/synthetic-workspace.js';
import { writeWorkspace } from '../support/workspace.js';

const SOURCE = fileURLToPath(new URL('../../../language-server/', import.meta.url));

/** A module's source and, transitively, the sources of the model/ and util/ modules it imports. */
function sourcesOf(file: string, seen = new Set<string>()): string[] {
    if (seen.has(file)) return [];
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/from '(\.\.?\/[^']+)\.js'/g)]
        .map(match => path.resolve(path.dirname(file), `${match[1]}.ts`))
        .filter(imported => /[\\/](model|util)[\\/]/.test(imported));
    return [text, ...imports.flatMap(imported => sourcesOf(imported, seen))];
}

describe('engine: the dependency map from fact to reader', function () {
    this.timeout(120000);

    it('every rule that keeps data derived from the whole index (itself or through a model helper) is tracked as a whole', () => {
        const untracked: string[] = [];
        for (const entry of readdirSync(path.join(SOURCE, 'rules')).filter(name => name.endsWith('.ts'))) {
            const id = entry.slice(0, -3);
            if (!ALL_RULE_CHECKS.some(rule => rule.id === id)) continue;
            if (sourcesOf(path.join(SOURCE, 'rules', entry)).some(text => /WeakMap<WorkspaceIndex\b/.test(text)) && !RULE_WIDE_READS.has(id)) {
                untracked.push(id);
            }
        }
        assert.deepEqual(untracked, [], 'add these rules to RULE_WIDE_READS (engine/fact-reads.ts)');
    });

    it('the recording view notes names, kinds, master-data keys, and anything it does not know as everything', async () => {
        const root = writeWorkspace({ 'org.ispec': ORG, 'feed.ispec': 'import "org.ispec"\n' + iface(1, ['Site1']) });
        try {
            const built = await buildWorkspace([root]);
            const index = built.services.engine.WorkspaceIndexes.indexOf(built.services.shared.interspec.Workspace.rootOf(built.documents[0].uri));
            const view = recordingView(index);
            assert.equal(recordingView(index), view, 'one view per index: caches kept per index still hit');
            const reads = new Set<string>();
            recordingReads(reads, () => {
                assert.equal(view.find('Technologist', isRole), index.find('Technologist', isRole));
                assert.equal(view.interfaces.length, 1);
                view.masterData.authorities.get('mrn');
            });
            assert.deepEqual([...reads].sort(), ['kind:Interface', 'md:authorities:mrn', 'name:Technologist']);
            const unknown = new Set<string>();
            recordingReads(unknown, () => (view as unknown as Record<string, unknown>)['masterDataFacts']);
            assert.deepEqual([...unknown], [ALL_FACTS]);
            view.find('LabIT', isRole);
            assert.ok(!reads.has('name:LabIT'), 'nothing is noted outside a recorded check');
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });

    it('an edit changes the facts of its elements by key; a description changes none; an import changes all', async () => {
        const text = 'import "org.ispec"\n' + iface(1, ['Site1']) + iface(2, ['Site1']);
        const variants = {
            same: text,
            description: text.replace('"Results feed 1"', '"Renamed feed"'),
            code: text.replace('M -> male', 'M -> man'),
            imports: text.replace('import "org.ispec"\n', '')
        };
        const files = Object.fromEntries(Object.entries(variants).map(([name, content]) => [`${name}/feed.ispec`, content]));
        const root = writeWorkspace({ ...files, 'same/org.ispec': ORG, 'description/org.ispec': ORG, 'code/org.ispec': ORG, 'imports/org.ispec': ORG });
        try {
            const built = await buildWorkspace([root]);
            const model = (name: string) => built.documents.find(document => document.uri.fsPath.endsWith(path.join(name, 'feed.ispec')))!.parseResult.value as Model;
            const index = built.services.engine.WorkspaceIndexes.indexOf(root);
            const facts = (name: string) => changedFacts('feed', model('same'), crossFileFingerprint(model('same'), index), model(name), crossFileFingerprint(model(name), index));
            assert.deepEqual([...facts('description')], []);
            const code = facts('code');
            assert.ok(code.has('name:Feed1') && code.has('kind:Interface') && code.has('doc:feed'), [...code].join(', '));
            assert.ok(!code.has('name:Feed2'), 'the other interface of the file did not change');
            assert.ok([...code].some(key => key.startsWith('md:codeTargets:') && key.endsWith('\u0000M')), 'the code of M is a changed master-data key');
            assert.deepEqual([...facts('imports')], [ALL_FACTS]);
            assert.ok(model('code').elements.filter(isInterface).length === 2);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});
