import { DocumentState, WorkspaceCache, type AstNode, type LangiumDocument } from 'langium';
import type { InterspecCoreServices } from '../language/interspec-module.js';
import { crossFileFacts, sameFacts, type CrossFileFacts } from '../model/cross-file-facts.js';
import type { WorkspaceIndex } from '../model/workspace-index.js';
import type { ReportLocation } from '../rules/rule.js';
import type { StoredConfig } from './configuration-store.js';

/** One `report` call of a rule on one element, replayed while the element and the workspace facts are unchanged. */
export interface RecordedFinding {
    node: AstNode;
    message: string;
    location: ReportLocation;
}

/** Per top-level element, per rule (by its position in the catalogue), the findings recorded at its last check. */
export type ElementFindings = WeakMap<AstNode, RecordedFinding[][]>;

/**
 * The findings of each top-level element kept between validations, so an edit re-checks only the element it
 * touched. They are valid while the configuration of the element's root and the cross-file facts of every
 * document of the root (`crossFileFacts`) are those they were made under. Off until the first edit: a one-off
 * build (the CLI) never re-validates and pays nothing for it.
 */
export class FindingCache {
    private enabled = false;
    private readonly caches = new Map<string, { epoch: number, config: StoredConfig, byElement: ElementFindings }>();
    private readonly factsEpochs: WorkspaceCache<string, number>;
    private readonly lastFacts = new Map<string, { epoch: number, byUri: Map<string, CrossFileFacts> }>();

    constructor(services: InterspecCoreServices) {
        this.factsEpochs = new WorkspaceCache(services.shared);
        services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, () => this.factsEpochs.clear());
    }

    /** Keep findings from now on (the document builder calls this on the first edit). */
    enable(): void {
        this.enabled = true;
    }

    /**
     * The findings kept per element of a document, or undefined when caching is off. An element an edit re-parsed
     * is a new object, so it is never found here; a configuration read again is a new object, which empties it.
     */
    findingsOf(document: LangiumDocument, root: string, index: WorkspaceIndex, config: StoredConfig): ElementFindings | undefined {
        if (!this.enabled) {
            return undefined;
        }
        const epoch = this.factsEpochOf(root, index);
        const key = document.uri.toString();
        let cache = this.caches.get(key);
        if (!cache || cache.epoch !== epoch || cache.config !== config) {
            cache = { epoch, config, byElement: new WeakMap() };
            this.caches.set(key, cache);
        }
        return cache.byElement;
    }

    /** A number that changes whenever the cross-file facts of any document of the root change (or one comes or goes). */
    private factsEpochOf(root: string, index: WorkspaceIndex): number {
        return this.factsEpochs.get(root, () => {
            const byUri = new Map(index.documents.map(document => [document.uri.toString(), crossFileFacts(document.parseResult.value)]));
            const last = this.lastFacts.get(root);
            if (last && last.byUri.size === byUri.size && [...byUri].every(([uri, facts]) => sameFacts(last.byUri.get(uri), facts))) {
                return last.epoch;
            }
            const epoch = (last?.epoch ?? 0) + 1;
            this.lastFacts.set(root, { epoch, byUri });
            return epoch;
        });
    }
}
