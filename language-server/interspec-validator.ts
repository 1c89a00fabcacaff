import {
    AstUtils, GrammarUtils, type AstNode, type AstNodeLocator, type IndexManager, type ValidationAcceptor, type ValidationChecks
} from 'langium';
import type { CodeMap, InterspecAstType, Import, Model } from './generated/ast.js';
import type { InterspecImports } from './interspec-imports.js';
import type { InterspecServices } from './interspec-module.js';
import { relativeToRoot } from './interspec-paths.js';
import type { InterspecWorkspace } from './interspec-workspace.js';

/** Issue codes of structural errors, used by quick fixes and tests. */
export const StructuralIssue = {
    DuplicateName: 'duplicate-name',
    DuplicateLocalName: 'duplicate-local-name',
    RepeatedStatement: 'repeated-statement',
    ImportMissing: 'import-missing',
    ImportOutsideRoot: 'import-outside-root',
    ImportNotIspec: 'import-not-ispec',
    ImportCycle: 'import-cycle',
    ImportDuplicate: 'import-duplicate'
} as const;

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
    Interface: 'an interface', Gate: 'a gate', Change: 'a change'
};

/** The kinds of top-level element that share one namespace per workspace. */
const TOP_LEVEL_TYPES = ['Team', 'Role', 'System', 'Site', 'Data', 'Interface', 'Gate', 'Change'];

export function registerValidationChecks(services: InterspecServices): void {
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
        Baseline: validator.checkLocalNames,
        Monitor: validator.checkLocalNames,
        CodeMap: validator.checkCodeMap
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

    constructor(services: InterspecServices) {
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
        const ownPath = this.locator.getAstNodePath(node);
        const others = this.indexManager.allElements()
            .filter(d => d.name === node.name && TOP_LEVEL_TYPES.includes(d.type))
            .filter(d => this.workspace.rootOf(d.documentUri) === root)
            .filter(d => !(d.documentUri.toString() === document.uri.toString() && d.path === ownPath))
            .toArray();
        if (others.length > 0) {
            const other = others[0];
            const line = other.nameSegment ? other.nameSegment.range.start.line + 1 : undefined;
            const where = `${relativeToRoot(root, other.documentUri.fsPath)}${line ? `:${line}` : ''}`;
            accept('error', `Duplicate name '${node.name}': ${KIND_WITH_ARTICLE[other.type] ?? other.type} of that name is also declared at ${where}. Names must be unique in the workspace.`, {
                node, property: 'name', code: StructuralIssue.DuplicateName
            });
        }
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
     * A statement that sets one value (an owner of a system aside, which rules check) written twice would
     * silently lose the first; say so at the second.
     */
    checkRepeatedStatements(model: Model, accept: ValidationAcceptor): void {
        for (const node of AstUtils.streamAst(model)) {
            for (const [property, value] of Object.entries(node)) {
                if (property.startsWith('$') || value === undefined || Array.isArray(value)) {
                    continue;
                }
                const cstNodes = GrammarUtils.findNodesForProperty(node.$cstNode, property);
                if (cstNodes.length > 1) {
                    accept('error', `'${property}' is given ${cstNodes.length} times here; keep one.`, {
                        node, range: cstNodes[1].range, code: StructuralIssue.RepeatedStatement
                    });
                }
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
