import * as vscode from 'vscode';

/** Where a preview row or a report line points in the spec: an exact place, or an element name to look up. */
export interface SpecTarget {
    uri?: string;
    /** 1-based, like `Finding` positions. */
    line?: number;
    column?: number;
    name?: string;
}

/**
 * The document whose workspace the custom requests work on: the active .ispec editor, else any open .ispec
 * document, else the first .ispec file in the workspace.
 */
export async function specDocumentUri(): Promise<vscode.Uri | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'interspec') {
        return active.uri;
    }
    const open = vscode.workspace.textDocuments.find(document => document.languageId === 'interspec' && document.uri.scheme === 'file');
    if (open) {
        return open.uri;
    }
    const [first] = await vscode.workspace.findFiles('**/*.ispec', '**/node_modules/**', 1);
    return first;
}

/** Opens the spec at the target: its exact position when known, else the declaration of the named element. */
export async function revealSpecTarget(target: SpecTarget): Promise<boolean> {
    let location: vscode.Location | undefined;
    if (target.uri) {
        const line = Math.max(0, (target.line ?? 1) - 1);
        const column = Math.max(0, (target.column ?? 1) - 1);
        const uri = /^[a-z][a-z0-9+.-]*:/i.test(target.uri) && !/^[a-z]:[\\/]/i.test(target.uri)
            ? vscode.Uri.parse(target.uri)
            : vscode.Uri.file(target.uri);
        location = new vscode.Location(uri, new vscode.Position(line, column));
    } else if (target.name) {
        location = await findDeclaration(target.name);
    }
    if (!location) {
        void vscode.window.showInformationMessage(`Interspec: could not find ${target.name ?? 'that element'} in the spec.`);
        return false;
    }
    const editor = await vscode.window.showTextDocument(location.uri, { viewColumn: vscode.ViewColumn.One, preview: false });
    const range = location.range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
}

/** Asks the language server (workspace symbols) where a top-level element is declared. */
async function findDeclaration(name: string): Promise<vscode.Location | undefined> {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', name);
    const exact = (symbols ?? []).filter(symbol => symbol.name === name && symbol.location.uri.path.endsWith('.ispec'));
    return exact[0]?.location;
}
