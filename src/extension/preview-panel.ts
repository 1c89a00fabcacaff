import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { errorPage, previewParams, withPreviewLayout, type PreviewKind } from './preview-html.js';
import type { InterspecServer } from './server.js';
import { revealSpecTarget, specDocumentUri, type SpecTarget } from './spec-locations.js';
import { ChecklistRequest, isWatchedSpecFile, TestMatrixRequest } from '../../language-server/protocol/index.js';
const TITLES: Record<PreviewKind, string> = { matrix: 'Test Matrix', checklist: 'Go-Live Checklist' };
/** Edits come in bursts; one refresh after the burst is enough (and the server has rebuilt by then). */
const REFRESH_DELAY_MS = 400;

/** One webview panel per kind, refreshed from the server as the spec changes. */
export class PreviewPanels implements vscode.Disposable {
    private readonly panels = new Map<PreviewKind, PreviewPanel>();

    constructor(private readonly server: InterspecServer) {}

    /** Opens (or reveals) the preview; `focus` names the element to scroll to (an interface or a gate). */
    async open(kind: PreviewKind, focus?: string): Promise<vscode.WebviewPanel> {
        let preview = this.panels.get(kind);
        if (preview) {
            preview.panel.reveal(vscode.ViewColumn.Beside, true);
        } else {
            preview = new PreviewPanel(kind, this.server, () => this.panels.delete(kind));
            this.panels.set(kind, preview);
        }
        preview.focus = focus;
        await preview.refresh();
        return preview.panel;
    }

    /** The HTML a preview shows now (for tests and for the e2e suite's checks). */
    html(kind: PreviewKind): string | undefined {
        return this.panels.get(kind)?.panel.webview.html;
    }

    dispose(): void {
        for (const preview of [...this.panels.values()]) {
            preview.panel.dispose();
        }
    }
}

class PreviewPanel {
    readonly panel: vscode.WebviewPanel;
    private readonly subscriptions: vscode.Disposable[] = [];
    private timer: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    /** Set when the user closes the panel: a refresh still waiting for the server then has nowhere to go. */
    private disposed = false;
    /** The workspace root of the last result: the page's links are relative to it. */
    private root: string | undefined;
    /** The element the last code lens asked for; kept across refreshes so the page stays there. */
    focus: string | undefined;

    constructor(private readonly kind: PreviewKind, private readonly server: InterspecServer, onDispose: () => void) {
        this.panel = vscode.window.createWebviewPanel(`interspec.${kind}Preview`, `Interspec: ${TITLES[kind]}`,
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, enableCommandUris: false, localResourceRoots: [], retainContextWhenHidden: false });
        const isSpec = (uri: vscode.Uri) => isWatchedSpecFile(uri.path);
        this.subscriptions.push(
            vscode.workspace.onDidChangeTextDocument(event => { if (isSpec(event.document.uri) && event.contentChanges.length) this.scheduleRefresh(); }),
            vscode.workspace.onDidSaveTextDocument(document => { if (isSpec(document.uri)) this.scheduleRefresh(); }),
            vscode.languages.onDidChangeDiagnostics(event => { if (event.uris.some(isSpec)) this.scheduleRefresh(); }),
            this.panel.onDidChangeViewState(event => { if (event.webviewPanel.visible) this.scheduleRefresh(); }),
            this.panel.webview.onDidReceiveMessage(message => this.onMessage(message))
        );
        this.panel.onDidDispose(() => {
            this.disposed = true;
            clearTimeout(this.timer);
            this.subscriptions.forEach(subscription => subscription.dispose());
            onDispose();
        });
    }

    scheduleRefresh(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
    }

    async refresh(): Promise<void> {
        if (this.disposed) {
            return;
        }
        const generation = ++this.generation;
        const nonce = randomBytes(16).toString('base64');
        const cspSource = this.panel.webview.cspSource;
        let html: string;
        try {
            const uri = await specDocumentUri();
            if (!uri) {
                throw new Error('There is no .ispec file in this workspace.');
            }
            // The server writes the reviewer page (the CLI's HTML) under this webview's nonce and policy.
            const params = previewParams(uri.toString(), nonce, cspSource, this.focus);
            const result = this.kind === 'matrix'
                ? await this.server.request(TestMatrixRequest, params)
                : await this.server.request(ChecklistRequest, params);
            html = withPreviewLayout(result.content, nonce);
            this.root = result.root;
        } catch (error) {
            html = errorPage(this.kind, error instanceof Error ? error.message : String(error), nonce, cspSource);
        }
        // A slower, older refresh must not overwrite a newer one; a closed panel's webview throws when touched.
        if (generation === this.generation && !this.disposed) {
            this.panel.webview.html = html;
        }
    }

    private async onMessage(message: unknown): Promise<void> {
        if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'reveal') {
            return;
        }
        const target = (message as { target?: unknown }).target;
        if (typeof target !== 'object' || target === null) {
            return;
        }
        // Only the fields we know, with the types we expect: the webview is not trusted input.
        const raw = target as Record<string, unknown>;
        const clean: SpecTarget = {
            uri: typeof raw.uri === 'string' ? raw.uri : undefined,
            line: typeof raw.line === 'number' ? raw.line : undefined,
            column: typeof raw.column === 'number' ? raw.column : undefined,
            name: typeof raw.name === 'string' ? raw.name : undefined
        };
        await revealSpecTarget(clean, this.root);
    }
}
