import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runCheck, type FailOn } from './commands/check.js';
import { FORMATS } from './formatters/index.js';
import { OutputTargets } from './output-targets.js';
import { ExitCode, UserError } from './user-error.js';

declare const __INTERSPEC_VERSION__: string | undefined;
const VERSION = typeof __INTERSPEC_VERSION__ === 'string' ? __INTERSPEC_VERSION__ : '0.0.0';

/** The `interspec` command line: parses arguments, runs one command, and maps every outcome to an exit code. */
async function main(argv: string[]): Promise<number> {
    let exitCode: number = ExitCode.Clean;
    const program = new Command('interspec')
        .description('Check clinical integration specifications and generate their test matrices and go-live checklists.')
        .version(VERSION, '-v, --version')
        .showSuggestionAfterError()
        .configureOutput({
            writeErr: text => process.stderr.write(text),
            // Commander's own errors (bad flags) become one line on stderr; help stays on stdout.
            outputError: (text, write) => write(text.startsWith('error:') ? `interspec: ${text}` : text)
        })
        .addHelpText('after', `
Exit codes: 0 nothing at or above the threshold, 1 findings at or above it (or a NO-GO gate),
2 usage, configuration or input/output error.
Run 'interspec help <command>' for a command's options and examples.`);

    const outputs = new OutputTargets();
    program.command('check')
        .description('Validate .ispec files: syntax, references, imports and conformance rules.')
        .argument('[paths...]', 'files, folders or globs to check (default: the workspace of the current folder)')
        .addOption(new Option('-f, --format <format>', `output format, repeatable: ${FORMATS.join(', ')} (default: stylish)`).argParser(outputs.addFormat))
        .option('-o, --output <file>', 'write the format named just before to FILE instead of standard output', outputs.addOutput)
        .addOption(new Option('--fail-on <severity>', 'lowest unsuppressed severity that fails the run').choices(['error', 'warning', 'info']).default('error'))
        .option('--max-warnings <n>', 'also fail when there are more than N unsuppressed warnings', parseCount)
        .option('-q, --quiet', 'report errors only')
        .addHelpText('after', `
Formats and outputs pair up in the order written: each -o FILE takes the --format just before it;
at most one format goes to standard output.

Paths in every output are relative to the repository root (the folder with .git), or to the workspace
root outside a repository, so that GitHub places annotations and code-scanning alerts on the right file.

Examples:
  $ interspec check                                  # the workspace of the current folder
  $ interspec check specs/ 'sites/**/*.ispec'
  $ interspec check --format github --format sarif -o interspec.sarif --format markdown -o summary.md
  $ interspec check --fail-on warning --max-warnings 10
  $ interspec check --format junit -o reports/interspec.xml --quiet`)
        .action(async (paths: string[], flags: { failOn: FailOn, maxWarnings?: number, quiet?: boolean }) => {
            exitCode = await runCheck({
                paths, cwd: process.cwd(), outputs: outputs.resolve(), failOn: flags.failOn, quiet: flags.quiet === true,
                maxWarnings: flags.maxWarnings, version: VERSION,
                stdout: process.stdout, stderr: process.stderr, env: process.env
            });
        });

    for (const command of program.commands) {
        command.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError();
    }
    program.exitOverride();
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            // --help and --version end here too, with exit code 0.
            return error.exitCode === 0 ? ExitCode.Clean : ExitCode.Usage;
        }
        if (error instanceof UserError) {
            process.stderr.write(`interspec: ${error.message}\n`);
            return ExitCode.Usage;
        }
        const detail = error instanceof Error ? error.stack ?? error.message : String(error);
        process.stderr.write(`interspec: internal error, please report it with the input that caused it.\n${detail}\n`);
        return ExitCode.Usage;
    }
}

function parseCount(value: string): number {
    if (!/^\d+$/.test(value)) {
        throw new InvalidArgumentError('expected a whole number.');
    }
    return Number(value);
}

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
});
