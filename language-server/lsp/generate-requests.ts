import { AstUtils, GrammarUtils, URI } from 'langium';
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { Gate } from '../language/generated/ast.js';
import {
    CHECKLIST_FORMATS, generateChecklist, generateTestMatrix, loadGeneratorInput, MATRIX_FORMATS,
    UnknownGateError, type GeneratorInput, type OutputOptions
} from '../generators/index.js';
import { readBuiltWorkspace } from './built-workspace.js';
import type { InterspecServices, InterspecSharedServices } from './interspec-lsp-module.js';
import { refName, type WorkspaceIndex } from '../model/workspace-index.js';
import {
    ChecklistRequest, GatesRequest, TestMatrixRequest, type ChecklistParams, type GateInfo, type GatesResult, type GenerateResult,
    type TestMatrixParams
} from '../protocol/index.js';

/**
 * The custom requests the editor's previews and generate commands use (their params and results are in
 * protocol/requests.ts): the test matrix and the checklist of the workspace root the given document belongs to,
 * from the core generators, and its gates, from the workspace index, once the workspace is validated. Params come
 * from any client: each is checked here.
 */
export function registerGenerateRequests(connection: Connection, shared: InterspecSharedServices, Interspec: InterspecServices): void {
    /** Generates from the built root of `params.uri`; no edit re-parses a document meanwhile (see readBuiltWorkspace). */
    const generate = <T>(params: TestMatrixParams | ChecklistParams, token: CancellationToken, output: (input: GeneratorInput) => Promise<T>) => {
        if (typeof params?.uri !== 'string' || typeof params.format !== 'string') {
            throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri: string, format: string, gate?: string }');
        }
        const root = shared.interspec.Workspace.rootOf(URI.parse(params.uri));
        // The samples' one run of this state (the one diagnostics and code lenses read), asked before the read lock it takes too.
        return Interspec.editor.SampleResults.observationsFor(root).then(samples => readBuiltWorkspace(shared, token, async () =>
            ({ root, content: await output(await loadGeneratorInput(Interspec, root, { samples: samples() })) })));
    };
    const checkFormat = <T extends string>(format: string, formats: readonly T[]): T => {
        if (!formats.includes(format as T)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `unknown format '${format}'; expected ${formats.join(', ')}`);
        }
        return format as T;
    };

    connection.onRequest(TestMatrixRequest, async (params, token): Promise<GenerateResult> => {
        const format = checkFormat(params?.format, MATRIX_FORMATS);
        return generate(params, token, input => generateTestMatrix(input, format, outputOptions(params)));
    });
    connection.onRequest(ChecklistRequest, async (params, token): Promise<GenerateResult> => {
        const format = checkFormat(params?.format, CHECKLIST_FORMATS);
        try {
            return await generate(params, token, input => generateChecklist(input, params.gate || undefined, format, outputOptions(params)));
        } catch (error) {
            if (error instanceof UnknownGateError) {
                throw new ResponseError(ErrorCodes.InvalidParams, error.message);
            }
            throw error;
        }
    });
    connection.onRequest(GatesRequest, async (params, token): Promise<GatesResult> => {
        if (typeof params?.uri !== 'string') {
            throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri: string }');
        }
        return readBuiltWorkspace(shared, token, () => {
            const root = shared.interspec.Workspace.rootOf(URI.parse(params.uri));
            const index = Interspec.engine.WorkspaceIndexes.indexOf(root);
            return { root, gates: index.sorted.gates.map(gate => gateInfo(index, gate)) };
        });
    });
}

/**
 * The webview part of the params, when it has the expected shape (a nonce of base64 characters; a focus that is an
 * element name or a dotted checklist id).
 */
function outputOptions(params: TestMatrixParams | ChecklistParams): OutputOptions {
    const webview = params.webview;
    if (webview && typeof webview.nonce === 'string' && /^[A-Za-z0-9+/=]{8,}$/.test(webview.nonce) && typeof webview.contentSecurityPolicy === 'string') {
        const focus = typeof webview.focus === 'string' && /^[_a-zA-Z][\w.-]*$/.test(webview.focus) ? webview.focus : undefined;
        return { webview: { nonce: webview.nonce, contentSecurityPolicy: webview.contentSecurityPolicy, ...(focus ? { focus } : {}) } };
    }
    return {};
}

/** A gate as the gates request lists it: its name, title and sites as written, and where its name is. */
function gateInfo(index: WorkspaceIndex, gate: Gate): GateInfo {
    const document = AstUtils.getDocument(gate);
    const range = (GrammarUtils.findNodeForProperty(gate.$cstNode, 'name') ?? gate.$cstNode)?.range
        ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return {
        name: gate.name,
        ...(gate.title ? { title: gate.title } : {}),
        sites: gate.sites.map(refName).filter((name): name is string => !!name),
        file: index.locate(gate).file,
        location: { uri: document.uri.toString(), range: { start: { ...range.start }, end: { ...range.end } } }
    };
}
