import * as path from 'node:path';
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
export async function revealSpecTarget(target: SpecTarget, root?: string): Promise<boolean> {
    let location: vscode.Location | undefined;
    if (target.uri) {
        const line = Math.max(0, (target.line ?? 1) - 1);
        const column = Math.max(0, (target.column ?? 1) - 1);
        location = new vscode.Location(resolveFile(target.uri, root), new vscode.Position(line, column));
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

/** A file from the server's data: a URI, an absolute path, or a path relative to the workspace root. */
function resolveFile(file: string, root?: string): vscode.Uri {
    if (/^[a-z][a-z0-9+.-]+:/i.test(file)) {
        return vscode.Uri.parse(file);
    }
    return vscode.Uri.file(path.isAbsolute(file) || !root ? file : path.join(root, file));
}

/**
 * Asks the language server (workspace symbols) where an element is declared. A dotted checklist id
 * (`Gate.Criterion`, `Gate.group.Element`) lands on the element it names, else on the criterion inside the gate,
 * else on the gate.
 */
async function findDeclaration(name: string): Promise<vscode.Location | undefined> {
    const parts = name.split('.');
    const last = parts[parts.length - 1];
    if (parts.length > 1) {
        const element = await findSymbol(last);
        if (element) {
            return element;
        }
    }
    const first = await findSymbol(parts[0]);
    if (first && parts.length > 1) {
        const document = await vscode.workspace.openTextDocument(first.uri);
        const start = document.offsetAt(first.range.start);
        const match = new RegExp(`\\b${last.replace(/[-]/g, '\\-')}\\b`).exec(document.getText().slice(start));
        if (match) {
            const position = document.positionAt(start + match.index);
            return new vscode.Location(first.uri, new vscode.Range(position, position.translate(0, last.length)));
        }
    }
    return first;
}

async function findSymbol(name: string): Promise<vscode.Location | undefined> {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', name);
    return (symbols ?? []).find(symbol => symbol.name === name && symbol.location.uri.path.endsWith('.ispec'))?.location;
}
