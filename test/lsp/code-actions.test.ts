import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const ORG = 'team LabIT "Laboratory IT"\n';
const LAB = 'system LIS { kind LIS owner LabIT }\n';

describe('lsp: quick fixes', function () {
    this.timeout(30000);
    let client: LspClient;

    useServer(() => writeWorkspace({ 'org.ispec': ORG, 'lab.ispec': LAB }), started => { client = started; });

    async function actionsFor(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
        return client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] }
        });
    }

    it('offers the missing import for a name declared in a file that is not imported, and the edit clears the error', async () => {
        const lab = await client.open('lab.ispec', LAB);
        const [unresolved] = await client.waitForDiagnostics(lab, d => d.some(x => /does not import/.test(x.message)));
        const actions = await actionsFor(lab, unresolved);
        const addImport = actions.find(a => a.title === 'Add import "org.ispec"');
        assert.ok(addImport, `actions offered: ${actions.map(a => a.title).join(', ')}`);
        assert.equal(addImport.kind, 'quickfix');
        const fixed = applyEdits(LAB, addImport.edit!.changes![lab]);
        assert.match(fixed, /^import "org\.ispec"\n/);
        await client.change(lab, fixed);
        const after = await client.waitForDiagnostics(lab, d => !d.some(x => /does not import/.test(x.message)));
        assert.ok(!after.some(d => d.severity === 1), JSON.stringify(after));
    });

    it('offers to suppress a rule finding with a reason the architect still has to write', async () => {
        const text = `import "org.ispec"\n${LAB}interface Feed { from LIS to LIS }\n`;
        const lab = client.uri('lab.ispec');
        await client.change(lab, text);
        const diagnostics = await client.waitForDiagnostics(lab, d => d.some(x => x.code === 'interface-owner'));
        const finding = diagnostics.find(d => d.code === 'interface-owner')!;
        const actions = await actionsFor(lab, finding);
        const suppress = actions.find(a => a.title === 'Suppress interface-owner on this interface');
        assert.ok(suppress, `actions offered: ${actions.map(a => a.title).join(', ')}`);
        const edited = applyEdits(text, suppress.edit!.changes![lab]);
        assert.match(edited, /interface Feed \{[\s\S]*suppress interface-owner because "/);
    });
});

/** Teams in org.ispec, systems in systems.ispec (which imports org.ispec), and a feed that imports neither yet. */
const DECLARE_ORG = 'team LabIT "Laboratory IT"\nteam HIM "Health records"\n\nrole Clinician { team HIM duties care }\n';
const DECLARE_SYSTEMS = 'import "org.ispec"\n\nsystem LIS {\n    kind LIS\n    owner LabIT\n}\n\nsystem EHR {\n    kind EHR\n    owner LabIT\n}\n';
const DECLARE_FEED = 'interface Feed {\n    from Analyser to LIS\n    owner Biochem\n    carries Results\n}\n';

// Through the built server over stdio: the fix is a WorkspaceEdit across two files, as the editor applies it.
describe('lsp: quick fixes that declare an unknown name', function () {
    this.timeout(60000);
    let client: LspClient;
    const files = { 'org.ispec': DECLARE_ORG, 'systems.ispec': DECLARE_SYSTEMS, 'feed.ispec': DECLARE_FEED };

    useServer(() => writeWorkspace(files), started => { client = started; }, { perTest: true });

    /** Opens every file and returns the declare-it actions offered on the unresolved `name` in feed.ispec. */
    async function declareActions(feedText: string, name: string): Promise<{ feed: string, actions: CodeAction[] }> {
        await client.open('org.ispec', files['org.ispec']);
        await client.open('systems.ispec', files['systems.ispec']);
        return actionsOn(await client.open('feed.ispec', feedText), name);
    }

    async function actionsOn(feed: string, name: string): Promise<{ feed: string, actions: CodeAction[] }> {
        const named = (d: Diagnostic) => d.code === 'unresolved-reference' && d.message.includes(`'${name}'`);
        const diagnostics = await client.waitForDiagnostics(feed, d => d.some(named), 30000);
        const unresolved = diagnostics.find(named)!;
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri: feed }, range: unresolved.range, context: { diagnostics: [unresolved], only: ['quickfix'] }
        });
        return { feed, actions: actions.filter(a => a.title.startsWith('Declare')) };
    }

    /** Applies every file's edits of the action through didChange, as an editor does, and returns the new texts. */
    async function apply(action: CodeAction, texts: Record<string, string>): Promise<Record<string, string>> {
        const result = { ...texts };
        for (const [uri, edits] of Object.entries(action.edit!.changes!)) {
            const file = Object.keys(texts).find(name => client.uri(name) === uri)!;
            result[file] = applyEdits(texts[file], edits);
            await client.change(uri, result[file]);
        }
        return result;
    }

    it('declares an unknown team in the file that keeps the teams and imports it; the name resolves and nothing else breaks', async () => {
        const { feed, actions } = await declareActions(DECLARE_FEED, 'Biochem');
        assert.deepEqual(actions.map(a => a.title), ['Declare team \'Biochem\' in org.ispec and import it', 'Declare role \'Biochem\' in org.ispec and import it']);
        assert.deepEqual(Object.keys(actions[0].edit!.changes!).sort(), [client.uri('feed.ispec'), client.uri('org.ispec')].sort());
        const after = await apply(actions[0], files);
        assert.equal(after['org.ispec'], 'team LabIT "Laboratory IT"\nteam HIM "Health records"\nteam Biochem\n\nrole Clinician { team HIM duties care }\n');
        assert.match(after['feed.ispec'], /^import "org\.ispec"\ninterface Feed \{\n/);
        const diagnostics = await client.waitForDiagnostics(feed, d => !d.some(x => x.message.includes('\'Biochem\'')), 30000);
        assert.deepEqual(diagnostics.filter(d => d.code === 'unresolved-reference').map(d => d.message).sort(), [
            'The system \'LIS\' is declared in systems.ispec, which this file does not import. Add: import "systems.ispec"',
            'Unknown data set \'Results\'. Declare it, or check the spelling.', 'Unknown system \'Analyser\'. Declare it, or check the spelling.'
        ], 'only the names there were besides Biochem: no syntax error, no duplicate, no new unresolved name');
    });

    it('declares an unknown system beside the others, as a block the rules then ask to complete; no import when the file already sees it', async () => {
        const importing = `import "systems.ispec"\n${DECLARE_FEED}`;
        const { feed, actions } = await declareActions(importing, 'Analyser');
        assert.deepEqual(actions.map(a => a.title), ['Declare system \'Analyser\' in systems.ispec']);
        // org.ispec is seen through systems.ispec: a team goes there without an import either.
        const team = await actionsOn(feed, 'Biochem');
        assert.deepEqual(team.actions.map(a => a.title)[0], 'Declare team \'Biochem\' in org.ispec');
        assert.deepEqual(Object.keys(team.actions[0].edit!.changes!), [client.uri('org.ispec')]);
        const after = await apply(actions[0], { ...files, 'feed.ispec': importing });
        assert.match(after['systems.ispec'], /\nsystem EHR \{\n {4}kind EHR\n {4}owner LabIT\n\}\n\nsystem Analyser \{ \}\n$/);
        assert.equal(after['feed.ispec'], importing, 'systems.ispec is imported already');
        const diagnostics = await client.waitForDiagnostics(feed, d => !d.some(x => x.code === 'unresolved-reference' && x.message.includes('\'Analyser\'')), 30000);
        assert.ok(!diagnostics.some(d => d.code === 'syntax' || d.code === 'duplicate-name'), JSON.stringify(diagnostics));
    });

    it('declares a data set in this file when no file keeps data sets, and offers no declaration for a name another kind has', async () => {
        const { feed, actions } = await declareActions(DECLARE_FEED, 'Results');
        assert.deepEqual(actions.map(a => a.title), ['Declare data set \'Results\' in this file']);
        const after = await apply(actions[0], files);
        assert.equal(after['feed.ispec'], `${DECLARE_FEED}\ndata Results { }\n`);
        await client.waitForDiagnostics(feed, d => !d.some(x => x.code === 'unresolved-reference' && x.message.includes('\'Results\'')), 30000);
        // `owner LIS`: LIS is a system; declaring a team LIS would be a duplicate name.
        await client.change(feed, after['feed.ispec'].replace('owner Biochem', 'owner LIS'));
        const misnamed = await actionsOn(feed, 'LIS');
        assert.deepEqual(misnamed.actions, []);
    });

    it('declares in this file when the file that keeps the kind imports this one (importing it back would be a cycle)', async () => {
        files['org.ispec'] = `import "feed.ispec"\n${DECLARE_ORG}`;
        try {
            const { actions } = await declareActions(DECLARE_FEED, 'Biochem');
            assert.equal(actions[0].title, 'Declare team \'Biochem\' in this file');
            assert.deepEqual(Object.keys(actions[0].edit!.changes!), [client.uri('feed.ispec')]);
        } finally {
            files['org.ispec'] = DECLARE_ORG;
        }
    });
});
