import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../../language-server/config/index.js';
import { escapeTerminal } from '../../language-server/escape.js';
import { LimitError } from '../../language-server/limits.js';
import { UnknownGateError } from '../../language-server/generators/index.js';
import { runCheck, type FailOn } from './commands/check.js';
import { CHECKLIST_FORMATS, MATRIX_FORMATS, runGenerate } from './commands/generate.js';
import { runGate } from './commands/gate.js';
import { runInit } from './commands/init.js';
import { runRules } from './commands/rules.js';
import { FORMATS } from './formatters/index.js';
import { OutputTargets } from './output-targets.js';
import { ExitCode, UserError } from './user-error.js';

declare const __INTERSPEC_VERSION__: string | undefined;
const VERSION = typeof __INTERSPEC_VERSION__ === 'string' ? __INTERSPEC_VERSION__ : '0.0.0';

const io = { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr };

/** The `interspec` command line: parses arguments, runs one command, and maps every outcome to an exit code. */
async function main(argv: string[]): Promise<number> {
    let exitCode: number = ExitCode.Clean;
    const program = new Command('interspec')
        .description('Check clinical integration specifications and generate their test matrices and go-live checklists.')
        .version(VERSION, '-v, --version')
        .addHelpText('after', `
Exit codes: 0 nothing at or above the threshold, 1 findings at or above it (or a NO-GO gate),
2 usage, configuration or input/output error.
Run 'interspec help <command>' for a command's options and examples; docs/ci.md shows CI setups.`);

    const outputs = new OutputTargets();
    program.command('check')
        .description('Validate .ispec files: syntax, references, imports and conformance rules.')
        .argument('[paths...]', 'files, folders or globs to check (default: the workspace of the current folder)')
        .addOption(new Option('-f, --format <format>', `output format, repeatable: ${FORMATS.join(', ')} (default: stylish)`).argParser(outputs.addFormat))
        .option('-o, --output <file>', 'write the format named just before to FILE instead of standard output', outputs.addOutput)
        .addOption(new Option('--fail-on <severity>', 'lowest unsuppressed severity that fails the run').choices(['error', 'warning', 'info']).default('error'))
        .option('--max-warnings <n>', 'also fail when there are more than N unsuppressed warnings', parseCount)
        .option('-q, --quiet', 'report errors only')
        .option('-c, --config <file>', 'configuration to use instead of each workspace\'s interspec.yaml')
        .option('--force', 'overwrite an -o file that interspec did not write, or that was edited')
        .addHelpText('after', `
Formats and outputs pair up in the order written: each -o FILE takes the --format just before it;
at most one format goes to standard output. Like --out, -o lists what it wrote in the folder's
.interspec-generated.json and refuses to overwrite any other file (exit 2) unless --force; it never
writes over a spec, interspec.yaml or an evidence file.

Paths in every output are relative to the repository root (the folder with .git), or to the workspace
root outside a repository, so that GitHub places annotations and code-scanning alerts on the right file.

Examples:
  $ interspec check                                  # the workspace of the current folder
  $ interspec check specs/ 'sites/**/*.ispec'
  $ interspec check --format github --format sarif -o interspec.sarif --format markdown -o summary.md
  $ interspec check --fail-on warning --max-warnings 10
  $ interspec check --format junit -o reports/interspec.xml --quiet`)
        .action(async (paths: string[], flags: { failOn: FailOn, maxWarnings?: number, quiet?: boolean, config?: string, force?: boolean }) => {
            exitCode = await runCheck({
                ...io, paths, outputs: outputs.resolve(), failOn: flags.failOn, quiet: flags.quiet === true,
                maxWarnings: flags.maxWarnings, configFile: flags.config, force: flags.force === true, version: VERSION, env: process.env
            });
        });

    program.command('matrix')
        .description('Write the test matrix: one row per interface, message, scenario and site.')
        .addOption(new Option('-f, --format <format>', 'output format').choices([...MATRIX_FORMATS]).default('markdown'))
        .option('--out <dir>', 'write test-matrix.<ext> into DIR (default: standard output)')
        .option('--force', 'overwrite a file in DIR that interspec did not write, or that was edited')
        .option('-w, --workspace <dir>', 'a folder of the workspace', '.')
        .option('-c, --config <file>', 'configuration to use instead of the workspace\'s interspec.yaml')
        .addHelpText('after', `
Files in --out are listed with their hashes in .interspec-generated.json; interspec refuses to
overwrite a file that is not listed there or was edited since (exit 2), unless --force.

Examples:
  $ interspec matrix                                     # Markdown to standard output
  $ interspec matrix --format csv --out reports
  $ interspec matrix --format html --out reports -w examples/lab-network`)
        .action(async (flags: GenerateFlags) => {
            exitCode = await runGenerate({ ...io, kind: 'matrix', format: flags.format, out: flags.out, force: flags.force === true, workspace: flags.workspace, configFile: flags.config });
        });

    program.command('checklist')
        .description('Write the go-live checklist of one gate, or of every gate.')
        .argument('[gate]', 'the gate (default: every gate)')
        .addOption(new Option('-f, --format <format>', 'output format').choices([...CHECKLIST_FORMATS]).default('markdown'))
        .option('--out <dir>', 'write checklist.<ext> (or checklist-<gate>.<ext>) into DIR (default: standard output)')
        .option('--force', 'overwrite a file in DIR that interspec did not write, or that was edited')
        .option('-w, --workspace <dir>', 'a folder of the workspace', '.')
        .option('-c, --config <file>', 'configuration to use instead of the workspace\'s interspec.yaml')
        .addHelpText('after', `
Examples:
  $ interspec checklist >> "$GITHUB_STEP_SUMMARY"       # every gate, Markdown
  $ interspec checklist NorthGoLive --format html --out reports`)
        .action(async (gate: string | undefined, flags: GenerateFlags) => {
            exitCode = await runGenerate({ ...io, kind: 'checklist', gate, format: flags.format, out: flags.out, force: flags.force === true, workspace: flags.workspace, configFile: flags.config });
        });

    program.command('gate')
        .description('Print GO or NO-GO for a go-live gate with the reasons; exit 1 on NO-GO.')
        .argument('<gate>', 'the gate to evaluate')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('-w, --workspace <dir>', 'a folder of the workspace', '.')
        .option('-c, --config <file>', 'configuration to use instead of the workspace\'s interspec.yaml')
        .addHelpText('after', `
Examples:
  $ interspec gate NorthGoLive
  $ interspec gate NorthGoLive --format json -w specs`)
        .action(async (gate: string, flags: { format: 'text' | 'json', workspace: string, config?: string }) => {
            exitCode = await runGate({ ...io, gate, format: flags.format, workspace: flags.workspace, configFile: flags.config });
        });

    program.command('init')
        .description('Create a workspace: interspec.yaml, a starter spec that passes check, and a GitHub Actions workflow.')
        .argument('[dir]', 'the folder of the new workspace', '.')
        .addHelpText('after', `
Refuses to overwrite any existing file (nothing is written then).

Examples:
  $ interspec init
  $ interspec init specs && interspec check specs`)
        .action(async (dir: string) => {
            exitCode = await runInit({ ...io, dir, version: VERSION });
        });

    program.command('rules')
        .description('List the conformance rules with their area, default and effective severity.')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('-w, --workspace <dir>', 'a folder of the workspace whose interspec.yaml sets the effective severities', '.')
        .option('-c, --config <file>', 'configuration to use instead of the workspace\'s interspec.yaml')
        .addHelpText('after', `
Examples:
  $ interspec rules
  $ interspec rules --format json | jq '.rules[] | select(.effectiveSeverity == "off")'`)
        .action(async (flags: { format: 'text' | 'json', workspace: string, config?: string }) => {
            exitCode = await runRules({ ...io, format: flags.format, workspace: flags.workspace, configFile: flags.config });
        });

    configureErrors(program);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        return report(error);
    }
}

type GenerateFlags = { format: never, out?: string, force?: boolean, workspace: string, config?: string };

/** Commander's own errors (bad flags, unknown commands) become one line on stderr and exit 2; help stays on stdout. */
function configureErrors(command: Command): void {
    command
        .exitOverride()
        .showSuggestionAfterError()
        .configureOutput({
            writeErr: text => process.stderr.write(text),
            outputError: (text, write) => write(text.startsWith('error:') ? `interspec: ${text}` : text)
        });
    for (const sub of command.commands) {
        configureErrors(sub);
    }
}

function report(error: unknown): number {
    if (error instanceof CommanderError) {
        // --help and --version end here too, with exit code 0.
        return error.exitCode === 0 ? ExitCode.Clean : ExitCode.Usage;
    }
    if (error instanceof ConfigError) {
        const file = path.relative(process.cwd(), error.file) || error.file;
        process.stderr.write(`interspec: ${escapeTerminal(file)}:${error.line}:${error.column}: ${oneLine(error.detail)}${error.key ? ` (${error.key})` : ''}\n`);
        return ExitCode.Usage;
    }
    if (error instanceof LimitError) {
        process.stderr.write(`interspec: ${oneLine(path.relative(process.cwd(), error.file) || error.file)}: ${oneLine(error.detail)}\n`);
        return ExitCode.Usage;
    }
    if (error instanceof UserError || error instanceof UnknownGateError) {
        process.stderr.write(`interspec: ${oneLine(error.message)}\n`);
        return ExitCode.Usage;
    }
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    process.stderr.write(`interspec: internal error, please report it with the input that caused it.\n${detail}\n`);
    return ExitCode.Usage;
}

/** A message as one safe terminal line: line breaks become spaces, other controls are neutralised. */
function oneLine(text: string): string {
    return escapeTerminal(text.replace(/\s*\r?\n\s*/g, ' '));
}

function parseCount(value: string): number {
    if (!/^\d+$/.test(value)) {
        throw new InvalidArgumentError('expected a whole number.');
    }
    return Number(value);
}

// A reader that stops early (`interspec rules | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') {
            process.exit(process.exitCode ?? 0);
        }
        throw error;
    });
}

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
});
