import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Cancellation, DocumentState, URI, type ReferenceDescription } from 'langium';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { isTeam, type Model } from '../../language-server/language/generated/ast.js';
import { REGION_PARSE } from '../../language-server/language/region-parser.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * The reference index is filled when first read (interspec-index-manager.ts), not after every build: what it
 * answers must be what an index filled eagerly would, after any edit.
 */
describe('language: reference index, described when asked', function () {
    this.timeout(120000);
    let root: string;
    let workspace: BuiltWorkspace;
    const files = {
        'org.ispec': 'team LabIT "Laboratory IT"\n',
        'a.ispec': 'import "org.ispec"\nsystem LIS { kind LIS owner LabIT }\nrole Tech { team LabIT }\n',
        'b.ispec': 'import "org.ispec"\nsystem EHR { kind EHR owner LabIT }\n'
    };
    beforeEach(async () => {
        root = writeWorkspace(files);
        workspace = await buildWorkspace([root]);
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    /** Every reference to team LabIT as `file:line:character`, sorted. */
    function referencesToTeam(built: BuiltWorkspace): string[] {
        const org = built.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith('org.ispec'))!;
        const team = (org.parseResult.value as Model).elements.find(isTeam)!;
        const path_ = built.services.workspace.AstNodeLocator.getAstNodePath(team);
        return built.shared.workspace.IndexManager.findAllReferences(team, path_).toArray()
            .map((r: ReferenceDescription) => `${path.basename(r.sourceUri.fsPath)}:${r.segment.range.start.line}:${r.segment.range.start.character}`).sort();
    }

    async function edit(relative: string, change: (text: string) => string): Promise<void> {
        const file = path.join(root, relative);
        writeFileSync(file, change(readFileSync(file, 'utf8')));
        await workspace.shared.workspace.DocumentBuilder.update([URI.file(file)], []);
    }

    it('find-references lists every reference, at the positions of the current text', async () => {
        assert.deepEqual(referencesToTeam(workspace), ['a.ispec:1:28', 'a.ispec:2:17', 'b.ispec:1:28']);
        const saved = REGION_PARSE.minChars;
        REGION_PARSE.minChars = 0; // reused elements move: their references must be described where they are now
        try {
            await edit('a.ispec', text => text.replace('system LIS', '// a new first line\nsystem LIS'));
            await edit('b.ispec', text => text.replace('owner LabIT', 'owner  LabIT'));
        } finally {
            REGION_PARSE.minChars = saved;
        }
        assert.deepEqual(referencesToTeam(workspace), ['a.ispec:2:28', 'a.ispec:3:17', 'b.ispec:1:29']);
        assert.deepEqual(referencesToTeam(workspace), referencesToTeam(await buildWorkspace([root])));
    });

    it('a deleted file leaves no references behind, described or not yet described', async () => {
        await edit('b.ispec', text => text.replace('owner LabIT', 'owner  LabIT')); // b's references wait to be described
        unlinkSync(path.join(root, 'b.ispec'));
        await workspace.shared.workspace.DocumentBuilder.update([], [URI.file(path.join(root, 'b.ispec'))]);
        assert.deepEqual(referencesToTeam(workspace), ['a.ispec:1:28', 'a.ispec:2:17']);
        assert.deepEqual(referencesToTeam(workspace), referencesToTeam(await buildWorkspace([root])));
    });

    it('a build cancelled at any phase, then finished by the next update, answers as a fresh build', async () => {
        const builder = workspace.shared.workspace.DocumentBuilder;
        // Every element its own region: reused elements move, and their references are described where they are now.
        const saved = REGION_PARSE.minChars;
        REGION_PARSE.minChars = 0;
        const phases = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences];
        try {
            for (const [i, phase] of phases.entries()) {
                const file = path.join(root, i % 2 === 0 ? 'a.ispec' : 'org.ispec');
                // Each edit moves what it touches by a line: a's references, org's team.
                writeFileSync(file, readFileSync(file, 'utf8').replace(i % 2 === 0 ? 'import "org.ispec"\n' : 'team LabIT', i % 2 === 0 ? `import "org.ispec"\n// edit ${i}\n` : `// edit ${i}\nteam LabIT`));
                const source = new Cancellation.CancellationTokenSource();
                const listener = builder.onBuildPhase(phase, () => source.cancel());
                try {
                    await builder.update([URI.file(file)], [], source.token).catch(error => {
                        if (!/cancel/i.test(String(error?.message ?? error))) throw error;
                    });
                } finally {
                    listener.dispose();
                }
                await builder.update([], []);
                const expected = referencesToTeam(await buildWorkspace([root]));
                assert.deepEqual(referencesToTeam(workspace), expected, `cancelled after ${DocumentState[phase]}`);
                assert.ok(expected.includes(`a.ispec:${2 + Math.ceil((i + 1) / 2)}:17`), `the edits moved a's references: ${expected.join(', ')}`);
            }
        } finally {
            REGION_PARSE.minChars = saved;
        }
    });

    it('a file whose references point into an edited file is still relinked', async () => {
        const a = workspace.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith('a.ispec'))!;
        const index = workspace.shared.workspace.IndexManager;
        assert.equal(index.isAffected(a, new Set([URI.file(path.join(root, 'org.ispec')).toString()])), true);
        assert.equal(index.isAffected(a, new Set([URI.file(path.join(root, 'b.ispec')).toString()])), false);
        // An edit that removes the team leaves a's references unresolved: a was relinked.
        await edit('org.ispec', text => text.replace('team LabIT', 'team LabOps'));
        assert.ok((a.diagnostics ?? []).some(d => /LabIT/.test(d.message)), 'a.ispec reports the name it lost');
    });
});
