/**
 * A problem with an imported file that stops the import: the file, and where known the 1-based line and column,
 * with a message written for the person who exported the file (not a parser's internals).
 */
export class ImportError extends Error {
    constructor(
        readonly file: string,
        message: string,
        readonly line?: number,
        readonly column?: number
    ) {
        super(message);
        this.name = 'ImportError';
    }

    /** `mapping.csv:12:3: <message>`, the form editors and terminals turn into a link. */
    get located(): string {
        const position = this.line !== undefined ? `:${this.line}${this.column !== undefined ? `:${this.column}` : ''}` : '';
        return `${this.file}${position}: ${this.message}`;
    }
}
