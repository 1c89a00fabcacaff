import * as path from 'node:path';
import * as vscode from 'vscode';
import {
    LanguageClient, State, TransportKind, type LanguageClientOptions, type RequestType, type ServerOptions
} from 'vscode-languageclient/node.js';
import { CONFIGURATION_SECTION, SAMPLE_FILE_PATTERNS, watchedFilesGlob, type InterspecSettings } from '../../language-server/protocol/index.js';
import { clientOutputChannel } from './client-output.js';
import { ruleOverrides } from './settings.js';

/** Thrown when a feature needs the server in a workspace the user has not trusted. */
export class UntrustedWorkspaceError extends Error {
    constructor() {
        super('Interspec runs its language server only in a trusted workspace. Trust the workspace to use this command.');
    }
}

/**
 * Owns the language client. The server starts lazily (first .ispec document or first command that needs it) and
 * never in an untrusted workspace: there the extension only contributes the grammar.
 */
export class InterspecServer implements vscode.Disposable {
    private client: LanguageClient | undefined;
    private starting: Promise<LanguageClient> | undefined;

    constructor(private readonly context: vscode.ExtensionContext, readonly output: vscode.OutputChannel) {}

    get running(): boolean {
        return this.client?.state === State.Running;
    }

    /** Starts the server when needed and returns the running client. */
    async ensureStarted(): Promise<LanguageClient> {
        if (!vscode.workspace.isTrusted) {
            throw new UntrustedWorkspaceError();
        }
        this.starting ??= this.start().catch(error => {
            this.starting = undefined;
            throw error;
        });
        return this.starting;
    }

    async restart(): Promise<void> {
        if (!this.client) {
            await this.ensureStarted();
            return;
        }
        this.output.appendLine('Restarting the Interspec language server.');
        await this.client.restart();
    }

    /** Sends one of the server's custom requests (language-server/protocol/requests.ts), starting it if needed. */
    async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
        const client = await this.ensureStarted();
        return client.sendRequest(type, params);
    }

    async dispose(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.starting = undefined;
        if (client?.needsStop()) {
            await client.stop();
        }
    }

    private async start(): Promise<LanguageClient> {
        const serverModule = this.context.asAbsolutePath(path.join('out', 'bundle', 'server.cjs'));
        const serverOptions: ServerOptions = {
            run: { module: serverModule, transport: TransportKind.ipc },
            debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
        };
        // Spec files and every evidence file the generators read (.yaml and .yml, nested folders, *.evidence.*).
        const watcher = vscode.workspace.createFileSystemWatcher(watchedFilesGlob());
        this.context.subscriptions.push(watcher);
        const clientOptions: LanguageClientOptions = {
            // Sample files too, for their diagnostics and hover: .hl7 always, .json/.ndjson where a `samples` glob lists them (the server decides).
            documentSelector: [{ scheme: 'file', language: 'interspec' }, ...SAMPLE_FILE_PATTERNS.map(pattern => ({ scheme: 'file', pattern }))],
            // The client's own lines, with the clean exit of a restart as information, not an error.
            outputChannel: clientOutputChannel(this.output),
            // The server reads `interspec.rules` at start and again on every change of the section.
            initializationOptions: { rules: ruleOverrides() } satisfies InterspecSettings,
            synchronize: { configurationSection: CONFIGURATION_SECTION, fileEvents: watcher }
        };
        // The client id `interspec` makes vscode-languageclient honour the `interspec.trace.server` setting.
        const client = new LanguageClient('interspec', 'Interspec', serverOptions, clientOptions);
        this.output.appendLine(`Starting the Interspec language server (${serverModule}).`);
        await client.start();
        this.client = client;
        return client;
    }
}
