/**
 * The same content as YAML, for the side-by-side benchmark against Spectral (`scripts/bench-spectral.mjs`,
 * `bench/spectral/`): each `.ispec` file of a workspace becomes one `.yaml` file with the same elements and fields.
 *
 * The synthetic generator (`synthetic-workspace.ts`) only emits text, so each file is parsed with the project's own
 * parser (no linking, no validation) and its AST's plain fields are written out: top-level elements grouped by kind
 * (`interfaces`, `systems`, `sites`, ...; see ELEMENT_KEYS), nested nodes as mappings without Langium's `$` keys, a
 * cross-reference as the name it was written with. Empty lists and unset flags are left out, as a person writing the
 * YAML would. The same files always give the same YAML.
 */
import { EmptyFileSystem, isAstNode, isReference, type AstNode } from 'langium';
import { stringify } from 'yaml';
import { createInterspecServices } from '../../language-server/lsp/interspec-lsp-module.js';

/** Top-level element kind (grammar rule `Element`) -> the YAML key its elements are listed under. */
export const ELEMENT_KEYS: Readonly<Record<string, string>> = {
    Team: 'teams',
    Role: 'roles',
    System: 'systems',
    Site: 'sites',
    Data: 'data',
    Interface: 'interfaces',
    Gate: 'gates',
    Change: 'changes',
    ChangeAuthority: 'changeAuthorities',
    Rollout: 'rollouts',
    CodeTable: 'codeTables',
    Segment: 'segments'
};

/** A YAML value: what `plainOf` returns. */
export type Plain = string | number | boolean | Plain[] | { [key: string]: Plain };

let parser: ReturnType<typeof createInterspecServices>['Interspec']['parser']['LangiumParser'] | undefined;

/**
 * One spec file's content as a plain object: `imports` (the imported `.ispec` paths, as `.yaml`) and one list per element kind.
 * Throws with the file name, line and column when the text does not parse (the synthetic files always do).
 */
export function specToPlain(text: string, file = 'spec'): Record<string, Plain> {
    parser ??= createInterspecServices(EmptyFileSystem).Interspec.parser.LangiumParser;
    const result = parser.parse(text);
    const lexerError = result.lexerErrors[0];
    if (lexerError) {
        throw new Error(`${file}:${lexerError.line}:${lexerError.column}: ${lexerError.message}`);
    }
    const parserError = result.parserErrors[0];
    if (parserError) {
        // At the end of the text the parser's token has no position: report the end of the text.
        const lines = text.split('\n');
        const { startLine, startColumn } = parserError.token;
        const at = Number.isFinite(startLine) ? `${startLine}:${startColumn}` : `${lines.length}:${lines[lines.length - 1].length + 1}`;
        throw new Error(`${file}:${at}: ${parserError.message}`);
    }
    const model = result.value as AstNode & { imports: Array<{ path: string }>, elements: AstNode[] };
    const plain: Record<string, Plain> = {};
    if (model.imports.length > 0) {
        plain.imports = model.imports.map(i => i.path.replace(/\.ispec$/, '.yaml')); // the YAML workspace's own files
    }
    for (const element of model.elements) {
        const key = ELEMENT_KEYS[element.$type] ?? element.$type;
        ((plain[key] ??= []) as Plain[]).push(plainOf(element));
    }
    return plain;
}

/** An AST value without `$` keys: nodes as mappings, references as their text, empty lists and false flags left out. */
function plainOf(value: unknown): Plain {
    if (isReference(value)) {
        return value.$refText;
    }
    if (Array.isArray(value)) {
        return value.map(plainOf);
    }
    if (isAstNode(value)) {
        const fields: Record<string, Plain> = {};
        for (const [key, field] of Object.entries(value)) {
            if (key.startsWith('$') || field === undefined || field === false || (Array.isArray(field) && field.length === 0)) {
                continue;
            }
            fields[key] = plainOf(field);
        }
        return fields;
    }
    return value as Plain;
}

/**
 * Every `.ispec` file of `files` (path relative to the root -> text) as a `.yaml` file at the same path: the
 * workspace a second time, for Spectral. Other files are left out.
 */
export function workspaceToYaml(files: Record<string, string>): Record<string, string> {
    const yaml: Record<string, string> = {};
    for (const [file, text] of Object.entries(files)) {
        if (file.endsWith('.ispec')) {
            yaml[file.replace(/\.ispec$/, '.yaml')] = stringify(specToPlain(text, file), { lineWidth: 0 });
        }
    }
    return yaml;
}
