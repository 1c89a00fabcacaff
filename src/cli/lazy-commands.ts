/**
 * The commands, loaded when one runs: `interspec --version`, `--help` and a usage error never load the language,
 * the rules or the generators (cold start, issue #28). main.ts imports the commands from here, never from
 * `commands/` directly (test/cli/cold-start.test.ts checks that the CLI's static imports hold no language).
 * In the bundle, each dynamic `import()` becomes a lazily initialised module of the same file, so error classes
 * thrown by a command are the ones main.ts tests against.
 */
import type { CheckOptions, FailOn } from './commands/check.js';
import type { DiffOptions } from './commands/diff.js';
import type { GateOptions } from './commands/gate.js';
import type { GenerateOptions } from './commands/generate.js';
import type { ImportCommandOptions } from './commands/import.js';
import type { InitOptions } from './commands/init.js';
import type { RulesOptions } from './commands/rules.js';

export type { FailOn };

/** `interspec check` (commands/check.ts). */
export async function runCheck(options: CheckOptions): Promise<number> {
    return (await import('./commands/check.js')).runCheck(options);
}

/** `interspec matrix` and `interspec checklist` (commands/generate.ts). */
export async function runGenerate(options: GenerateOptions): Promise<number> {
    return (await import('./commands/generate.js')).runGenerate(options);
}

/** `interspec gate` (commands/gate.ts). */
export async function runGate(options: GateOptions): Promise<number> {
    return (await import('./commands/gate.js')).runGate(options);
}

/** `interspec diff` (commands/diff.ts). */
export async function runDiff(options: DiffOptions): Promise<number> {
    return (await import('./commands/diff.js')).runDiff(options);
}

/** `interspec init` (commands/init.ts). */
export async function runInit(options: InitOptions): Promise<number> {
    return (await import('./commands/init.js')).runInit(options);
}

/** `interspec import` (commands/import.ts). */
export async function runImport(options: ImportCommandOptions): Promise<number> {
    return (await import('./commands/import.js')).runImport(options);
}

/** `interspec rules` (commands/rules.ts). */
export async function runRules(options: RulesOptions): Promise<number> {
    return (await import('./commands/rules.js')).runRules(options);
}

/**
 * Whether an error is the generators' UnknownGateError (a gate name the workspace does not declare), told by its
 * `name` so that main.ts need not load the generators to recognise it.
 */
export function isUnknownGateError(error: unknown): error is Error {
    return error instanceof Error && error.name === 'UnknownGateError';
}
