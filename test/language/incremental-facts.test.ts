import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI } from 'langium';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { FACT_RECORDING } from '../../language-server/engine/fact-reads.js';
import { gate, iface, ORG, seededRandom, site } from '../support/synthetic-workspace.js';
import { diagnosticsByPath, mutateText, type Mutation } from '../support/incremental-equivalence.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * Invalidation by fact: after an edit, only the checks whose recorded reads meet the cross-file facts the edit
 * changed run again, and only the documents that lost one are validated again. Random edits of every kind of fact
 * (code maps, authorities, sites, gates, criticality, names, imports, roles, data sets, devices, zones) must leave
 * exactly the diagnostics of a full rebuild; with the recording of reads broken on purpose they must not.
 */

/** Files that read each other's facts by name, by kind and through master data, some by import and some not. */
function factsWorkspace(): Record<string, string> {
    const sites = site(1).replace('baseline {', 'baseline { device Analyser1 model "Cobas 8000"')
        + site(2).replace('baseline {', 'baseline { device Chem model "Cobas 8000"');
    const random = seededRandom(3);
    const files: Record<string, string> = {
        'org.ispec': ORG + 'role Clerk { team HIM duties registration }\n',
        'sites.ispec': 'import "org.ispec"\n' + sites,
        'gates.ispec': 'import "sites.ispec"\n' + gate(1) + gate(2),
        'lonely.ispec': 'team Lonely "Not imported by anyone"\n',
        'other/codes.ispec': 'import "../org.ispec"\n' + iface(90, ['Site1'], random)
    };
    for (let f = 1; f <= 3; f++) {
        files[`feeds/feed-${f}.ispec`] = 'import "../org.ispec"\nimport "../sites.ispec"\n' + iface(f * 10, [`Site${(f % 2) + 1}`], random)
            + iface(f * 10 + 1, ['Site1'], random);
    }
    return files;
}

/** Edits of each kind of cross-file fact, and of text no other file reads. */
const MUTATIONS: Mutation[] = [
    // code maps (master-data: one target per source code; coded values)
    [/M -> male/, ['M -> male', 'M -> man', 'M -> TODO', 'Q -> male']],
    [/GLU -> "2345-7"/, ['GLU -> "2345-7"', 'GLU -> "2345-8"', 'GLUC -> "2345-7"']],
    [/F -> final/, ['F -> final', 'F -> finished']],
    // identifier authorities
    [/authority "urn:oid:[\d.]+"/, ['authority "urn:oid:2.16.840.1.113883.19.5"', 'authority "urn:oid:2.16.840.1.113883.19.6"', 'authority "MRN"', 'authority "mrn"']],
    // sites an interface runs at, site names and pilots, zones, devices
    [/sites Site\d(, Site\d)?/, ['sites Site1', 'sites Site2', 'sites Site1, Site2', 'sites Site3']],
    [/site Site\d "/, ['site Site1 "', 'site Site2 "', 'site Site3 "', 'site Site1 pilot "']],
    [/timezone "America\/Chicago"\n    baseline/, ['timezone "America/Chicago"\n    baseline', 'timezone "Europe/London"\n    baseline', 'timezone "Mars/Base"\n    baseline']],
    [/device \w+ model "[^"]*"/, ['device Analyser1 model "Cobas 8000"', 'device Chem model "Cobas 8000"', 'device Chem model "cobas-8000"', 'device Other model "Atellica"']],
    // gates
    [/site Site\d\n    approver/, ['site Site1\n    approver', 'site Site2\n    approver', 'site Site3\n    approver']],
    [/hypercare 14d support LabIT/, ['hypercare 14d support LabIT', 'hypercare 0d support LabIT', '']],
    [/ trains Technologist/, [' trains Technologist', ' trains Clerk', '']],
    // criticality
    [/criticality critical/, ['criticality low', 'criticality critical', 'criticality high', '']],
    // names
    [/interface Feed\d+/, ['interface Feed10', 'interface Feed11', 'interface Feed90', 'interface Feed99']],
    [/team HIM "/, ['team HIM "', 'team Records "']],
    [/role Technologist/, ['role Technologist', 'role Tech']],
    [/team Lonely/, ['team Lonely', 'team LabIT', 'site Site1']],
    // data sets, roles, systems, the change authority
    [/classification PHI/, ['classification PHI', 'classification internal']],
    [/duties result-verification/, ['duties result-verification', 'duties registration', 'duties result-verification, registration']],
    [/access Technologist/, ['access Technologist', 'access Clerk', 'access Technologist, Clerk']],
    [/kind LIS/, ['kind LIS', 'kind RIS']],
    [/covers updates, patches, configuration/, ['covers updates, patches, configuration', 'covers updates']],
    [/from LIS to EHR/, ['from LIS to EHR', 'from EHR to LIS']],
    // imports
    [/import "\.\.\/sites\.ispec"\n/, ['import "../sites.ispec"\n', '', 'import "../gates.ispec"\n']],
    [/^import "sites\.ispec"/m, ['import "sites.ispec"', 'import "org.ispec"', '']],
    [/^team Lonely/m, ['import "org.ispec"\nteam Lonely', 'team Lonely']],
    // what no other file reads
    [/"Results feed \d+"/, ['"Results feed"', '"A feed with a new description"']],
    [/transport MLLP over TLS/, ['transport MLLP', 'transport MLLP over TLS']]
];

/** One random edit of a text: a mutation above, a deleted line, or stray characters. */
function mutate(text: string, random: () => number): string {
    return mutateText(text, random, MUTATIONS, { deleteLine: 0.06, strayCharacter: 0.03 });
}

describe('language: incremental checking by fact', function () {
    this.timeout(900000);
    let root: string;
    let workspace: BuiltWorkspace;
    let validated: string[];

    beforeEach(async () => {
        root = writeWorkspace(factsWorkspace());
        workspace = await buildWorkspace([root]);
        validated = [];
        workspace.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            validated.push(path.relative(root, document.uri.fsPath).split(path.sep).join('/'));
        });
    });
    afterEach(() => {
        FACT_RECORDING.off = false;
        rmSync(root, { recursive: true, force: true });
    });

    async function edit(relative: string, change: (text: string) => string): Promise<void> {
        const file = path.join(root, relative);
        writeFileSync(file, change(readFileSync(file, 'utf8')));
        await workspace.shared.workspace.DocumentBuilder.update([URI.file(file)], []);
    }

    /**
     * The first edit turns the finding cache on; a document is validated with it on (and its checks' reads kept)
     * the first time an edit changes a fact. Two renames of the lonely team do both, and leave the text as it was.
     */
    async function warmUp(): Promise<void> {
        await edit('lonely.ispec', text => text.replace('team Lonely', 'team Lonesome'));
        await edit('lonely.ispec', text => text.replace('team Lonesome', 'team Lonely'));
    }

    /** Random edits, each compared with a full rebuild; returns the first that diverged, or undefined. */
    async function randomEdits(seed: number, edits: number): Promise<string | undefined> {
        const random = seededRandom(seed);
        const files = Object.keys(factsWorkspace());
        await warmUp();
        for (let i = 0; i < edits; i++) {
            const file = files[Math.floor(random() * files.length)];
            await edit(file, text => mutate(text, random));
            const expected = diagnosticsByPath((await buildWorkspace([root])).documents, root);
            const actual = diagnosticsByPath(workspace.shared.workspace.LangiumDocuments.all, root);
            try {
                assert.deepEqual(actual, expected);
            } catch (error) {
                return `edit ${i + 1} (${file}): ${(error as Error).message.slice(0, 2000)}`;
            }
        }
        return undefined;
    }

    it('after random edits of every kind of cross-file fact the diagnostics equal a full rebuild', async function () {
        const edits = Number(process.env.INTERSPEC_INCREMENTAL_EDITS ?? 80);
        this.timeout(Math.max(900000, edits * 6000));
        const diverged = await randomEdits(Number(process.env.INTERSPEC_INCREMENTAL_SEED ?? 5), edits);
        assert.equal(diverged, undefined);
    });

    it('with the recording of reads broken on purpose, random edits diverge from a full rebuild', async () => {
        FACT_RECORDING.off = true;
        const diverged = await randomEdits(5, 80);
        assert.ok(diverged, 'no edit diverged: the equivalence test above could not see a broken dependency map');
    });

    it('an edit inside a code map re-runs only the checks that read it, and other files keep their findings', async () => {
        await warmUp();
        const cache = workspace.services.engine.FindingCache;
        validated = [];
        await edit('feeds/feed-1.ispec', text => text.replace('M -> male', 'M -> man'));
        const { kept, dropped } = cache.lastInvalidation;
        assert.ok(dropped > 0, 'the checks that read the code map (master data) run again');
        assert.ok(dropped * 4 < kept, `${dropped} of ${kept} kept checks dropped: more than a quarter`);
        const expected = diagnosticsByPath((await buildWorkspace([root])).documents, root);
        assert.deepEqual(diagnosticsByPath(workspace.shared.workspace.LangiumDocuments.all, root), expected);
    });

    it('an edit of a fact no rule read re-validates only the edited file', async () => {
        await warmUp();
        validated = [];
        // A team's lead is read by no rule of another file's element: no check drops, no other file is validated.
        await edit('lonely.ispec', text => text.replace('team Lonely "Not imported by anyone"', 'team Lonely "Not imported by anyone" { lead "Sam" }'));
        // other/codes.ispec names Site1 without importing it: Langium relinks a file with an unresolved reference on
        // every update (and it replays its kept findings).
        assert.deepEqual(validated.filter(file => file !== 'other/codes.ispec'), ['lonely.ispec']);
    });
});
