import { WorkspaceCache, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import { CancellationToken, type CodeLens, type CodeLensParams } from 'vscode-languageserver';
import * as ast from '../language/generated/ast.js';
import { loadGeneratorInput, summarizeGates, summarizeInterfaces } from '../generators/index.js';
import type { InterspecServices, InterspecSharedServices } from './interspec-lsp-module.js';
import { EDITOR_COMMANDS } from '../protocol/commands.js';
import { readBuiltWorkspace } from './built-workspace.js';

interface RootSummary {
    interfaces: Map<string, { cases: number, unhandled: number }>;
    gates: Map<string, { decision: string, openItems: number, specProblems: number }>;
}

/**
 * Code lenses that answer a reviewer's first questions in place: how many test cases an interface gives and how
 * many required scenarios it leaves unhandled; whether a gate is GO and how many items are still open. Clicking
 * opens the matrix or checklist preview (commands the VS Code extension registers). Summaries are computed once
 * per workspace state (specs and samples) and root, by the same generators the CLI uses, with the observations of
 * the samples' one run (lsp/sample-results.ts). An interface with `samples` also says how
 * many captured messages were read and how many problems (findings above info) the sample rules found in them.
 */
export class InterspecCodeLensProvider implements CodeLensProvider {
    private readonly shared: InterspecSharedServices;
    private readonly services: InterspecServices;
    private readonly summaries: WorkspaceCache<string, Promise<RootSummary>>;

    constructor(services: InterspecServices) {
        this.shared = services.shared;
        this.services = services;
        this.summaries = new WorkspaceCache(services.shared);
    }

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken = CancellationToken.None): Promise<CodeLens[] | undefined> {
        const model = document.parseResult.value as ast.Model;
        const elements = (model.elements ?? []).filter((e): e is ast.Interface | ast.Gate => (ast.isInterface(e) || ast.isGate(e)) && !!e.name && !!e.$cstNode);
        if (elements.length === 0) {
            return undefined;
        }
        if (cancelToken.isCancellationRequested) {
            return undefined; // the document changed: the summary of the whole root would be stale before it is read
        }
        const root = this.shared.interspec.Workspace.rootOf(document.uri);
        // A sample file's change is no build: the summary is of one state of the specs and of the samples.
        const summary = await this.summaries.get(`${this.services.editor.SampleResults.state}\u0000${root}`, () => this.summarize(root));
        const lenses: CodeLens[] = [];
        for (const element of elements) {
            const start = element.$cstNode!.range.start;
            const range = { start, end: start };
            if (ast.isInterface(element)) {
                const entry = summary.interfaces.get(element.name) ?? { cases: 0, unhandled: 0 };
                const title = `${entry.cases} test case${entry.cases === 1 ? '' : 's'}` + (entry.unhandled > 0 ? ` · ${entry.unhandled} unhandled` : '');
                lenses.push({ range, command: { title, command: EDITOR_COMMANDS.openTestMatrixPreview, arguments: [document.uri.toString(), element.name] } });
                const samples = element.samples.length > 0 ? await this.services.editor.SampleResults.ofInterface(root, element.name) : undefined;
                if (samples) {
                    // The problems themselves are diagnostics in the sample files; the click opens the interface's
                    // matrix, whose data-meaning rows are what the samples test (docs/samples.md, "In the editor").
                    lenses.push({ range, command: { title: samplesTitle(samples.messages, samples.problems), command: EDITOR_COMMANDS.openTestMatrixPreview, arguments: [document.uri.toString(), element.name] } });
                }
            } else {
                const entry = summary.gates.get(element.name);
                if (entry) {
                    const title = entry.decision === 'GO' ? 'GO'
                        : entry.specProblems > 0 ? `NO-GO: the spec is broken (${entry.specProblems} problem${entry.specProblems === 1 ? '' : 's'})`
                        : `${entry.decision}: ${entry.openItems} open item${entry.openItems === 1 ? '' : 's'}`;
                    lenses.push({ range, command: { title, command: EDITOR_COMMANDS.openChecklistPreview, arguments: [document.uri.toString(), element.name] } });
                }
            }
        }
        return lenses;
    }

    /**
     * The summary of the built root, shared by every lens request of this workspace state: computed once the update
     * running now has validated the root, so not bound to the token of the request that asked first.
     */
    private async summarize(root: string): Promise<RootSummary> {
        // The observations of the samples' one run for this state, the run the samples lens and diagnostics read.
        const samples = await this.services.editor.SampleResults.observationsFor(root);
        return readBuiltWorkspace(this.shared, CancellationToken.None, async () => {
            const input = await loadGeneratorInput(this.services, root, { samples: samples() });
            return { interfaces: summarizeInterfaces(input), gates: summarizeGates(input) };
        });
    }
}

/** `12 samples · 0 problems`: messages read from the interface's sample files, and findings above info in them. */
export function samplesTitle(messages: number, problems: number): string {
    return `${messages} sample${messages === 1 ? '' : 's'} · ${problems} problem${problems === 1 ? '' : 's'}`;
}
