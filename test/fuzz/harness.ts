/**
 * The robustness harness (no half-typed or mutated spec may crash anything): builds an example workspace once, then
 * swaps the text of one of its files for a prefix or a mutation and runs, in-process, what a user can run on it:
 * validation (every rule and check), every generator in every format, every gate, the code-lens summaries, and every
 * LSP provider. An input fails when anything throws or a finding says `internal-error`. Used by
 * test/fuzz/fuzz.test.ts (a bounded slice) and test/fuzz/run.ts (`npm run fuzz`, the long run).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ResponseError } from 'vscode-languageserver';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem, NodeFileSystemProvider } from 'langium/node';
import type { BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import type { InterspecServices } from '../../language-server/lsp/interspec-lsp-module.js';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { collectFindings } from '../../language-server/model/findings.js';
import type { Model } from '../../language-server/language/generated/ast.js';
import {
    CHECKLIST_FORMATS, evaluateGate, generateChecklist, generateTestMatrix, loadGeneratorInput, MATRIX_FORMATS, specProblems,
    summarizeGates, summarizeInterfaces
} from '../../language-server/generators/index.js';

/** Reads edited text from memory, every other file from disk: the build sees an edit like the server does. */
class OverlayFileSystem extends NodeFileSystemProvider {
    readonly overlay = new Map<string, string>();
    override readFile(uri: URI): Promise<string> {
        const text = this.overlay.get(uri.fsPath);
        return text !== undefined ? Promise.resolve(text) : super.readFile(uri);
    }
    override readFileSync(uri: URI): string {
        return this.overlay.get(uri.fsPath) ?? super.readFileSync(uri);
    }
}

export interface Outcome {
    /** What threw, with where, or an internal-error finding; undefined when the input passed. */
    crash?: string;
    milliseconds: number;
}

/** One example workspace, built once, whose files the harness edits in memory. */
export class FuzzSession {
    private constructor(readonly root: string, readonly workspace: BuiltWorkspace<InterspecServices>, private readonly files: OverlayFileSystem) {}

    static async open(root: string): Promise<FuzzSession> {
        const files = new OverlayFileSystem();
        const workspace = await buildEditorWorkspace([root], { fileSystem: { fileSystemProvider: () => files } as unknown as typeof NodeFileSystem });
        workspace.shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
        return new FuzzSession(path.resolve(root), workspace, files);
    }

    /** The .ispec files of the workspace (absolute paths) with their text on disk. */
    specFiles(): Array<{ file: string, text: string }> {
        return readdirSync(this.root).filter(name => name.endsWith('.ispec')).sort()
            .map(name => ({ file: path.join(this.root, name), text: readFileSync(path.join(this.root, name), 'utf8') }));
    }

    /** Puts `text` in place of `file`, rebuilds what depends on it, runs everything, then puts the file back. */
    async exercise(file: string, text: string, options: { providers?: boolean, everyLine?: boolean, completeEveryLine?: boolean } = {}): Promise<Outcome> {
        const started = Date.now();
        const uri = URI.file(file);
        let step = 'build';
        // Langium catches some errors (resolving a reference, completing one) and logs them instead of throwing: a
        // logged error is a crash that the user sees as a missing answer.
        const logged: string[] = [];
        const consoleError = console.error;
        console.error = (...args: unknown[]) => { logged.push(`${step}: ${args.map(arg => arg instanceof Error ? arg.message : String(arg)).join(' ')}`); };
        try {
            this.files.overlay.set(file, text);
            await this.workspace.shared.workspace.DocumentBuilder.update([uri], []);
            const documents = this.workspace.shared.workspace.LangiumDocuments.all.toArray() as Array<LangiumDocument<Model>>;
            const findings = collectFindings(documents);
            const internal = findings.find(finding => finding.code === 'internal-error');
            if (internal) {
                return { crash: `internal-error finding at ${path.basename(internal.file)}:${internal.line}: ${internal.message}`, milliseconds: Date.now() - started };
            }
            step = 'generators';
            const input = await loadGeneratorInput(this.workspace.services, this.root);
            for (const format of MATRIX_FORMATS) {
                step = `matrix ${format}`;
                await generateTestMatrix(input, format);
            }
            for (const format of CHECKLIST_FORMATS) {
                step = `checklist ${format}`;
                await generateChecklist(input, undefined, format);
            }
            step = 'gates';
            const gates = [...summarizeGates(input).keys()];
            for (const gate of gates) {
                evaluateGate(input, gate);
            }
            summarizeInterfaces(input);
            const broken = specProblems(input);
            if (text !== readFileSync(file, 'utf8') && broken.length === 0 && /\S/.test(text) && findings.some(f => f.code === 'syntax')) {
                return { crash: 'a file with a syntax error left the spec unbroken', milliseconds: Date.now() - started };
            }
            if (options.providers !== false) {
                const document = this.workspace.shared.workspace.LangiumDocuments.getDocument(uri)!;
                step = 'providers';
                await exerciseProviders(this.workspace, document, text, options.everyLine === true, options.completeEveryLine === true);
            }
            return logged.length ? { crash: `logged an error: ${logged[0]}`, milliseconds: Date.now() - started } : { milliseconds: Date.now() - started };
        } catch (error) {
            const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error);
            return { crash: `${step}: ${detail}`, milliseconds: Date.now() - started };
        } finally {
            console.error = consoleError;
        }
    }

    /** Puts every file back as it is on disk. */
    async restore(): Promise<void> {
        const uris = [...this.files.overlay.keys()].map(file => URI.file(file));
        this.files.overlay.clear();
        await this.workspace.shared.workspace.DocumentBuilder.update(uris, []);
    }
}

/**
 * The text with everything after its imports inside one block comment, closed at the very end: completion read the
 * commented-out statements as if they were code and asked for references the tree could not hold.
 */
export function commentOutElements(text: string): string {
    const lines = text.split('\n');
    const afterImports = lines.reduce((last, line, index) => /^\s*import\s/.test(line) ? index + 1 : last, 0);
    // A comment inside would close it early: its `*/` is broken up.
    return [...lines.slice(0, afterImports), '/**', ...lines.slice(afterImports).map(line => line.replaceAll('*/', '* /')), ' */'].join('\n');
}

/** The text with every line written twice: every statement repeated, the first copy of each left out of the tree. */
export function doubleLines(text: string): string {
    return text.split('\n').map(line => `${line}\n${line}`).join('\n');
}

/**
 * Runs every LSP provider on the document at a few positions (with `everyLine`, also at each word of every line);
 * throws what a provider throws.
 */
async function exerciseProviders(workspace: BuiltWorkspace<InterspecServices>, document: LangiumDocument, text: string, everyLine: boolean, completeEveryLine: boolean): Promise<void> {
    const lsp = workspace.services.lsp;
    const textDocument = { uri: document.uri.toString() };
    const lines = text.split('\n');
    const positions = [
        { line: 0, character: 0 },
        { line: lines.length - 1, character: lines.at(-1)!.length },
        ...[0.25, 0.5, 0.75].map(at => {
            const line = Math.floor((lines.length - 1) * at);
            return { line, character: Math.floor(lines[line].length / 2) };
        })
    ];
    const run = async (name: string, call: () => unknown) => {
        try {
            await call();
        } catch (error) {
            // A ResponseError is the LSP's answer to a request it refuses (rename of a keyword): an answer, not a crash.
            if (error instanceof ResponseError) return;
            if (error instanceof Error) error.message = `${name}: ${error.message}`;
            throw error;
        }
    };
    for (const position of positions) {
        await run('hover', () => lsp.HoverProvider?.getHoverContent(document, { textDocument, position }));
        await run('completion', () => lsp.CompletionProvider?.getCompletion(document, { textDocument, position }));
        await run('definition', () => lsp.DefinitionProvider?.getDefinition(document, { textDocument, position }));
        await run('references', () => lsp.ReferencesProvider?.findReferences(document, { textDocument, position, context: { includeDeclaration: true } }));
        await run('rename', () => lsp.RenameProvider?.prepareRename(document, { textDocument, position }));
    }
    // Every word of every line: what maps text to declarations (completion, the slow one, in the loop below).
    const words = everyLine ? lines.flatMap((line, index) => [...line.matchAll(/\S+/g)].map(word => ({ line: index, character: word.index! + 1 }))) : [];
    for (const position of words) {
        await run('hover', () => lsp.HoverProvider?.getHoverContent(document, { textDocument, position }));
        await run('definition', () => lsp.DefinitionProvider?.getDefinition(document, { textDocument, position }));
        await run('references', () => lsp.ReferencesProvider?.findReferences(document, { textDocument, position, context: { includeDeclaration: true } }));
        await run('rename', () => lsp.RenameProvider?.prepareRename(document, { textDocument, position }));
    }
    // Completion at the first two words of every line: a keyword, and the value or name after it.
    const starts = completeEveryLine ? lines.flatMap((line, index) => [...line.matchAll(/\S+/g)].slice(0, 2).map(word => ({ line: index, character: word.index! + 1 }))) : [];
    for (const position of starts) {
        await run('completion', () => lsp.CompletionProvider?.getCompletion(document, { textDocument, position }));
    }
    await run('symbols', () => lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument }));
    await run('folding', () => lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument }));
    await run('formatting', () => lsp.Formatter?.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } }));
    await run('semantic tokens', () => lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument }));
    await run('code lens', () => lsp.CodeLensProvider?.provideCodeLens(document, { textDocument }));
    const diagnostics = document.diagnostics ?? [];
    const range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines.at(-1)!.length } };
    await run('code actions', () => lsp.CodeActionProvider?.getCodeActions(document, { textDocument, range, context: { diagnostics } }));
}

/** Offsets where a token starts or ends (whitespace and punctuation boundaries), ascending, with 0 and the end. */
export function tokenBoundaries(text: string): number[] {
    const offsets = new Set<number>([0, text.length]);
    const token = /"(?:[^"\\\n]|\\.)*"?|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|\([0-9A-Fa-f]{4},[0-9A-Fa-f]{4}\)|[A-Za-z0-9_.^\-+%/:]+|->|\S/g;
    for (const match of text.matchAll(token)) {
        offsets.add(match.index!);
        offsets.add(match.index! + match[0].length);
    }
    return [...offsets].sort((a, b) => a - b);
}

/** Text fragments mutations insert: keywords and punctuation of the language, and a few hostile strings. */
const FRAGMENTS = [
    '{', '}', '"', '->', ',', '(', ')', 'on', 'interface', 'gate', 'site', 'standard', 'metric', 'message', 'codes', 'units',
    'identifier authority', 'suppress', 'import', 'owner', 'sites', 'criterion', 'monitor', '2.5.1', 'HL7v2', '(0010,0020)',
    'PID-3', '\n', ' ', '/*', '*/', '//', 'TODO', '""', 'baseline', 'device', 'question', 'covers', 'evidence', 'x'.repeat(200)
];

/** A mutation of `text`: a few edits (delete a span, duplicate a line, insert a fragment, swap two lines). */
export function mutationArbitrary(text: string): fc.Arbitrary<string> {
    const edit = fc.oneof(
        fc.tuple(fc.constant('delete' as const), fc.nat(text.length), fc.nat(80)),
        fc.tuple(fc.constant('insert' as const), fc.nat(text.length), fc.nat(FRAGMENTS.length - 1)),
        fc.tuple(fc.constant('duplicate' as const), fc.nat(10_000), fc.nat(0)),
        fc.tuple(fc.constant('swap' as const), fc.nat(10_000), fc.nat(10_000))
    );
    return fc.array(edit, { minLength: 1, maxLength: 4 }).map(edits => {
        let result = text;
        for (const [kind, a, b] of edits) {
            const at = Math.min(a, result.length);
            if (kind === 'delete') {
                result = result.slice(0, at) + result.slice(at + b);
            } else if (kind === 'insert') {
                result = `${result.slice(0, at)} ${FRAGMENTS[b]} ${result.slice(at)}`;
            } else {
                const lines = result.split('\n');
                const i = a % lines.length;
                if (kind === 'duplicate') {
                    lines.splice(i, 0, lines[i]);
                } else {
                    const j = b % lines.length;
                    [lines[i], lines[j]] = [lines[j], lines[i]];
                }
                result = lines.join('\n');
            }
        }
        return result;
    });
}

/** Every example workspace (a folder of examples/ with an interspec.yaml). */
export function exampleWorkspaces(repo: string): string[] {
    const folder = path.join(repo, 'examples');
    return readdirSync(folder, { withFileTypes: true })
        .filter(entry => entry.isDirectory() && readdirSync(path.join(folder, entry.name)).includes('interspec.yaml'))
        .map(entry => path.join(folder, entry.name)).sort();
}

/**
 * The text with every statement cut after its first `words` words (a keyword and maybe a name): the value a
 * statement is about to get is missing everywhere at once, as in a half-typed file. Lines that open or close a
 * block keep their braces so the structure around the cut statements stays.
 */
export function cutStatements(text: string, words: number): string {
    return text.split('\n').map(line => {
        const match = new RegExp(`^(\\s*(?:\\S+\\s+){0,${words - 1}}\\S+)`).exec(line);
        if (!match || /^\s*(\/\/|\/\*|\*)/.test(line)) return line;
        const opens = (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
        const head = match[1].replace(/[{}]/g, '');
        return head + (opens > 0 ? ' {'.repeat(opens) : opens < 0 ? ' }'.repeat(-opens) : '');
    }).join('\n');
}
