import { LLStarLookaheadStrategy } from 'chevrotain-allstar';
import {
    getLookaheadPaths, NonTerminal, Terminal, type BaseParser, type IOrAlt, type IProduction, type LookaheadProductionType,
    type OptionalProductionType, type Rule, type TokenType
} from 'chevrotain';
import { createLangiumParser, type LangiumCoreServices } from 'langium';

type LookaheadFunction = (this: BaseParser, ...args: never[]) => number | boolean | undefined;

/**
 * The first token of each alternative of each decision of the grammar (`getLookaheadPaths` with one token of
 * lookahead, what the LL(*) strategy reads first), by the strategy's key `<rule>_<production type>_<occurrence>`:
 * token names, null where an alternative can match nothing.
 */
export type RecordedLookahead = Record<string, Array<Array<string | null>>>;

/** The recording that `npm run build` puts in the bundles (scripts/bundle.mjs); undefined in `out/`. */
declare const __INTERSPEC_RECORDED_LOOKAHEAD__: string | undefined;
const BUILT_LOOKAHEAD = typeof __INTERSPEC_RECORDED_LOOKAHEAD__ === 'string' ? __INTERSPEC_RECORDED_LOOKAHEAD__ : undefined;

/**
 * A parser configuration whose every read gives a new lookahead strategy: a strategy keeps the ATN of the parser
 * it was initialised for, and Langium builds more than one parser from one configuration (the completion parser).
 * `recorded` (by default the build's recording, `recordLookahead`) spares each decision's first-token computation.
 */
export function lazyLookaheadConfig(recorded: string | undefined = BUILT_LOOKAHEAD): { readonly lookaheadStrategy: LazyLookaheadStrategy } {
    let table: RecordedLookahead | undefined;
    return {
        get lookaheadStrategy() {
            table ??= recorded === undefined ? {} : JSON.parse(recorded) as RecordedLookahead;
            // Validations are skipped in production mode, where Langium silences the strategy's logging too.
            return new LazyLookaheadStrategy({ logging: () => undefined }, table);
        }
    };
}

/**
 * Langium's lookahead strategy (LL(*) from chevrotain-allstar), with each decision's lookahead function built the
 * first time the parser meets that decision instead of for every alternation and option of the grammar when the
 * parser is constructed: that was 40–55 ms of every start of `interspec check` (issue 28, cold start), most of it
 * for decisions a small spec never reaches. The ATN the functions read is still made in `initialize`.
 *
 * With a recording of the decisions' first tokens (`recorded`), a decision that one token decides gets the
 * function the strategy builds for it from the recording, without computing those tokens again (most of the
 * strategy's cost at a first parse: 15–35 ms for the `init` spec); any other decision, or one the recording does not
 * name in this grammar's tokens, gets the strategy's own. Every parse is the same (`test/language/lookahead.test.ts`,
 * `test/language/recorded-lookahead.test.ts`).
 */
export class LazyLookaheadStrategy extends LLStarLookaheadStrategy {
    private rules: Rule[] = [];
    private tokensByName: Map<string, TokenType> | undefined;

    constructor(options: ConstructorParameters<typeof LLStarLookaheadStrategy>[0], private readonly recorded: RecordedLookahead = {}) {
        super(options);
    }

    override initialize(options: { rules: Rule[] }): void {
        super.initialize(options);
        this.rules = options.rules;
    }

    override buildLookaheadForAlternation(options: { prodOccurrence: number, rule: Rule, maxLookahead: number, hasPredicates: boolean, dynamicTokensEnabled: boolean }): (this: BaseParser, orAlts?: IOrAlt<unknown>[]) => number | undefined {
        return lazily(() => {
            const alternatives = options.dynamicTokensEnabled ? undefined : this.firstTokens(options.rule, 'Alternation', options.prodOccurrence);
            return (alternatives !== undefined && isLL1Sequence(alternatives, false) ? ll1Alternation(alternatives, options.hasPredicates) : undefined)
                ?? super.buildLookaheadForAlternation(options) as LookaheadFunction;
        }) as (this: BaseParser, orAlts?: IOrAlt<unknown>[]) => number | undefined;
    }

    override buildLookaheadForOptional(options: { prodOccurrence: number, prodType: OptionalProductionType, rule: Rule, maxLookahead: number, dynamicTokensEnabled: boolean }): (this: BaseParser) => boolean {
        return lazily(() => {
            const alternatives = options.dynamicTokensEnabled ? undefined : this.firstTokens(options.rule, options.prodType, options.prodOccurrence);
            return (alternatives !== undefined && isLL1Sequence(alternatives) && alternatives[0][0] ? ll1Optional(alternatives[0]) : undefined)
                ?? super.buildLookaheadForOptional(options) as LookaheadFunction;
        }) as (this: BaseParser) => boolean;
    }

    /** A decision's recorded first tokens, with this grammar's token types; undefined when not recorded or unknown. */
    private firstTokens(rule: Rule, type: LookaheadProductionType, occurrence: number): Array<Array<TokenType | undefined>> | undefined {
        const recorded = this.recorded[`${rule.name}_${type}_${occurrence}`];
        if (recorded === undefined) return undefined;
        this.tokensByName ??= tokensOf(this.rules);
        const tokens = this.tokensByName;
        const alternatives = recorded.map(alternative => alternative.map(name => name === null ? undefined : tokens.get(name) ?? null));
        return alternatives.some(alternative => alternative.includes(null)) ? undefined : alternatives as Array<Array<TokenType | undefined>>;
    }
}

/** A function that builds `build()` on its first call and calls it with the same `this` every time. */
function lazily(build: () => LookaheadFunction): LookaheadFunction {
    let built: LookaheadFunction | undefined;
    return function (this: BaseParser, ...args: never[]) {
        built ??= build();
        return built.apply(this, args);
    };
}

/** The tokens the productions of `rules` consume, by name. */
function tokensOf(rules: readonly Rule[]): Map<string, TokenType> {
    const tokens = new Map<string, TokenType>();
    const visit = (production: IProduction) => {
        if (production instanceof Terminal) {
            tokens.set(production.terminalType.name, production.terminalType);
        } else if (!(production instanceof NonTerminal)) {
            (production as unknown as { definition: IProduction[] }).definition.forEach(visit);
        }
    };
    rules.forEach(visit);
    return tokens;
}

// What follows is chevrotain-allstar 0.3.1's (all-star-lookahead.js), which it does not export: its test of a
// decision one token decides and the functions it builds for one.

/** Whether one token tells the alternatives apart (an empty alternative ends its list, or fails when not allowed). */
function isLL1Sequence(sequences: Array<Array<TokenType | undefined>>, allowEmpty = true): boolean {
    const fullSet = new Set<number>();
    for (const alternative of sequences) {
        const altSet = new Set<number>();
        for (const token of alternative) {
            if (token === undefined) {
                if (allowEmpty) break;
                return false;
            }
            for (const index of [token.tokenTypeIdx!, ...token.categoryMatches!]) {
                if (fullSet.has(index)) {
                    if (!altSet.has(index)) return false;
                } else {
                    fullSet.add(index);
                    altSet.add(index);
                }
            }
        }
    }
    return true;
}

/** The alternation's function: the alternative of the next token's type, a gate that says no making it none. */
function ll1Alternation(alternatives: Array<Array<TokenType | undefined>>, hasPredicates: boolean): LookaheadFunction {
    const choiceToAlt: Record<number, number> = {};
    alternatives.forEach((alternative, index) => {
        for (const token of alternative) {
            if (token) {
                choiceToAlt[token.tokenTypeIdx!] = index;
                for (const category of token.categoryMatches!) choiceToAlt[category] = index;
            }
        }
    });
    if (hasPredicates) {
        return function (this: BaseParser, orAlts?: IOrAlt<unknown>[]) {
            const prediction = choiceToAlt[this.LA(1).tokenTypeIdx];
            if (orAlts !== undefined && prediction !== undefined) {
                const gate = orAlts[prediction]?.GATE;
                if (gate !== undefined && gate.call(this) === false) return undefined;
            }
            return prediction;
        } as LookaheadFunction;
    }
    return function (this: BaseParser) {
        return choiceToAlt[this.LA(1).tokenTypeIdx];
    };
}

/** The option's or repetition's function: whether the next token is one it starts with. */
function ll1Optional(first: Array<TokenType | undefined>): LookaheadFunction {
    if (first.length === 1 && first[0]!.categoryMatches!.length === 0) {
        const expected = first[0]!.tokenTypeIdx;
        return function (this: BaseParser) {
            return this.LA(1).tokenTypeIdx === expected;
        };
    }
    const choiceToAlt: Record<number, boolean> = {};
    for (const token of first) {
        if (token !== undefined) {
            choiceToAlt[token.tokenTypeIdx!] = true;
            for (const category of token.categoryMatches!) choiceToAlt[category] = true;
        }
    }
    return function (this: BaseParser) {
        return choiceToAlt[this.LA(1).tokenTypeIdx] === true;
    };
}

/**
 * The first tokens of every decision of the grammar of `services` (see `RecordedLookahead`), as JSON, from a parser
 * built with the LL(*) strategy, which meets every decision when it is built. The build embeds it in the bundles.
 */
export function recordLookahead(services: LangiumCoreServices): string {
    const recorded: RecordedLookahead = {};
    const record = (rule: Rule, prodType: LookaheadProductionType, occurrence: number) => {
        recorded[`${rule.name}_${prodType}_${occurrence}`] = getLookaheadPaths({ maxLookahead: 1, occurrence, prodType, rule })
            .map(alternative => alternative.map(path => path[0]?.name ?? null));
    };
    class Recorder extends LLStarLookaheadStrategy {
        override buildLookaheadForAlternation(options: { prodOccurrence: number, rule: Rule, maxLookahead: number, hasPredicates: boolean, dynamicTokensEnabled: boolean }) {
            record(options.rule, 'Alternation', options.prodOccurrence);
            return super.buildLookaheadForAlternation(options);
        }
        override buildLookaheadForOptional(options: { prodOccurrence: number, prodType: OptionalProductionType, rule: Rule, maxLookahead: number, dynamicTokensEnabled: boolean }) {
            record(options.rule, options.prodType, options.prodOccurrence);
            return super.buildLookaheadForOptional(options);
        }
    }
    const parser = { ...services.parser, ParserConfig: { lookaheadStrategy: new Recorder({ logging: () => undefined }) } };
    createLangiumParser(new Proxy(services, { get: (target, key) => key === 'parser' ? parser : Reflect.get(target, key) }));
    return JSON.stringify(recorded);
}
