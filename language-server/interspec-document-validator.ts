import { DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { findingCode } from './findings.js';
import { findingDocUrl } from './rules/rule-doc-urls.js';

/**
 * Gives every diagnostic a `code` and a `codeDescription.href` (its rule's page, or the structural problems
 * section for syntax, unresolved names and imports), so the code in the editor's Problems panel is a link to what
 * the finding means and how to fix it. The code is the one the CLI reports (`findingCode`).
 */
export class InterspecDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const code = typeof diagnostic.code === 'string' ? diagnostic.code : findingCode(diagnostic);
            diagnostic.code ??= code;
            diagnostic.codeDescription ??= { href: findingDocUrl(code) };
        }
        return diagnostics;
    }
}
