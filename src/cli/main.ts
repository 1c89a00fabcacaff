import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { oneOf } from './choices.js';
import { ConfigError } from '../../language-server/config/config-error.js';
import { escapeTerminal } from '../../language-server/util/escape.js';
import { LimitError } from '../../language-server/util/limits.js';
import { CHECKLIST_FORMATS, MATRIX_FORMATS } from '../../language-server/protocol/formats.js';
// Commands load when one runs (lazy-commands.ts): --version and --help never load the language.
import { isUnknownGateError, runCheck, runGenerate, runGate, runDiff, runImport, runInit, runRules, type FailOn } from './lazy-commands.js';
import { IMPORT_KIND_LIST } from '../../language-server/import/kind-list.js';
import { parseColumns } from './import-columns.js';
import { FORMATS } from './formatters/index.js';
import { OutputTargets } from './output-targets.js';
import { ExitCode, UserError, ioCause, ioError } from './user-error.js';
import { removeTemporaries } from './temporaries.js';

declare const __INTERSPEC_VERSION__: string | undefined;
const VERSION = typeof __INTERSPEC_VERSION__ === 'string' ? __INTERSPEC_VERSION__ : '0.0.0';

const io = { cwd: currentFolder(), stdout: process.stdout, stderr: process.stderr };

/**
 * The current folder. One removed under the shell (a CI step run after another removed its folder, a terminal left
 * in a folder a branch switch deleted) makes every `process.cwd()` throw: that is one line and exit 2 here, before
 * anything runs, instead of Node's stack trace and exit 1 at the first relative path.
 */
function currentFolder(): string {
    try {
        return process.cwd();
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'ENOENT';
        process.stderr.write(`interspec: the current folder ${code === 'ENOENT' ? 'no longer exists' : 'cannot be used'} (${code}); cd to an existing folder\n`);
        process.exit(ExitCode.Usage);
    }
}

/** The `interspec` command line: parses arguments, runs one command, and maps every outcome to an exit code. */
async function main(argv: string[]): Promise<number> {
    let exitCode: number = ExitCode.Clean;
    const program = new Command('interspec')
        .description('Check clinical integration specifications and generate their test matrices and go-live checklists.')
        .version(VERSION, '-v, --version')
        .addHelpText('after', `
Exit codes: 0 nothing at or above the threshold, 1 findings at or above it (or a NO-GO gate),
2 usage, configuration or input/output error (a full disk, a read-only folder, a reader that closed
the pipe: one line naming the file and the cause; no file is left half-written).
Run 'interspec help <command>' for a command's options and examples; docs/ci.md shows CI setups.`);

    const outputs = new OutputTargets();
    program.command('check')
        .description('Validate .ispec files: syntax, references, imports and conformance rules.')
        .argument('[paths...]', 'files, folders or globs to check (default: the workspace of the current folder)')
        .addOption(new Option('-f, --format <format>', `output format, repeatable: ${FORMATS.join(', ')} (default: stylish)`).argParser(outputs.addFormat))
        .option('-o, --output <file>', 'write the format named just before to FILE instead of standard output', outputs.addOutput)
        .addOption(new Option('--fail-on <severity>', 'lowest unsuppressed severity that fails the run: error, warning, info').argParser(oneOf(['error', 'warning', 'info'] as const)).default('error'))
        .option('--max-warnings <n>', 'also fail when there are more than N unsuppressed warnings', parseCount)
        .option('-q, --quiet', 'report errors only')
        .option('-c, --config <file>', 'configuration to use instead of each workspace\'s interspec.yaml')
        .option('--force', 'overwrite an -o file that interspec did not write, or that was edited')
        .option('--samples <files...>', 'captured HL7 v2 (or FHIR JSON) message files or globs to check against the mappings, besides the interfaces\' own `samples`')
        .option('--interface <name>', 'check the --samples files against this interface instead of matching each message')
        .option('--cache', 'reuse the findings of the last run when no input changed (spec, interspec.yaml, evidence, options, version); docs/ci.md')
        .option('--cache-location <path>', 'the cache file, or a folder for .interspec-cache (default: .interspec-cache in the workspace root)')
        .addHelpText('after', `
Formats and outputs pair up in the order written: each -o FILE takes the --format just before it;
at most one format goes to standard output, and two formats to one file are refused (exit 2). Like
--out, -o lists what it wrote in the folder's .interspec-generated.json and refuses to overwrite any
other file (exit 2) unless --force; it never writes over a spec, interspec.yaml or an evidence file.
Every -o file is renamed into place only once all outputs are complete; a character device such as
/dev/null is written directly.

Paths in every output are relative to the repository root (the folder with .git), or to the workspace
root outside a repository, so that GitHub places annotations and code-scanning alerts on the right file.

Examples:
  $ interspec check                                  # the workspace of the current folder
  $ interspec check specs/ 'sites/**/*.ispec'
  $ interspec check --format github --format sarif -o interspec.sarif --format markdown -o summary.md
  $ interspec check --fail-on warning --max-warnings 10
  $ interspec check --format junit -o reports/interspec.xml --quiet
  $ interspec check --samples 'captures/**/*.hl7'       # captured messages, each matched to an interface
  $ interspec check --samples feed.hl7 --interface LabResults
  $ interspec check --cache                          # a re-run with nothing changed reuses the findings`)
        .action(async (paths: string[], flags: { failOn: FailOn, maxWarnings?: number, quiet?: boolean, config?: string, force?: boolean, samples?: string[], interface?: string, cache?: boolean, cacheLocation?: string }) => {
            exitCode = await runCheck({
                ...io, paths, outputs: outputs.resolve(), failOn: flags.failOn, quiet: flags.quiet === true,
                samples: flags.samples, interfaceName: flags.interface,
                maxWarnings: flags.maxWarnings, configFile: flags.config, force: flags.force === true, version: VERSION, env: process.env,
                cache: flags.cache === true || flags.cacheLocation !== undefined, cacheLocation: flags.cacheLocation
            });
        });

    program.command('matrix')
        .description('Write the test matrix: one row per interface, message, scenario and site.')
        .argument('[paths...]', 'files, folders or globs of one workspace, as check takes them (default: the workspace of the current folder)')
        .addOption(new Option('-f, --format <format>', `output format: ${MATRIX_FORMATS.join(', ')} (default: text on a terminal, markdown otherwise)`).argParser(oneOf(MATRIX_FORMATS)))
        .option('--summary', 'Markdown only: counts per interface, site and scenario, unhandled, failed and pending rows first; always fits a pull-request comment')
        .option('--out <dir>', 'write test-matrix.<ext> into DIR (default: standard output)')
        .option('--force', 'overwrite a file in DIR that interspec did not write, or that was edited')
        .option('--revision <text>', 'the spec revision to print on HTML pages (e.g. a git commit); default a hash of the spec files')
        .option('-w, --workspace <dir>', 'a folder of the workspace (same as giving it as a path)')
        .option('--samples <files...>', 'captured message files or globs besides the interfaces\' own `samples`: the data-meaning rows show what they showed')
        .option('--interface <name>', 'check the --samples files against this interface instead of matching each message')
        .option('-c, --config <file>', 'configuration to use instead of the workspace\'s interspec.yaml')
        .addHelpText('after', `
On a terminal (no --format, no --out) the matrix is text wrapped to the terminal's width; piped,
redirected or with --out it is Markdown unless --format says otherwise.
Files in --out are listed with their hashes in .interspec-generated.json; interspec refuses to
overwrite a file that is not listed there or was edited since (exit 2), unless --force.
Exit 2 when the paths hold no .ispec file.

Examples:
  $ interspec matrix                                     # text on a terminal, Markdown when piped
  $ interspec matrix examples/lab-network --format markdown --summary > comment.md
  $ interspec matrix --format csv --out reports
  $ interspec matrix examples/lab-network --format html --out reports`)
        .action(async (paths: string[], flags: GenerateFlags) => {
            exitCode = await runGenerate({
                ...io, env: process.env, kind: 'matrix', format: flags.format, out: flags.out, force: flags.force === true,
                paths: withWorkspace(paths, flags.workspace), configFile: flags.config, summary: flags.summary === true, revision: flags.revision,
                samples: flags.samples, interfaceName: flags.interface
            });
        });

    program.command('checklist')
        .description('Write the go-live checklist of one gate, or of every gate.')
        .argument('[gate]', 'the gate (default: every gate); a first argument that is a path is taken as a path')
        .argument('[paths...]', 'files, folders or globs of one workspace, as check takes them (default: the workspace of the current folder)')
        .addOption(new Option('-f, --format <format>', `output format: ${CHECKLIST_FORMATS.join(', ')} (default: text on a terminal, markdown otherwise)`).argParser(oneOf(CHECKLIST_FORMATS)))
        .option('--out <dir>', 'write checklist.<ext> (or checklist-<gate>.<ext>) into DIR (default: standard output)')
        .option('--force', 'overwrite a file in DIR that interspec did not write, or that was edited')
        .option('--revision <text>', 'the spec revision to print on HTML pages (e.g. a git commit); default a hash of the spec files')
        .option('-w, --workspace <dir>', 'a folder of the workspace (same as giving it as a path)')
        .option('--samples <files...>', 'captured message files or globs besides the interfaces\' own `samples`: the data-meaning rows show what they showed')
        .option('--interface <name>', 'check the --samples files against this interface instead of matching each message')
        .option('-c, --config <file>', 'configuration to use instead of the workspace\'s interspec.yaml')
        .addHelpText('after', `
On a terminal (no --format, no --out) the checklists are text wrapped to the terminal's width;
piped, redirected or with --out they are Markdown unless --format says otherwise.

Examples:
  $ interspec checklist                                  # every gate, text on a terminal
  $ interspec checklist >> "$GITHUB_STEP_SUMMARY"       # every gate, Markdown
  $ interspec checklist examples/lab-network             # every gate of that workspace
  $ interspec checklist NorthGoLive specs/ --format html --out reports`)
        .action(async (gate: string | undefined, paths: string[], flags: GenerateFlags) => {
            const [gateName, specPaths] = splitGate(gate, paths, io.cwd);
            exitCode = await runGenerate({
                ...io, env: process.env, kind: 'checklist', gate: gateName, format: flags.format, out: flags.out, force: flags.force === true,
                paths: withWorkspace(specPaths, flags.workspace), configFile: flags.config, revision: flags.revision,
                samples: flags.samples, interfaceName: flags.interface
            });
        });

    program.command('gate')
        .description('Print GO or NO-GO for a go-live gate with the reasons; exit 1 on NO-GO.')
        .argument('<gate>', 'the gate to evaluate')
        .argument('[paths...]', 'files, folders or globs of one workspace, as check takes them (default: the workspace of the current folder)')
        .addOption(new Option('-f, --format <format>', 'output format: text, json').argParser(oneOf(['text', 'json'] as const)).default('text'))
        .option('-w, --workspace <dir>', 'a folder of the workspace (same as giving it as a path)')
        .option('--samples <files...>', 'captured message files or globs besides the interfaces\' own `samples`: the data-meaning rows show what they showed')
        .option('--interface <name>', 'check the --samples files against this interface instead of matching each message')
        .option('-c, --config <file>', 'configuration to use instead of the workspace\'s interspec.yaml')
        .addHelpText('after', `
Examples:
  $ interspec gate NorthGoLive
  $ interspec gate NorthGoLive specs/ --format json`)
        .action(async (gate: string, paths: string[], flags: { format: 'text' | 'json', workspace?: string, config?: string, samples?: string[], interface?: string }) => {
            exitCode = await runGate({
                ...io, gate, format: flags.format, paths: withWorkspace(paths, flags.workspace), configFile: flags.config,
                samples: flags.samples, interfaceName: flags.interface
            });
        });

    program.command('diff')
        .description('What a change does to the spec: test cases added, removed and changed, findings introduced and resolved, gate decisions changed.')
        .argument('[base]', 'a git revision range (origin/main...HEAD, A..B), a revision, or a folder (default: the merge base of HEAD and the default branch: origin/HEAD, else main, else master)')
        .argument('[head]', 'a revision or a folder (default: the end of the range, or the working tree)')
        .addOption(new Option('-f, --format <format>', 'output format: markdown, json').argParser(oneOf(['markdown', 'json'] as const)).default('markdown'))
        .option('-o, --output <file>', 'write to FILE instead of standard output')
        .option('--json <file>', 'also write the full JSON to FILE; the Markdown points to it')
        .option('-w, --workspace <dir>', 'for revisions: the workspace folder inside the repository (default: the current folder\'s)')
        .option('-c, --config <file>', 'configuration to use instead of each revision\'s interspec.yaml')
        .addHelpText('after', `
Revisions are read with git itself (git ls-tree and git cat-file); the working tree is not touched.
The Markdown always fits a pull-request comment (65,536 characters): a section that does not fit is cut
with a count and a pointer to the full JSON (schemas/spec-diff.schema.json).

With no base, the working tree is compared with the merge base of HEAD and the default branch (the
target of origin/HEAD, else main, else master), named in one line on standard error.

Examples:
  $ interspec diff                                        # what this branch changes, as its pull request would
  $ interspec diff origin/main...HEAD -w specs --json diff.json -o diff.md
  $ interspec diff main                                   # main against the working tree
  $ interspec diff old-spec/ new-spec/ --format json`)
        .action(async (base: string | undefined, head: string | undefined, flags: { format: 'markdown' | 'json', output?: string, json?: string, workspace?: string, config?: string }) => {
            exitCode = await runDiff({ ...io, base, head, format: flags.format, output: flags.output, json: flags.json, workspace: flags.workspace, configFile: flags.config });
        });

    program.command('init')
        .description('Create a workspace: interspec.yaml, a starter spec that passes check, and a GitHub Actions workflow.')
        .argument('[dir]', 'the folder of the new workspace', '.')
        .addHelpText('after', `
Refuses to overwrite any existing file (nothing is written then). A .gitignore that ignores
.interspec-cache (check --cache) is created, or the line appended to an existing one.

Examples:
  $ interspec init
  $ interspec init specs && interspec check specs`)
        .action(async (dir: string) => {
            exitCode = await runInit({ ...io, dir, version: VERSION });
        });

    program.command('import')
        .description('Write draft .ispec files from mapping sheets, HL7 v2 profiles, ConceptMaps, engine channels or captured messages.')
        .argument('<kind>', 'what the files are (the kinds are listed below)')
        .argument('<files...>', 'the files (or globs) to import')
        .option('--out <dir>', 'the folder the drafts are written to (default: the current folder)')
        .option('--interface <name>', 'the name of the interface to write')
        .option('--from <system>', 'the sending system (a name the workspace declares, or one the draft stubs)')
        .option('--to <system>', 'the receiving system')
        .option('--columns <pairs>', 'for a sheet: which column holds which value, e.g. source=V2 field,target=FHIR path', parseColumns)
        .option('--force', 'write over draft files that already exist')
        .addHelpText('after', () => `
Kinds:
${IMPORT_KIND_LIST.map(kind => `  ${kind.name.padEnd(14)} ${kind.summary}`).join('\n')}

Each value that could not be carried over becomes a // TODO comment where it belongs, naming where it came
from (sheet row, XPath, step). Systems and teams the output folder's specs do not declare are written as
stubs in import-stubs.ispec. Nothing is written if any draft file exists (unless --force) or an input
cannot be read. See docs/import.md.

Examples:
  $ interspec import csv mapping.csv --interface LabResults --from LIS --to EHR --out specs
  $ interspec import conceptmap conceptmap-status.json --out specs`)
        .action(async (kind: string, files: string[], flags: { out?: string, interface?: string, from?: string, to?: string, columns?: Record<string, string>, force?: boolean }) => {
            exitCode = await runImport({
                ...io, kind, files, out: flags.out, interfaceName: flags.interface, from: flags.from, to: flags.to,
                columns: flags.columns, force: flags.force === true
            });
        });

    program.command('rules')
        .description('List the conformance rules with their area, default and effective severity.')
        .addOption(new Option('-f, --format <format>', 'output format: text, json').argParser(oneOf(['text', 'json'] as const)).default('text'))
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

type GenerateFlags = { format?: never, out?: string, force?: boolean, workspace?: string, config?: string, summary?: boolean, revision?: string, samples?: string[], interface?: string };

/** `-w DIR` is kept as another way to give a path. */
function withWorkspace(paths: string[], workspace: string | undefined): string[] {
    return workspace === undefined ? paths : [...paths, workspace];
}

/**
 * `checklist [gate] [paths...]`: a first argument that exists on disk, or is not a gate name (has a slash, a dot
 * or a glob character), is a path, so `interspec checklist examples/lab-network` means every gate of it.
 */
function splitGate(gate: string | undefined, paths: string[], cwd: string): [string | undefined, string[]] {
    if (gate === undefined) {
        return [undefined, paths];
    }
    const isGateName = /^[_a-zA-Z][\w-]*$/.test(gate) && !existsSync(path.resolve(cwd, gate));
    return isGateName ? [gate, paths] : [undefined, [gate, ...paths]];
}

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
    if (error instanceof UserError || isUnknownGateError(error)) {
        process.stderr.write(`interspec: ${oneLine(error.message)}\n`);
        return ExitCode.Usage;
    }
    // Any system error (a file that cannot be read or written) is one line with its path and cause, never a trace.
    const io = ioError(error, process.cwd());
    if (io) {
        process.stderr.write(`interspec: ${oneLine(io.message)}\n`);
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

/**
 * Standard output and error: an error on either (ENOSPC on a full disk, EPIPE when the reader went away, EIO) is
 * recorded here instead of being an uncaught exception with a stack trace. Commands write through StreamOutput
 * and stop at the first failed write; whatever else wrote (commander's help, a line on standard error) is caught
 * here, and the run then exits 2: an output that could not be written is never a success, nor a GO.
 */
const streamFailures: Array<{ label: string, error: NodeJS.ErrnoException }> = [];
for (const [stream, label] of [[process.stdout, 'standard output'], [process.stderr, 'standard error']] as const) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        streamFailures.push({ label, error });
    });
}

/**
 * A signal that ends the run (Ctrl-C, a CI job's timeout, a closed terminal) removes the run's temporary files
 * before the process exits with 128 + the signal's number, so no output folder keeps a half-written file; the files
 * the run would have replaced are untouched. (SIGKILL cannot be caught: the next run removes what it left.)
 */
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGALRM', 'SIGUSR2'] as const) {
    process.on(signal, () => {
        removeTemporaries();
        try {
            process.stderr.write(`interspec: stopped by ${signal}; no output file was replaced by a partial one\n`);
        } catch {
            // Standard error is gone too.
        }
        process.exit(128 + (osConstants.signals[signal] ?? 0));
    });
}

let reported = false;
main(process.argv.slice(2)).then(code => {
    // A command that failed on standard output has said so (exit 2 with the line); anything else is said at exit.
    reported = code === ExitCode.Usage;
    process.exitCode = code;
});

// At exit, not when main returns: a stream's error arrives a tick after the write that failed.
process.on('exit', () => {
    if (!streamFailures.length) return;
    const stdout = streamFailures.find(failure => failure.label === 'standard output');
    if (stdout && !reported) {
        const cause = typeof stdout.error.code === 'string' ? ioCause(stdout.error as NodeJS.ErrnoException & { code: string }) : stdout.error.message;
        try {
            process.stderr.write(`interspec: standard output: ${cause}\n`);
        } catch {
            // Standard error is gone too.
        }
    }
    process.exitCode = ExitCode.Usage;
});
