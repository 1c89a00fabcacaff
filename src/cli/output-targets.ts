import { InvalidArgumentError } from 'commander';
import { FORMATS, type FormatName } from './formatters/index.js';
import { UserError } from './user-error.js';
import { invalidChoice } from './choices.js';

/** Where one requested format goes: a file, or standard output when `file` is undefined. */
export interface OutputTarget {
    format: FormatName;
    file?: string;
}

/**
 * Pairs `--format` and `-o/--output` in the order they are written: each `-o FILE` sends the format named just
 * before it to FILE (`--format sarif -o out.sarif --format stylish`). Commander calls the parsers in argument
 * order, so this collector sees the pairs as the user wrote them.
 */
export class OutputTargets {
    readonly targets: OutputTarget[] = [];
    private pendingOutput?: string;

    addFormat = (value: string): OutputTarget[] => {
        if (!(FORMATS as readonly string[]).includes(value)) {
            throw new InvalidArgumentError(invalidChoice(value, FORMATS));
        }
        this.targets.push({ format: value as FormatName });
        return this.targets;
    };

    addOutput = (file: string): string => {
        const last = this.targets[this.targets.length - 1];
        if (!last) {
            // `-o FILE` with no `--format` yet: it belongs to the default format, unless a format follows.
            if (this.pendingOutput !== undefined) {
                throw new InvalidArgumentError('give each -o its own --format (write -o after the --format it belongs to).');
            }
            this.pendingOutput = file;
            return file;
        }
        if (last.file !== undefined) {
            throw new InvalidArgumentError(`--format ${last.format} already writes to ${last.file}; write --format before each -o.`);
        }
        last.file = file;
        return file;
    };

    /** The final list: stylish to standard output when no format was asked for; at most one format on stdout. */
    resolve(): OutputTarget[] {
        const targets = this.targets.length > 0 ? [...this.targets] : [{ format: 'stylish' as FormatName }];
        if (this.pendingOutput !== undefined) {
            if (this.targets.length > 0) {
                throw new UserError('-o must follow the --format it belongs to.');
            }
            targets[0].file = this.pendingOutput;
        }
        const onStdout = targets.filter(t => t.file === undefined);
        if (onStdout.length > 1) {
            throw new UserError(`only one format can go to standard output (${onStdout.map(t => t.format).join(', ')}); give the others -o FILE.`);
        }
        return targets;
    }
}
