import type { Draft } from './draft.js';

/** One input file of an import: the name the user gave (for messages and TODOs) and its content. */
export interface ImportInput {
    /** The path as the user named it, relative to the current folder, with `/`. */
    name: string;
    /** The file's bytes; each kind decodes them (HL7 v2 files may not be UTF-8). */
    content: Uint8Array;
}

/** What the command line passes to every import kind. */
export interface ImportOptions {
    /** `--interface <Name>`: the name of the interface to write (else the kind derives one). */
    interfaceName?: string;
    /** `--from <System>`: the sending system's name (else the kind derives one, e.g. from MSH-3). */
    from?: string;
    /** `--to <System>`: the receiving system's name. */
    to?: string;
    /** `--columns source=…,target=…`: which sheet column holds which value, for sheets with unusual headers. */
    columns?: Record<string, string>;
    /** `--out <dir>`: where the drafts go, relative to `cwd` (kinds that write paths into drafts, e.g. `samples "<glob>"`). */
    out?: string;
    /** The folder the input names and `out` are relative to (default: the process's). */
    cwd?: string;
}

/**
 * An import kind: reads its input files into a `Draft`. A kind throws `ImportError` (file, line, column) for input
 * it cannot read at all, and turns every value it cannot carry over into a `DraftTodo` instead of dropping it.
 */
export interface ImportKind {
    /** The name on the command line: `interspec import <name> <files...>`. */
    name: string;
    /** One line for `interspec import --help`. */
    summary: string;
    read(inputs: ImportInput[], options: ImportOptions): Draft | Promise<Draft>;
}
