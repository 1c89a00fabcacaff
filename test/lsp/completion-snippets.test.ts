import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-protocol';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { STATEMENT_SNIPPETS } from '../../language-server/lsp/statement-snippets.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { STARTER_CONFIG, STARTER_SPEC, STARTER_SPEC_FILE } from '../../src/cli/templates/starter.js';
import { copyWorkspace, type LspClient, REPO_ROOT, useServer, withServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const SNIPPET = 2; // InsertTextFormat.Snippet

describe('lsp: statement snippets in completion', function () {
    this.timeout(30000);
    let client: LspClient;
    let version = 0;

    useServer(() => writeWorkspace({ 'org.ispec': 'team LabIT\n' }), started => { client = started; });

    async function complete(textWithCursor: string): Promise<CompletionItem[]> {
        const offset = textWithCursor.indexOf('|');
        const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
        const before = text.slice(0, offset).split('\n');
        const position: Position = { line: before.length - 1, character: before[before.length - 1].length };
        const uri = await client.open(`draft-${version++}.ispec`, text);
        await client.waitForDiagnostics(uri);
        const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
        return Array.isArray(result) ? result : result?.items ?? [];
    }

    it('offers one entry per top-level construct: the snippet, in place of the bare keyword', async () => {
        const items = await complete('team A\n|\n');
        for (const keyword of ['team', 'role', 'system', 'site', 'data', 'interface', 'gate', 'change', 'change-authority', 'rollout', 'codetable', 'segment']) {
            const entries = items.filter(item => item.label === keyword);
            assert.equal(entries.length, 1, `${keyword}: ${JSON.stringify(entries)}`);
            assert.equal(entries[0].insertTextFormat, SNIPPET, `${keyword} inserts the whole statement`);
            assert.match(entries[0].insertText ?? '', new RegExp(`^${keyword} `));
        }
        const iface = items.find(item => item.label === 'interface')!;
        assert.match(iface.insertText!, /\$\{1:Name\}/);
        const imports = await complete('|\nteam A\n');
        assert.equal(imports.filter(item => item.label === 'import').length, 1);
        assert.equal(imports.find(item => item.label === 'import')?.insertTextFormat, SNIPPET);
    });

    it('offers no statement snippet where the statement is invalid, e.g. after `criticality `', async () => {
        const items = await complete('interface I {\n    criticality |\n}\n');
        assert.ok(!items.some(item => item.insertTextFormat === SNIPPET), JSON.stringify(items.map(item => item.label)));
        assert.ok(!items.some(item => ['team', 'interface', 'gate', 'system'].includes(item.label)));
    });

    it('keeps nested keywords that share a statement keyword\'s spelling plain (`site` inside a gate)', async () => {
        const items = await complete('gate G {\n    |\n}\n');
        const site = items.filter(item => item.label === 'site');
        assert.equal(site.length, 1);
        assert.notEqual(site[0].insertTextFormat, SNIPPET);
    });
});

/** A snippet as inserted when every placeholder is left at its default: the first choice, or the default text. */
function expandSnippet(body: string): string {
    return body
        .replace(/\$\{\d+\|((?:\\.|[^,|\\])*)[^}]*\}/g, (_, first: string) => first.replace(/\\(.)/g, '$1'))
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
}

/** Findings that say the inserted text does not parse or names something the file cannot see. */
const BROKEN = new Set(['syntax', 'unresolved-reference', 'import-missing', 'import-outside-root', 'import-duplicate', 'import-cycle', 'import-not-ispec']);

/** The statement snippets completion offers at `position` of `file` (opened with `text`), by keyword. */
async function snippetsAt(client: LspClient, file: string, text: string, position: Position): Promise<Map<string, string>> {
    const uri = await client.open(file, text);
    await client.waitForDiagnostics(uri);
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
    const items = Array.isArray(result) ? result : result?.items ?? [];
    return new Map(items.filter(item => item.insertTextFormat === SNIPPET && STATEMENT_SNIPPETS.some(s => s.keyword === item.label)).map(item => [item.label, item.insertText!]));
}

function endOf(text: string): Position {
    const lines = text.split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** The broken findings of the files named, after building the workspace at `root`, as "file:line message". */
async function brokenFindings(root: string, files: string[]): Promise<string[]> {
    const workspace = await buildWorkspace([root]);
    return collectFindings(workspace.documents)
        .filter(finding => BROKEN.has(finding.code) && files.includes(path.relative(root, finding.file)))
        .map(finding => `${path.relative(root, finding.file)}:${finding.line} ${finding.code} ${finding.message}`);
}

describe('lsp: statement snippets insert text that parses and resolves', function () {
    this.timeout(180000);

    it('in the starter `interspec init` writes: every snippet, appended with its defaults, gives no syntax or unresolved-name error', async () => {
        const starter = writeWorkspace({ 'interspec.yaml': STARTER_CONFIG, [STARTER_SPEC_FILE]: STARTER_SPEC });
        await withServer(starter, async client => {
            const text = `${STARTER_SPEC.trimEnd()}\n\n`;
            const snippets = await snippetsAt(client, STARTER_SPEC_FILE, text, endOf(text));
            assert.deepEqual([...snippets.keys()].sort(), STATEMENT_SNIPPETS.map(s => s.keyword).filter(k => k !== 'import').sort());
            assert.match(snippets.get('interface')!, /from \$\{3\|DemoLIS,DemoEHR\|\} to \$\{4\|DemoEHR,DemoLIS\|\}/, 'the systems the file has, the target another than the source');
            assert.match(snippets.get('interface')!, /owner \$\{9\|LabIT,ChangeBoard,Programme,Clinician,EngineAccount\|\}/, 'teams and roles, for an owner');
            // Nothing to import in a workspace of one file: `import` is the bare keyword.
            const atTop = await snippetsAt(client, STARTER_SPEC_FILE, text, { line: 0, character: 0 });
            assert.ok(!atTop.has('import'), JSON.stringify([...atTop.keys()]));
            const broken: string[] = [];
            for (const [keyword, body] of snippets) {
                writeFileSync(path.join(starter, STARTER_SPEC_FILE), text + expandSnippet(body) + '\n');
                broken.push(...(await brokenFindings(starter, [STARTER_SPEC_FILE])).map(finding => `${keyword}: ${finding}`));
            }
            assert.deepEqual(broken, []);
        });
    });

    it('in a copy of examples/lab-network, in a file that imports the organisation and one that imports nothing', async () => {
        const root = copyWorkspace(path.join(REPO_ROOT, 'examples', 'lab-network'));
        const imports = 'import "org.ispec"\nimport "systems.ispec"\nimport "sites.ispec"\nimport "data.ispec"\n\n';
        const written: string[] = [];
        await withServer(root, async client => {
            for (const [draft, text] of [['draft-imports.ispec', imports], ['draft-empty.ispec', '']]) {
                const snippets = await snippetsAt(client, draft, text, endOf(text));
                assert.ok(snippets.size >= 12, `${draft}: ${[...snippets.keys()]}`);
                const topLevel = await snippetsAt(client, draft, text, { line: 0, character: 0 });
                assert.ok(topLevel.has('import'), `${draft}: import offered`);
                snippets.set('import', topLevel.get('import')!);
                for (const [keyword, body] of snippets) {
                    const file = `${path.basename(draft, '.ispec')}-${keyword}.ispec`;
                    const inserted = expandSnippet(body) + '\n';
                    writeFileSync(path.join(root, file), keyword === 'import' ? inserted + text : text + inserted);
                    written.push(file);
                }
                if (draft === 'draft-imports.ispec') {
                    assert.match(snippets.get('gate')!, /site \$\{3\|Riverside,/, 'the sites the file imports');
                    assert.match(snippets.get('import')!, /import "\$\{1\|analysers\.ispec,/, 'the files it does not import yet');
                } else {
                    assert.doesNotMatch(snippets.get('interface')!, /from /, 'a file that sees no system gets no `from` line to fill with an unknown name');
                }
            }
        });
        assert.deepEqual(await brokenFindings(root, written), []);
    });
});
