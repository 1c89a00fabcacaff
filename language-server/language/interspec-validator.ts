import {
    AstUtils, GrammarAST, isCompositeCstNode, WorkspaceCache, type AstNode, type AstNodeDescription, type AstNodeLocator, type CstNode,
    type IndexManager, type ValidationAcceptor, type ValidationChecks
} from 'langium';
import type { CodeMap, InterspecAstType, Import, Model, ProfileSegment, ServiceHours } from './generated/ast.js';
import { isReadableWindow } from '../model/service-hours.js';
import type { InterspecImports } from './interspec-imports.js';
import type { InterspecCoreServices } from './interspec-module.js';
import { relativeToRoot } from './interspec-paths.js';
import type { InterspecWorkspace } from './interspec-workspace.js';

// The codes of structural errors are described with every other code that is not a rule in the catalogue.
import { StructuralIssue } from '../model/finding-codes.js';
export { StructuralIssue };

/** Local (nested) elements whose names must be unique within their container, by container property. */
const LOCAL_NAME_PROPERTIES: Record<string, string[]> = {
    Site: ['deviations'],
    Baseline: ['devices'],
    Gate: ['criteria'],
    Monitor: ['metrics'],
    Message: []
};

/** How each kind of top-level element reads in a sentence. */
const KIND_WITH_ARTICLE: Record<string, string> = {
    Team: 'a team', Role: 'a role', System: 'a system', Site: 'a site', Data: 'a data set',
    Interface: 'an interface', Gate: 'a gate', Change: 'a change', CodeTable: 'a code table',
    Profile: 'a conformance profile'
};

/** The kinds of top-level element that share one namespace per workspace. */
const TOP_LEVEL_TYPES = ['Team', 'Role', 'System', 'Site', 'Data', 'Interface', 'Gate', 'Change', 'CodeTable', 'Profile'];

export function registerValidationChecks(services: InterspecCoreServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.InterspecValidator;
    const checks: ValidationChecks<InterspecAstType> = {
        Model: [validator.checkImports, validator.checkRepeatedStatements],
        Team: validator.checkUniqueName,
        Role: validator.checkUniqueName,
        System: validator.checkUniqueName,
        Site: [validator.checkUniqueName, validator.checkLocalNames],
        Data: validator.checkUniqueName,
        Interface: [validator.checkUniqueName, validator.checkMessages],
        Gate: [validator.checkUniqueName, validator.checkLocalNames],
        Change: validator.checkUniqueName,
        CodeTable: validator.checkUniqueName,
        Profile: validator.checkUniqueName,
        ProfileSegment: validator.checkProfileFields,
        Baseline: validator.checkLocalNames,
        Monitor: validator.checkLocalNames,
        CodeMap: validator.checkCodeMap,
        ServiceHours: validator.checkServiceHours
    };
    registry.register(checks, validator);
}

/**
 * Structural checks: problems that make a specification ambiguous or unreadable. They are always errors and
 * are not configurable rules (those live in `rules/`).
 */
export class InterspecValidator {
    private readonly imports: InterspecImports;
    private readonly indexManager: IndexManager;
    private readonly workspace: InterspecWorkspace;
    private readonly locator: AstNodeLocator;
    private readonly nameIndex: WorkspaceCache<string, Map<string, AstNodeDescription[]>>;

    constructor(services: InterspecCoreServices) {
        this.nameIndex = new WorkspaceCache(services.shared);
        this.locator = services.workspace.AstNodeLocator;
        this.imports = services.imports;
        this.indexManager = services.shared.workspace.IndexManager;
        this.workspace = services.shared.interspec.Workspace;
    }

    /** Top-level names are unique in the whole workspace, whatever their kind, so a name always means one thing. */
    checkUniqueName(node: AstNode & { name: string }, accept: ValidationAcceptor): void {
        if (!node.name) {
            return;
        }
        const document = AstUtils.getDocument(node);
        const root = this.workspace.rootOf(document.uri);
        const ownUri = document.uri.toString();
        const ownPath = this.locator.getAstNodePath(node);
        const other = (this.namesByRoot(root).get(node.name) ?? [])
            .find(d => !(d.documentUri.toString() === ownUri && d.path === ownPath));
        if (other) {
            const line = other.nameSegment ? other.nameSegment.range.start.line + 1 : undefined;
            const where = `${relativeToRoot(root, other.documentUri.fsPath)}${line ? `:${line}` : ''}`;
            accept('error', `Duplicate name '${node.name}': ${KIND_WITH_ARTICLE[other.type] ?? other.type} of that name is also declared at ${where}. Names must be unique in the workspace.`, {
                node, property: 'name', code: StructuralIssue.DuplicateName
            });
        }
    }

    /**
     * The top-level names of one workspace root, indexed once per workspace state: looking each element up in
     * the whole index would make a build quadratic in the number of elements.
     */
    private namesByRoot(root: string): Map<string, AstNodeDescription[]> {
        return this.nameIndex.get(root, () => {
            const names = new Map<string, AstNodeDescription[]>();
            const rootOfUri = new Map<string, string>();
            for (const description of this.indexManager.allElements()) {
                if (!TOP_LEVEL_TYPES.includes(description.type)) {
                    continue;
                }
                const uri = description.documentUri.toString();
                let descriptionRoot = rootOfUri.get(uri);
                if (descriptionRoot === undefined) {
                    descriptionRoot = this.workspace.rootOf(description.documentUri);
                    rootOfUri.set(uri, descriptionRoot);
                }
                if (descriptionRoot === root) {
                    names.set(description.name, [...names.get(description.name) ?? [], description]);
                }
            }
            // The index lists documents in the order they were last (re)indexed, which depends on the edit
            // history; order duplicates by file so a finding cites the same "other" declaration every time.
            for (const list of names.values()) {
                if (list.length > 1) {
                    list.sort((a, b) => a.documentUri.fsPath < b.documentUri.fsPath ? -1 : a.documentUri.fsPath > b.documentUri.fsPath ? 1 : 0);
                }
            }
            return names;
        });
    }

    /** Nested names (criteria of a gate, devices of a baseline, deviations of a site, metrics) are unique in their parent. */
    checkLocalNames(node: AstNode, accept: ValidationAcceptor): void {
        for (const property of LOCAL_NAME_PROPERTIES[node.$type] ?? []) {
            const seen = new Set<string>();
            for (const child of (node as unknown as Record<string, Array<AstNode & { name: string }>>)[property] ?? []) {
                if (seen.has(child.name)) {
                    accept('error', `'${child.name}' is declared twice in this ${node.$type.toLowerCase()}.`, {
                        node: child, property: 'name', code: StructuralIssue.DuplicateLocalName
                    });
                }
                seen.add(child.name);
            }
        }
    }

    /** A message type is declared once per interface; its mappings are then unambiguous. */
    checkMessages(node: AstNode & { messages: Array<AstNode & { type: string }> }, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const message of node.messages) {
            if (seen.has(message.type)) {
                accept('error', `Message '${message.type}' is declared twice in this interface; merge the two blocks.`, {
                    node: message, property: 'type', code: StructuralIssue.DuplicateLocalName
                });
            }
            seen.add(message.type);
        }
    }

    /** A profile's segment lists each field position once: two usages for one field would contradict each other. */
    checkProfileFields(node: ProfileSegment, accept: ValidationAcceptor): void {
        const seen = new Set<number>();
        for (const field of node.fields) {
            if (seen.has(field.position)) {
                accept('error', `Field ${node.name}-${field.position} is listed twice in this profile segment; keep one.`, {
                    node: field, property: 'position', code: StructuralIssue.DuplicateLocalName
                });
            }
            seen.add(field.position);
        }
    }

    /** A code map that sends one source code to two targets is ambiguous. */
    checkCodeMap(node: CodeMap, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const entry of node.entries) {
            const code = String(entry.source);
            if (seen.has(code)) {
                accept('error', `Code '${code}' is mapped twice.`, { node: entry, property: 'source', code: StructuralIssue.DuplicateLocalName });
            }
            seen.add(code);
        }
    }

    /**
     * A statement that sets one value, written twice, would silently lose the first; say so at the second.
     * One pass over the concrete syntax tree: every CST node produced by a single-valued assignment (`=`, `?=`)
     * is counted against the AST node that owns the assignment.
     */
    /** `hours "<text>"` names days or clock ranges the checks can read (else they would take it as unstated). */
    checkServiceHours(node: ServiceHours, accept: ValidationAcceptor): void {
        if (node.window !== undefined && !isReadableWindow(node.window)) {
            accept('error', `'hours ${node.window}' names no days or clock ranges; write \`hours 24x7\` or days and local clock ranges, e.g. \`hours "Mon-Fri 07:00-19:00, Sat 08:00-12:00"\`.`, {
                node, property: 'window', code: StructuralIssue.UnreadableHours
            });
        }
    }

    checkRepeatedStatements(model: Model, accept: ValidationAcceptor): void {
        for (const element of [...model.imports, ...model.elements]) {
            for (const { owner, feature, nodes } of repeatedStatements(element)) {
                accept('error', `'${feature}' is given ${nodes.length} times here; keep one.`, {
                    node: owner, range: nodes[1].range, code: StructuralIssue.RepeatedStatement
                });
            }
        }
    }

    checkImports(model: Model, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const imp of model.imports.filter(imp => imp.path !== undefined)) {
            const resolved = this.imports.resolve(imp);
            const key = resolved.uri.toString();
            if (seen.has(key)) {
                accept('error', `'${imp.path}' is imported twice.`, { node: imp, property: 'path', code: StructuralIssue.ImportDuplicate });
                continue;
            }
            seen.add(key);
            this.checkImport(imp, accept);
        }
    }

    private checkImport(imp: Import, accept: ValidationAcceptor): void {
        const resolved = this.imports.resolve(imp);
        switch (resolved.kind) {
            case 'outside-root':
                accept('error', `Import '${imp.path}' leaves the workspace root (${resolved.root}); a spec may only import files inside its workspace.`, {
                    node: imp, property: 'path', code: StructuralIssue.ImportOutsideRoot
                });
                return;
            case 'not-ispec':
                accept('error', `Import '${imp.path}' is not an .ispec file.`, { node: imp, property: 'path', code: StructuralIssue.ImportNotIspec });
                return;
            case 'missing':
                accept('error', `Cannot find '${imp.path}' (looked for ${relativeToRoot(this.workspace.rootOf(AstUtils.getDocument(imp).uri), resolved.uri.fsPath)}).`, {
                    node: imp, property: 'path', code: StructuralIssue.ImportMissing
                });
                return;
            case 'ok': {
                const cycle = this.imports.findCycle(imp);
                if (cycle) {
                    const root = this.workspace.rootOf(resolved.uri);
                    const chain = cycle.map(d => relativeToRoot(root, d.uri.fsPath)).join(' -> ');
                    accept('error', `Import cycle: ${chain}. Move the shared elements into a file both can import.`, {
                        node: imp, property: 'path', code: StructuralIssue.ImportCycle
                    });
                }
            }
        }
    }
}

/**
 * The assignment a CST node was produced for, if the node stands directly for the assigned value: a keyword,
 * a terminal, a cross-reference or a rule call inside the assignment. Tokens inside a datatype rule belong to
 * that rule, not to an assignment, and give undefined.
 */
function directAssignment(cst: CstNode): GrammarAST.Assignment | undefined {
    const source = cst.grammarSource;
    if (!source) {
        return undefined;
    }
    // The answer depends on the grammar element only: a spec's 100,000 CST nodes come from a few hundred of them.
    let assignment = ASSIGNMENT_OF.get(source);
    if (assignment === undefined) {
        assignment = null;
        for (let element: AstNode | undefined = source; element; element = element.$container) {
            if (GrammarAST.isAssignment(element)) {
                assignment = element;
                break;
            }
            if (GrammarAST.isParserRule(element)) {
                break;
            }
        }
        ASSIGNMENT_OF.set(source, assignment);
    }
    return assignment ?? undefined;
}

const ASSIGNMENT_OF = new WeakMap<AstNode, GrammarAST.Assignment | null>();

/** Per top-level element, its repeated statements: an element an edit did not touch (region parsing reuses it) is not walked again. */
const REPEATED = new WeakMap<AstNode, Array<{ owner: AstNode, feature: string, nodes: CstNode[] }>>();

/**
 * The single-valued assignments (`=`, `?=`) given more than once in one top-level element, in CST order: every CST
 * node an assignment produced, counted against the AST node that owns the assignment. CST nodes, not ranges, are
 * kept: a reused element's nodes move with the text around it.
 */
function repeatedStatements(element: AstNode): Array<{ owner: AstNode, feature: string, nodes: CstNode[] }> {
    const cached = REPEATED.get(element);
    if (cached) {
        return cached;
    }
    const counts = new Map<AstNode, Map<string, CstNode[]>>();
    // A plain pre-order walk: Langium's generic tree stream costs more than the work done at each node.
    const stack: CstNode[] = element.$cstNode ? [element.$cstNode] : [];
    while (stack.length > 0) {
        const cst = stack.pop()!;
        if (isCompositeCstNode(cst)) {
            for (let i = cst.content.length - 1; i >= 0; i--) stack.push(cst.content[i]);
        }
        const assignment = directAssignment(cst);
        if (!assignment || assignment.operator === '+=') {
            continue;
        }
        // A sub-rule call that creates a node (`standard=Standard`) is owned by the node around it.
        const owner = cst.container && cst.container.astNode !== cst.astNode ? cst.container.astNode : cst.astNode;
        let byFeature = counts.get(owner);
        if (!byFeature) {
            byFeature = new Map<string, CstNode[]>();
            counts.set(owner, byFeature);
        }
        const nodes = byFeature.get(assignment.feature);
        if (nodes) nodes.push(cst);
        else byFeature.set(assignment.feature, [cst]);
    }
    const repeated: Array<{ owner: AstNode, feature: string, nodes: CstNode[] }> = [];
    for (const [owner, byFeature] of counts) {
        for (const [feature, nodes] of byFeature) {
            if (nodes.length > 1) repeated.push({ owner, feature, nodes });
        }
    }
    REPEATED.set(element, repeated);
    return repeated;
}
