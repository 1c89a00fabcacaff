import * as path from 'node:path';
import { AstUtils, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumDocuments, URI } from 'langium';
import type { Import, Model } from './generated/ast.js';
import type { InterspecServices } from './interspec-module.js';
import { isInside, type InterspecWorkspace } from './interspec-workspace.js';

/** What an import statement points at, and whether it may. */
export type ResolvedImport =
    | { kind: 'ok', uri: URI, document: LangiumDocument<Model> }
    | { kind: 'missing', uri: URI }
    | { kind: 'outside-root', uri: URI, root: string }
    | { kind: 'not-ispec', uri: URI };

/**
 * Resolves `import "file.ispec"` statements. Imports decide visibility: a document sees its own elements and
 * those of every document it imports, directly or through other imports.
 */
export class InterspecImports {
    private readonly documents: LangiumDocuments;
    private readonly workspace: InterspecWorkspace;
    private readonly visibleCache: WorkspaceCache<string, Set<string>>;

    constructor(services: InterspecServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.workspace = services.shared.interspec.Workspace;
        this.visibleCache = new WorkspaceCache(services.shared);
    }

    resolve(importNode: Import): ResolvedImport {
        const document = AstUtils.getDocument(importNode);
        const uri = UriUtils.resolvePath(UriUtils.dirname(document.uri), importNode.path);
        const root = this.workspace.rootOf(document.uri);
        if (!isInside(uri.fsPath, root)) {
            return { kind: 'outside-root', uri, root };
        }
        if (path.extname(uri.path) !== '.ispec') {
            return { kind: 'not-ispec', uri };
        }
        const target = this.documents.getDocument(uri) as LangiumDocument<Model> | undefined;
        return target ? { kind: 'ok', uri, document: target } : { kind: 'missing', uri };
    }

    /** The documents whose imports a document follows directly, in the order written. */
    directImports(document: LangiumDocument): LangiumDocument<Model>[] {
        const model = document.parseResult.value as Model;
        const result: LangiumDocument<Model>[] = [];
        // An import being typed (`import "`) has no path yet; the parser already reports it.
        for (const imp of (model.imports ?? []).filter(imp => imp.path !== undefined)) {
            const resolved = this.resolve(imp);
            if (resolved.kind === 'ok') {
                result.push(resolved.document);
            }
        }
        return result;
    }

    /** URIs (as strings) of the document itself and of everything it imports, transitively. */
    visibleUris(document: LangiumDocument): Set<string> {
        return this.visibleCache.get(document.uri.toString(), () => {
            const seen = new Set<string>([document.uri.toString()]);
            const queue = [document];
            while (queue.length > 0) {
                for (const next of this.directImports(queue.shift()!)) {
                    const key = next.uri.toString();
                    if (!seen.has(key)) {
                        seen.add(key);
                        queue.push(next);
                    }
                }
            }
            return seen;
        });
    }

    /**
     * If following `importNode` leads back to its own document, the cycle as a list of documents from the
     * importing document back to itself; otherwise undefined.
     */
    findCycle(importNode: Import): LangiumDocument[] | undefined {
        const origin = AstUtils.getDocument(importNode);
        const resolved = this.resolve(importNode);
        if (resolved.kind !== 'ok') {
            return undefined;
        }
        const originKey = origin.uri.toString();
        const parents = new Map<string, LangiumDocument | undefined>([[resolved.uri.toString(), undefined]]);
        const queue: LangiumDocument[] = [resolved.document];
        while (queue.length > 0) {
            const current = queue.shift()!;
            if (current.uri.toString() === originKey) {
                const chain: LangiumDocument[] = [];
                for (let at: LangiumDocument | undefined = current; at; at = parents.get(at.uri.toString())) {
                    chain.unshift(at);
                }
                return [origin, ...chain];
            }
            for (const next of this.directImports(current)) {
                const key = next.uri.toString();
                if (!parents.has(key)) {
                    parents.set(key, current);
                    queue.push(next);
                }
            }
        }
        return undefined;
    }
}
