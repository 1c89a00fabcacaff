import type { Connection } from 'vscode-languageserver';
import type { InterspecServices } from './interspec-lsp-module.js';
import { SampleDocuments } from './sample-documents.js';
import { registerSampleHover } from './sample-hover.js';
import { SampleAwareDocumentUpdateHandler } from './sample-update-handler.js';

/**
 * Connects the sample features of the editor (docs/samples.md, "In the editor"): diagnostics in open sample
 * files, refreshed when a sample file changes on disk, and hover on their values. Call after
 * `startLanguageServer`, whose hover handler the sample hover takes over (and delegates to for spec files).
 */
export function connectSamples(connection: Connection, services: InterspecServices): void {
    const results = services.editor.SampleResults;
    const documents = new SampleDocuments(services, results, connection);
    const updates = services.shared.lsp.DocumentUpdateHandler;
    if (updates instanceof SampleAwareDocumentUpdateHandler) {
        updates.onSampleFilesChange(() => documents.samplesChanged());
    }
    registerSampleHover(connection, services, results);
}
