import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI } from 'langium';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { REGION_PARSE } from '../../language-server/language/region-parser.js';
import { gate, iface, ORG, seededRandom, site } from '../support/synthetic-workspace.js';
import { diagnosticsByPath, mutateText, type Mutation } from '../support/incremental-equivalence.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * Incremental checking: an edit re-validates only the files it can affect, and the diagnostics after any
 * sequence of edits are exactly those of a full rebuild of the same files.
 */

/** A small workspace whose files depend on each other by name (gate coverage, master data) and by import. */
function smallWorkspace(): Record<string, string> {
    const org = ORG + site(1).replace('baseline {', 'baseline { device Analyser1 model "Cobas 8000"')
        + site(2).replace('baseline {', 'baseline { device Chem model "Cobas 8000"');
    const files: Record<string, string> = {
        'org.ispec': org,
        'gates.ispec': 'import "org.ispec"\n' + gate(1) + gate(2),
        'lonely.ispec': 'team Lonely "Not imported by anyone"\n'
    };
    const random = seededRandom(7);
    for (let f = 1; f <= 4; f++) {
        files[`feeds/feed-${f}.ispec`] = 'import "../org.ispec"\n' + iface(f * 10, [`Site${(f % 2) + 1}`], random) + iface(f * 10 + 1, ['Site1'], random);
    }
    return files;
}

/**
 * Edits that touch what files share (criticality, sites, names, authorities, codes, devices, pilots, imports) and what
 * they do not. The import edits remove an import, point it at another file (a chain: a feed that imports the gates
 * file sees the organisation file through it), make one file import another that imports it back, and give the
 * lonely file an import it did not have.
 */
const MUTATIONS: Mutation[] = [
    [/criticality critical/, ['criticality low', 'criticality critical', '']],
    [/sites Site\d/, ['sites Site1', 'sites Site2', 'sites Site1, Site2', 'sites Site3']],
    [/authority "MRN"/, ['authority "mrn"', 'authority "M.R.N."', 'authority "MRN"', 'authority "TODO"']],
    [/F -> final/, ['F -> final', 'F -> finished', 'F -> TODO']],
    [/interface Feed\d+/, ['interface Feed10', 'interface Feed11', 'interface Feed99', 'interface Feed20']],
    [/"Results feed \d+"/, ['"Results feed"', '"A feed with a new description"']],
    [/device \w+ model/, ['device Analyser1 model', 'device Chem model', 'device Other model']],
    [/site Site\d "/, ['site Site1 "', 'site Site2 "', 'site Site1 pilot "']],
    [/site Site\d$/m, ['site Site1', 'site Site2', '']],
    [/team Lonely/, ['team Lonely', 'team LabIT', 'site Site1']],
    [/classification PHI/, ['classification PHI', 'classification internal']],
    [/from LIS to EHR/, ['from LIS to EHR', 'from EHR to LIS']],
    [/transport MLLP over TLS/, ['transport MLLP', 'transport MLLP over TLS']],
    [/import "\.\.\/org\.ispec"/, ['import "../org.ispec"', '', 'import "../gates.ispec"', 'import "../org.ispec"\nimport "feed-1.ispec"']],
    [/import "\.\.\/gates\.ispec"/, ['import "../org.ispec"', 'import "../gates.ispec"']],
    [/^import "org\.ispec"/m, ['import "org.ispec"', '', 'import "org.ispec"\nimport "feeds/feed-2.ispec"']],
    [/^team Lonely/m, ['import "org.ispec"\nteam Lonely', 'team Lonely']]
];

/** One random edit of a text: a mutation above, a deleted line, or stray characters. */
function mutate(text: string, random: () => number): string {
    return mutateText(text, random, MUTATIONS, { deleteLine: 0.1, strayCharacter: 0.05 });
}

describe('language: incremental checking', function () {
    this.timeout(600000);
    let root: string;
    let workspace: BuiltWorkspace;
    let validated: string[];

    beforeEach(async () => {
        root = writeWorkspace(smallWorkspace());
        workspace = await buildWorkspace([root]);
        validated = [];
        workspace.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            validated.push(path.relative(root, document.uri.fsPath).split(path.sep).join('/'));
        });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    async function edit(relative: string, change: (text: string) => string): Promise<void> {
        const file = path.join(root, relative);
        writeFileSync(file, change(readFileSync(file, 'utf8')));
        await workspace.shared.workspace.DocumentBuilder.update([URI.file(file)], []);
    }

    it('an edit inside an interface that other files cannot see re-validates only that file', async () => {
        await edit('feeds/feed-1.ispec', text => text.replace('"Results feed 10"', '"Results feed, renamed"'));
        assert.deepEqual(validated, ['feeds/feed-1.ispec']);
        await edit('feeds/feed-2.ispec', text => text.replace('transport MLLP over TLS', 'transport MLLP'));
        assert.deepEqual(validated, ['feeds/feed-1.ispec', 'feeds/feed-2.ispec']);
    });

    it('an edit other files depend on re-validates them, and their findings follow', async () => {
        const gates = () => diagnosticsByPath(workspace.documents, root)['gates.ispec'].filter(d => d.includes('gate-coverage'));
        const before = gates();
        await edit('feeds/feed-1.ispec', text => text.replace('criticality critical', 'criticality low'));
        assert.ok(validated.includes('gates.ispec'), `validated only ${validated.join(', ')}`);
        assert.notDeepEqual(gates(), before, 'the gate no longer lists the interface that stopped being critical');
    });

    it('a file that imports the edited file is re-validated (its references may change)', async () => {
        await edit('org.ispec', text => text.replace('team HIM "Health information management"', 'team HIM "Records"'));
        for (const file of ['feeds/feed-1.ispec', 'gates.ispec']) {
            assert.ok(validated.includes(file), `${file} not re-validated: ${validated.join(', ')}`);
        }
    });

    it('a name declared in two files that the file does not import is cited from the first by path, whatever the edit order', async () => {
        // Found by the random edits below (seed 9): the message followed the order the index last saw the files in.
        const cite = () => diagnosticsByPath(workspace.shared.workspace.LangiumDocuments.all, root)['feeds/orphan.ispec'].join('\n');
        writeFileSync(path.join(root, 'feeds/orphan.ispec'), 'role Orphan { team LabIT }\n');
        await workspace.shared.workspace.DocumentBuilder.update([URI.file(path.join(root, 'feeds/orphan.ispec'))], []);
        // Re-indexing lonely.ispec puts it after org.ispec in the index.
        await edit('lonely.ispec', text => text.replace('team Lonely', 'team LabIT'));
        assert.match(cite(), /declared in \.\.\/lonely\.ispec/, 'lonely.ispec sorts before org.ispec');
        const fresh = await buildWorkspace([root]);
        assert.equal(cite(), diagnosticsByPath(fresh.documents, root)['feeds/orphan.ispec'].join('\n'));
    });

    it('a workspace index built mid-update, from the old parse, does not reach the findings (a code lens asks then)', async () => {
        const builder = workspace.shared.workspace.DocumentBuilder;
        const indexes = workspace.services.engine.WorkspaceIndexes;
        const ask = () => { indexes.indexOf(root); };
        const listeners = [builder.onUpdate(ask), builder.onBuildPhase(DocumentState.Parsed, ask)];
        const random = seededRandom(11);
        const files = Object.keys(smallWorkspace());
        try {
            for (let i = 0; i < 30; i++) {
                const file = files[Math.floor(random() * files.length)];
                await edit(file, text => mutate(text, random));
                const expected = diagnosticsByPath((await buildWorkspace([root])).documents, root);
                assert.deepEqual(diagnosticsByPath(workspace.shared.workspace.LangiumDocuments.all, root), expected, `edit ${i + 1} (${file})`);
            }
        } finally {
            listeners.forEach(listener => listener.dispose());
        }
    });

    it('after random edits the diagnostics equal a full rebuild of the same files', async function () {
        this.timeout(Math.max(600000, Number(process.env.INTERSPEC_INCREMENTAL_EDITS ?? 0) * 3000));
        const random = seededRandom(Number(process.env.INTERSPEC_INCREMENTAL_SEED ?? 42));
        const edits = Number(process.env.INTERSPEC_INCREMENTAL_EDITS ?? 100);
        const files = Object.keys(smallWorkspace());
        const saved = REGION_PARSE.minChars;
        for (let i = 0; i < edits; i++) {
            const file = files[Math.floor(random() * files.length)];
            // The edited workspace parses every file by regions; the rebuild it is compared with parses them whole.
            REGION_PARSE.minChars = 0;
            try {
                await edit(file, text => mutate(text, random));
            } finally {
                REGION_PARSE.minChars = Number.POSITIVE_INFINITY;
            }
            const fresh = await buildWorkspace([root]).finally(() => { REGION_PARSE.minChars = saved; });
            const expected = diagnosticsByPath(fresh.documents, root);
            const actual = diagnosticsByPath(workspace.shared.workspace.LangiumDocuments.all, root);
            assert.deepEqual(actual, expected, `edit ${i + 1} (${file}) diverged from a full rebuild`);
        }
    });
});
