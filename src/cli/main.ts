import { Command, CommanderError } from 'commander';
import { runCheck } from './commands/check.js';
import { ExitCode, UserError } from './user-error.js';

declare const __INTERSPEC_VERSION__: string | undefined;

/** The `interspec` command line: parses arguments, runs one command, and maps every outcome to an exit code. */
async function main(argv: string[]): Promise<number> {
    const program = new Command('interspec')
        .description('Check clinical integration specifications and generate their test matrices and go-live checklists.')
        .version(typeof __INTERSPEC_VERSION__ === 'string' ? __INTERSPEC_VERSION__ : '0.0.0')
        .exitOverride()
        .configureOutput({ writeErr: text => process.stderr.write(text) });
    let exitCode: number = ExitCode.Clean;
    program.command('check')
        .description('Validate .ispec files: syntax, references, imports and conformance rules.')
        .argument('[paths...]', 'files or folders to check (default: the current folder)')
        .action(async (paths: string[]) => {
            exitCode = await runCheck({ paths, cwd: process.cwd(), out: process.stdout });
        });
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

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
});
