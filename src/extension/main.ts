import * as vscode from 'vscode';
import { registerCommands } from './commands.js';
import { PreviewPanels } from './preview-panel.js';
import { InterspecServer } from './server.js';
import { openStarterOnce } from './starter.js';

/** What `activate` returns: lets extension tests look at the extension's state through the VS Code API. */
export interface InterspecExtensionApi {
    readonly serverRunning: boolean;
    previewHtml(kind: 'matrix' | 'checklist'): string | undefined;
}

/**
 * Activation is cheap: commands and previews are registered, and the language server starts only once an
 * .ispec document is open (or a command needs it), and only in a trusted workspace.
 */
export function activate(context: vscode.ExtensionContext): InterspecExtensionApi {
    const output = vscode.window.createOutputChannel('Interspec');
    const server = new InterspecServer(context, output);
    const previews = new PreviewPanels(server);
    context.subscriptions.push(output, server, previews);
    registerCommands(context, server, previews);

    const startFor = (document: vscode.TextDocument) => {
        if (document.languageId === 'interspec' && vscode.workspace.isTrusted && !server.running) {
            server.ensureStarted().catch(error => output.appendLine(`The Interspec language server did not start: ${error}`));
        }
    };
    vscode.workspace.textDocuments.forEach(startFor);
    context.subscriptions.push(
        vscode.workspace.onDidOpenTextDocument(startFor),
        vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.workspace.textDocuments.forEach(startFor))
    );

    void openStarterOnce(context).catch(error => output.appendLine(`Could not open the starter file: ${error}`));

    return {
        get serverRunning() { return server.running; },
        previewHtml: kind => previews.html(kind)
    };
}

export function deactivate(): void {
    // The server is stopped by disposing `context.subscriptions`.
}
