import { RequestType, type Location } from 'vscode-languageserver-protocol';
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

export interface GatesParams {
    /** Any document of the workspace root. */
    uri: string;
}

/** One gate of the workspace, as its declaration says. */
export interface GateInfo {
    name: string;
    /** The gate's quoted title, when it has one. */
    title?: string;
    /** The sites it names, in the order written. */
    sites: string[];
    /** The file that declares it, relative to the root, with forward slashes. */
    file: string;
    /** The document and the range of the gate's name. */
    location: Location;
}

export interface GatesResult {
    /** The absolute path of the workspace root. */
    root: string;
    /** The gates sorted by name; a name declared twice is listed once (its first declaration). */
    gates: GateInfo[];
}

/** The gates of the workspace, from the workspace index (the same the rules and generators read). */
export const GatesRequest = new RequestType<GatesParams, GatesResult, void>('interspec/gates');

/** Every custom request the server answers. */
export const REQUESTS = [TestMatrixRequest, ChecklistRequest, GatesRequest] as const;
