import * as vscode from 'vscode';
import { STARTER_SPEC_FILE } from '../cli/templates/starter.js';

/** The walkthrough `contributes.walkthroughs` declares, as `workbench.action.openWalkthrough` names it. */
export const WALKTHROUGH_ID = 'gettingStarted';
const OPENED_KEY = 'interspec.starterOpened';

/**
 * Opens the getting-started walkthrough beside the spec to write in: the starter file `interspec init` writes
 * (`integration.ispec`), else the first .ispec file of the workspace. Returns the document opened, if any.
 */
export async function openStarter(context: vscode.ExtensionContext): Promise<vscode.TextDocument | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    let file: vscode.Uri | undefined;
    if (folder && await exists(vscode.Uri.joinPath(folder.uri, STARTER_SPEC_FILE))) {
        file = vscode.Uri.joinPath(folder.uri, STARTER_SPEC_FILE);
    } else {
        [file] = await vscode.workspace.findFiles('**/*.ispec', '**/node_modules/**', 1);
    }
    const document = file ? await vscode.workspace.openTextDocument(file) : undefined;
    if (document) {
        await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, true);
    return document;
}

/**
 * In a folder `interspec init` made (an `interspec.yaml` and its starter file at the top), the first activation
 * with no editor open opens the starter file and the walkthrough, once per workspace.
 */
export async function openStarterOnce(context: vscode.ExtensionContext): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || context.workspaceState.get<boolean>(OPENED_KEY) || vscode.window.visibleTextEditors.length > 0) {
        return;
    }
    if (await exists(vscode.Uri.joinPath(folder.uri, 'interspec.yaml')) && await exists(vscode.Uri.joinPath(folder.uri, STARTER_SPEC_FILE))) {
        await context.workspaceState.update(OPENED_KEY, true);
        await openStarter(context);
    }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}
