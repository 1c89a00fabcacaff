import { URI } from 'langium';
import type { Connection, Diagnostic, DidChangeWatchedFilesParams } from 'vscode-languageserver';
import { CodeLensRefreshRequest, DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding } from '../model/findings.js';
import { isHl7v2SampleFile, isSampleFile } from '../protocol/samples.js';
import { findingDocUrl } from '../rules/rule-doc-urls.js';
import type { InterspecServices } from './interspec-lsp-module.js';
import type { SampleResults } from './sample-results.js';

/**
 * Sample files open in the editor (`.hl7`, and `.json` / `.ndjson` an interface's `samples` lists): not Langium
 * documents, so this small manager follows them through the shared text documents' open and close events and
 * publishes the sample rules' findings for each (docs/samples.md, "In the editor"). It publishes again after each
 * build (a spec changed; the results wait for the build), when a sample file changes on disk, and when an open one
 * is edited (its unsaved text is what is checked: SampleResults.editorText). A `.json` no `samples` glob lists gets nothing.
 */
export class SampleDocuments {
    private readonly open = new Set<string>();
    /** The last publication per URI, so an unchanged result is not sent again and a stale one never overtakes a newer one. */
    private readonly generation = new Map<string, number>();
    /** Open sample files whose text, when last looked at, was not the disk's: the results were computed on it. */
    private readonly edited = new Set<string>();
    /** Open sample files edited since the last refresh, and the timer that refreshes once typing pauses. */
    private readonly typed = new Set<string>();
    private refresh: ReturnType<typeof setTimeout> | undefined;
    /** Whether the client re-asks for code lenses when told to (LSP 3.16 `workspace/codeLens/refresh`). */
    private lensRefresh = false;

    constructor(services: InterspecServices, private readonly results: SampleResults, private readonly connection: Connection) {
        const shared = services.shared;
        shared.lsp.LanguageServer.onInitialize(params => {
            this.lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
        });
        const documents = shared.workspace.TextDocuments;
        documents.onDidOpen(event => {
            if (!isSampleUri(event.document.uri)) return;
            this.open.add(event.document.uri);
            void this.publish(event.document.uri);
        });
        documents.onDidChangeContent(event => {
            if (!isSampleUri(event.document.uri)) return;
            this.typed.add(event.document.uri);
            clearTimeout(this.refresh);
            this.refresh = setTimeout(() => this.edits(), EDIT_PAUSE_MS);
        });
        documents.onDidClose(event => {
            if (!isSampleUri(event.document.uri)) return;
            this.open.delete(event.document.uri);
            this.typed.delete(event.document.uri);
            // Closed without saving: the disk's text counts again, for the other open files' results too.
            if (this.edited.delete(event.document.uri)) this.samplesChanged();
            this.generation.set(event.document.uri, (this.generation.get(event.document.uri) ?? 0) + 1);
            void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
        });
        // On the update, not on its Validated phase: the builder's state reaches Validated only after that phase's
        // listeners ran, so a result asked for there would wait for the next build. Asked for now, it waits for this one.
        shared.workspace.DocumentBuilder.onUpdate(() => {
            results.invalidate();
            this.publishAll();
        });
    }

    /**
     * A sample file changed, appeared or went away on disk (or an open one's text left the disk's): forget the
     * results, publish the open files again, and have the client ask for the lenses again, whose sample counts
     * changed although no spec did.
     */
    samplesChanged(): void {
        this.results.invalidate();
        this.publishAll();
        if (this.lensRefresh) {
            this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
        }
    }

    /**
     * Once typing pauses: the results change only if an edited file's text left the disk's or came back to it (an
     * open event's content event, with the disk's text, changes nothing).
     */
    private edits(): void {
        let changed = false;
        for (const uri of this.typed) {
            const differs = this.results.editorText(URI.parse(uri).fsPath) !== undefined;
            if (differs || this.edited.has(uri)) changed = true;
            if (differs) this.edited.add(uri);
            else this.edited.delete(uri);
        }
        this.typed.clear();
        if (changed) this.samplesChanged();
    }

    private publishAll(): void {
        for (const uri of this.open) void this.publish(uri);
    }

    private async publish(uri: string): Promise<void> {
        const generation = (this.generation.get(uri) ?? 0) + 1;
        this.generation.set(uri, generation);
        const file = URI.parse(uri).fsPath;
        let findings: Finding[] | undefined;
        try {
            findings = await this.results.findingsOf(file, isHl7v2SampleFile(file));
        } catch (error) {
            this.connection.console.error(`Interspec: checking sample ${file} failed: ${error instanceof Error ? error.stack : String(error)}`);
            return;
        }
        if (this.generation.get(uri) !== generation || !this.open.has(uri) || findings === undefined) return;
        await this.connection.sendDiagnostics({ uri, diagnostics: findings.map(toDiagnostic) });
    }
}

/** How long typing in a sample file pauses before its results are recomputed (each run reads the root's captures). */
const EDIT_PAUSE_MS = 250;

/** Whether a document URI is a sample file (a `file:` URI with a sample extension). */
export function isSampleUri(uri: string): boolean {
    return uri.startsWith('file:') && isSampleFile(uri);
}

/** The watched-file changes that concern sample files. */
export function sampleChanges(params: DidChangeWatchedFilesParams): DidChangeWatchedFilesParams['changes'] {
    return params.changes.filter(change => isSampleUri(change.uri));
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information
};

/** A finding in a sample file as an LSP diagnostic: 1-based line/column to 0-based, the spec's mapping as related information. */
export function toDiagnostic(finding: Finding): Diagnostic {
    const start = { line: finding.line - 1, character: finding.column - 1 };
    const end = finding.endLine !== undefined && finding.endColumn !== undefined ? { line: finding.endLine - 1, character: finding.endColumn - 1 } : start;
    return {
        range: { start, end },
        severity: SEVERITY[finding.severity],
        code: finding.code,
        codeDescription: { href: findingDocUrl(finding.code) },
        source: 'interspec',
        message: finding.message,
        ...(finding.related ? {
            relatedInformation: [{
                location: {
                    uri: URI.file(finding.related.file).toString(),
                    range: {
                        start: { line: finding.related.line - 1, character: finding.related.column - 1 },
                        end: { line: (finding.related.endLine ?? finding.related.line) - 1, character: (finding.related.endColumn ?? finding.related.column) - 1 }
                    }
                },
                message: finding.related.message ?? 'the mapping this value was checked against'
            }]
        } : {})
    };
}
