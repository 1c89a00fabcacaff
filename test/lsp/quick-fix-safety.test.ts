import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { CodeAction } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { BROKEN_SPEC_CODES } from '../../language-server/model/finding-codes.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { REPO_ROOT } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/** The findings that say the spec is broken (syntax, unresolved names, duplicate names, bad imports), as `file: code: message`. */
function broken(documents: Iterable<LangiumDocument>, root: string): string[] {
    return collectFindings(documents).filter(f => BROKEN_SPEC_CODES.has(f.code))
        .map(f => `${path.relative(root, f.file)}:${f.line}: ${f.code}: ${f.message}`);
}

/**
 * Every quick fix the editor offers on every diagnostic of the workspace, each applied on its own (all the files its
 * edit touches) to a fresh copy that is then built again: the broken-spec findings before and after each.
 */
async function applyEveryFix(files: Record<string, string>): Promise<{ before: string[], results: Array<{ fix: string, after: string[] }> }> {
    const root = writeWorkspace(files);
    const workspace = await buildEditorWorkspace([root]);
    const before = broken(workspace.documents, root);
    const results: Array<{ fix: string, after: string[] }> = [];
    const provider = workspace.services.lsp.CodeActionProvider!;
    for (const document of workspace.documents) {
        for (const diagnostic of document.diagnostics ?? []) {
            const actions = await provider.getCodeActions(document, {
                textDocument: { uri: document.textDocument.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
            }) as CodeAction[] | undefined;
            for (const action of actions ?? []) {
                const edited = { ...files };
                for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
                    const file = path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/');
                    edited[file] = TextDocument.applyEdits(TextDocument.create(uri, 'interspec', 0, edited[file] ?? ''), edits);
                }
                const copy = writeWorkspace(edited);
                const after = await buildWorkspace([copy]);
                results.push({ fix: `${path.relative(root, document.uri.fsPath)}:${diagnostic.range.start.line + 1} ${diagnostic.code}: "${action.title}"`, after: broken(after.documents, copy) });
            }
        }
    }
    return { before, results };
}

function assertNoFixBreaksMore({ before, results }: Awaited<ReturnType<typeof applyEveryFix>>): void {
    const worse = results.filter(result => result.after.length > before.length)
        .map(result => `${result.fix}: ${before.length} -> ${result.after.length} (${result.after.filter(f => !before.includes(f)).join('; ')})`);
    assert.deepEqual(worse, [], 'a quick fix added syntax errors, unresolved names, duplicate names or bad imports');
}

/** What the `interface` snippet leaves when its placeholders are kept: `Source`, `Team` and `Data` resolve to nothing. */
const SNIPPET_WORKSPACE = {
    'org.ispec': 'team LabIT "Laboratory IT"\nteam ServiceDesk "Service desk" { on-call 24x7 }\nrole Clinician { team LabIT duties care }\n',
    'systems.ispec': 'import "org.ispec"\nsystem LIS { kind LIS owner LabIT }\nsystem EHR { kind EHR owner LabIT }\n',
    'feed.ispec': 'import "systems.ispec"\n'
        + 'interface Name "Title" {\n'
        + '    from Source to EHR\n'
        + '    standard HL7v2 "2.5.1"\n'
        + '    transport MLLP over TLS\n'
        + '    owner Team\n'
        + '    criticality critical\n'
        + '    carries Data\n'
        + '    sites Ward\n'
        + '    message ORU^R01 {\n'
        + '        PID-3 -> Patient.identifier identifier authority "MRN"\n'
        + '        OBX-3 -> Observation.code codes table Catalogue\n'
        + '    }\n'
        + '    on downtime "queue and replay in order" escalate Team within 15m\n'
        + '    monitor {\n'
        + '        owner Team\n'
        + '        metric turnaround p95 < 5m\n'
        + '    }\n'
        + '}\n'
        + 'data Reports { owner Nobody classification PHI retention 10y access Clinician, Ghost duties care audit "all reads" }\n'
        + 'codetable Tests { owner Nobody source Nowhere version "2026-03" codes GLU }\n'
};

/**
 * Names a fix would copy from one file into another that does not import it: the roles an interface `affects` into a
 * gate's criterion, the interfaces that run at a site into the gate stub written beside the site.
 */
const SPLIT_WORKSPACE = {
    'org.ispec': 'team Ops { on-call 24x7 }\nrole Nurse { team Ops duties care }\nchange-authority Ops\n',
    'systems.ispec': 'import "org.ispec"\nsystem A { kind X owner Ops }\nsystem B { kind X owner Ops }\n',
    'sites.ispec': 'site North { timezone "UTC" }\nsite South { timezone "UTC" }\n',
    'feed.ispec': 'import "systems.ispec"\nimport "sites.ispec"\n'
        + 'interface Feed { from A to B standard File owner Ops criticality critical sites North, South affects Nurse }\n',
    'gates.ispec': 'import "sites.ispec"\ngate SouthGoLive {\n    site South\n    criterion Ready { question readiness evidence "sign-off sheet" }\n}\n'
};

describe('lsp: quick fixes never make a spec more broken', function () {
    this.timeout(600000);

    it('no fix offered on examples/flawed adds a syntax error, an unresolved name or another broken-spec finding', async () => {
        const folder = path.join(REPO_ROOT, 'examples', 'flawed');
        const files = Object.fromEntries(readdirSync(folder).filter(file => /\.(ispec|ya?ml)$/.test(file)).map(file => [file, readFileSync(path.join(folder, file), 'utf8')]));
        const outcome = await applyEveryFix(files);
        assert.ok(outcome.results.length >= 50, `only ${outcome.results.length} fixes offered`);
        assertNoFixBreaksMore(outcome);
    });

    it('on a spec with unresolved names, no fix copies one: the handler stubs for a snippet\'s `owner Team` name nobody', async () => {
        const outcome = await applyEveryFix(SNIPPET_WORKSPACE);
        assert.ok(outcome.before.filter(f => /unresolved-reference/.test(f)).length >= 6, outcome.before.join('\n'));
        const stubs = outcome.results.filter(result => /Add handler stubs/.test(result.fix));
        assert.equal(stubs.length, 1, 'exception-coverage offers its stubs');
        const declared = outcome.results.map(result => /"(Declare [a-z ]+) '/.exec(result.fix)?.[1]).filter(title => title !== undefined);
        assert.deepEqual([...new Set(declared)].sort(), ['Declare code table', 'Declare data set', 'Declare role', 'Declare site', 'Declare system', 'Declare team'],
            'a declaration is offered for each kind of unknown name');
        assertNoFixBreaksMore(outcome);
    });

    it('copies no name into a file that does not see it: untrained roles into a gate, interfaces into a site\'s gate stub', async () => {
        const outcome = await applyEveryFix(SPLIT_WORKSPACE);
        assert.deepEqual(outcome.before, []);
        const fixes = outcome.results.map(result => result.fix);
        assert.ok(fixes.some(fix => /gate-coverage: "Add a gate for site North"/.test(fix)), fixes.join('\n'));
        assertNoFixBreaksMore(outcome);
    });
});
