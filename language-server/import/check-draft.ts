import type { LangiumCoreServices } from 'langium';
import type { DraftFile } from './write-draft.js';

/**
 * The syntax errors of draft files, parsed with the language's own parser before anything is written: a draft that
 * would not parse is a bug of the importer, reported as such instead of being left for the user to find. Returns
 * `file:line:column: message` strings; empty when every file parses.
 */
export function checkDraftSyntax(files: readonly DraftFile[], services: LangiumCoreServices): string[] {
    const problems: string[] = [];
    for (const file of files) {
        const result = services.parser.LangiumParser.parse(file.text);
        for (const error of result.lexerErrors) {
            problems.push(`${file.path}:${error.line ?? 0}:${error.column ?? 0}: ${error.message}`);
        }
        for (const error of result.parserErrors) {
            problems.push(`${file.path}:${error.token.startLine ?? 0}:${error.token.startColumn ?? 0}: ${error.message}`);
        }
    }
    return problems;
}
