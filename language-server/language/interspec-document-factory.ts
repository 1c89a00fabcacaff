import { DefaultLangiumDocumentFactory, type AstNode, type ParseResult, type ParserOptions, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { InterspecCoreServices } from './interspec-module.js';

/**
 * Parses Interspec documents through the region parser (`region-parser.ts`): an edit inside one top-level element
 * re-parses that element's region only. Documents of other languages parse as Langium does.
 */
export class InterspecDocumentFactory extends DefaultLangiumDocumentFactory {
    protected override parse<T extends AstNode>(uri: URI, text: string, options?: ParserOptions): ParseResult<T> {
        const regions = (this.serviceRegistry.getServices(uri) as Partial<InterspecCoreServices>).regions;
        return regions && !options?.rule ? regions.parse(uri.toString(), text) as unknown as ParseResult<T> : super.parse(uri, text, options);
    }

    protected override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        const regions = (this.serviceRegistry.getServices(uri) as Partial<InterspecCoreServices>).regions;
        // Parsing a region is synchronous, as Langium's default AsyncParser is.
        return regions ? Promise.resolve(regions.parse(uri.toString(), text) as unknown as ParseResult<T>) : super.parseAsync(uri, text, cancellationToken);
    }
}
