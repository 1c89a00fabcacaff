import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection
} from 'vscode-languageserver-protocol/node.js';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** The repository root, found from this file's place in `out/test/support/`. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The built language server, exactly as the extension and other editors start it. */
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'out', 'bundle', 'server.cjs');

export interface StartOptions {
    /** Answers to `workspace/configuration` items, by section; unknown sections get `null`. */
    configuration?: Record<string, unknown>;
    /** Sent as `initializationOptions` (the VS Code extension sends `{ rules }` there). */
    initializationOptions?: unknown;
    /** Initialize as a client with no workspace (no `rootUri`, no `workspaceFolders`), e.g. an editor opening one file. */
    noWorkspaceFolder?: boolean;
    /** Another build of the server to start (e.g. the one inside an unpacked .vsix); default SERVER_BUNDLE. */
    serverBundle?: string;
}

/** A workspace folder on disk, or a function that makes one when the server starts (e.g. `() => writeWorkspace(files)`). */
export type ServerWorkspace = string | (() => string | Promise<string>);

/**
 * The one LSP client of the tests, over stdio: it spawns the built server, initializes it with one workspace folder,
 * answers the requests the server sends (configuration, capability registration, progress), records published
 * diagnostics and shuts the process down cleanly, killing it when it does not leave.
 *
 * Tests do not start it by hand: a suite that shares one server uses `useServer` (mocha hooks), a single test uses
 * `withServer` (try/finally). Both stop the server when the suite or test ends, failed or not.
 */
export class LspClient {
    readonly connection: ProtocolConnection;
    /** Latest diagnostics per document URI, as published by the server. */
    readonly diagnostics = new Map<string, Diagnostic[]>();
    /** Everything the server wrote to stderr, for failure messages. */
    stderr = '';
    initializeResult: InitializeResult | undefined;
    /** How many `workspace/codeLens/refresh` requests the server sent (the client says it supports them). */
    codeLensRefreshes = 0;
    private readonly versions = new Map<string, number>();
    private readonly diagnosticListeners = new Set<() => void>();
    private exited = false;
    private stopped = false;

    private constructor(readonly process: ChildProcess, readonly root: string, private readonly options: StartOptions) {
        this.connection = createProtocolConnection(
            new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
        process.stderr!.on('data', chunk => { this.stderr += String(chunk); });
        RUNNING.add(process);
        process.on('exit', () => {
            this.exited = true;
            RUNNING.delete(process);
            // Whoever waits for diagnostics hears at once that none will come.
            this.diagnosticListeners.forEach(listener => listener());
        });
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            this.diagnostics.set(params.uri, params.diagnostics);
            this.diagnosticListeners.forEach(listener => listener());
        });
        this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
            params.items.map(item => this.options.configuration?.[item.section ?? ''] ?? null));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('client/unregisterCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
        this.connection.onRequest('workspace/codeLens/refresh', () => {
            this.codeLensRefreshes++;
            return null;
        });
        this.connection.onNotification('window/logMessage', () => undefined);
        this.connection.onNotification('$/progress', () => undefined);
        this.connection.listen();
    }

    /**
     * Spawns the server on `workspace` and completes the initialize handshake; stops the process when the handshake
     * fails. `onSpawn` gets the client before the handshake, so a caller can stop a server whose start timed out.
     * Tests use `useServer` or `withServer`, which also stop it; scripts (bench, soak) call this and `stop`.
     */
    static async start(workspace: ServerWorkspace, options: StartOptions = {}, onSpawn?: (client: LspClient) => void): Promise<LspClient> {
        const root = typeof workspace === 'string' ? workspace : await workspace();
        const child = spawn(process.execPath, [options.serverBundle ?? SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        const client = new LspClient(child, root, options);
        onSpawn?.(client);
        try {
            await client.initialize();
        } catch (error) {
            await client.stop();
            throw error;
        }
        return client;
    }

    /** The initialize handshake: one workspace folder (unless `noWorkspaceFolder`) and the capabilities of an editor. */
    private async initialize(): Promise<void> {
        const { root, options } = this;
        const rootUri = pathToFileURL(root).href;
        const exited = new Promise<never>((_, reject) => this.process.once('exit', code =>
            reject(new Error(`the language server exited with code ${code} before it was initialized\n${this.stderr}`))));
        this.initializeResult = await Promise.race([exited, this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: options.noWorkspaceFolder ? null : rootUri,
            initializationOptions: options.initializationOptions,
            workspaceFolders: options.noWorkspaceFolder ? null : [{ uri: rootUri, name: path.basename(root) }],
            capabilities: {
                workspace: {
                    configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true },
                    workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } }
                },
                textDocument: {
                    publishDiagnostics: { relatedInformation: true },
                    completion: { completionItem: { snippetSupport: true } },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
                    rename: { prepareSupport: true }
                }
            }
        }) as Promise<InitializeResult>]);
        exited.catch(() => undefined); // the server may exit later, e.g. when a test stops it
        await this.connection.sendNotification('initialized', {});
    }

    /** A file URI for a path relative to the workspace root (as the server spells it). */
    uri(relative: string): string {
        return pathToFileURL(path.join(this.root, relative)).href;
    }

    /** Opens a workspace file in the "editor", with its text on disk unless `text` is given. */
    async open(relative: string, text?: string): Promise<string> {
        const uri = this.uri(relative);
        const content = text ?? readFileSync(path.join(this.root, relative), 'utf8');
        this.versions.set(uri, 1);
        await this.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'interspec', version: 1, text: content }
        });
        return uri;
    }

    /** Replaces the whole text of an open document, as a typing user would (full sync). */
    async change(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version }, contentChanges: [{ text }]
        });
    }

    async close(uri: string): Promise<void> {
        await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    /** Sends a request and returns its result (a rejected promise for an error response). */
    request<R>(method: string, params?: unknown): Promise<R> {
        return (params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params)) as Promise<R>;
    }

    /** Sends a notification, e.g. `workspace/didChangeConfiguration`. */
    async notify(method: string, params?: unknown): Promise<void> {
        await (params === undefined ? this.connection.sendNotification(method) : this.connection.sendNotification(method, params));
    }

    /** The latest diagnostics published for `uri`, or `undefined` when none were published yet. */
    diagnosticsOf(uri: string): Diagnostic[] | undefined {
        return this.diagnostics.get(uri);
    }

    /**
     * Waits until the diagnostics published for `uri` satisfy `predicate` (checked against the latest ones
     * immediately, then at every publication) and returns them.
     */
    waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
        return new Promise((resolve, reject) => {
            const check = (): boolean => {
                const current = this.diagnostics.get(uri);
                if (current && predicate(current)) {
                    this.diagnosticListeners.delete(listener);
                    clearTimeout(timer);
                    resolve(current);
                    return true;
                }
                if (this.exited) {
                    this.diagnosticListeners.delete(listener);
                    clearTimeout(timer);
                    reject(new Error(`The language server exited while waiting for diagnostics of ${uri}; last: ${JSON.stringify(current)}\n${this.stderr}`));
                    return true;
                }
                return false;
            };
            const listener = (): void => { check(); };
            const timer = setTimeout(() => {
                this.diagnosticListeners.delete(listener);
                reject(new Error(`Timed out waiting for diagnostics of ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri))}\n${this.stderr}`));
            }, timeoutMs);
            this.diagnosticListeners.add(listener);
            check();
        });
    }

    /** Shuts the server down with `shutdown` + `exit`, and kills it if it does not leave within a few seconds. */
    async stop(): Promise<void> {
        if (this.stopped) {
            return;
        }
        this.stopped = true;
        if (!this.exited) {
            try {
                await withTimeout(this.connection.sendRequest('shutdown'), 3000);
                await this.connection.sendNotification('exit');
            } catch {
                // The process is killed below.
            }
            const gone = await withTimeout(new Promise<void>(resolve => {
                if (this.exited) { resolve(); } else { this.process.once('exit', () => resolve()); }
            }), 3000).then(() => true, () => false);
            if (!gone) {
                this.process.kill('SIGKILL');
            }
        }
        this.connection.dispose();
    }

    /** Whether the server process has exited (it should not until `stop`). */
    get hasExited(): boolean {
        return this.exited;
    }
}

/** Server processes not stopped yet; killed when the test process exits (a hook timed out, mocha's --exit). */
const RUNNING = new Set<ChildProcess>();
process.once('exit', () => {
    for (const child of RUNNING) {
        child.kill('SIGKILL');
    }
});

export interface UseServerOptions extends StartOptions {
    /** A fresh server for every test (`beforeEach`/`afterEach`) rather than one for the whole suite. */
    perTest?: boolean;
}

/**
 * One server for the tests of the calling `describe`: started in a `before` hook (`beforeEach` with `perTest`) on
 * `workspace`, handed to `onStart` (which keeps it and may open files and wait for their diagnostics: it runs in the
 * same hook, under the suite's timeout), and stopped in an `after` hook, also when the start or a test failed.
 *
 *     let client: LspClient;
 *     useServer(() => writeWorkspace(FILES), started => { client = started; });
 */
export function useServer(workspace: ServerWorkspace, onStart: (client: LspClient) => void | Promise<void>, options: UseServerOptions = {}): void {
    let current: LspClient | undefined;
    const start = async (): Promise<void> => {
        await onStart(await LspClient.start(workspace, options, client => { current = client; }));
    };
    const stop = async (): Promise<void> => {
        const client = current;
        current = undefined;
        await client?.stop();
    };
    if (options.perTest) {
        beforeEach(start);
        afterEach(stop);
    } else {
        before(start);
        after(stop);
    }
}

/** Starts a server on `workspace`, runs `run` with it, and stops it whatever `run` did; returns what `run` returned. */
export async function withServer<T>(workspace: ServerWorkspace, run: (client: LspClient) => Promise<T>, options: StartOptions = {}): Promise<T> {
    let client: LspClient | undefined;
    try {
        return await run(await LspClient.start(workspace, options, started => { client = started; }));
    } finally {
        await (client as LspClient | undefined)?.stop();
    }
}

/** Copies a workspace folder (e.g. an example) to a fresh temp folder, so tests may edit and delete files. */
export function copyWorkspace(source: string): string {
    const target = mkdtempSync(path.join(tmpdir(), 'interspec-lsp-'));
    cpSync(source, target, { recursive: true });
    return target;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
        promise.then(value => { clearTimeout(timer); resolve(value); }, error => { clearTimeout(timer); reject(error); });
    });
}

/** Zero-based position of the `occurrence`-th (0-based) match of `needle` in `text`, plus `offset` characters. */
export function positionOf(text: string, needle: string, offset = 0, occurrence = 0): { line: number, character: number } {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) {
            throw new Error(`'${needle}' (occurrence ${occurrence}) not found`);
        }
    }
    const before = text.slice(0, index + offset);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** Applies LSP text edits (non-overlapping, as servers send them) to a text. */
export function applyEdits(text: string, edits: ReadonlyArray<{ range: { start: { line: number, character: number }, end: { line: number, character: number } }, newText: string }>): string {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n') {
            lineStarts.push(i + 1);
        }
    }
    const offsetAt = (p: { line: number, character: number }) => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
    const sorted = [...edits].sort((a, b) => offsetAt(b.range.start) - offsetAt(a.range.start));
    let result = text;
    for (const edit of sorted) {
        result = result.slice(0, offsetAt(edit.range.start)) + edit.newText + result.slice(offsetAt(edit.range.end));
    }
    return result;
}
