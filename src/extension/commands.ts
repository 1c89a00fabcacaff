import * as vscode from 'vscode';
import { EDITOR_COMMANDS } from '../../language-server/lsp/editor-commands.js';
import type { InterspecServer } from './server.js';
import { specDocumentUri } from './spec-locations.js';
import type { PreviewPanels } from './preview-panel.js';
import { openStarter } from './starter.js';

const MATRIX_FORMATS = ['markdown', 'csv', 'json', 'html'] as const;
const CHECKLIST_FORMATS = ['markdown', 'html', 'json'] as const;
/** The editor language of each output format, so the generated document is coloured. */
const FORMAT_LANGUAGE: Record<string, string> = { markdown: 'markdown', csv: 'plaintext', json: 'json', html: 'html' };

/** Arguments the generate commands accept (from keybindings, tasks or tests) instead of asking. */
export interface GenerateArgs { format?: string, gate?: string }

export function registerCommands(context: vscode.ExtensionContext, server: InterspecServer, previews: PreviewPanels): void {
    const register = (id: string, run: (...args: any[]) => unknown) =>
        context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: any[]) => {
            try {
                return await run(...args);
            } catch (error) {
                void vscode.window.showErrorMessage(`Interspec: ${error instanceof Error ? error.message : String(error)}`);
                return undefined;
            }
        }));

    register('interspec.generateTestMatrix', (args?: GenerateArgs) => generate(server, 'interspec/testMatrix', MATRIX_FORMATS, args));
    register('interspec.generateChecklist', async (args?: GenerateArgs) => {
        const gate = args?.format ? args.gate : await pickGate();
        if (gate === null) {
            return undefined;
        }
        return generate(server, 'interspec/checklist', CHECKLIST_FORMATS, { ...args, gate });
    });
    // From a code lens: `(documentUri, elementName)`, and the preview lands on that element. From the editor title
    // bar VS Code passes the file's Uri instead; from the palette nothing.
    register(EDITOR_COMMANDS.openTestMatrixPreview, (_uri?: unknown, name?: unknown) => previews.open('matrix', typeof name === 'string' ? name : undefined));
    register(EDITOR_COMMANDS.openChecklistPreview, (_uri?: unknown, name?: unknown) => previews.open('checklist', typeof name === 'string' ? name : undefined));
    register('interspec.restartServer', () => server.restart());
    register('interspec.showOutput', () => server.output.show(true));
    register('interspec.openStarter', () => openStarter(context));
}

/** Asks the server for the content and opens it as an unsaved document; returns that document. */
async function generate(server: InterspecServer, method: 'interspec/testMatrix' | 'interspec/checklist', formats: readonly string[], args?: GenerateArgs): Promise<vscode.TextDocument | undefined> {
    const format = args?.format ?? await vscode.window.showQuickPick([...formats], { placeHolder: 'Output format' });
    if (!format) {
        return undefined;
    }
    if (!formats.includes(format)) {
        throw new Error(`unknown format "${format}" (expected ${formats.join(', ')})`);
    }
    const uri = await specDocumentUri();
    if (!uri) {
        throw new Error('no .ispec file in this workspace.');
    }
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Interspec: generating' },
        () => server.request(method, { uri: uri.toString(), format, gate: args?.gate })
    );
    const document = await vscode.workspace.openTextDocument({ language: FORMAT_LANGUAGE[format], content: result.content });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
}

/** Lets the user choose one gate or all of them; `null` when the pick is cancelled. */
async function pickGate(): Promise<string | undefined | null> {
    const gates = new Set<string>();
    for (const file of await vscode.workspace.findFiles('**/*.ispec', '**/node_modules/**', 500)) {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
        for (const match of text.matchAll(/^\s*gate\s+([_a-zA-Z][\w]*(?:-[\w]+)*)/gm)) {
            gates.add(match[1]);
        }
    }
    const all = 'All gates';
    const picked = await vscode.window.showQuickPick([all, ...[...gates].sort()], { placeHolder: 'Which go-live gate?' });
    return picked === undefined ? null : picked === all ? undefined : picked;
}
