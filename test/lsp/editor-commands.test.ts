import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CodeLens, Command, Diagnostic } from 'vscode-languageserver-protocol';
import { copyWorkspace, REPO_ROOT, withServer } from '../support/lsp-client.js';
import { COMMANDS } from '../../language-server/protocol/index.js';

/** Command ids the VS Code extension registers: `register(COMMANDS.<key>` in its sources. */
function registeredCommands(): Set<string> {
    const dir = path.join(REPO_ROOT, 'src', 'extension');
    const sources = readdirSync(dir).filter(file => file.endsWith('.ts')).map(file => readFileSync(path.join(dir, file), 'utf8')).join('\n');
    return new Set([...sources.matchAll(/register\(COMMANDS\.([A-Za-z]+)/g)].map(match => COMMANDS[match[1] as keyof typeof COMMANDS]));
}

// Every command the server puts in front of the user (code lenses, code actions, its executeCommand list) must be
// one the extension contributes and registers: a lens naming another id fails with "command not found" on click.
describe('lsp: every command the server sends exists in the extension', function () {
    this.timeout(60000);
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const contributed = new Set<string>(manifest.contributes.commands.map((command: { command: string }) => command.command));
    const registered = registeredCommands();

    for (const example of ['lab-network', 'flawed']) {
        it(`code lenses and code actions of examples/${example}`, async () => {
            const root = copyWorkspace(path.join(REPO_ROOT, 'examples', example));
            await withServer(root, async client => {
                const sent: Array<{ id: string, where: string, args?: unknown[] }> = [];
                for (const id of client.initializeResult?.capabilities.executeCommandProvider?.commands ?? []) {
                    sent.push({ id, where: 'executeCommandProvider' });
                }
                for (const file of readdirSync(root).filter(name => name.endsWith('.ispec')).sort()) {
                    const uri = await client.open(file);
                    const diagnostics = await client.waitForDiagnostics(uri);
                    const lenses = await client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } }) ?? [];
                    for (const lens of lenses) {
                        const command = lens.command ?? (await client.request<CodeLens>('codeLens/resolve', lens)).command;
                        assert.ok(command, `a lens in ${file} without a command`);
                        sent.push({ id: command.command, where: `code lens "${command.title}" in ${file}`, args: command.arguments });
                    }
                    for (const diagnostic of diagnostics as Diagnostic[]) {
                        const actions = await client.request<Array<CodeAction | Command>>('textDocument/codeAction', {
                            textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
                        }) ?? [];
                        for (const action of actions) {
                            const command = typeof action.command === 'string' ? action as Command : (action as CodeAction).command;
                            if (command) {
                                sent.push({ id: command.command, where: `code action "${action.title}" in ${file}` });
                            }
                        }
                    }
                }
                assert.ok(sent.some(command => command.where.startsWith('code lens')), 'the example has code lenses');
                for (const command of sent) {
                    assert.ok(contributed.has(command.id), `${command.where} sends '${command.id}', which package.json does not contribute`);
                    assert.ok(registered.has(command.id), `${command.where} sends '${command.id}', which the extension does not register`);
                }
                // The lens says which element it is about, so the preview can land on it.
                for (const command of sent.filter(c => c.where.startsWith('code lens'))) {
                    assert.equal(typeof command.args?.[0], 'string', `${command.where}: the document URI`);
                    assert.equal(typeof command.args?.[1], 'string', `${command.where}: the element name`);
                }
            });
        });
    }
});
