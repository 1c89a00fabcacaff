import { InvalidArgumentError } from 'commander';
import { closestName } from '../../language-server/util/closest-name.js';

/**
 * An option parser that accepts one of `choices` and otherwise fails with the one wording every command uses:
 * "expected one of a, b, c; did you mean 'b'?" (commander prefixes the option and the value).
 */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
    return (value: string) => {
        if ((choices as readonly string[]).includes(value)) {
            return value as T;
        }
        throw new InvalidArgumentError(invalidChoice(value, choices));
    };
}

/** The message for a value that is not one of `choices`, with the closest choice when one is near. */
export function invalidChoice(value: string, choices: readonly string[]): string {
    const suggestion = closestName(value, choices);
    return `expected one of ${choices.join(', ')}${suggestion ? `; did you mean '${suggestion}'?` : '.'}`;
}
