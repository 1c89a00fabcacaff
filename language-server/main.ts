import { URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createInterspecServices } from './lsp/interspec-lsp-module.js';
import { connectEditorSettings } from './lsp/editor-settings.js';
import { registerGenerateRequests } from './lsp/generate-requests.js';
import { cancelStaleRequests } from './lsp/stale-requests.js';
import { connectSamples } from './lsp/sample-editor.js';

/** The language server process: stdio or IPC, as the client chose when it started us. */
const connection = createConnection(ProposedFeatures.all);
const { shared, Interspec } = createInterspecServices({ connection, ...NodeFileSystem });
connectEditorSettings(shared, Interspec);
registerGenerateRequests(connection, shared, Interspec);

shared.lsp.LanguageServer.onInitialize(params => {
    const folders = params.workspaceFolders?.map(folder => URI.parse(folder.uri).fsPath)
        ?? (params.rootUri ? [URI.parse(params.rootUri).fsPath] : []);
    shared.interspec.Workspace.setFolders(folders);
});

// A bug must never take the editor's language support down with it: log it and keep answering.
process.on('uncaughtException', error => connection.console.error(`Interspec server error: ${error.stack ?? error}`));
process.on('unhandledRejection', reason => connection.console.error(`Interspec server error: ${reason instanceof Error ? reason.stack : String(reason)}`));

cancelStaleRequests(connection, shared);
startLanguageServer(shared);
// After the server's own handlers: the sample hover takes over hover and hands spec files back to Langium's.
connectSamples(connection, Interspec);
