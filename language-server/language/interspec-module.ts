import { createLangiumParser, inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { InterspecGeneratedModule, InterspecGeneratedSharedModule } from './generated/module.js';
import { InterspecIndexManager, InterspecReferenceDescriptionProvider } from './interspec-index-manager.js';
import { InterspecImports } from './interspec-imports.js';
import { InterspecLinker } from './interspec-linker.js';
import { InterspecReferences } from './interspec-references.js';
import { InterspecScopeComputation } from './interspec-scope-computation.js';
import { InterspecScopeProvider } from './interspec-scope-provider.js';
import { InterspecDocumentValidator, InterspecValidationRegistry } from './interspec-document-validator.js';
import { InterspecValidator, registerValidationChecks } from './interspec-validator.js';
import { InterspecWorkspace } from './interspec-workspace.js';
import { InterspecDocumentBuilder } from './interspec-document-builder.js';
import { InterspecDocumentFactory } from './interspec-document-factory.js';
import { RegionParser } from './region-parser.js';
import { InterspecWorkspaceManager } from '../lsp/interspec-workspace-manager.js';
import { InterspecDocumentUpdateHandler } from '../lsp/interspec-document-update-handler.js';
import { InterspecCompletionProvider } from '../lsp/interspec-completion-provider.js';
import { InterspecDocumentSymbolProvider } from '../lsp/interspec-document-symbol-provider.js';
import { InterspecFormatter } from '../lsp/interspec-formatter.js';
import { InterspecFoldingRangeProvider } from '../lsp/interspec-folding-range-provider.js';
import { InterspecHoverProvider } from '../lsp/interspec-hover-provider.js';
import { InterspecNodeKindProvider } from '../lsp/interspec-node-kind-provider.js';
import { InterspecLexer } from './interspec-lexer.js';
import { usePlacedCstNodes } from './interspec-cst-node-builder.js';
import { InterspecValueConverter } from './interspec-value-converter.js';
import { InterspecLexerErrorMessageProvider, InterspecParserErrorMessageProvider } from './interspec-parser-messages.js';
import { RuleEngine, registerRuleChecks } from '../engine/rule-engine.js';
import { InterspecCodeActionProvider } from '../lsp/interspec-code-actions.js';
import { InterspecCodeLensProvider } from '../lsp/interspec-code-lens-provider.js';
import { InterspecSemanticTokenProvider } from '../lsp/interspec-semantic-tokens.js';
import { InterspecRenameProvider } from '../lsp/interspec-rename-provider.js';

/** Services the Interspec language adds to Langium's defaults. */
export type InterspecAddedServices = {
    imports: InterspecImports,
    /** Parses documents region by region, reusing the regions an edit did not touch. */
    regions: RegionParser,
    validation: {
        InterspecValidator: InterspecValidator
    },
    rules: {
        RuleEngine: RuleEngine
    }
}

/** Services the Interspec language adds to Langium's shared (cross-language) services. */
export type InterspecAddedSharedServices = {
    interspec: {
        Workspace: InterspecWorkspace
    }
}

export type InterspecSharedServices = LangiumSharedServices & InterspecAddedSharedServices;
export type InterspecServices = LangiumServices & InterspecAddedServices & { shared: InterspecSharedServices };

export const InterspecSharedModule: Module<InterspecSharedServices, PartialLangiumSharedServices & InterspecAddedSharedServices> = {
    interspec: {
        Workspace: () => new InterspecWorkspace()
    },
    workspace: {
        DocumentBuilder: (shared) => new InterspecDocumentBuilder(shared),
        IndexManager: (shared) => new InterspecIndexManager(shared),
        LangiumDocumentFactory: (shared) => new InterspecDocumentFactory(shared),
        WorkspaceManager: (shared) => new InterspecWorkspaceManager(shared)
    },
    lsp: {
        NodeKindProvider: () => new InterspecNodeKindProvider(),
        DocumentUpdateHandler: (shared) => new InterspecDocumentUpdateHandler(shared)
    }
};

export const InterspecModule: Module<InterspecServices, PartialLangiumServices & InterspecAddedServices> = {
    imports: (services) => new InterspecImports(services),
    regions: (services) => new RegionParser(services.parser.LangiumParser, services.Grammar),
    parser: {
        LangiumParser: (services) => usePlacedCstNodes(createLangiumParser(services)),
        ParserErrorMessageProvider: (services) => new InterspecParserErrorMessageProvider(services),
        LexerErrorMessageProvider: () => new InterspecLexerErrorMessageProvider(),
        Lexer: (services) => new InterspecLexer(services),
        ValueConverter: () => new InterspecValueConverter()
    },
    workspace: {
        ReferenceDescriptionProvider: (services) => new InterspecReferenceDescriptionProvider(services)
    },
    references: {
        ScopeProvider: (services) => new InterspecScopeProvider(services),
        ScopeComputation: (services) => new InterspecScopeComputation(services),
        Linker: (services) => new InterspecLinker(services),
        References: (services) => new InterspecReferences(services)
    },
    validation: {
        InterspecValidator: (services) => new InterspecValidator(services),
        DocumentValidator: (services) => new InterspecDocumentValidator(services),
        ValidationRegistry: (services) => new InterspecValidationRegistry(services)
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
    },
    rules: {
        RuleEngine: (services) => new RuleEngine(services)
    }
};

/**
 * Extension point for the language-server features (issue surfaces) and for tests: modules given here are
 * injected after the core ones.
 */
export type InterspecModuleExtensions = {
    language?: Module<InterspecServices, PartialLangiumServices>,
    shared?: Module<InterspecSharedServices, PartialLangiumSharedServices>
}

/**
 * Creates the shared services and the Interspec language services. Used by the language server (with a connection)
 * and by the CLI and tests (with `NodeFileSystem` and no connection).
 */
export function createInterspecServices(context: DefaultSharedModuleContext, extensions: InterspecModuleExtensions = {}): {
    shared: InterspecSharedServices,
    Interspec: InterspecServices
} {
    const shared = inject(
        createDefaultSharedModule(context),
        InterspecGeneratedSharedModule,
        InterspecSharedModule,
        extensions.shared ?? {}
    ) as InterspecSharedServices;
    const Interspec = inject(
        createDefaultModule({ shared }),
        InterspecGeneratedModule,
        InterspecModule,
        extensions.language ?? {}
    ) as InterspecServices;
    shared.ServiceRegistry.register(Interspec);
    registerValidationChecks(Interspec);
    registerRuleChecks(Interspec);
    if (!context.connection) {
        // Without a language server the configuration is never sent: mark it as ready so builds do not wait.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Interspec };
}
