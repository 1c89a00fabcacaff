import { DocumentState, URI } from 'langium';
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import {
    CHECKLIST_FORMATS, generateChecklist, generateTestMatrix, loadGeneratorInput, MATRIX_FORMATS,
    UnknownGateError, type ChecklistFormat, type MatrixFormat, type OutputOptions
} from '../generators/index.js';
import type { InterspecServices, InterspecSharedServices } from './interspec-lsp-module.js';

/**
 * Params of `interspec/testMatrix` and `interspec/checklist`: any document of the workspace, the format, a gate, and
 * for the editor's preview (format html) the webview's nonce and Content Security Policy.
 */
export interface GenerateParams { uri: string, format: string, gate?: string, webview?: { nonce: string, contentSecurityPolicy: string, focus?: string } }
export interface GenerateResult { content: string, root: string }

/**
 * The custom requests the editor's previews and generate commands use: the test matrix and the checklist of the
 * workspace root the given document belongs to, from the core generators, once the workspace is validated.
 */
export function registerGenerateRequests(connection: Connection, shared: InterspecSharedServices, Interspec: InterspecServices): void {
    const inputFor = async (params: GenerateParams, token: CancellationToken) => {
        if (typeof params?.uri !== 'string' || typeof params.format !== 'string') {
            throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri: string, format: string, gate?: string }');
        }
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        const root = shared.interspec.Workspace.rootOf(URI.parse(params.uri));
        return { root, input: await loadGeneratorInput(Interspec, root) };
    };
    const checkFormat = <T extends string>(format: string, formats: readonly T[]): T => {
        if (!formats.includes(format as T)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `unknown format '${format}'; expected ${formats.join(', ')}`);
        }
        return format as T;
    };

    connection.onRequest('interspec/testMatrix', async (params: GenerateParams, token: CancellationToken): Promise<GenerateResult> => {
        const format = checkFormat<MatrixFormat>(params?.format, MATRIX_FORMATS);
        const { root, input } = await inputFor(params, token);
        return { content: await generateTestMatrix(input, format, outputOptions(params)), root };
    });
    connection.onRequest('interspec/checklist', async (params: GenerateParams, token: CancellationToken): Promise<GenerateResult> => {
        const format = checkFormat<ChecklistFormat>(params?.format, CHECKLIST_FORMATS);
        const { root, input } = await inputFor(params, token);
        try {
            return { content: await generateChecklist(input, params.gate || undefined, format, outputOptions(params)), root };
        } catch (error) {
            if (error instanceof UnknownGateError) {
                throw new ResponseError(ErrorCodes.InvalidParams, error.message);
            }
            throw error;
        }
    });
}

/**
 * The webview part of the params, when it has the expected shape (a nonce of base64 characters; a focus that is an
 * element name or a dotted checklist id).
 */
function outputOptions(params: GenerateParams): OutputOptions {
    const webview = params.webview;
    if (webview && typeof webview.nonce === 'string' && /^[A-Za-z0-9+/=]{8,}$/.test(webview.nonce) && typeof webview.contentSecurityPolicy === 'string') {
        const focus = typeof webview.focus === 'string' && /^[_a-zA-Z][\w.-]*$/.test(webview.focus) ? webview.focus : undefined;
        return { webview: { nonce: webview.nonce, contentSecurityPolicy: webview.contentSecurityPolicy, ...(focus ? { focus } : {}) } };
    }
    return {};
}
