/** The part of a VS Code output channel this module touches (so it runs, and is tested, without VS Code). */
export interface LineChannel {
    appendLine(value: string): void;
}

/** vscode-languageclient 9's line for a server process that ended with exit code 0 (node/main.js, on 'exit'). */
const CLEAN_EXIT = /^\[Error\s*- ([^\]]*)\] (Server process exited with code 0\.)$/;

/**
 * The channel to give the language client: the extension's Interspec output channel, except that the client's
 * `[Error - <time>] Server process exited with code 0.` is written as an `[Info  - <time>]` line. The client writes
 * that error for every exit, also the clean one after `shutdown` and `exit` that **Interspec: Restart Language
 * Server** and closing the window ask for; an error line there would tell the user something went wrong when
 * nothing did. Any other line, and an exit with another code or a signal, passes unchanged.
 */
export function clientOutputChannel<T extends LineChannel>(output: T): T {
    return new Proxy(output, {
        get(target, property, receiver) {
            if (property === 'appendLine') {
                return (value: string) => target.appendLine(value.replace(CLEAN_EXIT, '[Info  - $1] $2'));
            }
            const value = Reflect.get(target, property, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
        }
    });
}
