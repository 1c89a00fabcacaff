import {
    AstUtils, DefaultDocumentValidator, interruptAndCheck, isOperationCancelled, stream, ValidationRegistry, type Stream, type AstNode, type LangiumDocument, type MaybePromise,
    type ValidationAcceptor, type ValidationCheck, type ValidationCategory, type ValidationOptions
} from 'langium';
import { CancellationToken, type Diagnostic } from 'vscode-languageserver';
import { findingCode } from '../model/findings.js';
import { perElement } from '../util/per-element.js';
import type { InterspecCoreServices } from './interspec-module.js';
import { findingDocUrl } from '../rules/rule-doc-urls.js';
import { elementLabel, EngineIssue } from '../engine/rule-runner.js';

type DiagnosticInfo = Parameters<DefaultDocumentValidator['toDiagnostic']>[2];

/**
 * Validation that never reports on what the parser had to guess: a line with a lexer or parser error gets those
 * syntax errors only. Checks (rules and structural checks) that report on an element whose text spans such a line
 * are dropped, since error recovery may have invented or cut that element; unresolved references are dropped
 * when the reference itself is on such a line. The findings come back once the line parses.
 */
export class InterspecDocumentValidator extends DefaultDocumentValidator {
    private readonly nodeOf = new WeakMap<Diagnostic, AstNode>();
    private readonly registry: InterspecValidationRegistry;
    /** The nodes of an element's subtree (itself included) whose type has any check, in walk order. */
    private readonly checkedNodesOf = perElement(element =>
        AstUtils.streamAst(element).filter(node => this.registry.checksOf(node.$type).length > 0).toArray());

    constructor(services: InterspecCoreServices) {
        super(services);
        this.registry = services.validation.ValidationRegistry as InterspecValidationRegistry;
    }

    /**
     * Gives every diagnostic a `code` and a `codeDescription.href` (its rule's page, or the structural problems
     * section for syntax, unresolved names and imports), so the code in the editor's Problems panel is a link to
     * what the finding means and how to fix it. The code is the one the CLI reports (`findingCode`).
     */
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const code = typeof diagnostic.code === 'string' ? diagnostic.code : findingCode(diagnostic);
            diagnostic.code ??= code;
            diagnostic.codeDescription ??= { href: findingDocUrl(code) };
        }
        return diagnostics;
    }

    protected override toDiagnostic(severity: 'error' | 'warning' | 'info' | 'hint', message: string, info: DiagnosticInfo): Diagnostic {
        const diagnostic = super.toDiagnostic(severity, message, info);
        this.nodeOf.set(diagnostic, info.node);
        return diagnostic;
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const lines = syntaxErrorLines(document);
        const found: Diagnostic[] = [];
        super.processLinkingErrors(document, found, options);
        diagnostics.push(...found.filter(diagnostic => !spansAny(diagnostic.range.start.line, diagnostic.range.end.line, lines)));
    }

    /**
     * Langium's walk, without its per-node costs: only the nodes whose type has checks are visited (most types have
     * none), listed once per top-level element (region parsing keeps an element an edit did not touch as the same
     * object, and an element never changes after its parse); the walk yields to the event loop, and notices a
     * cancelled build, every 200 checked nodes rather than awaiting at each of the 100,000 nodes of a 10,000-line spec.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        let visited = 0;
        const visit = async (node: AstNode) => {
            if (++visited % 200 === 0) {
                await interruptAndCheck(cancelToken);
            }
            for (const check of this.registry.checksOf(node.$type, options.categories)) {
                await check(node, acceptor, cancelToken);
            }
        };
        await visit(rootNode);
        for (const element of AstUtils.streamContents(rootNode)) {
            for (const node of this.checkedNodesOf(element)) {
                await visit(node);
            }
        }
    }

    override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateAst(rootNode, options, cancelToken);
        const document = rootNode.$document;
        const lines = document ? syntaxErrorLines(document) : new Set<number>();
        if (!lines.size) {
            return diagnostics;
        }
        return diagnostics.filter(diagnostic => {
            if (diagnostic.code === EngineIssue.InternalError) {
                return true;
            }
            const range = this.nodeOf.get(diagnostic)?.$cstNode?.range ?? diagnostic.range;
            return !spansAny(range.start.line, range.end.line, lines);
        });
    }
}

/** The 0-based lines that hold a lexer or parser error (an error at the end of input counts on the last line). */
export function syntaxErrorLines(document: LangiumDocument): Set<number> {
    const text = document.textDocument;
    const lines = new Set<number>();
    const { lexerErrors, parserErrors } = document.parseResult;
    for (const error of lexerErrors) {
        const start = text.positionAt(error.offset).line;
        const end = text.positionAt(error.offset + Math.max(error.length, 0)).line;
        for (let line = start; line <= end; line++) lines.add(line);
    }
    for (const error of parserErrors) {
        const token = error.token;
        if (Number.isNaN(token.startOffset) || token.startOffset === undefined) {
            // End of input: recovery closed whatever was still open, so the last line is where the guess is.
            lines.add(text.lineCount - 1);
            const previous = (error as { previousToken?: { endOffset?: number } }).previousToken?.endOffset;
            if (typeof previous === 'number' && !Number.isNaN(previous)) lines.add(text.positionAt(previous).line);
            continue;
        }
        const start = text.positionAt(token.startOffset).line;
        const end = text.positionAt(token.endOffset ?? token.startOffset).line;
        for (let line = start; line <= end; line++) lines.add(line);
    }
    return lines;
}

function spansAny(start: number, end: number, lines: ReadonlySet<number>): boolean {
    for (const line of lines) {
        if (line >= start && line <= end) return true;
    }
    return false;
}

/**
 * A check that throws is a defect; it becomes one `internal-error` finding on the element it was checking,
 * and every other check still runs. No stack trace goes to the terminal (set INTERSPEC_DEBUG to see it).
 */
export class InterspecValidationRegistry extends ValidationRegistry {
    /** The checks of a node type per category list, as an array: validation asks for every node of a document. */
    private readonly checksByType = new Map<string, ValidationCheck[]>();

    constructor(services: InterspecCoreServices) {
        super(services);
    }

    /** The checks of a node type (and of every node), restricted to the categories when given. */
    checksOf(type: string, categories?: ValidationCategory[]): readonly ValidationCheck[] {
        const key = categories ? `${type}\u0000${categories.join(',')}` : type;
        let checks = this.checksByType.get(key);
        if (!checks) {
            checks = super.getChecks(type, categories).toArray();
            this.checksByType.set(key, checks);
        }
        return checks;
    }

    override getChecks(type: string, categories?: ValidationCategory[]): Stream<ValidationCheck> {
        return stream(this.checksOf(type, categories));
    }

    protected override addEntry(type: string, entry: Parameters<ValidationRegistry['addEntry']>[1]): void {
        super.addEntry(type, entry);
        this.checksByType.clear();
    }

    protected override async handleException(functionality: () => MaybePromise<void>, messageContext: string, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            if (isOperationCancelled(error)) {
                throw error;
            }
            if (process.env.INTERSPEC_DEBUG) {
                console.error(`${messageContext}:`, error);
            }
            const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
            accept('error', `Internal error: a check failed on ${elementLabel(node)} (${detail}). This is a defect in Interspec; please report it with this file. The other checks still ran.`, {
                node, code: EngineIssue.InternalError
            });
        }
    }
}
