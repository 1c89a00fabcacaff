/**
 * The contract between the Interspec language server and its clients, written once: the custom requests with
 * their params and results, the output formats they accept, the editor's command ids, the files a client watches, the sample files it sends
 * and the settings it sends. The server has no custom notifications.
 *
 * This module imports nothing at run time but `vscode-languageserver-protocol` (for `RequestType`): the VS Code
 * client imports this and nothing else of `language-server/`, so its bundle holds none of the server.
 */
export * from './commands.js';
export * from './files.js';
export * from './formats.js';
export * from './requests.js';
export * from './samples.js';
export * from './settings.js';
