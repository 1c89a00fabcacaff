import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { InterspecGeneratedModule, InterspecGeneratedSharedModule } from '../language/generated/module.js';
import {
    InterspecCoreModule, InterspecSharedCoreModule, registerInterspecChecks,
    type InterspecAddedServices, type InterspecAddedSharedServices
} from '../language/interspec-module.js';
import { InterspecCodeActionProvider } from './interspec-code-actions.js';
import { InterspecCodeLensProvider } from './interspec-code-lens-provider.js';
import { InterspecCompletionProvider } from './interspec-completion-provider.js';
import { InterspecDocumentSymbolProvider } from './interspec-document-symbol-provider.js';
import { InterspecFoldingRangeProvider } from './interspec-folding-range-provider.js';
import { InterspecFormatter } from './interspec-formatter.js';
import { InterspecHoverProvider } from './interspec-hover-provider.js';
import { InterspecNodeKindProvider } from './interspec-node-kind-provider.js';
import { InterspecRenameProvider } from './interspec-rename-provider.js';
import { InterspecSemanticTokenProvider } from './interspec-semantic-tokens.js';
import { InterspecWorkspaceManager } from './interspec-workspace-manager.js';
import { SampleResults } from './sample-results.js';
import { SampleAwareDocumentUpdateHandler } from './sample-update-handler.js';

/**
 * The editor module: the core (`language/interspec-module.ts`) plus every editor feature. Only the language
 * server and the tests of editor features build it; the CLI builds the core alone.
 */

export type InterspecSharedServices = LangiumSharedServices & InterspecAddedSharedServices;
/** Services of the editor alone: the sample rules' results for open sample files and code lenses. */
export type InterspecEditorServices = { editor: { SampleResults: SampleResults } };
export type InterspecServices = LangiumServices & InterspecAddedServices & InterspecEditorServices & { shared: InterspecSharedServices };

export const InterspecSharedLspModule: Module<InterspecSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        WorkspaceManager: (shared) => new InterspecWorkspaceManager(shared)
    },
    lsp: {
        NodeKindProvider: () => new InterspecNodeKindProvider(),
        DocumentUpdateHandler: (shared) => new SampleAwareDocumentUpdateHandler(shared)
    }
};

export const InterspecLspModule: Module<InterspecServices, PartialLangiumServices & InterspecEditorServices> = {
    editor: {
        SampleResults: (services) => new SampleResults(services)
    },
    lsp: {
        CompletionProvider: (services) => new InterspecCompletionProvider(services),
        HoverProvider: (services) => new InterspecHoverProvider(services),
        DocumentSymbolProvider: (services) => new InterspecDocumentSymbolProvider(services),
        FoldingRangeProvider: (services) => new InterspecFoldingRangeProvider(services),
        CodeActionProvider: (services) => new InterspecCodeActionProvider(services),
        Formatter: (services) => new InterspecFormatter(services),
        CodeLensProvider: (services) => new InterspecCodeLensProvider(services),
        SemanticTokenProvider: (services) => new InterspecSemanticTokenProvider(services),
        RenameProvider: (services) => new InterspecRenameProvider(services)
    }
};

/** Modules tests inject after the editor's own (e.g. a document builder that records its phases). */
export type InterspecModuleExtensions = {
    language?: Module<InterspecServices, PartialLangiumServices>,
    shared?: Module<InterspecSharedServices, PartialLangiumSharedServices>
}

/**
 * The shared services and the Interspec language services with every editor feature. Used by the language server
 * (with a connection) and by tests of editor features (with a file system and no connection).
 */
export function createInterspecServices(context: DefaultSharedModuleContext, extensions: InterspecModuleExtensions = {}): {
    shared: InterspecSharedServices,
    Interspec: InterspecServices
} {
    const shared = inject(
        createDefaultSharedModule(context),
        InterspecGeneratedSharedModule,
        InterspecSharedCoreModule as Module<InterspecSharedServices, PartialLangiumSharedServices & InterspecAddedSharedServices>,
        InterspecSharedLspModule,
        extensions.shared ?? {}
    ) as InterspecSharedServices;
    const Interspec = inject(
        createDefaultModule({ shared }),
        InterspecGeneratedModule,
        InterspecCoreModule as Module<InterspecServices, PartialLangiumServices & InterspecAddedServices>,
        InterspecLspModule,
        extensions.language ?? {}
    ) as InterspecServices;
    registerInterspecChecks(Interspec);
    if (!context.connection) {
        // Without a language server the configuration is never sent: mark it as ready so builds do not wait.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Interspec };
}
