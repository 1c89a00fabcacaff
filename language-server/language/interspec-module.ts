import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices, type Module,
    type PartialLangiumCoreServices, type PartialLangiumSharedCoreServices
} from 'langium';
import { ConfigurationStore } from '../engine/configuration-store.js';
import { FindingCache } from '../engine/finding-cache.js';
import { RuleRunner } from '../engine/rule-runner.js';
import { WorkspaceIndexes } from '../engine/workspace-indexes.js';
import { InterspecGeneratedModule, InterspecGeneratedSharedModule } from './generated/module.js';
import { usePlacedCstNodes } from './interspec-cst-node-builder.js';
import { InterspecDocumentBuilder } from './interspec-document-builder.js';
import { InterspecDocumentFactory } from './interspec-document-factory.js';
import { InterspecDocumentValidator, InterspecValidationRegistry } from './interspec-document-validator.js';
import { InterspecImports } from './interspec-imports.js';
import { InterspecIndexManager, InterspecReferenceDescriptionProvider } from './interspec-index-manager.js';
import { InterspecLexer } from './interspec-lexer.js';
import { InterspecTokenBuilder } from './interspec-token-builder.js';
import { lazyLookaheadConfig } from './interspec-lookahead.js';
import { InterspecLinker } from './interspec-linker.js';
import { InterspecLexerErrorMessageProvider, InterspecParserErrorMessageProvider } from './interspec-parser-messages.js';
import { createInterspecParser } from './interspec-parser.js';
import { useOneSyntaxErrorPerLine } from './one-syntax-error-per-line.js';
import { InterspecReferences } from './interspec-references.js';
import { InterspecScopeComputation } from './interspec-scope-computation.js';
import { InterspecScopeProvider } from './interspec-scope-provider.js';
import { InterspecValidator, registerValidationChecks } from './interspec-validator.js';
import { InterspecValueConverter } from './interspec-value-converter.js';
import { InterspecWorkspace } from './interspec-workspace.js';
import { RegionParser } from './region-parser.js';

/**
 * The core of Interspec: the language (parsing, scoping, imports, linking, structural checks) and the rule engine,
 * without any editor feature. The CLI and the generators need only this; the language server adds the editor
 * module (`lsp/interspec-lsp-module.ts`) on top.
 */

/** Services the Interspec language adds to Langium's core services. */
export type InterspecAddedServices = {
    imports: InterspecImports,
    /** Parses documents region by region, reusing the regions an edit did not touch. */
    regions: RegionParser,
    validation: {
        InterspecValidator: InterspecValidator
    },
    /** The rule engine, as named parts: where configurations, indexes and findings live, and what runs the rules. */
    engine: {
        Configurations: ConfigurationStore,
        WorkspaceIndexes: WorkspaceIndexes,
        FindingCache: FindingCache,
        RuleRunner: RuleRunner
    }
}

/** Services the Interspec language adds to Langium's shared (cross-language) services. */
export type InterspecAddedSharedServices = {
    interspec: {
        Workspace: InterspecWorkspace
    }
}

export type InterspecSharedCoreServices = LangiumSharedCoreServices & InterspecAddedSharedServices;
export type InterspecCoreServices = LangiumCoreServices & InterspecAddedServices & { shared: InterspecSharedCoreServices };

export const InterspecSharedCoreModule: Module<InterspecSharedCoreServices, PartialLangiumSharedCoreServices & InterspecAddedSharedServices> = {
    interspec: {
        Workspace: () => new InterspecWorkspace()
    },
    workspace: {
        DocumentBuilder: (shared) => new InterspecDocumentBuilder(shared),
        IndexManager: (shared) => new InterspecIndexManager(shared),
        LangiumDocumentFactory: (shared) => new InterspecDocumentFactory(shared)
    }
};

export const InterspecCoreModule: Module<InterspecCoreServices, PartialLangiumCoreServices & InterspecAddedServices> = {
    imports: (services) => new InterspecImports(services),
    regions: (services) => new RegionParser(services.parser.LangiumParser, services.Grammar),
    parser: {
        LangiumParser: (services) => useOneSyntaxErrorPerLine(usePlacedCstNodes(createInterspecParser(services))),
        ParserErrorMessageProvider: (services) => new InterspecParserErrorMessageProvider(services),
        LexerErrorMessageProvider: () => new InterspecLexerErrorMessageProvider(),
        Lexer: (services) => new InterspecLexer(services),
        TokenBuilder: () => new InterspecTokenBuilder(),
        ParserConfig: () => lazyLookaheadConfig(),
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
    engine: {
        Configurations: () => new ConfigurationStore(),
        WorkspaceIndexes: (services) => new WorkspaceIndexes(services),
        FindingCache: (services) => new FindingCache(services),
        RuleRunner: (services) => new RuleRunner(services)
    }
};

/** Registers the structural checks and the rules of a language services object (core or editor). */
export function registerInterspecChecks(services: InterspecCoreServices): void {
    services.shared.ServiceRegistry.register(services);
    registerValidationChecks(services);
    services.engine.RuleRunner.register(services);
}

/**
 * The core services alone, for the CLI, the generators and tests: no editor feature is built. With no language
 * server, the configuration is never sent, so it is marked ready at once and builds do not wait.
 */
export function createInterspecCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: InterspecSharedCoreServices,
    Interspec: InterspecCoreServices
} {
    const shared = inject(
        createDefaultSharedCoreModule(context),
        InterspecGeneratedSharedModule,
        InterspecSharedCoreModule
    );
    const Interspec = inject(
        createDefaultCoreModule({ shared }),
        InterspecGeneratedModule,
        InterspecCoreModule
    );
    registerInterspecChecks(Interspec);
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Interspec };
}
