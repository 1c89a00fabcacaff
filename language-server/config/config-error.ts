/** An invalid configuration: where it is (1-based line and column) and which key. */
export class ConfigError extends Error {
    override readonly name = 'ConfigError';
    constructor(readonly file: string, readonly line: number, readonly column: number, readonly key: string, readonly detail: string) {
        super(`${file}:${line}:${column}: ${key ? `${key}: ` : ''}${detail}`);
    }
}
