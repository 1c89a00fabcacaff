import * as vscode from 'vscode';
import {
    CHECKLIST_FORMATS, ChecklistRequest, COMMANDS, GatesRequest, MATRIX_FORMATS, TestMatrixRequest,
    type CommandId, type GateInfo, type GenerateCommandArgs, type GenerateResult
} from '../../language-server/protocol/index.js';
import { pickGate } from './gate-pick.js';
import type { InterspecServer } from './server.js';
import { specDocumentUri } from './spec-locations.js';
import type { PreviewPanels } from './preview-panel.js';
import { openStarter } from './starter.js';

/** The editor language of each output format, so the generated document is coloured. */
const FORMAT_LANGUAGE: Record<string, string> = { markdown: 'markdown', csv: 'plaintext', json: 'json', html: 'html', text: 'plaintext' };

export function registerCommands(context: vscode.ExtensionContext, server: InterspecServer, previews: PreviewPanels): void {
    const register = (id: CommandId, run: (...args: any[]) => unknown) =>
        context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: any[]) => {
            try {
                return await run(...args);
            } catch (error) {
                void vscode.window.showErrorMessage(`Interspec: ${error instanceof Error ? error.message : String(error)}`);
                return undefined;
            }
        }));

    register(COMMANDS.generateTestMatrix, (args?: GenerateCommandArgs) =>
        generate(MATRIX_FORMATS, args, (uri, format) => server.request(TestMatrixRequest, { uri, format })));
    register(COMMANDS.generateChecklist, async (args?: GenerateCommandArgs) => {
        const gate = args?.format ? args.gate : await pickGate(await gatesOf(server), (items, options) => vscode.window.showQuickPick(items, options));
        if (gate === null) {
            return undefined;
        }
        return generate(CHECKLIST_FORMATS, args, (uri, format) => server.request(ChecklistRequest, { uri, format, gate }));
    });
    // From a code lens (the server's EDITOR_COMMANDS): `(documentUri, elementName)`, and the preview lands on that
    // element. From the editor title bar VS Code passes the file's Uri instead; from the palette nothing.
    register(COMMANDS.openTestMatrixPreview, (_uri?: unknown, name?: unknown) => previews.open('matrix', typeof name === 'string' ? name : undefined));
    register(COMMANDS.openChecklistPreview, (_uri?: unknown, name?: unknown) => previews.open('checklist', typeof name === 'string' ? name : undefined));
    register(COMMANDS.restartServer, () => server.restart());
    register(COMMANDS.showOutput, () => server.output.show(true));
    register(COMMANDS.openStarter, () => openStarter(context));
}

/** Asks the server for the content and opens it as an unsaved document; returns that document. */
async function generate<F extends string>(formats: readonly F[], args: GenerateCommandArgs | undefined,
    request: (uri: string, format: F) => Promise<GenerateResult>): Promise<vscode.TextDocument | undefined> {
    const format = args?.format ?? await vscode.window.showQuickPick([...formats], { placeHolder: 'Output format' });
    if (!format) {
        return undefined;
    }
    if (!formats.includes(format as F)) {
        throw new Error(`unknown format "${format}" (expected ${formats.join(', ')})`);
    }
    const uri = await specDocumentUri();
    if (!uri) {
        throw new Error('no .ispec file in this workspace.');
    }
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Interspec: generating' },
        () => request(uri.toString(), format as F)
    );
    const document = await vscode.workspace.openTextDocument({ language: FORMAT_LANGUAGE[format], content: result.content });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
}

/** The gates of the workspace, as the server's workspace index has them (the documents open in the editor included). */
async function gatesOf(server: InterspecServer): Promise<GateInfo[]> {
    const uri = await specDocumentUri();
    if (!uri) {
        throw new Error('no .ispec file in this workspace.');
    }
    return (await server.request(GatesRequest, { uri: uri.toString() })).gates;
}
