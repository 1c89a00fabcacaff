import { Emitter, type Event } from 'vscode-languageserver';
import type { DidChangeWatchedFilesParams, TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'langium';
import { InterspecDocumentUpdateHandler } from './interspec-document-update-handler.js';
import { isSampleUri, sampleChanges } from './sample-documents.js';

/**
 * The document update handler with sample files left out of the Langium workspace: an open `.hl7` or `.json`
 * would otherwise be handed to the document builder, which has no language for it and fails the whole build.
 * Their edits, closes and changes on disk go to the sample manager instead (`onSampleFilesChange`).
 */
export class SampleAwareDocumentUpdateHandler extends InterspecDocumentUpdateHandler {
    private readonly sampleFilesChange = new Emitter<DidChangeWatchedFilesParams['changes']>();

    /** Fired with the watched-file changes of sample files (created, changed, deleted on disk). */
    get onSampleFilesChange(): Event<DidChangeWatchedFilesParams['changes']> {
        return this.sampleFilesChange.event;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        if (!isSampleUri(change.document.uri)) super.didChangeContent(change);
    }

    override didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        if (!isSampleUri(event.document.uri)) super.didCloseDocument(event);
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const samples = sampleChanges(params);
        if (samples.length > 0) this.sampleFilesChange.fire(samples);
        const specs = params.changes.filter(change => !isSampleUri(change.uri));
        if (specs.length > 0 || samples.length === 0) super.didChangeWatchedFiles({ changes: specs });
    }
}
