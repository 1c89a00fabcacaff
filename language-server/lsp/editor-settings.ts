import type { LangiumDocument } from 'langium';
import type { InitializeParams } from 'vscode-languageserver';
import type { InterspecServices, InterspecSharedServices } from './interspec-lsp-module.js';
import { CONFIGURATION_SECTION } from '../protocol/settings.js';

/**
 * The editor's `interspec` settings: `rules` (rule id -> severity) is applied on top of interspec.yaml, from the
 * initialize options at start and from `workspace/didChangeConfiguration` afterwards (then every document is
 * validated again). Any LSP client can send the same section (protocol/settings.ts).
 */
export function connectEditorSettings(shared: InterspecSharedServices, Interspec: InterspecServices): void {
    const configurations = Interspec.engine.Configurations;
    shared.lsp.LanguageServer.onInitialize((params: InitializeParams) => {
        configurations.setEditorSeverities((params.initializationOptions as { rules?: unknown } | undefined)?.rules);
    });
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section !== CONFIGURATION_SECTION || !configurations.setEditorSeverities((update.configuration as { rules?: unknown } | null)?.rules)) {
            return;
        }
        const uris = shared.workspace.LangiumDocuments.all.map((document: LangiumDocument) => document.uri).toArray();
        void shared.workspace.DocumentBuilder.update(uris, []);
    });
}
