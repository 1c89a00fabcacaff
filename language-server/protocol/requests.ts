import { RequestType } from 'vscode-languageserver-protocol';
import type { ChecklistFormat, MatrixFormat } from './formats.js';

/**
 * The custom requests of the Interspec language server. Each works on the workspace root the given document
 * belongs to (any document of it), once the workspace is validated; the server answers params of the wrong shape
 * with an `InvalidParams` error.
 */

/** For the editor's preview (format html): the webview's nonce and Content Security Policy, and where to scroll. */
export interface WebviewOptions {
    nonce: string;
    contentSecurityPolicy: string;
    /** An element name (interface, gate) or a dotted checklist id: the page opens scrolled to it. */
    focus?: string;
}

export interface TestMatrixParams {
    /** Any document of the workspace root. */
    uri: string;
    format: MatrixFormat;
    webview?: WebviewOptions;
}

export interface ChecklistParams {
    /** Any document of the workspace root. */
    uri: string;
    format: ChecklistFormat;
    /** One gate's checklist; every gate's when absent or empty. An unknown gate is an `InvalidParams` error. */
    gate?: string;
    webview?: WebviewOptions;
}

export interface GenerateResult {
    content: string;
    /** The absolute path of the workspace root; the content's file links are relative to it. */
    root: string;
}

/** The test matrix of the workspace, in one format. */
export const TestMatrixRequest = new RequestType<TestMatrixParams, GenerateResult, void>('interspec/testMatrix');

/** The go-live checklist of one gate or of every gate, in one format. */
export const ChecklistRequest = new RequestType<ChecklistParams, GenerateResult, void>('interspec/checklist');

/** Every custom request the server answers. */
export const REQUESTS = [TestMatrixRequest, ChecklistRequest] as const;
