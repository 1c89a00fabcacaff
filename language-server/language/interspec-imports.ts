import * as path from 'node:path';
import { AstUtils, DocumentState, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumDocuments, URI } from 'langium';
import type { Import, Model } from './generated/ast.js';
import type { InterspecCoreServices } from './interspec-module.js';
import { isInside, type InterspecWorkspace } from './interspec-workspace.js';

/** What an import statement points at, and whether it may. */
export type ResolvedImport =
    | { kind: 'ok', uri: URI, document: LangiumDocument<Model> }
    | { kind: 'missing', uri: URI }
    | { kind: 'outside-root', uri: URI, root: string }
    | { kind: 'not-ispec', uri: URI };

/**
 * The import graph of the whole workspace at one state, built once (each import statement resolved once) and
 * condensed into strongly connected components, so that visibility and cycles cost O(files + imports) together
 * instead of a walk of the graph per document and per import (500 files that all import each other took minutes).
 */
interface ImportGraph {
    /** Per document URI (string), the documents it imports directly, in the order written. */
    readonly direct: Map<string, LangiumDocument<Model>[]>;
    /** Per document URI, the URIs of the documents it imports directly. */
    readonly imports: Map<string, Set<string>>;
    /** Per document URI, the URIs of the documents that import it directly (sorted by URI, for determinism). */
    readonly importers: Map<string, string[]>;
    /** Per document URI, its strongly connected component (a number; documents importing each other share one). */
    readonly component: Map<string, number>;
    /** Per component, the URIs visible from it: its own documents and everything they import, transitively. */
    readonly visible: Set<string>[];
    /** Per document URI, for cycles through it: the next document on a shortest import path back to it. */
    readonly pathsBack: Map<string, Map<string, string>>;
}

/**
 * Resolves `import "file.ispec"` statements. Imports decide visibility: a document sees its own elements and
 * those of every document it imports, directly or through other imports.
 */
export class InterspecImports {
    private readonly documents: LangiumDocuments;
    private readonly workspace: InterspecWorkspace;
    private readonly graphCache: WorkspaceCache<'graph', ImportGraph>;
    private readonly resolveCache: WorkspaceCache<string, ResolvedImport>;

    constructor(services: InterspecCoreServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.workspace = services.shared.interspec.Workspace;
        this.graphCache = new WorkspaceCache(services.shared);
        this.resolveCache = new WorkspaceCache(services.shared);
        // Also after each build's parse phase: what was asked for between an update and the re-parse is stale.
        services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, () => {
            this.graphCache.clear();
            this.resolveCache.clear();
        });
    }

    resolve(importNode: Import): ResolvedImport {
        const document = AstUtils.getDocument(importNode);
        // The answer depends only on the importing file's folder and the path written: files of one folder that
        // import the same file resolve it once.
        const key = `${UriUtils.dirname(document.uri).toString()}\u0000${importNode.path}`;
        return this.resolveCache.get(key, () => this.resolveUncached(document, importNode.path));
    }

    private resolveUncached(document: LangiumDocument, importPath: string): ResolvedImport {
        const uri = UriUtils.resolvePath(UriUtils.dirname(document.uri), importPath);
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
        return this.graph().direct.get(document.uri.toString()) ?? this.resolveImports(document);
    }

    /** URIs (as strings) of the document itself and of everything it imports, transitively. */
    visibleUris(document: LangiumDocument): Set<string> {
        const graph = this.graph();
        const component = graph.component.get(document.uri.toString());
        if (component !== undefined) {
            return graph.visible[component];
        }
        // A document not (yet) in the workspace's document set: walk from it (each document once, cycles too).
        const seen = new Set<string>([document.uri.toString()]);
        const queue = [document];
        for (let at = 0; at < queue.length; at++) {
            for (const imported of this.directImports(queue[at])) {
                const uri = imported.uri.toString();
                const known = graph.component.get(uri);
                if (known !== undefined) {
                    for (const visible of graph.visible[known]) seen.add(visible);
                } else if (!seen.has(uri)) {
                    seen.add(uri);
                    queue.push(imported);
                }
            }
        }
        return seen;
    }

    /**
     * If following `importNode` leads back to its own document, the cycle as a list of documents from the
     * importing document back to itself (a shortest one); otherwise undefined.
     */
    findCycle(importNode: Import): LangiumDocument[] | undefined {
        const origin = AstUtils.getDocument(importNode);
        const resolved = this.resolve(importNode);
        if (resolved.kind !== 'ok') {
            return undefined;
        }
        const graph = this.graph();
        const originKey = origin.uri.toString();
        const targetKey = resolved.uri.toString();
        const component = graph.component.get(originKey);
        if (component === undefined || component !== graph.component.get(targetKey)) {
            return undefined; // different components: no path back
        }
        if (targetKey === originKey) {
            return [origin, origin];
        }
        if (graph.imports.get(targetKey)?.has(originKey)) {
            return [origin, resolved.document, origin]; // the shortest cycle there is, found without a walk
        }
        let back = graph.pathsBack.get(originKey);
        if (!back) {
            back = shortestPathsTo(originKey, graph);
            graph.pathsBack.set(originKey, back);
        }
        const chain: LangiumDocument[] = [origin];
        for (let at: string | undefined = targetKey; at !== undefined; at = at === originKey ? undefined : back.get(at)) {
            chain.push(this.documents.getDocument(URI.parse(at))!);
        }
        return chain;
    }

    /** Resolves a document's import statements (no cache). */
    private resolveImports(document: LangiumDocument): LangiumDocument<Model>[] {
        const model = document.parseResult?.value as Model | undefined;
        const result: LangiumDocument<Model>[] = [];
        // An import being typed (`import "`) has no path yet; the parser already reports it.
        for (const imp of (model?.imports ?? []).filter(imp => imp.path !== undefined)) {
            const resolved = this.resolve(imp);
            if (resolved.kind === 'ok') {
                result.push(resolved.document);
            }
        }
        return result;
    }

    private graph(): ImportGraph {
        return this.graphCache.get('graph', () => {
            const all = this.documents.all.toArray().sort((a, b) => compare(a.uri.toString(), b.uri.toString()));
            const direct = new Map<string, LangiumDocument<Model>[]>();
            const imports = new Map<string, Set<string>>();
            const importers = new Map<string, string[]>();
            for (const document of all) {
                const key = document.uri.toString();
                direct.set(key, this.resolveImports(document));
                imports.set(key, new Set(direct.get(key)!.map(d => d.uri.toString())));
                importers.set(key, []);
            }
            for (const [key, targets] of imports) {
                for (const imported of targets) {
                    importers.get(imported)?.push(key);
                }
            }
            const edges = new Map([...direct].map(([key, targets]) => [key, targets.map(d => d.uri.toString()).filter(uri => direct.has(uri))]));
            const { component, order } = stronglyConnectedComponents([...direct.keys()], edges);
            // Tarjan finishes a component after every component it reaches: one pass in that order fills `visible`.
            const visible: Set<string>[] = [];
            for (const members of order) {
                const index = component.get(members[0])!;
                const seen = new Set<string>(members);
                for (const member of members) {
                    for (const target of edges.get(member)!) {
                        const other = component.get(target)!;
                        if (other !== index) for (const uri of visible[other]) seen.add(uri);
                    }
                }
                visible[index] = seen;
            }
            return { direct, imports, importers, component, visible, pathsBack: new Map() };
        });
    }
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Tarjan's strongly connected components, iterative (no recursion: a chain of thousands of imports must not
 * overflow the stack). `nodes` and each edge list are URIs; returns each node's component number and the
 * components (member lists) in the order they were completed, which is a reverse topological order.
 */
function stronglyConnectedComponents(nodes: string[], edges: Map<string, string[]>): { component: Map<string, number>, order: string[][] } {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const component = new Map<string, number>();
    const order: string[][] = [];
    let counter = 0;
    for (const start of nodes) {
        if (index.has(start)) continue;
        const work: Array<{ node: string, next: number }> = [{ node: start, next: 0 }];
        index.set(start, counter);
        low.set(start, counter++);
        stack.push(start);
        onStack.add(start);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const targets = edges.get(frame.node)!;
            if (frame.next < targets.length) {
                const target = targets[frame.next++];
                if (!index.has(target)) {
                    index.set(target, counter);
                    low.set(target, counter++);
                    stack.push(target);
                    onStack.add(target);
                    work.push({ node: target, next: 0 });
                } else if (onStack.has(target)) {
                    low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const members: string[] = [];
                let member: string;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.set(member, order.length);
                    members.push(member);
                } while (member !== frame.node);
                order.push(members);
            }
        }
    }
    return { component, order };
}

/**
 * For every document of `origin`'s component, the next document on a shortest import path from it to `origin`
 * (a breadth-first walk backwards over importers, inside the component). Ties go to the importer first by URI.
 */
function shortestPathsTo(origin: string, graph: ImportGraph): Map<string, string> {
    const component = graph.component.get(origin);
    const next = new Map<string, string>();
    const queue = [origin];
    for (let at = 0; at < queue.length; at++) {
        const current = queue[at];
        for (const importer of graph.importers.get(current) ?? []) {
            if (importer !== origin && !next.has(importer) && graph.component.get(importer) === component) {
                next.set(importer, current);
                queue.push(importer);
            }
        }
    }
    return next;
}
