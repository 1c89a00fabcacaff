import { prepareLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import {
    Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator,
    RepetitionWithSeparator, Rule, Terminal, type IProduction, type TokenType
} from 'chevrotain';

/** The follow sets of error recovery, by Chevrotain's key: `<called rule><occurrence>_~IN~_<calling rule>`. */
export type ResyncFollows = Record<string, TokenType[]>;

/** What this file reads and writes of Langium's Chevrotain parser (`LangiumParser.wrapper`), which is not public. */
interface ChevrotainInternals {
    recoveryEnabled: boolean;
    resyncFollows: ResyncFollows;
    gastProductionsCache: Record<string, Rule>;
    performSelfAnalysis(): void;
}

/**
 * Langium's `createLangiumParser`, except that the follow sets Chevrotain's error recovery reads are computed the
 * first time a parse recovers from a syntax error instead of when the parser is built: 15–20 ms of every start of
 * `interspec check` (issue 28, cold start), and a spec without a syntax error never needs them. The sets are the ones
 * Chevrotain computes (`computeResyncFollows`), so every parse and every recovery is the same
 * (`test/language/parser-construction.test.ts`).
 */
export function createInterspecParser(services: LangiumCoreServices): LangiumParser {
    const parser = prepareLangiumParser(services);
    deferFollowSets((parser as unknown as { wrapper: ChevrotainInternals }).wrapper);
    parser.finalize();
    return parser;
}

/**
 * Makes Chevrotain's self-analysis of `wrapper` skip the follow sets (it computes them only when recovery is enabled)
 * and gives the parser a `resyncFollows` that computes them from the recorded grammar on first read.
 */
function deferFollowSets(wrapper: ChevrotainInternals): void {
    if (!wrapper.recoveryEnabled) return;
    const analyse = wrapper.performSelfAnalysis;
    wrapper.performSelfAnalysis = function (this: ChevrotainInternals) {
        this.recoveryEnabled = false;
        try {
            analyse.call(this);
        } finally {
            this.recoveryEnabled = true;
        }
        let follows: ResyncFollows | undefined;
        Object.defineProperty(this, 'resyncFollows', {
            configurable: true,
            get: () => follows ??= computeResyncFollows(Object.values(this.gastProductionsCache)),
            set: (value: ResyncFollows) => { follows = value; }
        });
    };
}

/**
 * The follow set of every rule call of `rules` (Chevrotain 11's `computeAllProdsFollows`, which it does not export):
 * for the n-th call of rule B in rule A, key `B<n>_~IN~_A`, the tokens that can come first in what follows that call
 * inside A, in Chevrotain's order. Recovery resynchronises on them after a syntax error inside B.
 */
export function computeResyncFollows(rules: readonly Rule[]): ResyncFollows {
    const follows: ResyncFollows = {};
    for (const rule of rules) {
        walk(rule, [], (call, rest) => {
            follows[`${call.referencedRule.name}${call.idx}_~IN~_${rule.name}`] = first(new Alternative({ definition: rest }));
        });
    }
    return follows;
}

/**
 * Chevrotain's RestWalker: calls `onCall` for every rule call inside `production` with the productions that follow it
 * (`rest`: those after it in its sequence, then `outerRest`), a repetition followed by an optional copy of itself.
 */
function walk(production: { definition: IProduction[] }, outerRest: IProduction[], onCall: (call: NonTerminal, rest: IProduction[]) => void): void {
    production.definition.forEach((inner, index) => {
        const rest = production.definition.slice(index + 1).concat(outerRest);
        if (inner instanceof NonTerminal) {
            onCall(inner, rest);
        } else if (inner instanceof Terminal) {
            // nothing follows inside a token
        } else if (inner instanceof Alternative || inner instanceof Option) {
            walk(inner, rest, onCall);
        } else if (inner instanceof RepetitionMandatory || inner instanceof Repetition) {
            walk(inner, [new Option({ definition: inner.definition }) as IProduction].concat(rest), onCall);
        } else if (inner instanceof RepetitionMandatoryWithSeparator || inner instanceof RepetitionWithSeparator) {
            const again = new Option({ definition: [new Terminal({ terminalType: inner.separator }) as IProduction].concat(inner.definition) });
            walk(inner, [again as IProduction].concat(rest), onCall);
        } else if (inner instanceof Alternation) {
            // Each alternative alone: the next alternative does not follow the previous one.
            for (const alternative of inner.definition) {
                walk(new Alternative({ definition: [alternative] }), rest, onCall);
            }
        } else {
            throw new Error('non exhaustive match');
        }
    });
}

/** Chevrotain's `first`: the tokens a production can start with, in its order, without repeats. */
function first(production: IProduction): TokenType[] {
    if (production instanceof NonTerminal) {
        return first(production.referencedRule);
    } else if (production instanceof Terminal) {
        return [production.terminalType];
    } else if (production instanceof Alternation) {
        return [...new Set(production.definition.flatMap(first))];
    } else if (isSequence(production)) {
        // Up to and including the first production that cannot be empty.
        const tokens: TokenType[] = [];
        for (const inner of production.definition) {
            tokens.push(...first(inner));
            if (!isOptional(inner)) break;
        }
        return [...new Set(tokens)];
    }
    throw new Error('non exhaustive match');
}

/** Chevrotain's `isSequenceProd` (a Terminal is handled before it is asked). */
function isSequence(production: IProduction): production is IProduction & { definition: IProduction[] } {
    return production instanceof Alternative || production instanceof Option || production instanceof Repetition
        || production instanceof RepetitionMandatory || production instanceof RepetitionMandatoryWithSeparator
        || production instanceof RepetitionWithSeparator || production instanceof Rule;
}

/** Chevrotain's `isOptionalProd`: whether a production can match no token (a rule already on the path cannot). */
function isOptional(production: IProduction, visited: NonTerminal[] = []): boolean {
    if (production instanceof Option || production instanceof Repetition || production instanceof RepetitionWithSeparator) {
        return true;
    }
    if (production instanceof Alternation) {
        return production.definition.some(inner => isOptional(inner, visited));
    }
    if (production instanceof NonTerminal && visited.includes(production)) {
        return false;
    }
    if (production instanceof Terminal || !('definition' in production)) {
        return false;
    }
    if (production instanceof NonTerminal) {
        visited.push(production);
    }
    return (production.definition as IProduction[]).every(inner => isOptional(inner, visited));
}
